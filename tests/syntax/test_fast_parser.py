"""The Cython fast path must build exactly what the pure-Python parser builds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from djsc.diagnostics.model import Diagnostics
from djsc.ir.walk import iter_nodes
from djsc.loader import load_text
from djsc.syntax import parser as parser_module

ROOT = Path(__file__).resolve().parents[2]
SPECS = sorted(ROOT.glob("examples/**/*.djs")) + [ROOT / "tests" / "fixtures" / "sample.djs"]

pytest.importorskip("lark_cython")


def _generated_spec() -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench_check
    finally:
        sys.path.pop(0)
    return bench_check.generate(25)


def _shape(text: str, path: str) -> tuple[list, list]:
    loaded = load_text(text, Diagnostics(), path)
    nodes = [(type(n).__name__, n, n.span) for n in iter_nodes(loaded.program)]
    return nodes, list(loaded.comments[path])


@pytest.mark.parametrize(
    "name, text",
    [(p.name, p.read_text(encoding="utf-8")) for p in SPECS] + [("bench-25", _generated_spec())],
)
def test_fast_and_pure_parsers_agree(name: str, text: str, monkeypatch) -> None:
    assert parser_module._fast_parser() is not None
    fast = _shape(text, name)
    monkeypatch.setenv("DJSC_PURE_PARSER", "1")
    assert parser_module._fast_parser() is None
    pure = _shape(text, name)
    assert fast == pure  # nodes, spans (compared explicitly) and comments


def test_syntax_errors_fall_back_to_the_reporting_parser() -> None:
    loaded_diagnostics = Diagnostics()
    load_text("entity A { x: }\nentity B { y: Int }\n", loaded_diagnostics, "bad.djs")
    found = [(d.code, d.primary.span.start) for d in loaded_diagnostics.sorted()]
    assert found == [("DJS0001", 14)]
