"""The diagnostic registry: well-formed, documented and exercised by a case."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from djsc.cli import main
from djsc.diagnostics.codes import lookup, registry

EXPLAIN = Path(__file__).parents[2] / "compiler" / "diagnostics" / "explain"
CASES = Path(__file__).parent / "cases"
# Emit, backend and internal codes need a build or a bug to trigger, not a spec.
# DJS0004 needs a file over 8 MiB: tests/test_robustness.py writes one to a temp folder.
NO_CASE_NEEDED = re.compile(r"DJS(0004|07\d\d|08\d\d|0900)$")
# Every code, the built-in backends' own (`djsc.backends.django.codes`) included.
REGISTRY = registry()


def test_ids_are_well_formed_and_keys_match() -> None:
    for key, code in REGISTRY.items():
        assert re.fullmatch(r"DJS\d{4}", code.id), code.id
        assert key == code.id


def test_names_are_kebab_case_and_unique() -> None:
    names = [c.name for c in REGISTRY.values()]
    for name in names:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name
    assert len(names) == len(set(names))


def test_messages_start_lowercase_without_trailing_period() -> None:
    for code in REGISTRY.values():
        first = code.message.lstrip("`{")[:1]
        assert not first.isupper(), code.id
        assert not code.message.endswith("."), code.id


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_code_is_explained(code: str) -> None:
    assert (EXPLAIN / f"{code}.md").is_file(), f"write compiler/diagnostics/explain/{code}.md"


@pytest.mark.parametrize("code", sorted(c for c in REGISTRY if not NO_CASE_NEEDED.match(c)))
def test_every_code_has_a_case(code: str) -> None:
    assert list(CASES.glob(f"{code}*.djs")), f"add tests/diagnostics/cases/{code}-<slug>.djs"


def test_lookup_by_id_and_name() -> None:
    assert lookup("DJS0001") is lookup("djs0001") is lookup("unexpected-token")
    assert lookup("DJS9999") is None and lookup("no-such-name") is None


def test_explain_prints_the_text(capsys) -> None:
    assert main(["explain", "DJS0010"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("DJS0010 (unterminated, error)")
    assert (EXPLAIN / "DJS0010.md").read_text(encoding="utf-8") in out


def test_explain_by_kebab_name(capsys) -> None:
    assert main(["explain", "use-cycle"]) == 0
    assert capsys.readouterr().out.startswith("DJS0009 (use-cycle, error)")


def test_explain_unknown_code_is_a_usage_error(capsys) -> None:
    assert main(["explain", "DJS9999"]) == 2
    captured = capsys.readouterr()
    assert "DJS9999" in captured.err and captured.out == ""
