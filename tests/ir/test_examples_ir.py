"""Snapshots of the lowered IR of every example (`djsc dump-ir`).

A change to parsing or lowering shows up here as a reviewable diff; regenerate with
`pytest tests/ir/test_examples_ir.py --snapshot-update` and read the diff before
committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from djsc.ir.dump import dump
from djsc.pipeline import compile_files

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def example_specs() -> list[Path]:
    return sorted(EXAMPLES.glob("*.djs")) + sorted(EXAMPLES.glob("*/main.djs"))


@pytest.mark.parametrize("spec", example_specs(), ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_ir(spec: Path, snapshot) -> None:
    compilation = compile_files([str(spec)])
    assert compilation.ok, [d.message for d in compilation.diagnostics.sorted()]
    assert dump(compilation.program) == snapshot
