"""The names Django reserves are refused by the Django backend's check, not the front end.

Each rule keeps the code, span, label and help it had as a front-end rule; the front
end accepts the same specs (tests/passes/test_check_types.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from djsc.backends.base import EmitOptions
from djsc.backends.django import BACKEND
from djsc.backends.django import codes as django_codes
from djsc.backends.django.features.django_rules import DjangoRulesFeature
from djsc.build import backend_check, generate
from djsc.cli import main
from djsc.diagnostics import codes
from djsc.pipeline import compile_source

RULE_CODES = ("DJS0108", "DJS0109", "DJS0302")


def backend_findings(text: str) -> list[tuple[str, str, str, str | None]]:
    """(code, underlined text, label, help) of what the backend's checks add to a
    spec the front end accepts, in source order."""
    compilation = compile_source(text)
    assert compilation.ok, [d.message for d in compilation.diagnostics]
    backend_check(BACKEND, compilation, "spec.djs", EmitOptions(allow_unenforced_access=True))
    return [
        (d.code, text[d.primary.span.start : d.primary.span.end], d.primary.message, d.help)
        for d in compilation.diagnostics.sorted()
        if d.code in RULE_CODES
    ]


def test_the_feature_is_registered_and_generates_nothing():
    feature = next(f for f in BACKEND.features if f.name == "django_rules")
    assert isinstance(feature, DjangoRulesFeature)
    assert feature.consumes == frozenset()
    assert list(feature.emit(compile_source("entity A { x: Int }").program, None)) == []


@pytest.mark.parametrize("name", ["pk", "objects", "save", "delete", "Meta", "DoesNotExist"])
def test_a_field_cannot_shadow_a_model_attribute(name):
    found = backend_findings(f"entity Order {{ {name}: Int }}")
    assert found == [
        ("DJS0108", name, "Django defines it on every model", "choose another name"),
    ]


def test_the_message_names_what_was_written():
    spec = "entity A { x: Int }\nentity B { objects: A }\nrelation many_to_one B.pk -> A"
    compilation = compile_source(spec)
    backend_check(BACKEND, compilation, "spec.djs", EmitOptions())
    messages = [d.message for d in compilation.diagnostics.sorted() if d.code == "DJS0108"]
    # A field typed with an entity is lowered into a relation, but it is still a field.
    assert messages == [
        "`objects` cannot be used as a field name",
        "`pk` cannot be used as a relation end name",
    ]


@pytest.mark.parametrize(
    ("declaration", "name", "label", "suggestion"),
    [
        ("entity Post { meta__data: JSON? }", "meta__data", "`__` separates", "meta_data"),
        ("entity Post { slug_: Slug }", "slug_", "cannot end with `_`", "slug"),
        ("enum Tone__Kind { a }\nentity T { t: Tone__Kind }", "Tone__Kind", "`__`", "Tone_Kind"),
        ("enum Tone { dark__red }\nentity T { t: Tone }", "dark__red", "`__`", "dark_red"),
        ("entity P { x: Int }\nevent Did__It { p: P }", "Did__It", "`__`", "Did_It"),
        ("entity P { x: Int }\nevent Did { p__q: P }", "p__q", "`__`", "p_q"),
        (
            "entity P { x: Int }\ncommand go__on on P { input { a__b: Int } }",
            "go__on",
            "`__`",
            "go_on",
        ),
        ("entity P { x: Int }\nquery all_ -> P[] { }", "all_", "cannot end with `_`", "all"),
        (
            "entity A { x: Int }\nentity B { y: Int }\nrelation many_to_one B.a__x -> A.bs",
            "a__x",
            "`__`",
            "a_x",
        ),
        (
            "entity A { x: Int }\nrelation many_to_one A.owner -> User.a__s",
            "a__s",
            "`__`",
            "a_s",
        ),
    ],
)
def test_names_must_be_addressable_by_django_lookups(declaration, name, label, suggestion):
    found = [f for f in backend_findings(declaration) if f[1] == name]
    assert len(found) == 1, backend_findings(declaration)
    code, _, written_label, help_text = found[0]
    assert code == "DJS0109"
    assert label in written_label
    assert help_text == f"write it with single underscores: `{suggestion}`"


def test_inputs_are_checked_as_well_as_their_command():
    spec = "entity P { x: Int }\ncommand go on P { input { a__b: Int } }"
    assert [f[:2] for f in backend_findings(spec)] == [("DJS0109", "a__b")]


def test_entity_names_may_hold_double_underscores_as_before():
    # Kept as the front end had it; see the report of issue 6 about models.E024.
    assert backend_findings("entity Old__Name { x: Int }") == []


@pytest.mark.parametrize("member", ["label", "value", "choices", "names"])
def test_an_enum_member_cannot_shadow_a_choices_attribute(member):
    found = backend_findings(f"enum Grade {{ low  {member} }}\nentity R {{ g: Grade }}")
    assert found == [("DJS0108", member, "Django's choices define it", "choose another name")]


@pytest.mark.parametrize(
    "spec",
    [
        "entity A { x: Int }\nentity B { a: A  a_id: Int }",
        "entity A { x: Int }\nentity B { a_id: Int }\n"
        "relation many_to_one B.a -> A.bs { on_delete cascade }",
        "entity A { x: Int }\nentity B { a_id: Int }\nrelation one_to_many A.bs -> B.a",
        "entity A { x: Int }\nentity B { a: A }\nrelation many_to_one A.b? -> B.a_id",
    ],
)
def test_a_name_cannot_shadow_the_column_of_a_foreign_key(spec):
    found = backend_findings(spec)
    assert [(code, underlined) for code, underlined, _, _ in found] == [("DJS0108", "a_id")]
    assert found[0][2] == "Django names the column of `a` so"
    assert found[0][3] == "read the key as `a.id`, or rename the field"


def test_the_column_clash_points_at_the_foreign_key():
    spec = "entity A { x: Int }\nentity B {\n  a: A\n  a_id: Int\n}"
    compilation = compile_source(spec)
    backend_check(BACKEND, compilation, "spec.djs", EmitOptions())
    (diagnostic,) = [d for d in compilation.diagnostics if d.code == "DJS0108"]
    (key,) = diagnostic.secondary
    assert spec[key.span.start : key.span.end] == "a" and key.message == "the foreign key"


@pytest.mark.parametrize(
    "spec",
    [
        "entity B { a_id: Int }",  # no key `a`
        "entity A { x: Int }\nentity B { y: Int }\nrelation many_to_many B.a -> A.bs\n"
        "entity C { a_id: Int }",
        # the end on A holds no column: the key is B's
        "entity A { bs_id: Int }\nentity B { y: Int }\nrelation many_to_one B.a -> A.bs",
    ],
)
def test_a_name_ending_in_id_without_its_key_is_fine(spec):
    assert backend_findings(spec) == []


@pytest.mark.parametrize("name", ["password", "last_login", "is_superuser", "groups"])
def test_a_relation_end_on_user_cannot_reuse_a_field_of_djangos_user(name):
    spec = f"entity A {{ x: Int }}\nrelation one_to_one A.account -> User.{name}"
    found = backend_findings(spec)
    assert found == [
        ("DJS0302", name, "already defined by Django", "choose another name for this end")
    ]


def test_a_relation_end_on_user_cannot_shadow_a_model_attribute():
    spec = "entity A { x: Int }\nrelation one_to_one A.account -> User.objects"
    assert [f[:2] for f in backend_findings(spec)] == [("DJS0108", "objects")]


def test_a_build_stops_at_a_reserved_name():
    compilation = compile_source("entity Order { objects: JSON }")
    assert compilation.ok  # the front end has no objection
    assert generate(BACKEND, compilation, "spec.djs") is None
    assert [d.code for d in compilation.diagnostics.errors] == ["DJS0108"]


def test_djsc_check_reports_the_backend_rule(tmp_path: Path, capsys):
    spec = tmp_path / "shop.djs"
    spec.write_text("entity Order {\n  objects: JSON\n}\n", encoding="utf-8")
    assert main(["check", str(spec)]) == 1
    err = capsys.readouterr().err
    assert "error[DJS0108]: `objects` cannot be used as a field name" in err
    assert "Django defines it on every model" in err


def test_the_backends_own_codes_are_registered_in_the_08xx_block():
    source = Path(django_codes.__file__).read_text(encoding="utf-8")
    defined = re.findall(r'"(DJS\d{4})"', source)
    assert defined == ["DJS0802", "DJS0805"]
    assert all(code.startswith("DJS08") and code in codes.registry() for code in defined)
    assert django_codes.CURSOR_ORDERING_DROPPED is codes.lookup("cursor-ordering-dropped")
    assert django_codes.READ_ONLY_THROUGH is codes.lookup("DJS0805")
    assert not hasattr(codes, "CURSOR_ORDERING_DROPPED")
    assert not hasattr(codes, "READ_ONLY_THROUGH")


def test_djsc_explain_finds_a_backend_code(capsys):
    assert main(["explain", "DJS0802"]) == 0
    assert capsys.readouterr().out.startswith("DJS0802 (cursor-ordering-dropped, warning)")
