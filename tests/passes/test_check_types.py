"""check_types: field types, arguments, defaults, modifiers and usable names."""

from __future__ import annotations

import pytest

ENUM = "enum Status { draft  published }\n"


def entity(*fields: str) -> str:
    return ENUM + "entity Post {\n  s: Status\n  " + "\n  ".join(fields) + "\n}\n"


@pytest.mark.parametrize(
    "field",
    [
        "title: String(200) search filter order unique length(1, 200)",
        "slug: Slug",
        "price: Decimal(10, 2) = 9.99 min(0) max(1000)",
        "views: Int = -1 min(-1)",
        "big: BigInt = 0",
        "ratio: Float = 0.5",
        "active: Bool = true",
        "status: Status = draft filter",
        "at: DateTime = now() order",
        'day: Date = "2024-01-31" min("2020-01-01")',
        'alarm: Time = "12:30"',
        "ttl: Duration = 15m min(1m) max(1d)",
        'token: UUID = "123e4567-e89b-12d3-a456-426614174000"',
        'code: String(3) = "ab" pattern("[a-z]+") choices("ab", "cd")',
        "note: Text? = null",
        "level: Int = 2 choices(1, 2, 3)",
        "owner: User?",
        "id: UUID",
    ],
)
def test_valid_fields_pass(field, codes):
    assert codes(entity(field)) == []


@pytest.mark.parametrize(
    ("field", "code", "underlined"),
    [
        ("title: Strng", "DJS0102", "Strng"),
        ("price: Decimal(10)", "DJS0201", "10"),
        ("price: Decimal(2, 5)", "DJS0201", "2, 5"),
        ("title: String(0)", "DJS0201", "0"),
        ("n: Int(3)", "DJS0201", "3"),
        ("s2: Status(3)", "DJS0201", "3"),
        ('n: Int = "x"', "DJS0202", '"x"'),
        ("n: Int = 1.5", "DJS0202", "1.5"),
        ("b: Bool = 1", "DJS0202", "1"),
        ('t: String(2) = "abc"', "DJS0202", '"abc"'),
        ('d: Date = "yesterday"', "DJS0202", '"yesterday"'),
        ("t: Time = now()", "DJS0202", "now()"),
        ("x: Duration = 15", "DJS0202", "15"),
        ('j: JSON = "{}"', "DJS0202", '"{}"'),
        ("o: User = null", "DJS0202", "null"),
        ("t: Text = null", "DJS0202", "null"),
        ('s2: Status = "draft"', "DJS0202", '"draft"'),
        ("s2: Status = drafts", "DJS0104", "drafts"),
        ('c: String(5) = "zz" choices("ab")', "DJS0202", '"zz"'),
        ("n: Int search", "DJS0203", "search"),
        ("n: String min(1)", "DJS0203", "min(1)"),
        ("n: Int length(3)", "DJS0203", "length(3)"),
        ("j: JSON order", "DJS0203", "order"),
        ("s2: Status choices(draft)", "DJS0203", "choices(draft)"),
        ("o: User unique", "DJS0203", "unique"),
        ('n: Int min("a")', "DJS0208", '"a"'),
        ('n: Int choices("a")', "DJS0208", '"a"'),
        ("n: Int unique unique", "DJS0204", "unique"),
        ('p: String pattern("(")', "DJS0206", '"("'),
        ("n: Int min(5) max(1)", "DJS0207", "1"),
        ("n: String(9) length(5, 2)", "DJS0207", "2"),
        ("n: String(3) length(5, 9)", "DJS0207", "5"),
        ("id: String", "DJS0205", "String"),
        ("id: Int?", "DJS0205", "Int?"),
        ("class: Int", "DJS0108", "class"),
    ],
)
def test_invalid_fields_are_reported(field, code, underlined, diagnose):
    found = diagnose(entity(field))
    assert (code, underlined) in [(c, u) for c, u, _ in found], found


def test_unknown_type_suggests_the_nearest_name(diagnose):
    found = diagnose(ENUM + "entity Post { s: Statsu }")
    assert found == [("DJS0102", "Statsu", "did you mean `Status`?")]


@pytest.mark.parametrize(
    "spec",
    [
        "entity A { pk: Int  objects: JSON  save: Bool  Meta: Int }",
        "entity A { a__b: Int  trailing_: Int }",
        "entity A { x: Int }\nentity B { a: A  a_id: Int }",
        "entity A { x: Int }\nentity B { a_id: Int }\n"
        "relation many_to_one B.a -> A.bs { on_delete cascade }",
        "enum P { label  value  choices }\nentity T { p: P }",
        "entity A { x: Int }\nrelation many_to_one A.pk -> User.password",
    ],
)
def test_names_only_django_reserves_are_left_to_the_backend(spec, codes):
    # The Django backend's `django_rules` check reports these (tests/backends/django/
    # test_django_rules.py); the front end stays neutral for any other backend.
    assert codes(spec) == []


def test_generated_fields_cannot_be_redeclared(codes):
    assert codes("entity A { created_at: DateTime  timestamps }") == ["DJS0108"]
    assert codes("entity A { deleted_at: DateTime?  soft_delete }") == ["DJS0108"]
    assert codes("entity A { created_at: DateTime }") == []


