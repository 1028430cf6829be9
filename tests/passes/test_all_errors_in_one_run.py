"""Every independent mistake of a spec is reported by one compile, in `check` as in
`build`: a broken name stops only what depends on it, never unrelated declarations."""

from __future__ import annotations

from pathlib import Path

import pytest

from djsc.pipeline import compile_files, compile_source

# One mistake per line marked `<-`; none depends on another.
SPEC = """\
app shop {
  title "Shop"
  pagination cursr { size 20 }          // <- not a pagination style
  roles staff
}

enum Status { open  closed }

entity Customer {
  name: String(100)
  age: Integer                          // <- another language's type name
  tier: Status = gold                   // <- not a member
  timestamps
}

entity Customer { nickname: String(40) }  // <- declared twice

entity Product audted {                 // <- unknown flag
  title: String(200)
  price: Decimal(10, 2)
  paid: Bool search                     // <- modifier does not apply
  stock: Int = "many"                   // <- default does not fit
  cache_ttl 60s                         // <- unknown entity option
  check qty > 0                         // <- unknown name, compared
}

entity Order {
  status: Status = open
  total: Decimal(10, 2)
  allow read: role(admin)               // <- unknown role
}

relation many_to_one Order.customer -> Custmer.orders               // <- unknown entity
relation many_to_one Order.product -> Product.orders { on_delete cascde }  // <- policy

event OrderPlaced { order: Order }

command close on Order {
  require sttus == open                 // <- unknown name, compared with a member
  set totl = 0                          // <- unknown field
  emit OrderPlaced { order = self }
}

query open_orders -> Order[] {
  where status == opne                  // <- not a member
  order -created_at                     // <- no timestamps on Order
}

channel orders {
  path "ws/orders"                      // <- path shape
  broadcast OrderShipped                // <- unknown event
}
"""

EXPECTED = [
    ("DJS0602", "cursr"),
    ("DJS0102", "Integer"),
    ("DJS0104", "gold"),
    ("DJS0101", "Customer"),
    ("DJS0210", "audted"),
    ("DJS0203", "search"),
    ("DJS0202", '"many"'),
    ("DJS0601", "cache_ttl"),
    ("DJS0110", "qty"),
    ("DJS0111", "admin"),
    ("DJS0103", "Custmer"),
    ("DJS0303", "cascde"),
    ("DJS0110", "sttus"),
    ("DJS0106", "totl"),
    ("DJS0104", "opne"),
    ("DJS0106", "created_at"),
    ("DJS0502", 'path "ws/orders"'),
    ("DJS0105", "OrderShipped"),
]


def reported(compilation, text: str) -> list[tuple[str, str]]:
    return [
        (d.code, text[d.primary.span.start : d.primary.span.end])
        for d in compilation.diagnostics.sorted()
    ]


def test_build_reports_every_mistake_at_once():
    assert reported(compile_source(SPEC), SPEC) == EXPECTED


def test_check_reports_what_build_reports(tmp_path: Path):
    spec = tmp_path / "shop.djs"
    spec.write_text(SPEC, encoding="utf-8")
    assert reported(compile_files([str(spec)], lower=False), SPEC) == EXPECTED
    assert reported(compile_files([str(spec)]), SPEC) == EXPECTED


def test_other_languages_type_name_suggests_the_djs_one():
    found = compile_source(SPEC).diagnostics.sorted()
    unknown_type = next(d for d in found if d.code == "DJS0102")
    assert unknown_type.help == "did you mean `Int`?"


@pytest.mark.parametrize(
    "spec",
    [
        SPEC,
        "entity A { n: Int }\nrelation many_to_one A.b -> B.bs",
    ],
    ids=["errors of every pass", "a relation error only"],
)
def test_lowerings_never_see_a_program_with_errors(spec):
    compiled = compile_source(spec)
    assert not compiled.ok
    assert compiled.program is compiled.parsed


