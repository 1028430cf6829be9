"""Source files, spans and position conversion.

Offsets are code-point offsets into the decoded text (what lark reports).  Humans get
1-based (line, column); the language server gets 0-based UTF-16 positions.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import NamedTuple


class Span(NamedTuple):
    """A half-open range `[start, end)` of code points in one source file.

    A named tuple rather than a frozen dataclass: a large spec makes a span for
    every token and node, and tuples are built about three times faster."""

    file: str
    start: int
    end: int
    synthetic: bool = False

    def as_synthetic(self) -> Span:
        """The same range, marked as produced by lowering rather than written."""
        return Span(self.file, self.start, self.end, True)


NO_SPAN = Span("<builtin>", 0, 0, True)


@dataclass(eq=False)
class SourceFile:
    """The decoded text of one spec file, with a line index."""

    path: str
    text: str
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i >= 0:  # str.find, not a loop over characters: 10 MB specs stay fast
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts = starts

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of `offset`."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of 1-based `line` without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def offset_of(self, line: int, col: int) -> int:
        """Inverse of `line_col`."""
        return self._line_starts[line - 1] + col - 1

    def utf16_position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) in UTF-16 code units, as LSP expects."""
        line, col = self.line_col(offset)
        prefix = self.text[self._line_starts[line - 1] : self._line_starts[line - 1] + col - 1]
        units = sum(2 if ord(ch) > 0xFFFF else 1 for ch in prefix)
        return line - 1, units


class SourceMap:
    """Every file of one compilation, by path."""

    def __init__(self) -> None:
        self._files: dict[str, SourceFile] = {}

    def add(self, source: SourceFile) -> SourceFile:
        self._files[source.path] = source
        return source

    def get(self, path: str) -> SourceFile | None:
        return self._files.get(path)

    def __contains__(self, path: str) -> bool:
        return path in self._files

    def __iter__(self):
        return iter(self._files.values())
