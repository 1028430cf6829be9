"""Offsets, lines and columns, and UTF-16 positions."""

from __future__ import annotations

import pytest

from djsc.source import SourceFile, SourceMap, Span


def test_line_col_round_trip() -> None:
    src = SourceFile("a.djs", "ab\ncd\n\nef")
    for offset in range(len(src.text) + 1):
        line, col = src.line_col(offset)
        assert src.offset_of(line, col) == offset
    assert src.line_col(3) == (2, 1)
    assert src.line_count == 4


def test_offsets_out_of_range_are_clamped() -> None:
    src = SourceFile("a.djs", "ab\ncd")
    assert src.line_col(-5) == (1, 1)
    assert src.line_col(99) == (2, 3)


def test_line_text_drops_crlf() -> None:
    src = SourceFile("a.djs", "ab\r\ncd\r\n")
    assert src.line_text(1) == "ab"
    assert src.line_text(3) == ""


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("abc", 2, (0, 2)),
        ("é\nxé", 4, (1, 2)),
        ("😀x", 1, (0, 2)),  # astral: two UTF-16 units
        ("a\n😀😀x", 4, (1, 4)),
    ],
)
def test_utf16_position(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert SourceFile("a.djs", text).utf16_position(offset) == expected


def test_large_file_line_index_is_fast() -> None:
    import time

    text = "entity A { a: Int }\n" * 500_000
    started = time.perf_counter()
    src = SourceFile("a.djs", text)
    assert time.perf_counter() - started < 2
    assert src.line_col(len(text) - 1) == (500_000, 20)


def test_span_synthetic_and_source_map() -> None:
    span = Span("a.djs", 1, 2)
    assert span.as_synthetic().synthetic and not span.synthetic
    sources = SourceMap()
    src = sources.add(SourceFile("a.djs", "x"))
    assert sources.get("a.djs") is src and "a.djs" in sources and list(sources) == [src]
    assert sources.get("b.djs") is None
