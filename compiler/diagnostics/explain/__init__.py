"""Long explanations of diagnostic codes, one Markdown file per code."""

from __future__ import annotations

from importlib.resources import files

from djsc.diagnostics.codes import lookup


def explanation(code: str) -> str | None:
    """The text `djsc explain CODE` prints, or None for an unknown code."""
    found = lookup(code)
    if found is None:
        return None
    resource = files(__name__).joinpath(f"{found.id}.md")
    header = f"{found.id} ({found.name}, {found.severity.value})\n\n"
    if not resource.is_file():
        return header + f"{found.message}\n\nNo long explanation has been written yet.\n"
    return header + resource.read_text(encoding="utf-8")
