"""One-line enums keep the reference's style: members separated by two spaces.

docs/language.md writes `enum PostStatus { draft  review  published  archived }`;
`djsc fmt` once rewrote that to `{ draft, review, published, archived }` (issue 7).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from djsc.format.printer import format_text

ROOT = Path(__file__).resolve().parents[2]
ONE_LINE_ENUM = re.compile(r"^enum \w+ \{ .+ \}$", re.MULTILINE)


def reference_enums() -> list[str]:
    text = "\n".join(
        (ROOT / name).read_text(encoding="utf-8") for name in ("docs/language.md", "README.md")
    )
    return ONE_LINE_ENUM.findall(text)


def test_the_reference_has_one_line_enums() -> None:
    assert "enum PostStatus { draft  review  published  archived }" in reference_enums()


@pytest.mark.parametrize("line", reference_enums())
def test_a_reference_enum_is_already_formatted(line: str) -> None:
    assert format_text(line + "\n", "ref.djs") == line + "\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("enum Size { S, M, L }", "enum Size { S  M  L }"),
        ("enum Size {S M L,}", "enum Size { S  M  L }"),
        ('enum Money { eur = "EUR", usd = "USD" }', 'enum Money { eur = "EUR"  usd = "USD" }'),
        ("enum Prio { low = 1, high = 2 }", "enum Prio { low = 1  high = 2 }"),
    ],
)
def test_one_line_enum_members_are_separated_by_two_spaces(source: str, expected: str) -> None:
    once = format_text(source + "\n", "e.djs")
    assert once == expected + "\n"
    assert format_text(once, "e.djs") == once


def test_an_enum_laid_out_vertically_stays_so() -> None:
    source = "enum Prio {\n  low = 1,\n  high = 2,\n}\n"
    assert format_text(source, "e.djs") == "enum Prio {\n  low = 1\n  high = 2\n}\n"
