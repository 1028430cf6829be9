"""Checks shared by command `set` effects and event `apply` blocks: assignments to an
entity's fields, and clauses that may appear only once."""

from __future__ import annotations

from djsc.analysis.expr_infer import expect, infer
from djsc.analysis.expr_types import DURATION, UNKNOWN, Scope, entity_members, is_numeric
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.source import Span
from djsc.suggest import did_you_mean


def target_span(assignment: ir.Assignment) -> Span:
    first, last = assignment.target[0].span, assignment.target[-1].span
    return Span(first.file, first.start, last.end)


def assignment_is_valid(assignment: ir.Assignment, entity: str, scope: Scope, ctx) -> None:
    """`name = value` / `name += value`: the target is a settable field of `entity`
    and the value fits it.  The value is still checked when the target is wrong, as
    its mistakes are separate causes."""
    target = assignment.target
    if len(target) == 2 and target[0].text == "self":
        target = target[1:]
    members = entity_members(entity, ctx)
    span = target_span(assignment)
    name = ".".join(t.text for t in target)
    info = members.get(target[0].text) if len(target) == 1 else None
    reason = None
    if len(target) > 1:
        reason = f"only fields of `{entity}` itself can be set"
    elif info is None:
        ctx.report(
            codes.UNKNOWN_FIELD.at(span, "no such field", owner=entity, name=name).with_help(
                did_you_mean(name, [n for n, m in members.items() if m.kind != "auto"])
            )
        )
    elif info.kind == "auto":
        # A declared key has a span; a changed key would name another row.
        reason = "it is the primary key" if info.span is not None else "it is set automatically"
    elif info.many:
        reason = "it holds many objects"
    if reason is not None:
        ctx.report(codes.INVALID_ASSIGNMENT.at(span, "cannot be set", name=name, reason=reason))
    if reason is not None or info is None:
        # The target's type is unknown, so a member of the enum it may have meant
        # is no second mistake.
        infer(assignment.value, scope, ctx, UNKNOWN)
        return
    if assignment.op == "=":
        expect(assignment.value, info.ty, scope, ctx, optional=info.optional, label="assigned here")
        return
    if info.ty.is_unknown or is_numeric(info.ty) or info.ty == DURATION:
        expect(assignment.value, info.ty, scope, ctx, label=f"`{assignment.op}` this")
        return
    value = infer(assignment.value, scope, ctx)
    ctx.report(
        codes.INCOMPATIBLE_OPERANDS.at(
            span, f"this is `{info.ty}`", op=assignment.op, left=info.ty, right=value
        ).with_help("`+=` and `-=` apply to numbers and durations")
    )


def clauses_are_unique(items: tuple[ir.Node, ...], kinds: dict[type, str], owner: str, ctx) -> None:
    """Report DJS0403 for a second clause of a kind that may appear once."""
    seen: dict[type, ir.Node] = {}
    for item in items:
        kind = type(item)
        if kind not in kinds:
            continue
        if kind in seen:
            ctx.report(
                codes.DUPLICATE_CLAUSE.at(
                    _head(item, kinds[kind]), "given again here", clause=kinds[kind], owner=owner
                )
                .with_label(_head(seen[kind], kinds[kind]), "first given here")
                .with_help(f"merge the two `{kinds[kind]}` clauses into one")
            )
        else:
            seen[kind] = item


def _head(item: ir.Node, keyword: str) -> Span:
    """The span of a clause's keyword, so a label doesn't cover a whole block."""
    return Span(item.span.file, item.span.start, item.span.start + len(keyword))


__all__ = ["assignment_is_valid", "clauses_are_unique", "target_span"]
