"""The layout tree the formatter prints, and how it is rendered to text.

A `Unit` is one member line (a declaration, a field, an option, a `set` rule …);
its `parts` are text and at most a few `Block`s (`{ … }` bodies), so
`event E { … } apply { … }` is one unit with two blocks.  Comments are attached to
units by `djsc.format.comments` before rendering.

Canonical block rule: a block marked `compact` (enum members, event and input
fields, `apply`, `emit` arguments, nested option blocks, relation options) is
printed on one line (`{ a  b }` as the language reference writes it, `{ a, b }`
for `apply` and `emit`) when it holds only one-line items, no comment and
no blank line between items, the line fits in `WIDTH` columns, and the author did
not put its first item on a line of its own; every other
block, and every declaration body (app, entity, command, query, channel), puts
one item per line.  An empty block without comments prints as `{}`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from djsc.syntax.parser import Comment

WIDTH = 100
INDENT = "  "


@dataclass
class Lead:
    """A comment printed on its own line; `blank` when a blank line precedes it."""

    comment: Comment
    blank: bool = False


@dataclass
class Block:
    """A `{ … }` body.  `compact` is the separator used when it fits on one line
    (None: always one item per line); `suffix` ends every item when it does not
    (`,` for `emit` arguments, where the grammar needs commas)."""

    items: list[Unit]
    compact: str | None = None
    suffix: str = ""
    anchor: int = 0  # first offset whose comments belong here rather than to a prior block
    keyword: str = ""  # the word that opens this block after a previous one (`apply`)
    header_line: int | None = None
    # Where the line the block opens on is, when not the unit's first line (a
    # relation's options follow its target end, which may be on a later line).
    opens_at: int | None = None
    # The author put the first item on its own line: keep one item per line even if
    # it would fit (Prettier's rule for object literals), so `fmt` never folds a
    # list someone laid out vertically on purpose.
    multiline: bool = False
    header: list[Comment] = field(default_factory=list)
    dangling: list[Lead] = field(default_factory=list)


@dataclass
class Wrapped:
    """`head a, b, c` on one line, or `head` then one item per indented line."""

    head: str
    items: list[str]


@dataclass
class OwnLine:
    """A piece put on a line of its own, one level in, under the comments that lead
    it: a relation end and its `///` doc (`/// Who wrote it.` then `Post.author`)."""

    text: str
    leading: list[Comment] = field(default_factory=list)


@dataclass
class Unit:
    start: int
    end: int
    parts: list[str | Block | Wrapped | OwnLine]
    leading: list[Lead] = field(default_factory=list)
    trailing: list[Comment] = field(default_factory=list)
    hoisted: list[Comment] = field(default_factory=list)  # comments from inside a one-liner
    blank: bool = False

    @property
    def blocks(self) -> list[Block]:
        return [p for p in self.parts if isinstance(p, Block)]


def has_comments(unit: Unit) -> bool:
    if unit.leading or unit.trailing or unit.hoisted:
        return True
    return any(block_has_comments(b) for b in unit.blocks)


def block_has_comments(block: Block) -> bool:
    return bool(block.header or block.dangling) or any(has_comments(u) for u in block.items)


def comment_text(comment: Comment) -> str:
    # A CRLF file leaves `\r` at the end of line comments; it is not content.
    return comment.text.rstrip() if comment.text.startswith("//") else comment.text


def render_file(units: list[Unit], dangling: list[Lead]) -> str:
    """The whole file: declarations separated by one blank line, except that
    consecutive one-line declarations of one kind (a run of relations, say) stay
    together unless the author separated them."""
    lines: list[str] = []
    previous: list[str] = []
    for i, unit in enumerate(units):
        rendered = render_unit(unit, 0)
        grouped = (
            len(previous) == 1
            and len(rendered) == 1
            and previous[0].split(" ", 1)[0] == rendered[0].split(" ", 1)[0]
        )
        _render_leading(unit, 0, lines, first=i == 0, force_blank=i > 0 and not grouped)
        lines.extend(rendered)
        previous = rendered
    _render_dangling(dangling, 0, lines, first=not units)
    return "\n".join(lines) + "\n" if lines else ""


def render_unit(unit: Unit, depth: int) -> list[str]:
    pad, base = INDENT * depth, depth
    lines: list[str] = []
    cur = pad
    for part in unit.parts:
        if isinstance(part, str):
            cur += part
        elif isinstance(part, OwnLine):
            # What follows (a relation's options) is laid out from this line's depth.
            lines.append(cur)
            inner = INDENT * (base + 1)
            depth, pad = base + 1, inner
            lines.extend(inner + comment_text(c) for c in part.leading)
            cur = inner + part.text
        elif isinstance(part, Wrapped):
            inline = f"{part.head} {', '.join(part.items)}"
            if len(cur) + len(inline) <= WIDTH or len(part.items) < 2:
                cur += inline
                continue
            lines.append(cur + part.head)
            inner = pad + INDENT
            lines.extend(f"{inner}{item}," for item in part.items[:-1])
            cur = inner + part.items[-1]
        else:
            cur = _render_block(part, cur, depth, lines)
    if unit.trailing:
        cur += "  " + " ".join(comment_text(c) for c in unit.trailing)
    lines.append(cur)
    return lines


def _compact_text(block: Block) -> str | None:
    if block.compact is None or block.multiline or not block.items or block_has_comments(block):
        return None
    if any(u.blank for u in block.items[1:]):
        return None
    texts = []
    for unit in block.items:
        if not all(isinstance(p, str) for p in unit.parts):
            return None
        texts.append("".join(unit.parts))  # type: ignore[arg-type]
    return " { " + block.compact.join(texts) + " }"


def _render_block(block: Block, cur: str, depth: int, lines: list[str]) -> str:
    if not block.items and not block_has_comments(block):
        return cur + " {}"
    compact = _compact_text(block)
    if compact is not None and len(cur) + len(compact) <= WIDTH:
        return cur + compact
    head = cur + " {"
    if block.header:
        head += "  " + " ".join(comment_text(c) for c in block.header)
    lines.append(head)
    for i, unit in enumerate(block.items):
        _render_leading(unit, depth + 1, lines, first=i == 0)
        body = render_unit(unit, depth + 1)
        if block.suffix:
            body = _with_suffix(body, unit, block.suffix)
        lines.extend(body)
    _render_dangling(block.dangling, depth + 1, lines, first=not block.items)
    return INDENT * depth + "}"


def _with_suffix(body: list[str], unit: Unit, suffix: str) -> list[str]:
    # The separator goes before a trailing comment, not after it.
    last = body[-1]
    if unit.trailing:
        tail = "  " + " ".join(comment_text(c) for c in unit.trailing)
        return [*body[:-1], last[: len(last) - len(tail)] + suffix + tail]
    return [*body[:-1], last + suffix]


def _render_leading(
    unit: Unit, depth: int, lines: list[str], *, first: bool, force_blank: bool = False
) -> None:
    """Comments above `unit`, then the blank line owed before the unit itself.

    Comments hoisted out of a one-line construct go first and take over the blank
    line before it, so the output has them as ordinary leading comments in the same
    places when it is formatted again (idempotence)."""
    seq = [Lead(c) for c in unit.hoisted] + [Lead(x.comment, x.blank) for x in unit.leading]
    blanks = [lead.blank for lead in seq] + [unit.blank]
    if unit.hoisted:
        k = len(unit.hoisted)
        blanks[0], blanks[k] = blanks[k], False
    pad = INDENT * depth
    for i, lead in enumerate(seq):
        if i == 0 and not first and (blanks[0] or force_blank):
            lines.append("")
        elif i > 0 and blanks[i]:
            lines.append("")
        lines.append(pad + comment_text(lead.comment))
    if seq:
        if blanks[-1]:
            lines.append("")
    elif not first and (blanks[-1] or force_blank):
        lines.append("")


def _render_dangling(dangling: list[Lead], depth: int, lines: list[str], *, first: bool) -> None:
    pad = INDENT * depth
    for i, lead in enumerate(dangling):
        if lead.blank and not (first and i == 0):
            lines.append("")
        lines.append(pad + comment_text(lead.comment))
