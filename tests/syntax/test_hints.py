"""Each common slip gets an error at the right place with a help line that fixes it."""

from __future__ import annotations

import pytest

from djsc.source import SourceFile
from djsc.syntax.errors import expected_words
from djsc.syntax.hints import SyntaxContext, token_hint
from djsc.syntax.parser import parse

# (source, code, (line, column), words the help line must contain)
SLIPS = {
    "field-without-colon": (
        "entity A {\n  name String(10)\n}\n",
        "DJS0001",
        (2, 14),
        "`name: String`",
    ),
    "event-field-without-colon": ("event E { a Int }\n", "DJS0001", (1, 11), "`a: Int`"),
    "allow-colon-in-command": (
        "entity P { t: Int }\ncommand p on P {\n  allow: authenticated\n}\n",
        "DJS0001",
        (3, 8),
        "without a colon",
    ),
    "allow-without-colon-in-entity": (
        "entity A { a: Int\n  allow read authenticated }\n",
        "DJS0001",
        (2, 14),
        "colon after the operations",
    ),
    "prisma-unique": ("entity A {\n  email: Email @unique\n}\n", "DJS0006", (2, 16), "`unique`"),
    "prisma-default": ("entity A { n: Int @default(0) }\n", "DJS0006", (1, 19), "`= 0`"),
    "prisma-block-unique": ("entity A { a: Int\n @@unique([a]) }\n", "DJS0006", (2, 2), "(a, b)"),
    "prisma-model": ("model User {\n  id Int\n}\n", "DJS0001", (1, 1), "`entity`"),
    "keyword-typo": ("entiy User { a: Int }\n", "DJS0001", (1, 1), "`entity`"),
    "semicolon": ("entity A {\n  a: Int;\n}\n", "DJS0006", (2, 9), "no `;`"),
    "single-quotes": ("app x { title 'Blog' }\n", "DJS0006", (1, 15), "double quotes"),
    "arrow-in-relation": (
        "relation many_to_one A.b B.c\n",
        "DJS0001",
        (1, 26),
        "`->` before its target",
    ),
    "fat-arrow": ("relation many_to_one A.b => B\n", "DJS0001", (1, 26), "written `->`"),
    "arrow-in-query": ("query q Post[] { }\n", "DJS0001", (1, 9), "after `->`"),
    "single-equals-in-guard": (
        'command c on A {\n  require a = 1 else "x"\n}\n',
        "DJS0001",
        (2, 13),
        "`==`",
    ),
    "single-equals-in-where": ("query q -> A[] { where a = 1 }\n", "DJS0001", (1, 26), "`==`"),
    "double-equals-in-set": ("command c on A { set a == 1 }\n", "DJS0001", (1, 25), "assign with"),
    "option-colon": ('app x { title: "x" }\n', "DJS0001", (1, 14), "without a colon"),
    "enum-colon": ("enum E { a: 1 }\n", "DJS0001", (1, 11), "`low = 1`"),
    "optional-before-arguments": ("entity A { a: String?(10) }\n", "DJS0001", (1, 22), "after"),
    "comma-between-fields": ("entity A { a: Int, b: Int }\n", "DJS0001", (1, 18), "whitespace"),
    "double-ampersand": ("entity A { a: Int\n check a > 1 && a < 3 }\n", "DJS0006", (2, 14), "and"),
    "hash-comment": ("# note\nentity A { a: Int }\n", "DJS0006", (1, 1), "`//`"),
    "non-ascii-name": ("entity Caf\u00e9 { a: Int }\n", "DJS0006", (1, 11), "ASCII"),
    "stray-closing-brace": ("entity A { a: Int } }\n", "DJS0001", (1, 21), "closes nothing"),
    "unclosed-string": ('app x { title "Blog }\n', "DJS0010", (1, 15), '`"`'),
    "unclosed-comment": ("entity A { a: Int }\n/* hi\n", "DJS0010", (2, 1), "`*/`"),
    "unclosed-block": ("entity A {\n  a: Int\n", "DJS0007", (3, 1), "`}`"),
}


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_slip_is_reported_with_a_hint(name: str) -> None:
    text, code, where, words = SLIPS[name]
    source = SourceFile("s.djs", text)
    diags = parse(source).diagnostics
    assert [d.code for d in diags] == [code], [d.message for d in diags]
    assert source.line_col(diags[0].primary.span.start) == where
    assert words in (diags[0].help or ""), diags[0].help


def test_messages_follow_the_style_rules() -> None:
    for text, *_ in SLIPS.values():
        for d in parse(SourceFile("s.djs", text)).diagnostics:
            assert d.message[0].islower() and not d.message.endswith(".")
            assert 0 <= d.primary.span.start <= d.primary.span.end <= len(text)


def test_keyword_where_a_name_belongs() -> None:
    ctx = SyntaxContext("entity in { }", 7, "in", "IN", frozenset({"NAME"}))
    assert "keyword" in (token_hint(ctx) or "")


def test_expected_lists_are_grouped_and_short() -> None:
    top = {"USE", "APP", "ENUM", "ENTITY", "RELATION", "COMMAND", "EVENT", "QUERY", "CHANNEL"}
    assert expected_words(top) == "a declaration (`entity`, `enum`, `relation`, …)"
    value = {"NAME", "NUMBER", "STRING", "DURATION", "LPAR", "LSQB", "RPAR"}
    assert expected_words(value) == "a value or `)`"
    assert expected_words({"COLON", "COMMA"}) == "`:` or `,`"
    assert expected_words({"RBRACE"}) == "`}`"


def test_long_tokens_are_shortened_in_messages() -> None:
    name = "x" * 100_000
    [diag] = parse(SourceFile("s.djs", f"entity A {{ a: Int }} {name}")).diagnostics
    assert len(diag.message) < 80
