"""check_expressions: entity `allow` rules and `check` constraints."""

from __future__ import annotations

from pathlib import Path

import pytest

from djsc.pipeline import compile_source

SAMPLE = (Path(__file__).parent / "check_expressions_sample.djs").read_text(encoding="utf-8")

ENTITY = """
app a {{ roles editor }}
enum S {{ draft  done }}
entity Author {{ name: String(50) }}
entity Post {{
  title: String(100)
  status: S = draft
  views: Int = 0
  {member}
}}
relation many_to_one Post.author -> Author.posts
relation one_to_one Author.user -> User.author
"""


def diagnostics(member: str) -> list[tuple[str, str]]:
    compiled = compile_source(ENTITY.format(member=member))
    return [(d.code, d.message) for d in compiled.diagnostics.sorted()]


def test_sample_spec_compiles_without_errors() -> None:
    compiled = compile_source(SAMPLE)
    assert [d.message for d in compiled.diagnostics.errors] == []


@pytest.mark.parametrize(
    "member",
    [
        "allow read: anyone",
        "allow create: authenticated",
        "allow update, delete: owner(author.user) or role(editor)",
        "allow read: auth.user.is_staff or status == done",
        'check views >= 0 else "no"',
        "check status != draft or views == 0",
        "check len(title) > 2",
    ],
)
def test_valid_rules(member: str) -> None:
    assert diagnostics(member) == []


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        ("allow reed: anyone", ("DJS0405", "`reed` is not an operation")),
        ("allow read, list: anyone", ("DJS0405", "`list` is not an operation")),
        ("allow read: views", ("DJS0208", "expected `Bool`, found `Int`")),
        ("allow read: role(admin)", ("DJS0111", "unknown role `admin`")),
        ("allow read: owner(author)", ("DJS0208", "expected `User`, found `Author`")),
        ("allow read: input.x", ("DJS0404", "`input` is only available in commands and queries")),
        ("check views", ("DJS0208", "expected `Bool`, found `Int`")),
        ('check author.name != ""', ("DJS0410", "`author.name` cannot be used in a `check` rule")),
        ("check anyone", ("DJS0110", "unknown name `anyone`")),
        ("check owner(author.user)", ("DJS0410", "`owner()` cannot be used in a `check` rule")),
        ("check status == dne", ("DJS0104", "`dne` is not a member of enum `S`")),
    ],
)
def test_invalid_rules(member: str, expected: tuple[str, str]) -> None:
    assert diagnostics(member) == [expected]


def test_operation_help_lists_operations_when_nothing_is_close() -> None:
    compiled = compile_source(ENTITY.format(member="allow everything: anyone"))
    (diag,) = compiled.diagnostics.errors
    assert diag.help == "the operations are `read`, `create`, `update` and `delete`"
