"""Fields named like a module the generated code imports (`timezone`, `uuid`, `models`…).

A class body reads its own attributes first, so `default=timezone.now` below a field
`timezone` read the field.  These names used to be refused (DJS0108); now a module
whose class body would read a shadowed import imports it as `timezone_`
(`backends/django/shadowing.py`), and every name the checks accept builds.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from djsc.backends.base import EmitOptions
from djsc.backends.django import BACKEND
from djsc.backends.django.shadowing import unshadow
from djsc.build import backend_check
from djsc.pipeline import compile_source

IMPORTED = ["models", "uuid", "datetime", "timezone", "settings", "decimal", "Decimal"]
IMPORTED += ["json", "re", "factory", "serializers", "filters", "MinValueValidator"]


def refused(text: str) -> list[str]:
    """The names the backend's check refuses in `text` (DJS0108)."""
    compilation = compile_source(text)
    assert compilation.ok, [d.message for d in compilation.diagnostics]
    backend_check(BACKEND, compilation, "spec.djs", EmitOptions(allow_unenforced_access=True))
    return [d.message for d in compilation.diagnostics.sorted() if d.code == "DJS0108"]


@pytest.mark.parametrize("name", IMPORTED)
def test_a_field_may_be_named_like_an_import_of_the_generated_code(name: str) -> None:
    assert refused(f"entity Doc {{ {name}: String(20) filter }}\n") == []


@pytest.mark.parametrize(
    "spec",
    [
        # `author = factory.SubFactory(AuthorFactory)` below a field `factory`.
        "entity A { x: Int }\nentity N { factory: Int  a: A }",
        # `serializers.PrimaryKeyRelatedField(…)` below a relation end `serializers`.
        "entity N { x: Int }\nrelation many_to_one N.serializers? -> N",
    ],
)
def test_a_relation_may_follow_a_field_named_like_an_import(spec: str) -> None:
    assert refused(spec) == []


def test_an_import_a_later_line_would_read_through_a_field_is_aliased() -> None:
    source = (
        "import uuid\n"
        "from django.db import models\n"
        "from django.utils import timezone\n\n\n"
        "class Clock(models.Model):\n"
        "    uuid = models.UUIDField()\n"
        "    models = models.IntegerField()\n"
        "    timezone = models.DateTimeField(default=timezone.now)\n"
        "    id = models.UUIDField(default=uuid.uuid4)\n\n"
        "    def save(self, *args, **kwargs):\n"
        "        self.timezone = timezone.now()\n"
    )
    assert unshadow(source) == (
        "import uuid as uuid_\n"
        "from django.db import models as models_\n"
        "from django.utils import timezone\n\n\n"
        "class Clock(models_.Model):\n"
        "    uuid = models_.UUIDField()\n"
        "    models = models_.IntegerField()\n"
        "    timezone = models_.DateTimeField(default=timezone.now)\n"
        "    id = models_.UUIDField(default=uuid_.uuid4)\n\n"
        "    def save(self, *args, **kwargs):\n"
        "        self.timezone = timezone.now()\n"
    )


def test_a_module_without_a_clash_is_unchanged_and_locals_are_left_alone() -> None:
    plain = "import uuid\n\n\nclass A:\n    id = uuid.uuid4\n"
    assert unshadow(plain) == plain
    source = (
        "import uuid\n\n\n"
        "class A:\n"
        "    uuid = 1\n"
        "    b = uuid.uuid4\n\n"
        "    def f(self, uuid):\n"
        "        return uuid\n\n"
        "    def g(self):\n"
        "        return [uuid for uuid in range(2)], uuid.uuid4()\n"
    )
    out = unshadow(source)
    assert "import uuid as uuid_\n" in out and "    b = uuid_.uuid4\n" in out
    assert "        return uuid\n" in out
    assert "return [uuid for uuid in range(2)], uuid_.uuid4()" in out


def test_the_alias_is_a_name_the_module_does_not_use() -> None:
    source = "import re\n\n\nclass A:\n    re = 1\n    re_ = 2\n    b = re.compile\n"
    assert "import re as re_module\n" in unshadow(source)
    assert "    b = re_module.compile\n" in unshadow(source)


SPEC = """
enum Level { low  high }

entity Clock {
  timezone: DateTime = now()
  uuid: UUID unique
  id: UUID
  settings: String(40) = "x"
  datetime: DateTime = now()
  decimal: Decimal(8, 2) = 1.50
  models: String(20) = "m"
  json: JSON?
  re: String(20)?
  factory: String(20)?
  serializers: String(20)?
  MinValueValidator: Int = 3 min(1)
  day: Date = today()
  price: Decimal(8, 2) = 2.25 min(0) choices(2.25, 3.50)
  level: Level = low
  starts: DateTime = now() filter order
  span: Duration = 15m
  when: Date = "2024-01-02"
  amount: Decimal(6, 2) = 3.00 min(1) max(100)
  name: String(30) length(2, 30) pattern("^[a-z]+$")
  timestamps
}

entity Bell {
  clock: Clock
  timezone: String(40) filter
  uuid: UUID filter
  datetime: DateTime? filter
  Decimal: Decimal(5, 1) = 2.5 min(1) filter
  models: Int = 0 filter
  filters: Int = 1 filter
  factory: Int = 0
  at: DateTime = now()
  soft_delete
}

relation many_to_one Bell.serializers? -> Clock
"""


@pytest.mark.e2e
def test_fields_named_like_imports_build_a_project_that_passes_its_gates(
    tmp_path: Path, build_and_gate
) -> None:
    out = build_and_gate(SPEC, tmp_path, "clocks")
    models = (out / "clocks/models.py").read_text(encoding="utf-8")
    assert "from django.utils import timezone as timezone_\n" in models
    assert "default=timezone_.now" in models
    ast.parse(models)
