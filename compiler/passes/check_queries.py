"""Check queries: their entity, filter, ordering, limit and permission."""

from __future__ import annotations

from djsc.analysis.effects import clauses_are_unique
from djsc.analysis.expr_infer import expect_bool
from djsc.analysis.expr_types import Scope
from djsc.analysis.paths import order_key_resolves
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.check_commands import entity_exists
from djsc.passes.context import PassContext

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
