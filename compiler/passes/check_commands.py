"""Check commands: their entity, permission, guards, `set` effects and emitted events."""

from __future__ import annotations

from dataclasses import replace

from djsc.analysis.effects import assignment_is_valid, clauses_are_unique
from djsc.analysis.expr_infer import expect, expect_bool
from djsc.analysis.expr_types import UNKNOWN, Scope, field_ty, infer
from djsc.analysis.types import USER_ENTITY
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.context import PassContext
from djsc.suggest import did_you_mean

_ONCE = {ir.Permission: "allow", ir.InputBlock: "input"}


def check_commands(program: ir.Program, ctx: PassContext) -> ir.Program:
    for command in program.commands:
        clauses_are_unique(command.items, _ONCE, command.name.text, ctx)
        if not entity_exists(command.entity, ctx):
            continue
        scope = command_scope(command)
        for item in command.items:
            if isinstance(item, ir.Permission):
                expect_bool(item.expr, _permission(scope), ctx, "`allow` must be a `Bool`")
            elif isinstance(item, ir.Require):
                expect_bool(item.expr, scope, ctx, "a `require` condition must be a `Bool`")
        for assignment in command.effects:
            assignment_is_valid(assignment, command.entity.text, scope, ctx)
        for emit in command.emits:
            emit_is_valid(emit, scope, ctx)
    return program


def entity_exists(name: ir.Ident, ctx: PassContext) -> bool:
    """Report DJS0103 for an unknown entity (other passes use the same message, so the
    sink keeps one copy)."""
    if name.text == USER_ENTITY or ctx.analysis.entity(name.text) is not None:
        return True
    ctx.report(
        codes.UNKNOWN_ENTITY.at(name.span, "not declared", name=name.text).with_help(
            did_you_mean(name.text, [*ctx.analysis.names("entity"), USER_ENTITY])
        )
    )
    return False


def command_scope(command: ir.Command) -> Scope:
    where = f"a collection command (`on {command.entity.text}[]`)" if command.many else ""
    return Scope(
        entity=command.entity.text,
        instance=not command.many,
        inputs={f.name.text: f for f in command.inputs},
        where=where,
    )


def _permission(scope: Scope) -> Scope:
    return replace(scope, permission=True)


def emit_is_valid(emit: ir.Emit, scope: Scope, ctx: PassContext) -> None:
    """The event exists, every argument names a payload field and fits it, and every
    required payload field is given once."""
    event = ctx.analysis.event(emit.event.text)
    if event is None:
        ctx.report(
            codes.UNKNOWN_EVENT.at(emit.event.span, "not declared", name=emit.event.text).with_help(
                did_you_mean(emit.event.text, ctx.analysis.names("event"))
            )
        )
    if event is None or ctx.analysis.is_redeclared("event", event.name.text):
        # Without one payload to hold them to, the values are checked on their own.
        for arg in emit.args:
            infer(arg.value, scope, ctx, UNKNOWN)
        return
    given: dict[str, ir.NamedArg] = {}
    for arg in emit.args:
        name = arg.name.text
        payload = event.field(name)
        if name in given:
            ctx.report(
                codes.DUPLICATE_CLAUSE.at(
                    arg.name.span, "given again here", clause=name, owner=f"emit {event.name.text}"
                ).with_label(given[name].name.span, "first given here")
            )
        given.setdefault(name, arg)
        if payload is None:
            ctx.report(
                codes.UNKNOWN_FIELD.at(
                    arg.name.span, "not in the payload", owner=event.name.text, name=name
                ).with_help(did_you_mean(name, [f.name.text for f in event.fields]))
            )
            infer(arg.value, scope, ctx, UNKNOWN)
            continue
        target = field_ty(payload.type, ctx.analysis)
        expect(arg.value, target, scope, ctx, optional=payload.optional, label=f"given to `{name}`")
    for payload in event.fields:
        required = not payload.optional and payload.default is None
        if required and payload.name.text not in given:
            ctx.report(
                codes.MISSING_EVENT_FIELD.at(
                    emit.event.span,
                    f"`{payload.name.text}` missing",
                    event=event.name.text,
                    name=payload.name.text,
                )
                .with_label(payload.name.span, "declared here")
                .with_help(f"add `{payload.name.text} = …` to the `emit`")
            )
