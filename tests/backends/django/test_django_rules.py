"""The names Django reserves are refused by the Django backend's check, not the front end.

Each rule keeps the code, span, label and help it had as a front-end rule; the front
end accepts the same specs (tests/passes/test_check_types.py).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from djsc.backends.base import EmitOptions
from djsc.backends.django import BACKEND
from djsc.backends.django import codes as django_codes
from djsc.backends.django.features.django_rules import DjangoRulesFeature, generated_names
from djsc.backends.django.reserved import (
    AUTH_USER_ATTRIBUTES,
    AUTH_USER_METHODS,
    AUTH_USER_RELATIONS,
    BUILTIN_NAMES,
    FACTORY_ATTRIBUTES,
    GENERATED_MODULE_NAMES,
    MODEL_ATTRIBUTES,
)
from djsc.build import backend_check, generate
from djsc.cli import main
from djsc.diagnostics import codes
from djsc.pipeline import compile_source

RULE_CODES = ("DJS0108", "DJS0109", "DJS0302")
ROOT = Path(__file__).resolve().parents[3]

_spec = importlib.util.spec_from_file_location(
    "djsc_django_support_rules", Path(__file__).with_name("support.py")
)
support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(support)


def backend_findings(text: str, path: str = "spec.djs") -> list[tuple[str, str, str, str | None]]:
    """(code, underlined text, label, help) of what the backend's checks add to a
    spec the front end accepts, in source order."""
    compilation = compile_source(text, path)
    assert compilation.ok, [d.message for d in compilation.diagnostics]
    backend_check(BACKEND, compilation, path, EmitOptions(allow_unenforced_access=True))
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


@pytest.mark.parametrize(
    ("name", "label", "suggestion"),
    [
        (
            "Old__Name",
            "`__` separates lookups in Django queries",
            "with single underscores: `Old_Name`",
        ),
        ("Thing_", "cannot start or end with `_`", "without the outer `_`: `Thing`"),
        ("_Private", "cannot start or end with `_`", "without the outer `_`: `Private`"),
    ],
)
def test_entity_names_must_be_model_names_django_accepts(name, label, suggestion):
    # Django's models.E023 / E024: the project would fail `manage.py check`.
    found = backend_findings(f"entity {name} {{ x: Int }}")
    assert [(code, underlined) for code, underlined, _, _ in found] == [("DJS0109", name)]
    assert label in found[0][2]
    assert found[0][3] == f"write it {suggestion}"


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


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("logentry", "the admin log's relation to the built-in `User`"),
        ("logentry_set", "the admin log's relation to the built-in `User`"),
        ("is_authenticated", "a method of the built-in `User`"),
        ("set_password", "a method of the built-in `User`"),
        ("USERNAME_FIELD", "a method of the built-in `User`"),
    ],
)
def test_a_relation_end_on_user_cannot_reuse_what_django_puts_on_users(name, other):
    # `logentry` clashes with the admin's LogEntry.user (fields.E305); `is_authenticated`
    # would turn into a related manager, true for every user.
    spec = f"entity A {{ x: Int }}\nrelation many_to_one A.owner -> User.{name}"
    compilation = compile_source(spec)
    backend_check(BACKEND, compilation, "spec.djs", EmitOptions())
    (found,) = [d for d in compilation.diagnostics.errors]
    assert (found.code, found.primary.message, found.help) == (
        "DJS0302",
        "already defined by Django",
        "choose another name for this end",
    )
    assert found.message == f"relation end `User.{name}` clashes with {other}"


# Django's user model as a project sees it, in a process of its own (configuring
# Django here would leak into other tests of this worker).
_USER_NAMES = """
import json, django
from django.conf import settings
settings.configure(INSTALLED_APPS=[
    "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.admin"])
