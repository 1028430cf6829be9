"""Human (rustc-style) and JSON rendering of diagnostics.

The code frame is laid out in terminal cells, not code points: a tab is four
cells, East Asian wide characters two, combining marks none, so carets stay under
the characters they mark.  Lines longer than the frame are cut around the labels
with `...`, so a one-line megabyte file prints one screen, not a megabyte.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace

from djsc.diagnostics.model import Diagnostic, Label, Severity
from djsc.source import SourceFile, SourceMap

_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "note": "\x1b[1;34m"}
_BOLD, _RESET, _BLUE = "\x1b[1m", "\x1b[0m", "\x1b[1;34m"
MAX_LINE_CELLS = 100  # widest source line shown before it is cut around its labels
_LEAD_CELLS = 20  # context kept to the left of a label in a cut line
_TAB = "    "
_QUOTE_CELLS = 80
_QUOTE = re.compile(r"`([^`\n]*)`")
# Characters that would move the cursor or reorder text if printed as they are.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if self.color and style and text else text


def cells(ch: str) -> int:
    """Terminal cells `ch` takes in a code frame."""
    if ch == "\t":
        return len(_TAB)
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    return sum(cells(ch) for ch in text)


def _show(text: str) -> str:
    """`text` safe to print: tabs expanded, control and bidi characters replaced."""
    out = []
    for ch in text:
        if ch == "\t":
            out.append(_TAB)
        elif ch in _BIDI or unicodedata.category(ch) == "Cc":
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def _brief(text: str) -> str:
    """`text` with any huge quoted name cut, so one diagnostic stays a few lines.

    The cut is in the middle: the end of a long path (the file name) is what tells
    one diagnostic from the next.
    """
    head = _QUOTE_CELLS // 4
    tail = _QUOTE_CELLS - head
    return _QUOTE.sub(
        lambda m: f"`{m[1][:head]}…{m[1][-tail:]}`" if len(m[1]) > _QUOTE_CELLS else m[0], text
    )


def render(diagnostic: Diagnostic, sources: SourceMap, *, color: bool = False) -> str:
    """The diagnostic as rustc lays it out: header, location, code frame, notes."""
    if any(len(q) > _QUOTE_CELLS for q in _QUOTE.findall(repr(diagnostic))):
        diagnostic = _shortened(diagnostic)
    paint = _Painter(color)
    sev = diagnostic.severity.value
    header = paint(f"{sev}[{diagnostic.code}]", _COLORS[sev]) + paint(
        f": {diagnostic.message}", _BOLD
    )
    groups = _labels_by_file(diagnostic, sources)
    gutter = max(
        [
            len(str(src.line_col(lab.span.start)[0]))
            for src, labs in groups
            if src
            for lab, _ in labs
        ]
        or [1]
    )
    pad = " " * gutter
    pipe = paint("|", _BLUE)
    out = [header]
    for index, (source, labels) in enumerate(groups):
        arrow = paint("-->" if index == 0 else ":::", _BLUE)
        label = labels[0][0]
        if source is None:
            out.append(f"{pad}{arrow} {label.span.file}")
            continue
        line, col = source.line_col(label.span.start)
        out.append(f"{pad}{arrow} {label.span.file}:{line}:{col}")
        out.append(f"{pad} {pipe}")
        out.extend(_frame(source, labels, gutter, pipe, paint, sev))
    if (diagnostic.notes or diagnostic.help) and len(out) > 1 and groups[0][0] is not None:
        out.append(f"{pad} {pipe}")
    for note in diagnostic.notes:
        out.append(f"{pad} = {paint('note', _BOLD)}: {note}")
    if diagnostic.help:
        out.append(f"{pad} = {paint('help', _BOLD)}: {diagnostic.help}")
    return "\n".join(out) + "\n"


def _shortened(diagnostic: Diagnostic) -> Diagnostic:
    def label(lab: Label) -> Label:
        return replace(lab, message=_brief(lab.message))

    return replace(
        diagnostic,
        message=_brief(diagnostic.message),
        primary=label(diagnostic.primary),
        secondary=tuple(label(lab) for lab in diagnostic.secondary),
        notes=tuple(_brief(n) for n in diagnostic.notes),
        help=_brief(diagnostic.help) if diagnostic.help else diagnostic.help,
    )


def _labels_by_file(diagnostic: Diagnostic, sources: SourceMap):
    """[(source or None, [(label, is_primary), …]), …], the primary label's file first."""
    order: list[str] = []
    by_file: dict[str, list[tuple[Label, bool]]] = {}
    for lab, primary in [(diagnostic.primary, True), *((s, False) for s in diagnostic.secondary)]:
        if lab.span.file not in by_file:
            order.append(lab.span.file)
            by_file[lab.span.file] = []
        by_file[lab.span.file].append((lab, primary))
    return [(sources.get(f), by_file[f]) for f in order]


