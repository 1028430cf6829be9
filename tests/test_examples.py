"""The example specs and the language reference stay valid.

Every spec under `examples/` must compile with no diagnostic at all (not even a
warning), both in-process and through the `djsc check` command a user runs; every
```djs snippet of docs/language.md must at least parse.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from djsc.diagnostics.render import render
from djsc.pipeline import compile_files
from djsc.source import SourceFile
from djsc.syntax.parser import parse

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LANGUAGE_DOC = ROOT / "docs" / "language.md"

# A fenced block opened by ```djs (optionally with more words after it).
_SNIPPET = re.compile(r"^```djs[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def example_specs() -> list[Path]:
    """The entry file of every example: each top-level spec, and `main.djs` of each
    multi-file folder (its other files are only meaningful through `use`)."""
    singles = sorted(EXAMPLES.glob("*.djs"))
    folders = sorted(p for p in EXAMPLES.glob("*/main.djs"))
    return singles + folders


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_four_required_examples_exist() -> None:
    names = {p.name for p in example_specs()}
    assert {"blog.djs", "shop.djs", "chat.djs", "bank.djs"} <= names
    assert (EXAMPLES / "library" / "common.djs").exists()


@pytest.mark.parametrize("spec", example_specs(), ids=_rel)
def test_example_compiles_without_diagnostics(spec: Path) -> None:
    compilation = compile_files([str(spec)])
    shown = "".join(render(d, compilation.sources) + "\n" for d in compilation.diagnostics.sorted())
    assert not compilation.diagnostics.sorted(), f"{_rel(spec)} reported:\n{shown}"
    assert compilation.program.entities, "an example must declare entities"


def test_multi_file_example_reads_both_files() -> None:
    compilation = compile_files([str(EXAMPLES / "library" / "main.djs")])
    assert len(list(compilation.sources)) == 2, "main.djs and common.djs should both be read"
    names = {e.name.text for e in compilation.program.entities}
    assert "Member" in names, "the entity from common.djs did not arrive through `use`"
    assert "Loan" in names


def test_djsc_check_cli_accepts_every_example() -> None:
    specs = [_rel(p) for p in example_specs()]
    result = subprocess.run(
        # The examples show the whole language, ahead of what the backend enforces.
        [sys.executable, "-m", "djsc", "check", "--format", "json"] + specs,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    # Only the backend's warnings (its roadmap): the front end finds nothing wrong.
    assert all(d["code"].startswith("DJS08") for d in found), result.stdout
    assert all(d["severity"] == "warning" for d in found), result.stdout


def test_examples_use_doc_comments() -> None:
    for spec in example_specs():
        assert "///" in spec.read_text(encoding="utf-8"), f"{_rel(spec)} has no doc comment"


def doc_snippets() -> list[tuple[int, str]]:
    """(line number, text) of every ```djs block of the language reference."""
    text = LANGUAGE_DOC.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in _SNIPPET.finditer(text)]


def test_language_doc_has_snippets() -> None:
    # A broken fence pattern must not turn the snippet test into a silent no-op.
    assert len(doc_snippets()) >= 20


def test_language_doc_snippets_parse() -> None:
    failures = []
    for line, snippet in doc_snippets():
        result = parse(SourceFile(f"language.md:{line}", snippet))
        for d in result.diagnostics:
            failures.append(f"docs/language.md snippet at line {line}: {d.message}")
    assert not failures, "\n".join(failures)
