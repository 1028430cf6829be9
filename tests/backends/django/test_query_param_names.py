"""Names the front end accepts but a generated Django project could not use (issue 7).

A filter named like a query parameter the list endpoint reads itself (`?page=`,
`?format=` …) could never be applied and failed the project's own tests; a field
`self` broke the generated `Q(...)` lookups with a TypeError.  The Django backend's
check refuses them with DJS0108, and names merely near them still build a working
project.  (A field `models` once shadowed the module and failed the build with
DJS0707; such imports are now aliased instead, see test_shadowed_imports.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from djsc.backends.base import EmitOptions
from djsc.backends.django import BACKEND
from djsc.build import backend_check
from djsc.pipeline import compile_source

BIN = Path(sys.executable).parent
QUERY_PARAMETERS = (
    "format",
    "page",
    "ordering",
    "search",
    "cursor",
    "page_size",
    "limit",
    "offset",
)


def findings(text: str) -> list[tuple[str, str, str | None]]:
    """(code, underlined text, help) of the DJS0108 the backend's check adds."""
    compilation = compile_source(text)
    assert compilation.ok, [d.message for d in compilation.diagnostics]
    backend_check(BACKEND, compilation, "spec.djs", EmitOptions(allow_unenforced_access=True))
    return [
        (d.code, text[d.primary.span.start : d.primary.span.end], d.help)
        for d in compilation.diagnostics.sorted()
        if d.code == "DJS0108"
    ]


@pytest.mark.parametrize("name", QUERY_PARAMETERS)
def test_a_filter_named_like_a_query_parameter_is_refused(name: str) -> None:
    spec = f"entity Doc {{ {name}: String(20) filter order search }}\n"
    assert findings(spec) == [
        ("DJS0108", name, f"drop `filter` or rename the field, e.g. `{name}_value`")
    ]


@pytest.mark.parametrize("name", QUERY_PARAMETERS)
def test_a_relation_end_named_like_a_query_parameter_is_refused(name: str) -> None:
    # Every relation end the model holds is a filter of its list endpoint.
    spec = f"entity Doc {{ title: String(20) }}\nentity Note {{ {name}: Doc }}\n"
    assert findings(spec) == [("DJS0108", name, f"rename the field, e.g. `{name}_value`")]


@pytest.mark.parametrize("name", QUERY_PARAMETERS)
def test_the_same_name_without_filter_is_accepted(name: str) -> None:
    # `order` and `search` address a field through `?ordering=` and `?search=`.
    assert findings(f"entity Doc {{ {name}: String(20) order search }}\n") == []


@pytest.mark.parametrize("name", ["self", "MIXINS", "NotDeletedManager"])
def test_names_the_model_bodies_read_are_refused(name: str) -> None:
    spec = f"entity Doc {{ {name}: String(20) }}\n"
    assert findings(spec) == [("DJS0108", name, "choose another name")]


def test_a_relation_end_named_self_is_refused() -> None:
    spec = "entity Doc { title: String(20) }\nentity Note { body: String(20) }\n"
    spec += "relation many_to_one Note.doc -> Doc.self\n"
    assert findings(spec) == [("DJS0108", "self", "choose another name")]


NEAR_NAMES = """
entity Doc {
  format: String(20) order search
  page: Int order
  cursor: String(20) order search
  ordering: Int order
  search: String(20) search order
  limit: Int order
  formats: String(20) filter order search
  page_number: Int filter order
  selfie: String(10) filter
  model: String(10) filter
  uuids: String(10) filter
  // `/api/docs/` serves Swagger UI, so this entity takes another segment (DJS0801).
  path "documents"
}
entity Note { body: String(10) filter }
relation many_to_one Note.cursors -> Doc
"""


def run(args: list[str], cwd: Path, env: dict | None = None) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{args}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result.stdout


@pytest.mark.e2e
def test_near_names_build_a_working_project(tmp_path: Path) -> None:
    spec = tmp_path / "near.djs"
    spec.write_text(NEAR_NAMES, encoding="utf-8")
    out = tmp_path / "out"
    run(
        [str(BIN / "djsc"), "build", str(spec), "-o", str(out)],
        tmp_path,
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("DATABASE_URL", None)
    run([str(BIN / "ruff"), "check", "--no-cache", "."], out, env)
    run([sys.executable, "manage.py", "check"], out, env)
    run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], out, env)
