"""Check queries: their entity, filter, ordering, limit and permission."""

from __future__ import annotations

from djsc.analysis.effects import clauses_are_unique
from djsc.analysis.expr_infer import expect_bool
from djsc.analysis.expr_types import Scope, entity_members
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.check_commands import entity_exists
from djsc.passes.context import PassContext
from djsc.source import Span
from djsc.suggest import did_you_mean

_ONCE = {
    ir.Permission: "allow",
    ir.InputBlock: "input",
    ir.Where: "where",
    ir.OrderRule: "order",
    ir.Limit: "limit",
}


def check_queries(program: ir.Program, ctx: PassContext) -> ir.Program:
    for query in program.queries:
        clauses_are_unique(query.items, _ONCE, query.name.text, ctx)
        for item in query.items:
            if isinstance(item, ir.Limit):
                limit_is_positive(item, ctx)
        if not entity_exists(query.entity, ctx):
            continue
        scope = Scope(
            entity=query.entity.text,
            instance=False,
            inputs={f.name.text: f for f in query.inputs},
            where="a query",
        )
        for item in query.items:
            if isinstance(item, ir.Where):
                expect_bool(item.expr, scope, ctx, "`where` must be a `Bool`")
            elif isinstance(item, ir.Permission):
                permission = Scope(
                    entity=None,
                    instance=False,
                    permission=True,
                    inputs=scope.inputs,
                    where="a query",
                )
                expect_bool(item.expr, permission, ctx, "`allow` must be a `Bool`")
            elif isinstance(item, ir.OrderRule):
                for key in item.keys:
                    order_key_resolves(key, query.entity.text, ctx)
    return program


def limit_is_positive(limit: ir.Limit, ctx: PassContext) -> None:
    if limit.value < 1:
        ctx.report(
            codes.INVALID_LIMIT.at(limit.span, "returns nothing").with_help(
                "leave `limit` out to return every match"
            )
        )


def order_key_resolves(key: ir.OrderKey, entity: str, ctx: PassContext) -> None:
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