@pytest.mark.parametrize(
    "spec",
    [
        "entity A { n: Integr }\nentity B { x: Strin }",
        "entity A { n: Int }\nentity A { m: Int }\nentity B { x: Strin }",
        "entity User { n: Int }\nentity B { x: Strin }",
    ],
    ids=["unknown type", "duplicate entity", "built-in entity"],
)
def test_a_name_or_type_error_does_not_hide_unrelated_declarations(spec):
    found = [
        (d.code, spec[d.primary.span.start : d.primary.span.end])
        for d in compile_source(spec).diagnostics.sorted()
    ]
    assert ("DJS0102", "Strin") in found


# ---------------------------------------------------------------- one mistake, one error

BASE = """
app shop { roles staff }
enum Status { open  closed }
entity Order { status: Status = open  total: Int = 0 }
"""


def only(extra: str) -> list[tuple[str, str]]:
    text = BASE + extra
    return [
        (code, underlined)
        for code, underlined in reported(compile_source(text), text)
        if code != "DJS0120"  # an unused event or enum is beside the point here
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("entity A { n: Int  check unknwn > 0 }", [("DJS0110", "unknwn")]),
        ("entity A { n: Int  check 0 < unknwn }", [("DJS0110", "unknwn")]),
        ("command c on Order { require sttus == open }", [("DJS0110", "sttus")]),
        ("command c on Order { require open == sttus }", [("DJS0110", "sttus")]),
        ("command c on Order { require sttus != closed }", [("DJS0110", "sttus")]),
        ("command c on Order { require sttus in [open, closed] }", [("DJS0110", "sttus")]),
        ("query q -> Order[] { where sttus == open }", [("DJS0110", "sttus")]),
        ("command c on Order { require totl > 0 }", [("DJS0110", "totl")]),
        ("command c on Order { require order.x == open }", [("DJS0110", "order")]),
        ("command c on Order { require open == closed }", [("DJS0110", "open")]),
    ],
)
def test_a_comparison_with_an_unknown_name_is_one_error(extra, expected):
    assert only(extra) == expected


def test_two_unknown_names_that_are_no_members_are_two_errors():
    # `opn` is a member of no enum: wrong whatever `sttus` was meant to be
    found = only("command c on Order { require sttus == opn }")
    assert found == [("DJS0110", "sttus"), ("DJS0110", "opn")]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # the value of an assignment to an unknown field may be a member it meant
        ("command c on Order { set sttus = closed }", [("DJS0106", "sttus")]),
        # a field of unknown type takes any member
        ("entity A { s: Statsu = open  check s == closed }", [("DJS0102", "Statsu")]),
        ("command c on A { set s = closed }\nentity A { s: Statsu }", [("DJS0102", "Statsu")]),
        # an emit of an unknown event, or an unknown payload field
        ("command c on Order { emit Closd { status = closed } }", [("DJS0105", "Closd")]),
        (
            "event Closed { s: Status }\n"
            "command c on Order { emit Closed { s = open, st = closed } }",
            [("DJS0106", "st")],
        ),
    ],
)
def test_values_whose_type_is_unknown_are_not_judged(extra, expected):
    assert only(extra) == expected


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # fields of both declarations are known; only the second declaration is wrong
        (
            "entity A { x: Int }\nentity A { y: Int }\nquery q -> A[] { where x > 0 and y > 0 }",
            [("DJS0101", "A")],
        ),
        # a user-declared `User` is reported, not every use of its fields
        (
            "entity User { level: Int }\nquery q -> Order[] { allow auth.user.level > 1 }",
            [("DJS0101", "User")],
        ),
        # members of both declarations of an enum are members
        (
            "enum Status { draft }\nentity A { s: Status = draft  check s != closed }",
            [("DJS0101", "Status")],
        ),
        # an emit of an event declared twice is not held to either payload
        (
            "event E { a: Int }\nevent E { b: Int }\ncommand c on Order { emit E { b = 1 } }",
            [("DJS0101", "E")],
        ),
        # an entity and an enum of one name: fields of that type are not judged
        (
            "enum Kind { a  b }\nentity Kind { n: Int }\n"
            "entity A { k: Kind = a filter  allow read: k == b }",
            [("DJS0101", "Kind")],
        ),
        (
            "entity Kind { n: Int }\nenum Kind { a  b }\n"
            "entity A { k: Kind = a filter  allow read: k == b }",
            [("DJS0101", "Kind")],
        ),
        # roles of a second `app` block are declared roles
        (
            "app other { roles boss }\nentity A { n: Int  allow read: role(boss) }",
            [("DJS0604", "other")],
        ),
    ],
)
def test_a_name_declared_twice_is_reported_once(extra, expected):
    assert only(extra) == expected


