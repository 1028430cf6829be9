"""Golden cases: each `cases/NAME.in.djs` formats to `cases/NAME.out.djs`.

Set DJSC_UPDATE_GOLDEN=1 to (re)write the expected outputs, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from djsc.format.printer import format_text

CASES = Path(__file__).parent / "cases"
INPUTS = sorted(CASES.glob("*.in.djs"))


def test_there_are_golden_cases():
    assert len(INPUTS) >= 6


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name.removesuffix(".in.djs"))
def test_golden(path: Path):
    expected_path = path.with_name(path.name.replace(".in.djs", ".out.djs"))
    actual = format_text(path.read_text(), path.name)
    if os.environ.get("DJSC_UPDATE_GOLDEN") == "1":
        expected_path.write_text(actual)
    assert actual == expected_path.read_text()


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name.removesuffix(".in.djs"))
def test_golden_output_is_a_fixed_point(path: Path):
    expected_path = path.with_name(path.name.replace(".in.djs", ".out.djs"))
    expected = expected_path.read_text()
    assert format_text(expected, expected_path.name) == expected