def _frame(source: SourceFile, labels, gutter: int, pipe: str, paint, sev: str) -> list[str]:
    lines: dict[int, list[tuple[Label, bool]]] = {}
    for lab, primary in labels:
        lines.setdefault(source.line_col(lab.span.start)[0], []).append((lab, primary))
    out: list[str] = []
    previous = None
    for number in sorted(lines):
        if previous is not None and number - previous > 2:
            out.append(paint("...", _BLUE))
        elif previous is not None and number - previous == 2:
            out.extend(_line(source, number - 1, [], gutter, pipe, paint, sev))
        out.extend(_line(source, number, lines[number], gutter, pipe, paint, sev))
        previous = number
    return out


def _line(source: SourceFile, number: int, labels, gutter, pipe, paint, sev) -> list[str]:
    raw = source.line_text(number)
    line_start = source.offset_of(number, 1)
    marks = []  # (start, end) code-point indices in `raw`, label, primary, lines spanned
    for lab, primary in sorted(labels, key=lambda lp: (lp[0].span.start, not lp[1])):
        start = min(max(0, lab.span.start - line_start), len(raw))
        end_line, _ = source.line_col(max(lab.span.start, lab.span.end))
        end = len(raw) if end_line > number else min(max(0, lab.span.end - line_start), len(raw))
        marks.append((start, max(start, end), lab, primary, end_line - number + 1))
    focus = next((m for m in marks if m[3]), marks[0] if marks else None)
    lo, hi = _window(raw, focus[0] if focus else 0)
    shown = ("..." if lo > 0 else "") + _show(raw[lo:hi]) + ("..." if hi < len(raw) else "")
    out = [f"{paint(str(number).rjust(gutter), _BLUE)} {pipe} {shown}".rstrip()]
    lead = 3 if lo > 0 else 0
    for start, end, lab, primary, spanned in marks:
        visible_start = min(max(start, lo), hi)
        visible_end = min(max(end, lo), hi)
        offset = lead + width(raw[lo:visible_start])
        size = max(1, width(raw[visible_start:visible_end]))
        text = lab.message
        if spanned > 1:
            extra = f"(spans {spanned} lines)"
            text = f"{text} {extra}" if text else extra
        mark = ("^" if primary else "-") * size + (f" {text}" if text else "")
        style = _COLORS[sev] if primary else _BLUE
        out.append(f"{' ' * gutter} {pipe} {' ' * offset}{paint(mark, style)}")
    return out


def _window(raw: str, focus: int) -> tuple[int, int]:
    """The code-point range of `raw` to show: all of it, or a cut around `focus`."""
    if _fits(raw):
        return 0, len(raw)
    lo, lead = min(focus, len(raw)), 0
    while lo > 0 and lead + cells(raw[lo - 1]) <= _LEAD_CELLS:
        lo -= 1
        lead += cells(raw[lo])
    if lo <= 3:
        lo = 0  # "..." would hide no more than it takes
    hi, used = lo, 0
    while hi < len(raw) and used + cells(raw[hi]) <= MAX_LINE_CELLS:
        used += cells(raw[hi])
        hi += 1
    return lo, hi


def _fits(raw: str) -> bool:
    used = 0
    for ch in raw:  # stops early: a megabyte line costs MAX_LINE_CELLS steps
        used += cells(ch)
        if used > MAX_LINE_CELLS:
            return False
    return True


def to_json(diagnostic: Diagnostic, sources: SourceMap) -> str:
    """One diagnostic as one line of JSON, positions 1-based in code points."""

    def where(label: Label) -> dict:
        source = sources.get(label.span.file)
        entry: dict = {"file": label.span.file, "message": label.message}
        if source is not None:
            line, col = source.line_col(label.span.start)
            end_line, end_col = source.line_col(label.span.end)
            entry.update(line=line, column=col, end_line=end_line, end_column=end_col)
        return entry

    primary = where(diagnostic.primary)
    payload = {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "file": primary["file"],
        "line": primary.get("line"),
        "column": primary.get("column"),
        "primary": primary,
        "secondary": [where(lab) for lab in diagnostic.secondary],
        "notes": list(diagnostic.notes),
        "help": diagnostic.help,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def summary(errors: int, warnings: int) -> str:
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " and ".join(parts)


__all__ = ["render", "to_json", "summary", "Severity", "cells", "width"]
