"""Say what the spec asks for that this backend does not generate yet.

The language is ahead of the Django backend.  Every surface key (djsc.analysis.surface)
that no feature consumes is listed here with what the project does instead, and each
use gets a diagnostic: DJS0803 (a warning; an error under `--strict`) when the output
merely lacks something, DJS0804 (an error) when the spec restricts access and the
project would be more permissive than the spec.  DJS0804 becomes a warning only
when the build is run with `--allow-unenforced-access`.  This feature emits no files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from djsc.analysis.surface import uses
from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.diagnostics import codes
from djsc.diagnostics.model import Severity
from djsc.ir import nodes as ir


@dataclass(frozen=True)
class Pending:
    """Constructs of the language (surface keys) left out, and what happens instead."""

    keys: tuple[str, ...]
    what: str
    effect: str
    access: bool = False  # the construct restricts access: leaving it out widens it


PENDING: tuple[Pending, ...] = (
    Pending(("decl.command",), "commands are", "no endpoint is generated for them"),
    Pending(("decl.query",), "queries are", "no endpoint is generated for them"),
    Pending(("decl.event",), "events are", "nothing publishes them"),
    Pending(("decl.channel",), "channels are", "no WebSocket route is generated"),
    Pending(
        ("entity.flag.sourced",),
        "`sourced` entities are",
        "their fields are plain, writable columns",
    ),
    Pending(("entity.flag.audited",), "`audited` entities are", "no audit trail is recorded"),
    Pending(("app.features=graphql",), "`features graphql` is", "no GraphQL schema is generated"),
    Pending(("app.features=celery",), "`features celery` is", "no task queue is configured"),
    Pending(("app.features=versioning",), "`features versioning` is", "the API is not versioned"),
)
# Keys that can only be written inside a construct of PENDING (a command's `owner(…)`
# is compiled with entity rules; a query's `count(…)`), so the enclosing construct's
# diagnostic already covers them.
COVERED = frozenset(
    {
        "app.features",
        "expr.call.count",
        # aggregates cross relations, so only commands and queries (pending) hold them
        "expr.call.sum",
        "expr.call.min",
        "expr.call.max",
    }
)
_BY_KEY = {key: p for p in PENDING for key in p.keys}


def pending_uses(program: ir.Program) -> dict[Pending, list]:
    """Each left-out construct the program uses → the spans of its uses."""
    found: dict[Pending, list] = {}
    for key, span in uses(program):
        entry = _BY_KEY.get(key)
        if entry is not None:
            found.setdefault(entry, []).append(span)
    return found


class PendingFeature(TemplateFeature):
    name = "pending"
    requires = ()
    consumes = frozenset(_BY_KEY) | COVERED

    def check(self, program: ir.Program, ctx: EmitContext) -> None:
        for entry, spans in pending_uses(program).items():
            first, *rest = sorted(spans, key=lambda s: (s.file, s.start))
            diagnostic = self._diagnostic(entry, first, ctx)
            for span in rest:
                diagnostic = diagnostic.with_label(span, "nor this")
            ctx.diagnostics.report(diagnostic)

    def _diagnostic(self, entry: Pending, span, ctx: EmitContext):
        fmt = {"what": entry.what, "backend": "django", "effect": entry.effect}
        if entry.access:
            d = codes.ACCESS_NOT_ENFORCED.at(span, "not enforced", **fmt)
            if ctx.options.allow_unenforced_access:
                return dataclasses.replace(d, severity=Severity.WARNING).with_note(
                    "accepted because of `--allow-unenforced-access`"
                )
            return d.with_help(
                "the project would be more permissive than the spec; build with "
                "`--allow-unenforced-access` to accept that until the backend enforces it"
            )
        d = codes.NOT_COMPILED_YET.at(span, "not generated", **fmt)
        if ctx.options.strict:
            d = dataclasses.replace(d, severity=Severity.ERROR).with_note(
                "an error because of `--strict`"
            )
        return d.with_help("see the roadmap in the djsc README")

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        return iter(())
