"""Fixtures of the Django backend tests: `emit(spec_text)` → {path: content}."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "djsc_django_support", Path(__file__).with_name("support.py")
)
support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(support)


@pytest.fixture
def emit():
    def run(text: str, spec: str = "shop.djs") -> dict[str, str]:
        files, diagnostics = support.emit_tree(text, spec)
        errors = [d for d in diagnostics.sorted() if d.is_error]
        assert not errors, errors
        return {path: f.content for path, f in files.items()}

    return run


@pytest.fixture
def emit_diagnostics():
    def run(text: str, spec: str = "shop.djs"):
        return support.emit_tree(text, spec)[1]

    return run


@pytest.fixture
def build_and_gate():
    """Build a spec with the CLI and pass the project's gates; the output folder."""
    return support.build_and_gate


@pytest.fixture
def passes_on_postgres():
    return support.passes_on_postgres


@pytest.fixture
def e2e_services():
    """tests/e2e/services.py: PostgreSQL and `manage.py` helpers for generated projects."""
    return support.e2e_services()


@pytest.fixture
def run_in():
    """run_in(out, args): a command in a generated project on its test settings."""
    return support.run_in
