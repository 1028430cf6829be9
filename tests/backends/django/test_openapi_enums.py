"""The OpenAPI schema names every choice set, and drf-spectacular warns of nothing (issue 7).

drf-spectacular names an enum after its field (`status` → `StatusEnum`) and warns when
two `status` fields with other choices meet, or one choice set sits under two field
names; it silently keeps an older component of the enum's name.  The generated settings
name every choice set in ENUM_NAME_OVERRIDES (backends/django/features/openapi_enums.py),
and every example and corpus spec generates its schema with warnings as failures.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from djsc.backends.django.features.openapi_enums import entity_components

ROOT = Path(__file__).resolve().parents[3]
SPECS = sorted(
    [
        *ROOT.glob("examples/*.djs"),
        ROOT / "examples/library/main.djs",
        *ROOT.glob("tests/corpus/*.djs"),
    ]
)

# Same-named fields with other choices, one enum under two field names, an enum with
# the choices of another and of a field, numbers and decimals, and enums named like the
# components of an entity's serializers.
COLLISIONS = """
enum Level { low  high }
enum ThingRequest { a  b }
enum PatchedThingRequest { c  d }
enum Twin { low  high }
enum Priority { one = 1  two = 2 }
enum BlankEnum { x  z }

entity Thing {
  status: String(20) choices("new", "old")
  level: Level = low
  backup_level: Level?
  grade: Int = 1 choices(1, 2, 3)
  size: Decimal(4, 1) = 1.5 choices(1.5, 2.5)
  kind: ThingRequest?
  patched: PatchedThingRequest = c
  twin: Twin?
  priority: Priority = one
  tag: String(10)? choices("x", "y")
  blank: BlankEnum?
}

entity Other {
  status: String(20) choices("open", "closed")
  level: String(10) choices("low", "high")
  tag: String(10) choices("x", "y")
  prio: Priority?
}
"""


def overrides(emit, text: str) -> dict:
    settings = emit(text, "enums.djs")["config/settings/base.py"]
    tree = ast.parse(settings)
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "SPECTACULAR_SETTINGS":
            return ast.literal_eval(node.value).get("ENUM_NAME_OVERRIDES")
    raise AssertionError("no SPECTACULAR_SETTINGS")


def test_every_choice_set_gets_one_name_free_of_the_serializers_components(emit) -> None:
    assert overrides(emit, COLLISIONS) == {
        "Level": "enums.models.Level",
        "ThingRequestEnum": "enums.models.ThingRequest",
        "PatchedThingRequestEnum": "enums.models.PatchedThingRequest",
        "Priority": "enums.models.Priority",
        "BlankEnumEnum": "enums.models.BlankEnum",
        # `Twin` and `Other.level` hold Level's choices: drf-spectacular tells choice
        # sets apart by their (value, label) pairs only, so they share its name.
        "ThingStatus": [("new", "New"), ("old", "Old")],
        "ThingGrade": [(1, "1"), (2, "2"), (3, "3")],
        "ThingSize": [(1.5, "1.5"), (2.5, "2.5")],
        "ThingTag": [("x", "X"), ("y", "Y")],
        "OtherStatus": [("open", "Open"), ("closed", "Closed")],
    }


def test_a_spec_without_choices_names_none(emit) -> None:
    assert overrides(emit, "entity Thing { name: String(20) }") is None


def test_the_components_of_an_entity() -> None:
    assert entity_components("Post") == {
        *("Post", "PostSummary", "PaginatedPostList", "PostRequest", "PatchedPostRequest"),
        *("PostMultipartRequest", "PatchedPostMultipartRequest", "PostSummaryRequest"),
        *("PatchedPostSummaryRequest", "PostSummaryMultipartRequest"),
        "PatchedPostSummaryMultipartRequest",
    }


@pytest.mark.e2e
@pytest.mark.parametrize(
    "spec",
    [*SPECS, None],
    ids=lambda s: "collisions" if s is None else s.stem if s.stem != "main" else s.parent.name,
)
def test_the_schema_generates_without_a_warning(spec, tmp_path: Path, e2e_services) -> None:
    s = e2e_services
    if spec is None:
        spec = tmp_path / "enums.djs"
        spec.write_text(COLLISIONS, encoding="utf-8")
    out = tmp_path / "out"
    s.build(spec, out)
    env = s.project_env("test")
    args = ("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))
    s.manage(out, *args, env=env)
