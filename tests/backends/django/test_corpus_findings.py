"""Bugs the corpus of new-domain specs found (issue 7), each with its smallest spec.

1. a `pattern` field's samples ignored `length(min, …)` (the shortest match, "a");
2. a unique Slug/Email/URL with a pattern got one constant factory value;
3. numeric `choices(…)` were emitted as strings (`IntegerField(choices=[("1", …)])`),
   so the range validators compared "1" < 0;
4. a self many-to-many without an inverse end failed `manage.py check` (fields.W345);
5. `min`/`max` on dates, times and durations were dropped without a word;
6. `queue: Q? = null` crashed `djsc check`.
Each spec is built and its project passes ruff, `manage.py check`, its migrations and
its own tests.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from djsc.backends.django.viewmodels import values as v
from djsc.pipeline import compile_source

SPECS = {
    "length-and-pattern": """
app people { title "People" }
entity Person {
  handle: String(30) unique pattern("^[a-z0-9_]+$") length(3, 30)
  code: String(14) unique pattern("^[0-9]+$") length(8, 14)
}""",
    "unique-slug-pattern": """
app orgs { title "Orgs" }
entity Org { slug: Slug unique pattern("^[a-z]+$")  contact: Email unique }""",
    "numeric-choices": """
app tasks { title "Tasks" }
entity Task { points: Int? choices(1, 2, 3)  weight: Decimal(3, 1) = 1.5 choices(1.5, 2.5) }""",
    "self-many-to-many": """
app store { title "Store" }
entity Product { name: String(100) }
relation many_to_many Product.related -> Product""",
    "temporal-bounds": """
app clinic { title "Clinic" }
entity Patient {
  born_on: Date min("1900-01-01") filter
  visit_at: DateTime? min("2025-06-01T00:00") filter order
  opens: Time = "08:00" min("06:00") max("20:00")
  wait: Duration = 1h min(5m) max(2h)
}""",
    "null-default-reference": """
app desk { title "Desk" }
entity Queue { name: String(20) }
entity Ticket { queue: Queue? = null }""",
}


def test_resized_values_keep_the_pattern() -> None:
    assert v.resized("a", "^[a-z0-9_]+$", 3) == "aaa"
    seven = v.resized("AA000", "^[A-Z]{2,4}[0-9]{3}$", 7)
    assert seven is not None and len(seven) == 7 and re.fullmatch("^[A-Z]{2,4}[0-9]{3}$", seven)
    assert v.resized("AA000", "^[A-Z]{2,4}[0-9]{3}$", 4) is None  # the pattern forbids it
    assert v.resized("abcd", "^[a-z]+$", 2) == "ab"


def test_samples_fit_length_and_pattern_together(emit) -> None:
    factories = emit(SPECS["length-and-pattern"], "people.djs")["people/tests/factories.py"]
    payload = re.search(r'"handle": "([^"]*)"', factories).group(1)
    assert len(payload) >= 3 and re.fullmatch("^[a-z0-9_]+$", payload)
    tests = emit(SPECS["length-and-pattern"], "people.djs")["people/tests/test_serializers.py"]
    # the too-short value matches the pattern, so only the length rule refuses it
    assert 'handle="aa"' in tests


def test_numeric_choices_are_numbers(emit) -> None:
    models = emit(SPECS["numeric-choices"], "tasks.djs")["tasks/models.py"]
    assert '(1, "1"), (2, "2"), (3, "3")' in models
    assert 'Decimal("1.5")' in models


def test_a_self_many_to_many_is_one_way(emit) -> None:
    models = emit(SPECS["self-many-to-many"], "store.djs")["store/models.py"]
    field = next(line for line in models.splitlines() if "related =" in line)
    assert "symmetrical=False" in field


def test_temporal_bounds_become_validators(emit) -> None:
    tree = ast.parse(emit(SPECS["temporal-bounds"], "clinic.djs")["clinic/models.py"])
    source = ast.unparse(tree)
    assert "MinValueValidator(datetime.date(1900, 1, 1))" in source
    assert "MaxValueValidator(datetime.time(20, 0))" in source
    assert "MinValueValidator(datetime.timedelta(seconds=300))" in source


def test_a_null_default_on_an_optional_reference_compiles() -> None:
    compilation = compile_source(SPECS["null-default-reference"], "desk.djs")
    assert not [d for d in compilation.diagnostics.sorted() if d.is_error]


@pytest.mark.e2e
def test_every_finding_builds_a_project_that_passes_its_gates(
    tmp_path: Path, build_and_gate
) -> None:
    for name, spec in SPECS.items():
        (tmp_path / name).mkdir()
        build_and_gate(spec, tmp_path / name, name.replace("-", "_"))
