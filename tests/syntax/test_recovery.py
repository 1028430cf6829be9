"""Syntax recovery: every broken declaration reported once, good ones kept."""

from __future__ import annotations

import time

import pytest

from djsc.ir import nodes as ir
from djsc.source import SourceFile
from djsc.syntax.parser import parse
from djsc.syntax.recovery import chunks

TEN = """\
entity A1 { a: Int }
entity A2 { a Int(3) }
entity A3 { a: Int }
enum A4 { x y }
relation many_to_one A1.x A3
entity A6 { a: Int }
command c7 on A1 { allow: anyone }
entity A8 { a: Int }
query q9 -> A1[] { where a == 1 }
entity A10 { a: String(10) }
"""


def names(result) -> list[str]:
    return [d.name.text for d in result.decls if hasattr(d, "name")]


def positions(source: SourceFile, result) -> list[tuple[int, int]]:
    return [source.line_col(d.primary.span.start) for d in result.diagnostics]


def test_three_broken_declarations_give_exactly_three_errors() -> None:
    source = SourceFile("ten.djs", TEN)
    result = parse(source)
    assert [d.code for d in result.diagnostics] == ["DJS0001"] * 3
    assert positions(source, result) == [(2, 18), (5, 27), (7, 25)]
    assert names(result) == ["A1", "A3", "A4", "A6", "A8", "q9", "A10"]


def test_good_declarations_keep_their_spans() -> None:
    source = SourceFile("ten.djs", TEN)
    decl = next(d for d in parse(source).decls if getattr(d, "name", None) and d.name.text == "A8")
    assert source.text[decl.span.start : decl.span.end] == "entity A8 { a: Int }"
    assert source.line_col(decl.name.span.start) == (8, 8)


def test_error_inside_a_block_does_not_cascade() -> None:
    text = "entity A {\n  a: Int\n  b: Int = = 3\n  c: Int\n  d: @@ Int\n}\nentity B { b: Int }\n"
    result = parse(SourceFile("s.djs", text))
    assert len(result.diagnostics) == 1
    assert names(result) == ["B"]


def test_unclosed_brace_blames_the_brace_not_the_next_declaration() -> None:
    text = "entity A {\n  a: Int\n\nentity B { b: Int }\nentity C { c: Int }\n"
    source = SourceFile("s.djs", text)
    result = parse(source)
    [diag] = result.diagnostics
    assert diag.code == "DJS0010"
    assert source.line_col(diag.primary.span.start) == (1, 10)
    assert source.line_col(diag.secondary[0].span.start) == (4, 1)
    assert names(result) == ["B", "C"]


def test_end_of_file_inside_a_block_points_at_the_open_brace() -> None:
    source = SourceFile("s.djs", "entity A { a: Int }\nentity B {\n  b: Int\n")
    result = parse(source)
    [diag] = result.diagnostics
    assert diag.code == "DJS0007"
    assert diag.primary.span.start == diag.primary.span.end == len(source.text)
    assert source.line_col(diag.secondary[0].span.start) == (2, 10)
    assert names(result) == ["A"]


def test_unfinished_declaration_is_blamed_not_the_next_one() -> None:
    text = "entity A { a: Int }\nrelation many_to_one A.b ->\nentity C { c: Int }\n"
    source = SourceFile("s.djs", text)
    result = parse(source)
    [diag] = result.diagnostics
    assert source.line_col(diag.primary.span.start) == (3, 1)
    assert "incomplete" in (diag.help or "")
    assert names(result) == ["A", "C"]


def test_declarations_on_one_line_recover_separately() -> None:
    text = "entity A { a: Int } entity B { b Int( } entity C { c: Int }"
    result = parse(SourceFile("s.djs", text))
    assert len(result.diagnostics) == 1
    assert names(result) == ["A", "C"]


def test_unterminated_comment_between_declarations_keeps_the_one_before() -> None:
    source = SourceFile("s.djs", "entity A { a: Int }\n/* open\nentity B { b: Int }\n")
    result = parse(source)
    [diag] = result.diagnostics
    assert (diag.code, diag.message) == ("DJS0010", "unterminated comment")
    assert names(result) == ["A"]


def test_errors_are_capped() -> None:
    text = "entity A { a: $ }\n" * 100
    result = parse(SourceFile("s.djs", text))
    assert len(result.diagnostics) == 25


@pytest.mark.parametrize("keyword", ["entity", "event", "query"])
def test_field_named_like_a_keyword_does_not_start_a_chunk(keyword: str) -> None:
    text = f"entity A {{\n{keyword}: Int\n}}\n"
    assert [c.keyword for c in chunks(text)] == ["entity"]


def test_keyword_after_on_or_dot_is_a_name() -> None:
    text = "command c on event { allow x }  relation r A.event -> B entity C {}"
    assert [c.keyword for c in chunks(text)] == ["command", "relation", "entity"]


def test_braces_in_strings_and_comments_do_not_count() -> None:
    text = 'entity A { a: String = "{" // {\n /* { */ }\nentity B {}\n'
    assert [c.open_braces for c in chunks(text)] == [(), ()]


def test_recovery_is_linear_in_the_file_size() -> None:
    good = "".join(f"entity E{i} {{ a: Int  b: String(10) }}\n" for i in range(3000))
    bad = good.replace("entity E1000 { a: Int", "entity E1000 { a Int(")
    bad = bad.replace("entity E2000 { a: Int", "entity E2000 { a: $")
    started = time.perf_counter()
    result = parse(SourceFile("s.djs", bad))
    elapsed = time.perf_counter() - started
    assert len(result.diagnostics) == 2
    assert len(result.decls) == 2998
    started = time.perf_counter()
    parse(SourceFile("s.djs", good))
    baseline = time.perf_counter() - started
    assert elapsed < 4 * baseline + 0.5


def test_doc_comments_survive_recovery() -> None:
    text = "/// The A.\nentity A { a: Int }\nentity B { b: $ }\n"
    result = parse(SourceFile("s.djs", text))
    entity = result.decls[0]
    assert isinstance(entity, ir.Entity)
    assert entity.doc == "The A."
