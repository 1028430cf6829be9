"""Where declarations start, and which `{` is left open: the facts syntax recovery needs.

LALR stops at the first error.  To report every broken declaration of a file, the
parser cuts the text into chunks, one per top-level declaration, and skips the chunk
at fault.  This module finds the chunks with a light scan that mirrors the lexer's
strings and comments, so a `{` inside a string or comment never counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOP_LEVEL_KEYWORDS = (
    "use",
    "app",
    "enum",
    "entity",
    "relation",
    "command",
    "event",
    "query",
    "channel",
)
# Words after which a top-level keyword is a name, not a new declaration
# (`command publish on event`, `entity Post was query`).
_NAME_CONTEXT = frozenset((*TOP_LEVEL_KEYWORDS, "on", "was"))

_SCAN = re.compile(
    r'"(?:\\.|[^"\\\n])*"?'  # a string; unterminated ones stop at the line end, as lark's do
    r"|//[^\n]*"
    r"|/\*.*?(?:\*/|\Z)"
    r"|[{}]"
    r"|\b(?:" + "|".join(TOP_LEVEL_KEYWORDS) + r")\b",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Chunk:
    """The text of one top-level declaration, `[start, end)`.

    `open_braces` are the offsets of the `{` the chunk opens and never closes,
    outermost first: a chunk with any is the likely cause of errors further down.
    """

    start: int
    end: int
    keyword: str
    open_braces: tuple[int, ...] = ()


def chunks(text: str) -> list[Chunk]:
    """`text` cut at every place a top-level declaration plausibly starts."""
    starts: list[tuple[int, str]] = [(0, "")]
    opens: list[list[int]] = [[]]
    depth = 0
    for m in _SCAN.finditer(text):
        word = m.group()
        if word == "{":
            depth += 1
            opens[-1].append(m.start())
        elif word == "}":
            depth = max(0, depth - 1)
            if opens[-1]:
                opens[-1].pop()
        elif word[0].isalpha() and _starts_declaration(text, m.start(), m.end(), depth):
            if m.start() == 0:
                starts[0] = (0, word)
                continue
            starts.append((m.start(), word))
            opens.append([])
    ends = [s for s, _ in starts[1:]] + [len(text)]
    return [
        Chunk(start, end, keyword, tuple(o))
        for (start, keyword), end, o in zip(starts, ends, opens, strict=True)
    ]


def _starts_declaration(text: str, start: int, end: int, depth: int) -> bool:
    if re.match(r"[ \t]*:", text[end : end + 64]):
        return False  # `event: String` is a field
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == start:
        return True  # column 0 wins even inside an unclosed block: that is what it is for
    if depth > 0:
        return False
    before = text[max(0, start - 64) : start].rstrip()
    if not before or before.endswith(("}", '"')):
        return True
    if before.endswith((".", "->")):
        return False
    previous = re.search(r"([A-Za-z_][A-Za-z0-9_]*)$", before)
    return not (previous and previous.group(1) in _NAME_CONTEXT)


def chunk_at(parts: list[Chunk], offset: int) -> int:
    """Index of the chunk holding `offset` (the last chunk for the end of the text)."""
    lo, hi = 0, len(parts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if parts[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def open_brace_before(text: str, start: int, offset: int) -> int | None:
    """The innermost `{` between `start` and `offset` that is still open at `offset`."""
    stack: list[int] = []
    for m in _SCAN.finditer(text, start, offset):
        if m.group() == "{":
            stack.append(m.start())
        elif m.group() == "}" and stack:
            stack.pop()
    return stack[-1] if stack else None


def blank(text: str, start: int, end: int) -> str:
    """`text` with `[start, end)` replaced by spaces, keeping line breaks (and so spans)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