def test_entity_flags(diagnose):
    assert diagnose("entity A audited { x: Int }") == []
    assert diagnose("entity A sourcd { x: Int }") == [
        ("DJS0210", "sourcd", "did you mean `sourced`?")
    ]


def test_groups_and_ordering_name_existing_columns(diagnose):
    spec = (
        "entity A { name: String  timestamps }\n"
        "entity B { title: String  a: A\n"
        "  unique (title, a)  index (created_at, titel)\n"
        "  ordering -a.name, a.nmae, id }\n"
        "relation many_to_many B.tags -> A.bs\n"
        "entity C { t: String  unique (t, tags) }"
    )
    found = [(c, u) for c, u, _ in diagnose(spec)]
    assert found == [
        ("DJS0106", "created_at"),  # B has no timestamps
        ("DJS0106", "titel"),
        ("DJS0106", "nmae"),
        ("DJS0106", "tags"),
    ]


def test_inverse_relation_end_has_no_column(diagnose):
    spec = (
        "entity A { name: String  unique (name, bs) }\nentity B { x: Int }\n"
        "relation many_to_one B.a -> A.bs { on_delete cascade }"
    )
    assert [(c, u) for c, u, _ in diagnose(spec)] == [("DJS0106", "bs")]


def test_event_and_input_fields_are_typed_but_not_stored(diagnose):
    spec = (
        "entity Post { title: String }\n"
        "event E { post: Post  at: DateTim  n: Int unique }\n"
        'command c on Post { input { who: User  n: Int min("x")  class: Int }\n'
        "  emit E { post = self, at = now(), n = 1 } }"
    )
    found = [(c, u) for c, u, _ in diagnose(spec)]
    assert ("DJS0102", "DateTim") in found
    assert ("DJS0212", "unique") in found
    assert ("DJS0208", '"x"') in found
    assert ("DJS0108", "class") in found
    assert not any(u in ("post", "who") for _, u in found)


def test_enum_members_and_values(diagnose):
    mixed = 'enum P { low = 1  mid = "m"  high }\nentity T { p: P }'
    assert [(c, u) for c, u, _ in diagnose(mixed)] == [
        ("DJS0213", 'mid = "m"'),
        ("DJS0213", "high"),
    ]
    strings = 'enum P { low = "l"  high }\nentity T { p: P }'
    assert diagnose(strings) == []
    reserved = "enum P { None  label  ok }\nentity T { p: P }"
    assert [(c, u) for c, u, _ in diagnose(reserved)] == [("DJS0108", "None")]


def test_a_type_error_does_not_stop_later_checks(codes):
    # the relation's unknown entity is a mistake of its own, reported in the same run
    spec = "entity A { x: Nope }\nrelation many_to_one A.b -> Missing"
    assert codes(spec) == ["DJS0102", "DJS0103"]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Integer", "Int"),
        ("integer", "Int"),
        ("int", "Int"),
        ("Long", "BigInt"),
        ("BigInteger", "BigInt"),
        ("bool", "Bool"),
        ("Boolean", "Bool"),
        ("str", "String"),
        ("string", "String"),
        ("varchar", "String"),
        ("Double", "Float"),
        ("Number", "Float"),
        ("money", "Decimal"),
        ("Timestamp", "DateTime"),
        ("datetime", "DateTime"),
        ("date", "Date"),
        ("uuid", "UUID"),
        ("dict", "JSON"),
        ("CharField", "String"),
        ("IntegerField", "Int"),
        ("DateTimeField", "DateTime"),
    ],
)
def test_other_languages_type_names_suggest_the_djs_type(written, meant, diagnose):
    found = diagnose(f"entity Post {{ x: {written} }}")
    assert found == [("DJS0102", written, f"did you mean `{meant}`?")]


@pytest.mark.parametrize(
    ("written", "hint"),
    [("list", "relate many rows"), ("Array", "relate many rows"), ("ForeignKey", "reference")],
)
def test_collection_and_reference_type_names_explain_the_djs_way(written, hint, diagnose):
    [(code, underlined, help_)] = diagnose(f"entity Post {{ x: {written} }}")
    assert (code, underlined) == ("DJS0102", written)
    assert help_ is not None and hint in help_


def test_a_declared_type_beats_the_foreign_name_table(diagnose):
    # `Number` would be `Float`, but the spec declares an entity of that name
    found = diagnose("entity Number { n: Int }\nentity Post { x: number }")
    assert found == [("DJS0102", "number", "did you mean `Number`?")]


def test_typos_still_get_the_nearest_name(diagnose):
    assert diagnose("entity Post { x: Strnig }") == [
        ("DJS0102", "Strnig", "did you mean `String`?")
    ]


def test_ordering_cannot_step_through_a_scalar_field(compile_spec) -> None:
    # `title` is a string: `title.length` names nothing a database can order by.
    result = compile_spec("entity Post {\n  title: String(100)\n  ordering title.length\n}\n")
    found = [(d.code, d.message) for d in result.diagnostics.sorted()]
    assert found == [("DJS0106", "`String` has no field `length`")]
