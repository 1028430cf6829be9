"""Fixtures for pass tests: compile a small spec, read its codes or its lowered IR."""

from __future__ import annotations

import pytest

from djsc.ir import invariants
from djsc.pipeline import compile_source


@pytest.fixture
def codes():
    """codes(text) -> the diagnostic codes `text` produces, in report order."""

    def run(text: str) -> list[str]:
        return [d.code for d in compile_source(text).diagnostics.sorted()]

    return run


@pytest.fixture
def diagnose():
    """diagnose(text) -> [(code, underlined source text, help)] for every diagnostic."""

    def run(text: str) -> list[tuple[str, str, str | None]]:
        found = compile_source(text).diagnostics.sorted()
        return [(d.code, text[d.primary.span.start : d.primary.span.end], d.help) for d in found]

    return run


@pytest.fixture
def lower():
    """lower(text) -> the lowered program of a spec that must compile without errors."""

    def run(text: str):
        compilation = compile_source(text)
        errors = [f"{d.code} {d.message}" for d in compilation.diagnostics.errors]
        assert not errors, errors
        invariants.check(compilation.program)
        return compilation.program

    return run
