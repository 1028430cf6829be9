"""Diagnostics as the Language Server Protocol's `Diagnostic` objects.

Positions are 0-based lines and UTF-16 code units (the LSP default encoding), via
`SourceFile.utf16_position`.  Secondary labels become `relatedInformation`; the code
links to its long explanation through `codeDescription`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from djsc.diagnostics.model import Diagnostic, Label, Severity
from djsc.source import SourceMap, Span

SEVERITY = {Severity.ERROR: 1, Severity.WARNING: 2}
UNNECESSARY = 1  # DiagnosticTag.Unnecessary: editors fade the code instead of underlining
_UNUSED_CODES = frozenset({"DJS0120", "DJS0121"})


def file_uri(path: str) -> str:
    """The URI of a spec path as diagnostics name it (relative to the working directory)."""
    if "://" in path:
        return path
    return Path(path).resolve().as_uri()


def explanation_uri(code: str) -> str | None:
    """A `file:` URI of the code's explanation, where one has been written."""
    resource = files("djsc.diagnostics.explain").joinpath(f"{code}.md")
    try:
        return Path(str(resource)).resolve().as_uri() if resource.is_file() else None
    except (OSError, ValueError):  # a zipped install has no file to point at
        return None


def lsp_range(span: Span, sources: SourceMap) -> dict:
    source = sources.get(span.file)
    if source is None:
        zero = {"line": 0, "character": 0}
        return {"start": zero, "end": dict(zero)}
    start = source.utf16_position(span.start)
    end = source.utf16_position(max(span.start, span.end))
    return {
        "start": {"line": start[0], "character": start[1]},
        "end": {"line": end[0], "character": end[1]},
    }


def to_lsp(
    diagnostic: Diagnostic, sources: SourceMap, uri_for: Callable[[str], str] = file_uri
) -> dict:
    """One diagnostic as an LSP `Diagnostic` dict, ready for `textDocument/publishDiagnostics`."""
    lines = [diagnostic.message]
    if diagnostic.primary.message:
        lines.append(diagnostic.primary.message)
    lines += [f"note: {note}" for note in diagnostic.notes]
    if diagnostic.help:
        lines.append(f"help: {diagnostic.help}")
    result: dict = {
        "range": lsp_range(diagnostic.primary.span, sources),
        "severity": SEVERITY[diagnostic.severity],
        "code": diagnostic.code,
        "source": "djsc",
        "message": "\n".join(lines),
    }
    href = explanation_uri(diagnostic.code)
    if href:
        result["codeDescription"] = {"href": href}
    if diagnostic.code in _UNUSED_CODES:
        result["tags"] = [UNNECESSARY]
    related = [_related(lab, sources, uri_for) for lab in diagnostic.secondary]
    if related:
        result["relatedInformation"] = related
    return result


def _related(label: Label, sources: SourceMap, uri_for: Callable[[str], str]) -> dict:
    return {
        "location": {"uri": uri_for(label.span.file), "range": lsp_range(label.span, sources)},
        "message": label.message or "related location",
    }


__all__ = ["to_lsp", "lsp_range", "file_uri", "explanation_uri", "SEVERITY"]
