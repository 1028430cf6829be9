"""check_queries: entity, filter, ordering, limit, permission, repeated clauses."""

from __future__ import annotations

import pytest

from djsc.pipeline import compile_source

SPEC = """
enum S {{ draft  done }}
entity Author {{ name: String(50) }}
entity Post {{ title: String(100)  status: S = draft  views: Int = 0  at: DateTime? }}
relation many_to_one Post.author -> Author.posts
relation one_to_one Author.user -> User.author
query q -> {on} {{
  {body}
}}
"""


def diagnostics(body: str, on: str = "Post[]") -> list[tuple[str, str]]:
    compiled = compile_source(SPEC.format(body=body, on=on))
    return [(d.code, d.message) for d in compiled.diagnostics.sorted()]


@pytest.mark.parametrize(
    "body",
    [
        "where status == done and not (views in [1, 2])",
        "input { min: Int } where views >= input.min order -at, title limit 10",
        "where author.user == auth.user order author.name, -author.user.email",
        "allow anyone",
        "allow auth.user.is_staff",
    ],
)
def test_valid_queries(body: str) -> None:
    assert diagnostics(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("where views", ("DJS0208", "expected `Bool`, found `Int`")),
        ("where self.views > 1", ("DJS0408", "`self` is not available in a query")),
        ("where views > input.x", ("DJS0106", "`input` has no field `x`")),
        ("where status == draftt", ("DJS0104", "`draftt` is not a member of enum `S`")),
        ("order -titel", ("DJS0106", "`Post` has no field `titel`")),
        ("order author.nam", ("DJS0106", "`Author` has no field `nam`")),
        ("order title.x", ("DJS0106", "`String` has no field `x`")),
        ("limit 0", ("DJS0411", "`limit` must be at least 1")),
        ("limit 1 limit 2", ("DJS0403", "`limit` is given more than once in `q`")),
        ("where true where false", ("DJS0403", "`where` is given more than once in `q`")),
        ("order title order views", ("DJS0403", "`order` is given more than once in `q`")),
        ("allow anyone allow anyone", ("DJS0403", "`allow` is given more than once in `q`")),
        ("allow views > 1", ("DJS0110", "unknown name `views`")),
        ("allow title", ("DJS0110", "unknown name `title`")),
    ],
)
def test_invalid_queries(body: str, expected: tuple[str, str]) -> None:
    assert diagnostics(body) == [expected]


def test_unknown_entity() -> None:
    assert diagnostics("where views > 1", on="Pst[]") == [("DJS0103", "unknown entity `Pst`")]
