"""`today()` as the default of a Date field (issue 7): the reference allows it."""

from __future__ import annotations

import pytest

from djsc.backends.django.viewmodels import values


def entity(field: str) -> str:
    return f"entity Note {{\n  body: Text\n  {field}\n}}\n"


@pytest.mark.parametrize("field", ["d: Date = today()", "d: Date? = today()", "d: Date = now()"])
def test_today_is_a_date_default(field, codes):
    assert codes(entity(field)) == []


@pytest.mark.parametrize(
    "field", ["t: DateTime = today()", "t: Time = today()", "d: Date = today(1)"]
)
def test_today_fits_only_a_date(field, codes):
    assert "DJS0202" in codes(entity(field))


def test_a_bound_of_today_is_unchanged(codes):
    # Only the default was meant to accept it; no backend emits a `today()` validator.
    assert codes(entity("d: Date min(today())")) == ["DJS0208"]


@pytest.mark.parametrize(
    ("func", "code"), [("today", "timezone.localdate"), ("now", "timezone.now")]
)
def test_call_defaults_are_callables_evaluated_per_row(func, code):
    # `date.today()` in the model would freeze the date the server started on.
    assert values.call_default(func) == ("timezone", code)
    assert values.call_default("len") is None


def _django_support():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parents[1] / "backends/django/support.py"
    spec = importlib.util.spec_from_file_location("djsc_django_support", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_django_model_calls_localdate_per_row():
    files, diagnostics = _django_support().emit_tree(entity("d: Date = today()"), "notes.djs")
    assert not [d for d in diagnostics.sorted() if d.is_error]
    models = next(f.content for path, f in files.items() if str(path).endswith("models.py"))
    assert "d = models.DateField(default=timezone.localdate" in models