def test_a_misspelt_flag_does_not_make_apply_an_error():
    spec = "entity A sourcd { n: Int }\nevent E on A { m: Int } apply { n = m }"
    assert only(spec) == [("DJS0210", "sourcd")]


@pytest.mark.parametrize(
    ("extra", "unused"),
    [
        ("enum Kind { a  b }\nentity A { k: Knd }", "DJS0120"),
        ("event Done { n: Int }\ncommand c on Order { emit Don { n = 1 } }", "DJS0121"),
        ('event Done { n: Int }\nchannel ch { path "/ws/"  broadcast Don }', "DJS0121"),
    ],
)
def test_nothing_is_unused_while_a_reference_is_unresolved(extra, unused):
    text = BASE + extra
    codes = [d.code for d in compile_source(text).diagnostics.sorted()]
    assert unused not in codes


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("student: Studnt", [("DJS0102", "Studnt")]),
        ("relation many_to_one Enrollment.student -> Studnt.enrollments", [("DJS0103", "Studnt")]),
        (
            "relation many_to_on Enrollment.student -> Student.enrollments",
            [("DJS0301", "many_to_on")],
        ),
        (
            "relation many_to_one Enrolment.student -> Student.enrollments",
            [("DJS0103", "Enrolment")],
        ),
    ],
    ids=["field type", "relation entity", "relation kind", "misspelt through entity"],
)
def test_a_broken_reference_of_a_through_entity_is_not_a_missing_one(link, expected):
    field, relation = (link, "") if ":" in link else ("", link)
    spec = (
        "entity Student { name: String }\nentity Course { title: String }\n"
        f"entity Enrollment {{ course: Course  {field} }}\n{relation}\n"
        "relation many_to_many Student.courses -> Course.students { through Enrollment }\n"
    )
    assert reported(compile_source(spec), spec) == expected


def test_a_relation_with_an_unknown_side_is_not_checked_for_its_through_entity():
    spec = (
        "entity Course { title: String }\nentity Enrollment { course: Course }\n"
        "relation many_to_many Studnt.courses -> Course.students { through Enrollment }\n"
    )
    assert reported(compile_source(spec), spec) == [("DJS0103", "Studnt")]


def test_a_relation_end_clashing_with_a_field_is_one_error():
    # which of the two `author` means is unknown, so its uses are not judged
    spec = (
        "entity Author { name: String }\nentity Post { author: String  allow read: "
        'author.name == "x" }\nrelation many_to_one Post.author -> Author.posts\n'
    )
    assert reported(compile_source(spec), spec) == [("DJS0302", "author")]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        # `Slug(14, 2)` was probably meant to be a `Decimal`: its uses are not judged
        (
            "entity A { balance: Slug(14, 2)  check balance >= 0 }\n"
            "command c on A { set balance += 1 }",
            [("DJS0201", "14, 2")],
        ),
        # a field declared twice with two types: which one a use means is unknown
        (
            'entity A { t: String  t: DateTime  check t == "x" }',
            [("DJS0107", "t")],
        ),
    ],
    ids=["bad type arguments", "field declared twice"],
)
def test_a_badly_typed_field_is_one_error(spec, expected):
    assert reported(compile_source(spec), spec) == expected
