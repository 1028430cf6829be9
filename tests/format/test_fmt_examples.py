"""Every example spec and fixture: formatting is idempotent and keeps the program.

`examples/**/*.djs` is globbed, so new examples are covered without editing this file.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from djsc.format.printer import format_text
from djsc.ir import nodes as ir
from djsc.source import SourceFile
from djsc.syntax.parser import parse

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
SPECS = sorted(
    [
        *(ROOT / "examples").rglob("*.djs"),
        *(HERE / "fixtures").glob("*.djs"),
        *(HERE / "cases").glob("*.djs"),
    ]
)


def _parsed(text: str, name: str):
    result = parse(SourceFile(name, text))
    assert not result.diagnostics, [d.message for d in result.diagnostics]
    return ir.Program(decls=result.decls), Counter(c.text.rstrip() for c in result.comments)


def test_the_fixture_corpus_is_not_empty():
    assert any(p.parent.name == "fixtures" for p in SPECS)


@pytest.mark.parametrize("path", SPECS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_format_is_idempotent_and_faithful(path: Path):
    text = path.read_text()
    once = format_text(text, path.name)
    assert format_text(once, path.name) == once
    assert _parsed(once, path.name) == _parsed(text, path.name)
