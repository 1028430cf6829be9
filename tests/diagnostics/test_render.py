"""The human renderer: code frames that stay aligned and bounded whatever the text."""

from __future__ import annotations

import json

from djsc.diagnostics import codes
from djsc.diagnostics.render import MAX_LINE_CELLS, render, to_json, width
from djsc.source import SourceFile, SourceMap, Span


def frame(*files: tuple[str, str]) -> SourceMap:
    sources = SourceMap()
    for path, text in files:
        sources.add(SourceFile(path, text))
    return sources


def caret_column(rendered: str, marker: str = "^") -> int:
    """Cell of the first marker on the underline row, counted from the source text start."""
    rows = rendered.splitlines()
    row = next(r for r in rows if r.strip().startswith("|") and marker in r)
    return width(row[: row.index(marker)]) - width(row[: row.index("|") + 2])


def source_row(rendered: str, number: int) -> str:
    row = next(r for r in rendered.splitlines() if r.lstrip().startswith(f"{number} |"))
    return row.split("| ", 1)[1]


def test_basic_frame() -> None:
    sources = frame(("a.djs", "entity A {\n  a: Strin\n}\n"))
    diag = codes.UNKNOWN_TYPE.at(Span("a.djs", 16, 21), "not a type", name="Strin")
    out = render(diag.with_help("did you mean `String`?"), sources)
    assert out == (
        "error[DJS0102]: unknown type `Strin`\n"
        " --> a.djs:2:6\n"
        "  |\n"
        "2 |   a: Strin\n"
        "  |      ^^^^^ not a type\n"
        "  |\n"
        "  = help: did you mean `String`?\n"
    )


def test_tabs_are_expanded_and_carets_follow() -> None:
    text = "entity A {\n\t\ta: Strin\n}\n"
    sources = frame(("a.djs", text))
    start = text.index("Strin")
    out = render(codes.UNKNOWN_TYPE.at(Span("a.djs", start, start + 5), name="Strin"), sources)
    assert "\t" not in out
    assert source_row(out, 2) == "        a: Strin"
    assert caret_column(out) == 11


def test_crlf_line_endings_do_not_leak() -> None:
    text = "entity A {\r\n  a: Strin\r\n}\r\n"
    sources = frame(("a.djs", text))
    start = text.index("Strin")
    out = render(codes.UNKNOWN_TYPE.at(Span("a.djs", start, start + 5), name="Strin"), sources)
    assert "\r" not in out
    assert " --> a.djs:2:6" in out
    assert caret_column(out) == 5


def test_zero_width_span_at_end_of_file() -> None:
    text = "entity A {"
    sources = frame(("a.djs", text))
    out = render(codes.UNEXPECTED_EOF.at(Span("a.djs", 10, 10), "the file ends here"), sources)
    assert " --> a.djs:1:11" in out
    assert caret_column(out) == 10
    assert "^ the file ends here" in out


def test_zero_width_span_after_trailing_newline() -> None:
    sources = frame(("a.djs", "entity A {\n"))
    out = render(codes.UNEXPECTED_EOF.at(Span("a.djs", 11, 11), "here"), sources)
    assert " --> a.djs:2:1" in out
    assert "^ here" in out


def test_multi_line_span_says_how_many_lines() -> None:
    text = "entity A {\n  a: Int\n  b: Int\n}\n"
    sources = frame(("a.djs", text))
    out = render(codes.EMPTY_CHANNEL.at(Span("a.djs", 0, len(text) - 1), "this", name="A"), sources)
    assert "^^^^^^^^^^ this (spans 4 lines)" in out


def test_wide_characters_keep_carets_aligned() -> None:
    text = 'app x { title "日本語のブログ" }\nentity A { a: Strin }\n'
    sources = frame(("a.djs", text))
    start = text.index("}")
    out = render(codes.UNEXPECTED_TOKEN.at(Span("a.djs", start, start + 1), found="`}`"), sources)
    assert caret_column(out) == width(text[:start]) == start + 7


def test_combining_marks_take_no_cell() -> None:
    text = 'app x { title "cafe\u0301" oops }\n'
    sources = frame(("a.djs", text))
    start = text.index("oops")
    out = render(
        codes.UNEXPECTED_TOKEN.at(Span("a.djs", start, start + 4), found="`oops`"), sources
    )
    assert caret_column(out) == start - 1


def test_control_and_bidi_characters_are_not_printed_raw() -> None:
    text = "entity A {\x1b[31m \u202e }\n"
    sources = frame(("a.djs", text))
    out = render(codes.UNEXPECTED_CHARACTER.at(Span("a.djs", 10, 11), char="'\\x1b'"), sources)
    assert "\x1b" not in out and "\u202e" not in out


