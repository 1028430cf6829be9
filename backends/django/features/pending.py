"""Say what the spec asks for that this backend does not generate yet.

The language is ahead of the Django backend: `allow` rules, commands, queries,
events, channels, event sourcing and some `app` switches are checked by the front
end but emitted by later features.  Until then the build must not drop them
silently, so this feature reports one DJS0803 warning per kind, pointing at every
place the spec uses it.  It emits no files.
"""

from __future__ import annotations

from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.diagnostics import codes
from djsc.ir import nodes as ir

# app options with no effect on the output yet, and what the project does instead
_APP_OPTIONS = {
    "auth": "the API uses session and basic authentication",
    "throttle": "requests are not rate-limited",
    "cache": "responses are not cached",
    "cors": "no CORS headers are sent",
    "roles": "roles are not created",
}


def _declared(program: ir.Program) -> list[tuple[str, str, list]]:
    """(what, effect, spans) for each kind of construct the backend leaves out."""
    entities = program.entities
    allow = [
        next(p for p in e.permissions if not p.span.synthetic).span
        for e in entities
        if any(not p.span.synthetic for p in e.permissions)
    ]
    found = [
        ("`allow` rules are", "reads are public and writes need a login", allow),
        (
            "commands are",
            "no endpoint is generated for them",
            [c.name.span for c in program.commands],
        ),
        (
            "queries are",
            "no endpoint is generated for them",
            [q.name.span for q in program.queries],
        ),
        ("events are", "nothing publishes them", [e.name.span for e in program.events]),
        (
            "channels are",
            "no WebSocket route is generated",
            [c.name.span for c in program.channels],
        ),
        (
            "`sourced` entities are",
            "their fields are plain, writable columns",
            [f.span for e in entities for f in e.flags if f.text == "sourced"],
        ),
        (
            "entity `cache` options are",
            "responses are not cached",
            [o.name.span for e in entities for o in e.options if o.name.text == "cache"],
        ),
    ]
    app = program.app
    for name, effect in _APP_OPTIONS.items():
        option = app.option(name) if app else None
        if option is not None:
            found.append((f"`app` option `{name}` is", effect, [option.name.span]))
    return found


class PendingFeature(TemplateFeature):
    name = "pending"
    requires = ()

    def check(self, program: ir.Program, ctx: EmitContext) -> None:
        for what, effect, spans in _declared(program):
            if not spans:
                continue
            first, *rest = spans
            diagnostic = codes.NOT_COMPILED_YET.at(
                first, "not generated", what=what, backend="django", effect=effect
            )
            for span in rest:
                diagnostic = diagnostic.with_label(span, "nor this")
            ctx.diagnostics.report(diagnostic.with_help("see the roadmap in the djsc README"))

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        return iter(())
