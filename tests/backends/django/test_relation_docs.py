"""Docs of relation ends (issue 7) reach the generated project.

The key end's doc (or the relation's) is the help_text of the ForeignKey /
OneToOneField / ManyToManyField, so migrations record it, and it describes the
nested read field and the `<end>_id` write field in the serializer and the OpenAPI
document.  The API has no field for the other end (`Author.posts`), so its doc goes
into the docstring of the model that has the accessor.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "djsc_django_support_docs", Path(__file__).with_name("support.py")
)
support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(support)

# A climbing gym: routes set by setters, climbers logging ascents.
SPEC = """
app gym { title "Climbing gym" }

/// Someone who sets routes.
entity Setter {
  name: String(80)
}

/// A route on the wall.
entity Route {
  name: String(80)
  grade: String(4)
}

/// A climber with a membership.
entity Climber {
  name: String(80)
}

/// Who set a route.
relation one_to_many
  /// The routes this setter put up.
  Setter.routes
  /// The setter who put the route up.
  -> Route.setter { on_delete cascade }

relation many_to_many
  /// Routes this climber has sent.
  Climber.sends
  /// Climbers who have sent this route.
  -> Route.senders

/// The route a climber is working on.
relation many_to_one Climber.project? -> Route.projects
"""

KEY_DOC = "The setter who put the route up."


def kwargs_of(source: str, model: str, name: str) -> dict[str, object]:
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef) and node.name == model:
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and stmt.targets[0].id == name:
                    return {
                        k.arg: ast.literal_eval(k.value)
                        for k in stmt.value.keywords
                        if isinstance(k.value, ast.Constant)
                    }
    raise AssertionError(f"{model}.{name} not found")


def docstring(source: str, model: str) -> str:
    cls = next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef) and n.name == model)
    return ast.get_docstring(cls)


@pytest.fixture(scope="module")
def tree():
    files, diagnostics = support.emit_tree(SPEC, "gym.djs")
    assert not [d for d in diagnostics.sorted() if d.is_error]
    return {path: f.content for path, f in files.items()}


def test_the_key_end_doc_is_the_model_fields_help_text(tree) -> None:
    models = tree["gym/models.py"]
    assert kwargs_of(models, "Route", "setter")["help_text"] == KEY_DOC
    assert kwargs_of(models, "Climber", "sends")["help_text"] == "Routes this climber has sent."
    # No doc of its own: the relation's.
    assert kwargs_of(models, "Climber", "project")["help_text"] == (
        "The route a climber is working on."
    )


def test_the_key_end_doc_describes_the_read_and_write_fields(tree) -> None:
    serializers = tree["gym/serializers.py"]
    for name in ("setter", "setter_id"):
        assert kwargs_of(serializers, "RouteSerializer", name)["help_text"] == KEY_DOC
    assert kwargs_of(serializers, "ClimberSerializer", "sends_ids")["help_text"] == (
        "Routes this climber has sent."
    )


def test_the_reverse_end_doc_goes_into_the_target_models_docstring(tree) -> None:
    models = tree["gym/models.py"]
    assert docstring(models, "Setter") == (
        "Someone who sets routes.\n\nReverse relations:\n"
        "- routes (Route.setter): The routes this setter put up."
    )
    assert docstring(models, "Route").splitlines()[2:] == [
        "Reverse relations:",
        "- senders (Climber.sends): Climbers who have sent this route.",
        "- projects (Climber.project): The route a climber is working on.",
    ]
    assert docstring(models, "Climber") == "A climber with a membership."


def test_a_relation_without_docs_adds_no_help_text() -> None:
    files, _ = support.emit_tree(
        "entity A { x: Int }\nentity B { y: Int }\nrelation many_to_one A.b -> B.items\n", "s.djs"
    )
    models = files["s/models.py"].content
    assert "help_text" not in models and "Reverse relations" not in models


@pytest.mark.e2e
def test_end_docs_reach_the_schema_and_migrations_stay_in_step(
    tmp_path: Path, build_and_gate
) -> None:
    out = build_and_gate(SPEC, tmp_path, "gym")
    args = [sys.executable, "manage.py", "spectacular", "--format", "openapi-json"]
    schemas = json.loads(support.run_in(out, args))["components"]["schemas"]
    assert schemas["Route"]["properties"]["setter"]["description"] == KEY_DOC
    assert schemas["RouteRequest"]["properties"]["setter_id"]["description"] == KEY_DOC
    sends = schemas["ClimberRequest"]["properties"]["sends_ids"]
    assert sends["description"] == "Routes this climber has sent."
    assert KEY_DOC in (out / "gym/migrations/0001_initial.py").read_text(encoding="utf-8")

    # A changed doc is a changed help_text: djsc writes the migration for it.
    spec = tmp_path / "gym.djs"
    spec.write_text(SPEC.replace(KEY_DOC, "Who set the route."), encoding="utf-8")
    djsc = [str(support.BIN / "djsc"), "build", str(spec), "-o", str(out)]
    support.run_in(tmp_path, [*djsc, "--allow-unenforced-access"])
    added = sorted((out / "gym/migrations").glob("0002_*.py"))
    assert len(added) == 1 and "AlterField" in added[0].read_text()
    args = [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"]
    support.run_in(out, args)
