"""check_commands: entity, permission, guards, effects and emitted events."""

from __future__ import annotations

import pytest

from djsc.pipeline import compile_source

SPEC = """
app a {{ roles editor }}
enum S {{ draft  done }}
entity Author {{ name: String(50) }}
entity Post {{
  title: String(100)
  status: S = draft
  views: Int = 0
  at: DateTime?
  wait: Duration?
  timestamps
}}
relation many_to_one Post.author -> Author.posts
relation one_to_one Author.user -> User.author
relation many_to_many Post.tags -> Tag.posts
entity Tag {{ name: String(20) }}
event Done {{ post: Post  at: DateTime  note: String? }}
command {name} on {on} {{
  {body}
}}
"""


def diagnostics(body: str, on: str = "Post", name: str = "act") -> list[tuple[str, str]]:
    compiled = compile_source(SPEC.format(body=body, on=on, name=name))
    return [(d.code, d.message) for d in compiled.diagnostics.sorted() if d.is_error]


@pytest.mark.parametrize(
    "body",
    [
        "allow owner(author.user) or role(editor)",
        'input { at: DateTime? } require status == draft else "x" set at = input.at ?? now()',
        "set status = done, views += 1, wait += 5m, author = author",
        "set at = null",
        "emit Done { post = self, at = now() }",
        "emit Done { post = self, at = now(), note = title }",
        'require views > 0 and title != ""',
    ],
)
def test_valid_commands(body: str) -> None:
    assert diagnostics(body) == []


def test_collection_command_sets_fields_without_self() -> None:
    assert diagnostics("input { t: String } set title = input.t", on="Post[]") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("allow views", ("DJS0208", "expected `Bool`, found `Int`")),
        (
            "allow anyone allow authenticated",
            ("DJS0403", "`allow` is given more than once in `act`"),
        ),
        (
            "input { a: Int } input { b: Int }",
            ("DJS0403", "`input` is given more than once in `act`"),
        ),
        ('require title else "x"', ("DJS0208", "expected `Bool`, found `String`")),
        ("require anyone", ("DJS0110", "unknown name `anyone`")),
        ('set titel = "x"', ("DJS0106", "`Post` has no field `titel`")),
        ('set at = "x"', ("DJS0208", "expected `DateTime`, found `String`")),
        ("set views = 1.5", ("DJS0208", "expected `Int`, found `Float`")),
        ("set title = null", ("DJS0208", "expected `String`, found `null`")),
        ("set status = gone", ("DJS0104", "`gone` is not a member of enum `S`")),
        ("set id = 1", ("DJS0401", "cannot assign to `id`: it is set automatically")),
        (
            "set created_at = now()",
            ("DJS0401", "cannot assign to `created_at`: it is set automatically"),
        ),
        ("set tags = null", ("DJS0401", "cannot assign to `tags`: it holds many objects")),
        (
            'set author.name = "x"',
            ("DJS0401", "cannot assign to `author.name`: only fields of `Post` itself can be set"),
        ),
        ('set title += "x"', ("DJS0209", "cannot apply `+=` to `String` and `String`")),
        ("set views = input.n", ("DJS0106", "`input` has no field `n`")),
        ("emit Dne { }", ("DJS0105", "unknown event `Dne`")),
        ("emit Done { post = self }", ("DJS0402", "`emit Done` does not give `at`")),
        (
            "emit Done { post = self, at = now(), when = now() }",
            ("DJS0106", "`Done` has no field `when`"),
        ),
        (
            "emit Done { post = self, at = title }",
            ("DJS0208", "expected `DateTime`, found `String`"),
        ),
        ("emit Done { post = author, at = now() }", ("DJS0208", "expected `Post`, found `Author`")),
        (
            "emit Done { post = self, at = now(), at = now() }",
            ("DJS0403", "`at` is given more than once in `emit Done`"),
        ),
    ],
)
def test_invalid_commands(body: str, expected: tuple[str, str]) -> None:
    assert diagnostics(body) == [expected]


def test_self_in_collection_command() -> None:
    assert diagnostics("set title = self.title", on="Post[]") == [
        ("DJS0408", "`self` is not available in a collection command (`on Post[]`)")
    ]


def test_unknown_entity_is_reported_once_and_stops_the_command() -> None:
    found = diagnostics("set nothing = 1 require nope", on="Pots")
    assert found == [("DJS0103", "unknown entity `Pots`")]


def test_unknown_entity_suggests_a_close_name() -> None:
    compiled = compile_source(SPEC.format(body="", on="Pots", name="act"))
    assert [d.help for d in compiled.diagnostics.errors] == ["did you mean `Post`?"]


def test_wrong_target_still_checks_the_value() -> None:
    found = diagnostics("set titel = nope")
    assert [c for c, _ in found] == ["DJS0106", "DJS0110"]
