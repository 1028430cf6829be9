"""Diagnostic values and the sink that collects them.

A diagnostic is data: a code, a message, a primary label and optional secondary
labels, notes and one help line.  Builders return new frozen objects, so a check can
write `CODE.at(span, name=x).with_label(other, "first defined here")`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from djsc.source import Span


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Label:
    span: Span
    message: str = ""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    primary: Label
    secondary: tuple[Label, ...] = ()
    notes: tuple[str, ...] = ()
    help: str | None = None

    def with_label(self, span: Span, message: str = "") -> Diagnostic:
        return replace(self, secondary=(*self.secondary, Label(span, message)))

    def with_note(self, note: str) -> Diagnostic:
        return replace(self, notes=(*self.notes, note))

    def with_help(self, help: str | None) -> Diagnostic:
        return replace(self, help=help)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        span = self.primary.span
        return (span.file, span.start, self.code, self.message)


class Diagnostics:
    """Collects diagnostics of one compilation; never raises on user errors."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []
        self._seen: set[tuple] = set()

    def report(self, diagnostic: Diagnostic) -> None:
        # One cause, one error: the same code at the same place is reported once.
        key = (
            diagnostic.code,
            diagnostic.primary.span.file,
            diagnostic.primary.span.start,
            diagnostic.primary.span.end,
            diagnostic.message,
        )
        if key in self._seen:
            return
        self._seen.add(key)
        self._items.append(diagnostic)

    def extend(self, diagnostics) -> None:
        for d in diagnostics:
            self.report(d)

    def has_errors(self) -> bool:
        return any(d.is_error for d in self._items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if not d.is_error]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self._items, key=Diagnostic.sort_key)

    def __iter__(self):
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self._items)
