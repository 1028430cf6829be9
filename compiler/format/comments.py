"""Attaching every comment of a file to the layout tree, so none is lost.

Rules, applied block by block (the file itself is the outermost block):
- a comment inside a unit's span goes down into that unit: into the block it lies
  in, or, for a unit printed on one line, in front of the unit (`hoisted`);
- a comment after an item and on the line that item ends on is a trailing comment
  of that item (kept on its line after two spaces); one on the line of a block's
  `{` before the first item stays on that line;
- any other comment leads the next item, or, after the last item, stays before
  the block's `}` (at the end of the file: stays at the end);
- `///` doc comments never trail: they always lead the next item, which is the
  construct they document (the parser attaches a doc to the line below it);
- the docs of relation ends are taken out first (`relation_end_docs`): the
  printer puts each back above its end.
A blank line (or several) before a comment or an item is remembered as one.
"""

from __future__ import annotations

import bisect

from djsc.format.layout import Block, Lead, Unit
from djsc.ir import nodes as ir
from djsc.source import SourceFile
from djsc.syntax.parser import Comment


def relation_end_docs(
    decls, comments: tuple[Comment, ...], source: SourceFile
) -> tuple[dict[int, list[Comment]], tuple[Comment, ...]]:
    """The `///` lines documenting each relation end, by the end's start offset, and
    the comments left for `attach_comments`.  An end's doc is the run of `///` lines
    right above the end's line, as the parser reads it."""
    on_line: dict[int, list[Comment]] = {}
    for c in comments:
        on_line.setdefault(_line(source, c.span.start), []).append(c)
    taken: dict[int, list[Comment]] = {}
    for rel in decls:
        if not isinstance(rel, ir.Relation):
            continue
        for end in (rel.source, rel.target):
            if not end.doc:
                continue
            run: list[Comment] = []
            line = _line(source, end.span.start) - 1
            while (found := on_line.get(line)) and found[-1].doc:
                if found[-1].span.start < rel.span.start:
                    break
                run.insert(0, found[-1])
                if len(found) > 1:  # a comment before it on its line starts the doc
                    break
                line -= 1
            taken[end.span.start] = run
    used = {id(c) for run in taken.values() for c in run}
    return taken, tuple(c for c in comments if id(c) not in used)


def attach_comments(
    units: list[Unit], comments: tuple[Comment, ...], source: SourceFile
) -> list[Lead]:
    """Attach `comments` to `units` (the file's declarations); the comments left
    at the end of the file are returned."""
    root = Block(items=units)
    _distribute(root, sorted(comments, key=lambda c: c.span.start), source, 0)
    return root.dangling


def _blank_between(source: SourceFile, start: int, end: int) -> bool:
    return source.text.count("\n", start, end) >= 2


def _line(source: SourceFile, offset: int) -> int:
    return source.line_col(offset)[0]


def _distribute(block: Block, comments: list[Comment], source: SourceFile, begin: int) -> None:
    """Place `comments` (sorted, all inside `block`) relative to its items; `begin`
    is where the block's content starts, for blank-line detection."""
    items = block.items
    ends = [u.end for u in items]
    inner: dict[int, list[Comment]] = {}
    last_end = begin
    trailing_open = False  # the previous element is an item or one of its trailing comments
    header_open = block.header_line is not None
    nxt_seen = 0  # items whose blank line before them has been computed
    for c in comments:
        start = c.span.start
        i = bisect.bisect_right(ends, start)
        if i < len(items) and items[i].start <= start:
            inner.setdefault(i, []).append(c)
            continue
        # Items before `i` are behind us: settle their blank lines.
        while nxt_seen < i:
            unit = items[nxt_seen]
            unit.blank = _blank_between(source, last_end, unit.start)
            last_end, trailing_open, header_open = unit.end, True, False
            nxt_seen += 1
        same_line = "\n" not in source.text[last_end:start]
        if not c.doc and same_line and trailing_open:
            items[i - 1].trailing.append(c)
            last_end = c.span.end
            continue
        if not c.doc and same_line and header_open and i == 0:
            block.header.append(c)
            last_end = c.span.end
            continue
        lead = Lead(c, _blank_between(source, last_end, start))
        (items[i].leading if i < len(items) else block.dangling).append(lead)
        last_end, trailing_open, header_open = c.span.end, False, False
    while nxt_seen < len(items):
        unit = items[nxt_seen]
        unit.blank = _blank_between(source, last_end, unit.start)
        last_end = unit.end
        nxt_seen += 1
    for i, unit in enumerate(items):
        _descend(unit, inner.get(i, []), source)


def _descend(unit: Unit, comments: list[Comment], source: SourceFile) -> None:
    blocks = unit.blocks
    if not blocks:
        unit.hoisted.extend(comments)
        return
    header = _line(source, unit.start)
    for k, block in enumerate(blocks):
        block.header_line = header if k == 0 else None
        if block.keyword:
            block.anchor = _keyword_end(source, unit, block.keyword, comments)
        if block.items and (k == 0 or block.keyword):
            opening = header if k == 0 else _line(source, block.anchor)
            if block.opens_at is not None:
                opening = _line(source, block.opens_at)
            block.multiline = _line(source, block.items[0].start) != opening
    per_block: list[list[Comment]] = [[] for _ in blocks]
    for c in comments:
        if blocks[0].opens_at is not None and c.span.start < blocks[0].opens_at:
            unit.hoisted.append(c)  # before the line the block opens on: not in it
            continue
        k = max(k for k, b in enumerate(blocks) if k == 0 or b.anchor <= c.span.start)
        per_block[k].append(c)
    for block, mine in zip(blocks, per_block, strict=True):
        begin = unit.start if block is blocks[0] else block.anchor
        _distribute(block, mine, source, begin)


def _keyword_end(source: SourceFile, unit: Unit, keyword: str, comments: list[Comment]) -> int:
    """Where the body introduced by `keyword` (`apply`) starts: just after the last
    such word in `unit` outside a comment (only `{`, blanks and comments follow it
    before the body's items)."""
    text = source.text
    pos = unit.end
    while True:
        pos = text.rfind(keyword, unit.start, pos)
        if pos < 0:
            return unit.end
        if not any(c.span.start <= pos < c.span.end for c in comments):
            return pos + len(keyword)