def test_secondary_label_on_another_line_and_gap() -> None:
    text = "entity A {}\n\n\n\n\nentity A {}\n"
    sources = frame(("a.djs", text))
    second = text.rindex("A")
    diag = codes.DUPLICATE_DECLARATION.at(
        Span("a.djs", second, second + 1), kind="entity", name="A"
    )
    out = render(diag.with_label(Span("a.djs", 7, 8), "first defined here"), sources)
    lines = out.splitlines()
    assert lines[3] == "1 | entity A {}"
    assert lines[4] == "  |        - first defined here"
    assert lines[5] == "..."
    assert lines[6] == "6 | entity A {}"
    assert lines[7] == "  |        ^"


def test_adjacent_gap_shows_the_line_between() -> None:
    text = "entity A {}\n// between\nentity A {}\n"
    sources = frame(("a.djs", text))
    diag = codes.DUPLICATE_DECLARATION.at(Span("a.djs", 31, 32), kind="entity", name="A")
    out = render(diag.with_label(Span("a.djs", 7, 8), "first"), sources)
    assert "2 | // between" in out and "..." not in out


def test_secondary_label_in_another_file() -> None:
    sources = frame(("a.djs", 'use "b.djs"\nentity A {}\n'), ("b.djs", "\n\nentity A {}\n"))
    diag = codes.DUPLICATE_DECLARATION.at(Span("a.djs", 19, 20), kind="entity", name="A")
    out = render(diag.with_label(Span("b.djs", 9, 10), "first defined here"), sources)
    assert " --> a.djs:2:8" in out
    assert " ::: b.djs:3:8" in out
    assert "3 | entity A {}" in out
    assert "  |        - first defined here" in out


def test_unknown_file_renders_location_only() -> None:
    out = render(
        codes.CANNOT_READ.at(Span("gone.djs", 0, 0), file="gone.djs", reason="x"), SourceMap()
    )
    assert out.splitlines() == ["error[DJS0003]: cannot read `gone.djs`: x", " --> gone.djs"]


def test_long_line_is_cut_around_the_caret() -> None:
    text = "entity A { " + " ".join(f"f{i}: Int" for i in range(100_000)) + " $ }"
    sources = frame(("a.djs", text))
    pos = text.index("$")
    out = render(
        codes.UNEXPECTED_CHARACTER.at(Span("a.djs", pos, pos + 1), "here", char="`$`"), sources
    )
    assert len(out) < 600
    row = source_row(out, 1)
    assert row.startswith("...") and "$ }" in row
    assert width(row) <= MAX_LINE_CELLS + 6
    assert row[caret_column(out)] == "$"


def test_long_line_cut_keeps_carets_aligned_at_the_start() -> None:
    text = "x" * 500
    sources = frame(("a.djs", text))
    out = render(codes.UNEXPECTED_TOKEN.at(Span("a.djs", 2, 5), found="`x`"), sources)
    row = source_row(out, 1)
    assert not row.startswith("...") and row.endswith("...")
    assert caret_column(out) == 2 and "^^^" in out


def test_colour_only_when_asked() -> None:
    sources = frame(("a.djs", "entity A {}\n"))
    diag = codes.UNKNOWN_TYPE.at(Span("a.djs", 7, 8), name="A").with_help("h")
    assert "\x1b[" not in render(diag, sources)
    coloured = render(diag, sources, color=True)
    assert "\x1b[1;31merror[DJS0102]" in coloured
    assert coloured.count("\x1b[0m") >= 3


def test_warning_header() -> None:
    sources = frame(("a.djs", "enum E { a }\n"))
    out = render(codes.UNUSED_ENUM.at(Span("a.djs", 5, 6), name="E"), sources)
    assert out.startswith("warning[DJS0120]: enum `E` is never used")


def test_json_is_one_line_with_positions() -> None:
    sources = frame(("a.djs", "entity A {\n  a: Strin\n}\n"))
    diag = codes.UNKNOWN_TYPE.at(Span("a.djs", 16, 21), "x", name="Strin")
    line = to_json(diag.with_label(Span("a.djs", 0, 6), "y"), sources)
    assert "\n" not in line
    data = json.loads(line)
    assert (data["code"], data["line"], data["column"]) == ("DJS0102", 2, 6)
    assert data["primary"]["end_column"] == 11
    assert data["secondary"][0]["line"] == 1
