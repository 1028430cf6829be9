"""`<app>/tests/`: factories, payloads and pytest-django tests for every entity."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile, Ownership
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.viewmodels import ProjectVM
from djsc.backends.django.viewmodels.access import program_rules
from djsc.backends.django.viewmodels.access_tests import access_tests
from djsc.backends.django.viewmodels.testcases import EntityTests, entity_tests
from djsc.ir import nodes as ir


def names_loaded(source: str) -> set[str]:
    """The bare names `source` reads: what its imports must provide.  Words in strings,
    docstrings and attributes (`api_client.post`, "Content-Type") are not names."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # not Python after all: every word may be a name
        return set(re.findall(r"\w+", source))
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def stdlib_imports(source: str, names: set[str] | None = None) -> list[str]:
    """`import datetime` / `import uuid` / `from decimal import Decimal` as `source` needs."""
    names = names_loaded(source) if names is None else names
    lines = [f"import {m}" for m in ("datetime", "uuid") if m in names]
    if "Decimal" in names:
        lines.append("from decimal import Decimal")
    return sorted(lines, key=lambda line: line.split()[1])


def _names_used(source: set[str], names: list[str]) -> list[str]:
    """`names` that occur in `source`, given as the set of its identifiers."""
    return [n for n in names if n in source]


def _import_block(p: ProjectVM, source: str, third_party: list[str], factories: bool) -> list[str]:
    """isort-ordered imports for a test module, only what `source` uses."""
    models = sorted([e.name for e in p.entities] + [e.name for e in p.enums])
    # One scan of the module, not one search per name (that grew as N²).
    identifiers = names_loaded(source)
    out = stdlib_imports(source, identifiers)
    if out:
        out.append("")
    out += sorted(third_party, key=lambda line: (line.startswith("from"), line.split()[1]))
    local = []
    if factories:
        used = _names_used(identifiers, ["UserFactory", *[f"{m}Factory" for m in models]])
        used += _names_used(identifiers, [f"{e.snake}_payload" for e in p.entities])
        actors = _names_used(identifiers, ["actor", "client_of", "made", "signed_in", "snapshot"])
        if actors and "def client_of" not in source:
            local.append(f"from {p.app}.tests.actors import {', '.join(sorted(actors))}")
        if used:
            local.append(f"from {p.app}.tests.factories import {', '.join(sorted(set(used)))}")
    found = _names_used(identifiers, models)
    if found:
        local.insert(0, f"from {p.app}.models import {', '.join(found)}")
    serializers = _names_used(identifiers, [f"{m}Serializer" for m in models])
    if serializers:
        local.insert(1 if found else 0, f"from {p.app}.serializers import {', '.join(serializers)}")
    if local and out and out[-1] != "":
        out.append("")
    return out + local


def entity_test_cases(program: ir.Program, p: ProjectVM) -> list[EntityTests]:
    """Every entity's test cases, with what its `allow` rules let each actor do."""
    tests = [entity_tests(e, p.app) for e in p.entities]
    rules = program_rules(program, p.entities)
    entities = {e.name: e for e in p.entities}
    relations = {e.name: {r.name: r for r in e.relations} for e in p.entities}
    for t in tests:
        update = f'{{"{t.update_case.name}": {t.update_case.a}}}' if t.update_case else "{}"
        t.access = access_tests(t.e, rules[t.e.name], entities, relations, update)
        # A user key an `owner(…)` rule names defaults to the signed-in user.
        filled = {f"{name}_id" for name in t.access.fill}
        t.required_cases = [name for name in t.required_cases if name not in filled]
    return tests


def import_block(p: ProjectVM, source: str, third_party: list[str]) -> list[str]:
    """isort-ordered imports of a test module other features emit."""
    return _import_block(p, source, third_party, True)


class TestsFeature(TemplateFeature):
    name = "tests"
    requires = ("models", "serializers", "views")

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        header = p.tests_header
        tests = entity_test_cases(program, p)
        base = f"{p.app}/tests"
        yield self.render_file(f"{base}/__init__.py", "__init__.py.j2", header=header)
        yield self.render_file(f"{base}/conftest.py", "conftest.py.j2", Ownership.SCAFFOLD, p=p)
        yield self._module(
            p,
            base,
            "factories.py",
            header,
            tests,
            ["import factory", "from django.contrib.auth import get_user_model"],
            factories=False,
        )
        yield self._module(
            p,
            base,
            "test_models.py",
            header,
            tests,
            ["import pytest", "from django.db import IntegrityError, transaction"],
        )
        yield self._module(p, base, "test_serializers.py", header, tests, ["import pytest"])
        yield self._module(
            p,
            base,
            "actors.py",
            header,
            tests,
            [
                "from django.contrib.auth.models import Group",
                "from rest_framework.test import APIClient",
            ],
        )
        yield self._module(p, base, "test_permissions.py", header, tests, ["import pytest"])
        yield self.render_file(
            f"{base}/test_input.py", "test_input.py.j2", header=header, app=p.app
        )
        yield self._module(
            p,
            base,
            "test_api.py",
            header,
            tests,
            [
                "import pytest",
                "from django.core.cache import cache",
                "from django.db import connection",
                "from django.test.utils import CaptureQueriesContext",
            ],
        )

    def _module(
        self,
        p: ProjectVM,
        base: str,
        name: str,
        header: str,
        tests: list[EntityTests],
        third_party: list[str],
        factories: bool = True,
    ) -> EmittedFile:
        # Render once without imports to learn which names the body uses.
        draft = self.render_file(
            f"{base}/{name}", f"{name}.j2", header=header, tests=tests, imports=[]
        )
        imports = _import_block(p, draft.content, third_party, factories)
        return self.render_file(
            f"{base}/{name}", f"{name}.j2", header=header, tests=tests, imports=imports
        )
