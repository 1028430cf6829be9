"""Checks on dotted field paths, shared by entity `ordering` and query `order`."""

from __future__ import annotations

from djsc.analysis.expr_types import entity_members
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.source import Span
from djsc.suggest import did_you_mean


def order_key_resolves(key: ir.OrderKey, entity: str, ctx) -> None:
    """Each step of `-author.name` is a member of the entity reached so far."""
    owner = entity
    for i, step in enumerate(key.path):
        members = entity_members(owner, ctx)
        if step.text not in members:
            ctx.report(
                codes.UNKNOWN_FIELD.at(
                    step.span, "no such field", owner=owner, name=step.text
                ).with_help(did_you_mean(step.text, members))
            )
            return
        ty = members[step.text].ty
        if ty.kind == "list" and ty.elem is not None:
            ty = ty.elem
        if i + 1 < len(key.path) and ty.kind != "entity":
            if not ty.is_unknown:
                rest = key.path[i + 1]
                span = Span(rest.span.file, rest.span.start, key.path[-1].span.end)
                ctx.report(codes.UNKNOWN_FIELD.at(span, "no such field", owner=ty, name=rest.text))
            return
        owner = ty.name