django.setup()
from django.contrib.auth.models import User
from django.db import models
names = {n for n in dir(User) if not n.startswith("_")} - set(dir(models.Model))
names |= {f.name for f in User._meta.get_fields()}
names |= {r.get_accessor_name() for r in User._meta.related_objects}
print(json.dumps(sorted(names)))
"""


def test_the_factory_table_covers_factory_boy():
    script = (
        "import factory.django\n"
        "print(' '.join(n for n in dir(factory.django.DjangoModelFactory)"
        " if not n.startswith('__')))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert set(done.stdout.split()) - FACTORY_ATTRIBUTES == set()


def test_the_user_tables_cover_djangos_user_model():
    done = subprocess.run(
        [sys.executable, "-c", _USER_NAMES], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    names = set(json.loads(done.stdout))
    known = AUTH_USER_ATTRIBUTES | AUTH_USER_METHODS | AUTH_USER_RELATIONS | MODEL_ATTRIBUTES
    assert names - known - {"DoesNotExist", "MultipleObjectsReturned", "Meta", "objects"} == set()


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
    assert defined == ["DJS0802", "DJS0805", "DJS0806", "DJS0807"]
    assert all(code.startswith("DJS08") and code in codes.registry() for code in defined)
    assert django_codes.CURSOR_ORDERING_DROPPED is codes.lookup("cursor-ordering-dropped")
    assert django_codes.READ_ONLY_THROUGH is codes.lookup("DJS0805")
    assert not hasattr(codes, "CURSOR_ORDERING_DROPPED")
    assert not hasattr(codes, "READ_ONLY_THROUGH")


def test_djsc_explain_finds_a_backend_code(capsys):
    assert main(["explain", "DJS0802"]) == 0
    assert capsys.readouterr().out.startswith("DJS0802 (cursor-ordering-dropped, warning)")


# ---------------------------------------------------------------- found by tests/property


@pytest.mark.parametrize(
    ("spec", "path", "name", "label"),
    [
        ("app json { }", "spec.djs", "json", "would hide Python's `json` module"),
        ("app http { }", "spec.djs", "http", "would hide Python's `http` module"),
        ("app yaml { }", "spec.djs", "yaml", "hide the `yaml` module the project depends on"),
        ("app auth { }", "spec.djs", "auth", "Django's `auth` app has this label already"),
        ("app x { }".replace("x", "x" * 64), "spec.djs", "x" * 64, "longer than 63 characters"),
        ("entity A { x: Int }", "email.djs", "email", "would hide Python's `email` module"),
    ],
)
def test_an_app_name_must_not_hide_a_module_nor_an_app(spec, path, name, label):
    # An app package `json` shadows the standard library: Django fails to start.
    if "entity" not in spec:
        spec += "\nentity A { x: Int }"
    found = backend_findings(spec, path)
    assert [(code, underlined) for code, underlined, _, _ in found] == [
        ("DJS0108", name if spec.startswith("app") else "")
    ]
    assert label in found[0][2]
    if spec.startswith("app"):
        assert found[0][3].startswith("choose ")
    else:
        assert "name it in an `app` block" in found[0][3]


@pytest.mark.parametrize("name", ["django", "config", "shop", "x" * 63, "events"])
def test_app_names_the_backend_renames_or_that_are_free_pass(name):
    assert backend_findings(f"app {name} {{ }}\nentity A {{ x: Int }}") == []


@pytest.mark.parametrize(
    ("spec", "name", "label"),
    [
        ("entity models { x: Int }", "models", "the generated code defines `models`"),
        ("entity SafeFilterSet { x: Int }", "SafeFilterSet", "defines `SafeFilterSet`"),
        ("entity Exception { x: Int }", "Exception", "Python's builtin `Exception`"),
        ("entity list { x: Int }", "list", "Python's builtin `list`"),
        ("enum copy { a }\nentity A { c: copy }", "copy", "defines `copy`"),
        (
            "entity Post { x: Int }\nentity PostSerializer { y: Int }",
            "PostSerializer",
            "names `Post`'s serializer so",
        ),
        (
            "entity Post { x: Int }\nentity PostFactory { y: Int }",
            "PostFactory",
            "names `Post`'s factory so",
        ),
        (
            "entity Post { x: Int }\nentity TestPostApi { y: Int }",
            "TestPostApi",
            "the API tests of `Post`",
        ),
        (
            "entity Post { x: Int }\nentity PostSummary { y: Int }",
            "PostSummary",
            "would name `PostSummary`'s serializer and `Post`'s summary serializer",
        ),
        # `ProblemSerializer` is the serializer of error bodies already (F811).
        (
            "entity Problem { x: Int }",
            "Problem",
            "would name `Problem`'s serializer `ProblemSerializer`, a name it uses",
        ),
        ("entity Integer { x: Int }", "Integer", "`IntegerFilter`, a name it uses"),
        (
            "entity Post { x: Int }\nentity Comment { post: Post }\n"
            "entity CommentPostInline { y: Int }",
            "CommentPostInline",
            "the admin inline of `Comment.post`",
        ),
    ],
)
def test_an_entity_or_enum_must_not_take_a_name_of_the_generated_code(spec, name, label):
    # The generated modules import entities and enums by name beside their own classes.
    found = backend_findings(spec)
    assert [(code, underlined) for code, underlined, _, _ in found] == [("DJS0108", name)]
    assert label in found[0][2]
    assert found[0][3].startswith("choose another name, e.g. `")


@pytest.mark.parametrize(
    ("other", "label"),
    [
        ("Blogpost", "Django names models in lower case, `BlogPost` too"),
        ("BLOGPOST", "Django names models in lower case, `BlogPost` too"),
        ("Blog_Post", "the generated code names it `blog_post`, as it names `BlogPost`"),
    ],
)
def test_entities_must_differ_in_more_than_case_and_underscores(other, label):
    # Django's app registry keys models by lower-case name: a RuntimeError at startup.
    found = backend_findings(f"entity BlogPost {{ x: Int }}\nentity {other} {{ y: Int }}")
    assert found == [("DJS0108", other, label, "rename one of the two entities")]


@pytest.mark.parametrize(
    ("members", "name", "label"),
    [
        ("a  A", "A", "Django's choices name it `A`, as they name `a`"),
        (
            "draftMode  draft_mode",
            "draft_mode",
            "Django's choices name it `DRAFT_MODE`, as they name `draftMode`",
        ),
    ],
)
def test_enum_members_must_be_distinct_choices_attributes(members, name, label):
    # Two members of one attribute: a TypeError when Django builds the choices.
    found = backend_findings(f"enum Mood {{ {members} }}\nentity A {{ m: Mood }}")
    assert found == [("DJS0108", name, label, "rename one of the two members")]


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("hard_delete", "the models of `soft_delete` entities define it"),
        ("all_objects", "the models of `soft_delete` entities define it"),
        ("MIXINS", "the generated models module defines `MIXINS`"),
        ("NoMixin", "the generated models module defines `NoMixin`"),
        ("NotDeletedManager", "the generated models module defines `NotDeletedManager`"),
        # `check _connector != ""` became `Q(_connector="")`, a ValueError.
        ("_connector", "Django's `Q()` takes an argument of this name"),
        ("_negated", "Django's `Q()` takes an argument of this name"),
    ],
)
def test_a_field_cannot_shadow_what_the_model_body_uses(field, label):
    # `objects = MIXINS.get(…)` after a field `MIXINS` reads the field.
    found = backend_findings(f"entity Note {{ {field}: Int  soft_delete }}")
    assert [(code, name, problem) for code, name, problem, _ in found] == [
        ("DJS0108", field, found[0][2])
    ]
    assert label in found[0][2] and found[0][3] == "choose another name"


def test_a_field_name_must_fit_a_postgresql_column():
    long = "f" * 64
    found = backend_findings(f"entity Note {{ {long}: Int  {'g' * 63}: Int }}")
    assert found == [
        (
            "DJS0108",
            long,
            "longer than 63 characters, the most a PostgreSQL column holds",
            "choose a name of at most 63 characters",
        )
    ]


def _module_level_names(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            if isinstance(node, ast.ImportFrom) and node.module == "models" and node.level == 1:
                continue  # the spec's own entities and enums
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return names


# The user's modules (scaffolds) import nothing by name from the generated ones.
_SCAFFOLDS = ("hooks.py", "serializer_hooks.py", "model_mixins.py", "tests/conftest.py")
# Modules of `app` options (tests, caching.py) that import no entity, enum or factory by name, so no
# name of the spec can meet theirs (an entity `Response` stays possible).
_SPEC_FREE = (
    "tests/test_throttle.py",
    "tests/test_cors.py",
    "caching.py",
    # Observability tests import nothing of the spec (features/observability.py, …).
    "tests/test_observability.py",
    "tests/test_metrics.py",
    "tests/test_tracing.py",
    "core.py",
    "user_code.py",
    "tests/test_user_code.py",
    "tests/test_guards.py",
)


@pytest.mark.parametrize("example", ["blog", "shop", "chat", "bank"])
def test_the_reserved_table_lists_every_module_level_name_of_the_generated_app(example):
    # An entity named like a class or module of the generated code would replace it
    # where the models are imported: the table of such names must keep up.
    text = (ROOT / "examples" / f"{example}.djs").read_text(encoding="utf-8")
    files, _ = support.emit_tree(text, f"{example}.djs")
    program = compile_source(text, f"{example}.djs").program
    own = {e.name.text for e in program.entities} | {e.name.text for e in program.enums}
    own |= set(generated_names(program))
    missing = {}
    for path, f in files.items():
        parts = path.split("/", 1)
        if not path.endswith(".py") or parts[0] == "config" or len(parts) == 1:
            continue
        if (
            parts[1] in _SCAFFOLDS
            or parts[1] in _SPEC_FREE
            or parts[1] in ("apps.py", "__init__.py")
            or "/migrations/" in path
        ):
            continue
        names = _module_level_names(f.content) - own - GENERATED_MODULE_NAMES - BUILTIN_NAMES
        # Test functions and private helpers: entity names start with neither.
        names = {n for n in names if not n.startswith(("test_", "_"))}
        if names:
            missing[path] = sorted(names)
    assert not missing, f"add these to GENERATED_MODULE_NAMES in reserved.py: {missing}"


@pytest.mark.parametrize(
    ("spec", "name", "label"),
    [
        # `models.JSONField(default=dict)` below a field `dict` (fields.E010).
        ("entity N { dict: Int  j: JSON }", "dict", "use `dict` below their fields"),
        # `choices=Level.choices` below a field `Level`.
        (
            "enum Level { a  b }\nentity N { Level: Int  l2: Level }",
            "Level",
            "the generated classes use `Level` for the enum `Level`",
        ),
        (
            "entity A { x: Int }\nentity N { ASummarySerializer: Int }",
            "ASummarySerializer",
            "for `A`'s summary serializer",
        ),
        # DRF would run `validate_empty_values` as the field's validator.
        ("entity N { empty_values: Int }", "empty_values", "its own `validate_empty_values`"),
        # `validate = NSummarySerializer(…)`, then `def validate(self, attrs)` (F811).
        (
            "entity N { x: Int }\nrelation many_to_one N.validate? -> N",
            "validate",
            "the generated serializers define a method `validate`",
        ),
        # `NFactory()` calls `NFactory.create`, which a field `create = 1` replaces.
        ("entity N { create: Int }", "create", "inherit `create` from factory_boy"),
        ("entity N { build: Int }", "build", "inherit `build` from factory_boy"),
        # `_adjust_kwargs(cls, **kwargs)` got multiple values for argument `cls`.
        (
            "entity N { x: Int }\nrelation many_to_one N.cls -> User",
            "cls",
            "factory_boy takes an argument `cls` beside the fields of a row",
        ),
        ("entity N { model_class: Int }", "model_class", "an argument `model_class`"),
    ],
)
def test_a_field_cannot_take_a_name_the_generated_class_bodies_use(spec, name, label):
    found = backend_findings(spec)
    assert [(code, underlined) for code, underlined, _, _ in found] == [("DJS0108", name)]
    assert label in found[0][2]
    assert found[0][3].startswith("choose another name")


@pytest.mark.parametrize(
    ("spec", "name"),
    [
        ("entity N { l: Int }", "l"),
        ("entity N { x: Int }\nrelation many_to_one N.O? -> N", "O"),
        ("entity I { x: Int }", "I"),
        ("enum O { a }\nentity N { o2: O }", "O"),
        ("enum E { i  b }\nentity N { e: E }", "i"),
    ],
)
def test_names_ruff_finds_ambiguous_are_refused(spec, name):
    # ruff's E741 / E742 fail the generated project's lint.
    found = backend_findings(spec)
    assert [(code, underlined) for code, underlined, _, _ in found] == [("DJS0108", name)]
    assert "(E741): it reads like `1` or `0`" in found[0][2]


@pytest.mark.parametrize("decl", ["enum Meta { draft, done }", "entity Meta { x: Int }"])
def test_a_type_cannot_be_named_meta(decl):
    # Found by the property test: a factory's inner `class Meta` comes before its
    # fields, so an enum `Meta` default (`e = Meta.DRAFT`) read the inner class.
    uses = "entity N { e: Meta = draft }" if decl.startswith("enum") else ""
    found = backend_findings(f"{decl}\n{uses}")
    assert [(code, text) for code, text, *_ in found] == [("DJS0108", "Meta")]
    assert "inner `Meta`" in found[0][2]


@pytest.mark.parametrize(
    ("spec", "name"),
    [
        ("entity N { name: String  Name: String }", "Name"),
        ("entity T { x: Int }\nentity N { T_id: Int  t: T }", "t"),
    ],
)
def test_columns_differing_only_in_case_are_refused(spec, name):
    # SQLite compares column names without case: `migrate` failed with
    # "duplicate column name" (found building fields `decimal` and `Decimal`).
    found = backend_findings(spec)
    assert [(code, text) for code, text, *_ in found] == [("DJS0108", name)]
    assert "ignore case" in found[0][2]
