"""Human (rustc-style) and JSON rendering of diagnostics."""

from __future__ import annotations

import json

from djsc.diagnostics.model import Diagnostic, Label, Severity
from djsc.source import SourceMap

_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "note": "\x1b[1;34m"}
_BOLD, _RESET, _BLUE = "\x1b[1m", "\x1b[0m", "\x1b[1;34m"
_CONTEXT_GAP = 1  # lines between two labels shown in full before we elide with "..."


def render(diagnostic: Diagnostic, sources: SourceMap, *, color: bool = False) -> str:
    """The diagnostic as rustc lays it out: header, location, code frame, notes."""

    def paint(text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if color else text

    sev = diagnostic.severity.value
    header = paint(f"{sev}[{diagnostic.code}]", _COLORS[sev]) + paint(
        f": {diagnostic.message}", _BOLD if color else ""
    )
    out = [header]
    span = diagnostic.primary.span
    source = sources.get(span.file)
    if source is None:
        out.append(f" --> {span.file}")
    else:
        labels = [(diagnostic.primary, True), *((lab, False) for lab in diagnostic.secondary)]
        labels = [(lab, p) for lab, p in labels if sources.get(lab.span.file) is source]
        lines = {}
        for lab, primary in labels:
            line, _ = source.line_col(lab.span.start)
            lines.setdefault(line, []).append((lab, primary))
        gutter = len(str(max(lines)))
        line, col = source.line_col(span.start)
        pipe = paint("|", _BLUE)
        out.append(f"{' ' * gutter}{paint('-->', _BLUE)} {span.file}:{line}:{col}")
        out.append(f"{' ' * gutter} {pipe}")
        previous = None
        for number in sorted(lines):
            if previous is not None and number - previous > _CONTEXT_GAP + 1:
                out.append(paint("...", _BLUE))
            elif previous is not None and number - previous == 2:
                out.append(_source_line(source, number - 1, gutter, pipe, paint))
            out.append(_source_line(source, number, gutter, pipe, paint))
            for lab, primary in sorted(lines[number], key=lambda lp: lp[0].span.start):
                out.append(_underline(source, lab, primary, gutter, pipe, paint, sev))
            previous = number
        other_files = [
            lab for lab in diagnostic.secondary if sources.get(lab.span.file) is not source
        ]
        for lab in other_files:
            other = sources.get(lab.span.file)
            where = lab.span.file
            if other is not None:
                where += ":{}:{}".format(*other.line_col(lab.span.start))
            out.append(f"{' ' * gutter} = note: {lab.message} at {where}")
        if diagnostic.notes or diagnostic.help:
            out.append(f"{' ' * gutter} {pipe}")
    gutter_pad = " " * (len(out[1]) - len(out[1].lstrip()) if len(out) > 1 else 1)
    for note in diagnostic.notes:
        out.append(f"{gutter_pad} = {paint('note', _BOLD if color else '')}: {note}")
    if diagnostic.help:
        out.append(f"{gutter_pad} = {paint('help', _BOLD if color else '')}: {diagnostic.help}")
    return "\n".join(out) + "\n"


def _source_line(source, number: int, gutter: int, pipe: str, paint) -> str:
    text = source.line_text(number).expandtabs(4)
    return f"{paint(str(number).rjust(gutter), _BLUE)} {pipe} {text}".rstrip()


def _underline(source, label: Label, primary: bool, gutter: int, pipe: str, paint, sev: str) -> str:
    line, col = source.line_col(label.span.start)
    raw = source.line_text(line)
    prefix = raw[: col - 1].expandtabs(4)
    end_line, end_col = source.line_col(max(label.span.start, label.span.end))
    if end_line == line:
        width = len(raw[: end_col - 1].expandtabs(4)) - len(prefix)
    else:
        width = len(raw.expandtabs(4)) - len(prefix)
    width = max(width, 1)
    mark = ("^" if primary else "-") * width
    text = label.message
    if end_line > line:
        extra = f"(spans {end_line - line + 1} lines)"
        text = f"{text} {extra}" if text else extra
    style = _COLORS[sev] if primary else _BLUE
    tail = f" {text}" if text else ""
    return f"{' ' * gutter} {pipe} {' ' * len(prefix)}{paint(mark + tail, style)}"


def to_json(diagnostic: Diagnostic, sources: SourceMap) -> str:
    """One diagnostic as one line of JSON, positions 1-based."""

    def where(label: Label) -> dict:
        source = sources.get(label.span.file)
        entry = {"file": label.span.file, "message": label.message}
        if source is not None:
            line, col = source.line_col(label.span.start)
            end_line, end_col = source.line_col(label.span.end)
            entry.update(line=line, column=col, end_line=end_line, end_column=end_col)
        return entry

    payload = {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "primary": where(diagnostic.primary),
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


__all__ = ["render", "to_json", "summary", "Severity"]
