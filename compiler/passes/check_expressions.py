"""Check the expressions inside entities: `allow` rules and `check` constraints.

Field modifiers (`min`, `max`, `choices`) take literals that check_types already
checked; defaults are check_types' too.
"""

from __future__ import annotations

from djsc.analysis.expr_infer import expect_bool
from djsc.analysis.expr_types import Scope
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.context import PassContext
from djsc.suggest import did_you_mean


def check_expressions(program: ir.Program, ctx: PassContext) -> ir.Program:
    for entity in program.entities:
        for rule in entity.permissions:
            operations_are_known(rule, ctx)
            permission_is_bool(rule, entity, ctx)
        for check in entity.checks:
            check_is_local_bool(check, entity, ctx)
    return program


def operations_are_known(rule: ir.Permission, ctx: PassContext) -> None:
    for op in rule.ops:
        if op.text not in ir.CRUD_OPS:
            ctx.report(
                codes.INVALID_OPERATION.at(op.span, "not an operation", name=op.text).with_help(
                    did_you_mean(op.text, ir.CRUD_OPS)
                    or "the operations are `read`, `create`, `update` and `delete`"
                )
            )


def permission_is_bool(rule: ir.Permission, entity: ir.Entity, ctx: PassContext) -> None:
    scope = Scope(entity=entity.name.text, permission=True, where="an entity rule")
    expect_bool(rule.expr, scope, ctx, "an `allow` rule must be a `Bool`")


def check_is_local_bool(check: ir.CheckRule, entity: ir.Entity, ctx: PassContext) -> None:
    """A `check` becomes a CheckConstraint: a condition on the row's own columns."""
    scope = Scope(entity=entity.name.text, local_only=True, where="a `check` rule")
    expect_bool(check.expr, scope, ctx, "a `check` must be a `Bool`")
