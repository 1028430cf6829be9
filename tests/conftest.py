"""Shared fixtures: compiling specs held in memory."""

from __future__ import annotations

import os

import pytest

from djsc.pipeline import compile_source

REQUIRE_SERVICES = os.environ.get("DJSC_REQUIRE_SERVICES") == "1"


@pytest.fixture
def compile_spec():
    """compile_spec(text) -> Compilation (diagnostics, lowered program, sources)."""

    def run(text: str, path: str = "spec.djs"):
        return compile_source(text, path)

    return run


def codes_of(compilation) -> list[str]:
    return [d.code for d in compilation.diagnostics.sorted()]
