"""The diagnostics corpus: every `cases/*.djs` against its rendered `.out` file.

A case is named `<CODE>-<slug>.djs` and must report that code.  The expected
rendering sits beside it (Prisma's spec-with-expected-errors style), so each case is
one reviewable pair.  `DJSC_UPDATE_CASES=1` rewrites the `.out` files; review the
diff before committing.

A case whose code the front end does not report is a backend rule (the Django
backend's names, DJS08xx): it is rendered as `djsc check` prints it, with the
Django backend's checks run after a clean front end.  Other cases show the front
end alone, so a backend's progress (fewer DJS0803 warnings) leaves them alone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from djsc.backends import get_backend
from djsc.backends.base import EmitOptions
from djsc.build import backend_check
from djsc.diagnostics.render import render
from djsc.pipeline import Compilation, compile_files

CASES = Path(__file__).parent / "cases"
UPDATE = os.environ.get("DJSC_UPDATE_CASES") == "1"


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.djs"))


def case_code(path: Path) -> str:
    return path.stem.split("-", 1)[0]


def reported_by_the_backend(compilation: Compilation, code: str) -> bool:
    return compilation.ok and code not in {d.code for d in compilation.diagnostics}


def rendered(path: Path) -> tuple[str, list[str]]:
    cwd = os.getcwd()
    os.chdir(path.parent)  # diagnostics show paths relative to the working directory
    try:
        compilation = compile_files([path.name])
        if reported_by_the_backend(compilation, case_code(path)):
            backend_check(get_backend("django"), compilation, path.name, EmitOptions())
    finally:
        os.chdir(cwd)
    diags = compilation.diagnostics.sorted()
    return "".join(render(d, compilation.sources) + "\n" for d in diags), [d.code for d in diags]


@pytest.mark.parametrize("case", case_files(), ids=lambda p: p.stem)
def test_case(case: Path) -> None:
    text, found = rendered(case)
    code = case_code(case)
    assert code in found, f"{case.name} should report {code}, reported {found}"
    expected_file = case.with_suffix(".out")
    if UPDATE or not expected_file.exists():
        expected_file.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"wrote new expectation {expected_file.name}; review it and re-run")
    assert text == expected_file.read_text(encoding="utf-8")


def test_every_case_has_an_expectation() -> None:
    orphans = [p.name for p in CASES.glob("*.out") if not p.with_suffix(".djs").exists()]
    assert not orphans, f"expectations without a case: {orphans}"
