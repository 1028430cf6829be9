"""`ruff format` (after ruff's import sorting) over the emitted Python.

Every `.py` file of the tree is formatted, whichever feature emitted it; features
only need to emit valid Python.  Ruff runs once per build on temporary copies laid
out like the output folder, next to the tree's own `pyproject.toml` / `ruff.toml`,
so the result is what `ruff format --check` in the generated project expects.
Without ruff installed the text is left as emitted (deterministic either way).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from djsc.emit.tree import FileTree

CONFIG_FILES = ("pyproject.toml", "ruff.toml", ".ruff.toml")
_TIMEOUT = 120


class FormatError(Exception):
    """Ruff rejected generated code (a backend bug: it emitted invalid Python)."""


def ruff_command() -> list[str] | None:
    """How to run ruff: the one installed beside djsc first, then one on PATH."""
    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    found = shutil.which("ruff")
    return [found] if found else None


def format_sources(sources: dict[str, str], config: dict[str, str]) -> dict[str, str]:
    """`{path: formatted text}` for `{path: text}`; `config` maps config file names at
    the project root to their text."""
    command = ruff_command()
    if command is None or not sources:
        return dict(sources)
    with tempfile.TemporaryDirectory(prefix="djsc-format-") as tmp:
        root = Path(tmp)
        for name, text in config.items():
            (root / name).write_text(text, encoding="utf-8")
        for path, text in sources.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        # Without a config of the project, ignore any the machine has: determinism.
        isolated = [] if config else ["--isolated"]
        files = sorted(sources)
        # Imports are sorted first (the isort rules only), so templates need not
        # know the final order of imports that depend on the spec.
        _run(
            [
                *command,
                "check",
                "--no-cache",
                *isolated,
                "--select",
                "I",
                "--fix",
                "--exit-zero",
                "--quiet",
                "--",
                *files,
            ],
            root,
        )
        result = _run([*command, "format", "--no-cache", *isolated, "--", *files], root)
        if result.returncode != 0:
            raise FormatError(result.stderr.strip() or result.stdout.strip())
        return {path: (root / path).read_text(encoding="utf-8") for path in sources}


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=_TIMEOUT, check=False
    )


def project_config(tree: FileTree) -> dict[str, str]:
    """The ruff configuration files at the root of `tree`."""
    found = {}
    for name in CONFIG_FILES:
        file = tree.get(name)
        # A pyproject.toml without a ruff table does not configure ruff.
        if file is not None and (name != "pyproject.toml" or "[tool.ruff" in file.content):
            found[name] = file.content
    return found


def format_python(tree: FileTree) -> None:
    """Format every `.py` file of `tree` in place."""
    sources = {str(f.path): f.content for f in tree if f.path.suffix == ".py"}
    for path, text in format_sources(sources, project_config(tree)).items():
        if text != sources[path]:
            tree.replace_content(path, text)
