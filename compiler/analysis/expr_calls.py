"""The built-in functions of the expression language: what they take and return."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from djsc.analysis.expr_types import (
    BOOL,
    DATE,
    DATETIME,
    INT,
    STRING,
    UNKNOWN,
    Scope,
    Ty,
    entity_ty,
    is_numeric,
    is_ordered,
    list_of,
)
from djsc.analysis.types import USER_ENTITY
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.ir.exprs import expr_to_str
from djsc.suggest import did_you_mean

Infer = Callable[..., Ty]

# name -> number of arguments; what each does is in `call_type`.
FUNCTIONS: dict[str, int] = {
    "now": 0,
    "today": 0,
    "owner": 1,
    "role": 1,
    "count": 1,
    "sum": 1,
    "min": 1,
    "max": 1,
    "lower": 1,
    "upper": 1,
    "len": 1,
    "any": 2,
}
# A database check constraint can compute these from the row alone.
_LOCAL_FUNCTIONS = frozenset({"lower", "upper", "len"})
CHECK_HELP = (
    "a `check` becomes a database constraint, which sees only the row's own columns; "
    "put the rule in a command's `require` instead"
)


def _count_phrase(n: int) -> str:
    return "no arguments" if n == 0 else "1 argument" if n == 1 else f"{n} arguments"


def call_type(expr: ir.Call, scope: Scope, ctx, infer: Infer) -> Ty:
    """The result type of a built-in call, after checking its arguments; `infer` is
    passed in because inference of arguments recurses into the caller's module."""
    name = expr.func.text
    if name not in FUNCTIONS:
        # Arguments are not checked: what they mean depends on the function.
        ctx.report(
            codes.UNKNOWN_FUNCTION.at(expr.func.span, "not a function", name=name).with_help(
                did_you_mean(name, FUNCTIONS)
            )
        )
        return UNKNOWN
    if scope.local_only and name not in _LOCAL_FUNCTIONS:
        ctx.report(codes.NOT_IN_CHECK.at(expr.span, name=f"{name}()").with_help(CHECK_HELP))
        return UNKNOWN
    result = {"now": DATETIME, "today": DATE, "count": INT, "len": INT}.get(name, BOOL)
    if name in ("lower", "upper"):
        result = STRING
    if name in _AGGREGATES:
        result = UNKNOWN  # the element type of the list, found from the argument below
    arity = FUNCTIONS[name]
    if len(expr.args) != arity:
        ctx.report(
            codes.INVALID_ARGUMENT_COUNT.at(
                expr.span,
                f"called with {_count_phrase(len(expr.args))}",
                name=name,
                expected=_count_phrase(arity),
                found=len(expr.args),
            )
        )
        return result
    if name == "role":
        _role_arg(expr.args[0], ctx)
        return result
    if name == "any":
        _any(expr.args[0], expr.args[1], scope, ctx, infer)
        return result
    if name in _AGGREGATES:
        return _aggregate(name, expr.args[0], scope, ctx, infer)
    if arity == 1:
        _function_arg(name, expr.args[0], scope, ctx, infer)
    return result


# `sum`, `min`, `max` over a list path (`sum(lines.quantity)`), beside `count`.
_AGGREGATES = frozenset({"sum", "min", "max"})


def _aggregate(name: str, arg: ir.Expr, scope: Scope, ctx, infer: Infer) -> Ty:
    """The element type of a list of numbers (`sum`) or of ordered values (`min`,
    `max`); the sum of no rows is 0, the min or max of none is null."""
    found = infer(arg, scope, ctx)
    if found.is_unknown:
        return UNKNOWN
    elem = found.elem if found.kind == "list" and found.elem is not None else None
    wanted = is_numeric if name == "sum" else is_ordered
    if elem is not None and (elem.is_unknown or wanted(elem)):
        return elem
    kind = "numbers" if name == "sum" else "ordered values"
    ctx.report(
        codes.TYPE_MISMATCH.at(
            arg.span, f"`{name}` takes a list of {kind}", expected=f"a list of {kind}", found=found
        ).with_help(f"name a list path through a `many` end, like `{name}(lines.quantity)`")
    )
    return UNKNOWN


def _any(items: ir.Expr, test: ir.Expr, scope: Scope, ctx, infer: Infer) -> None:
    """`any(list_path, condition)`: whether some row of the list meets the condition,
    in which bare names are the row's own fields (`any(memberships, user == auth.user
    and role == admin)`); `auth`, `input` and the names of `scope.extra` still mean
    what they mean outside."""
    found = infer(items, scope, ctx)
    elem = found.elem if found.kind == "list" else None
    if elem is None or elem.kind != "entity":
        if not found.is_unknown:
            ctx.report(
                codes.TYPE_MISMATCH.at(
                    items.span, "`any` takes a list of rows", expected="a list of rows", found=found
                ).with_help(
                    "name a path through a `many` end, like `any(memberships, role == admin)`"
                )
            )
        return
    inner = dataclasses.replace(scope, entity=elem.name, instance=True, where="`any`")
    cond = infer(test, inner, ctx, BOOL)
    if not cond.is_unknown and cond != BOOL:
        ctx.report(
            codes.TYPE_MISMATCH.at(
                test.span, "`any` needs a condition", expected=BOOL, found=cond
            ).with_help(f"compare a field of `{elem.name}`, like `role == admin`")
        )


def _role_arg(arg: ir.Expr, ctx) -> None:
    if isinstance(arg, ir.Name):
        role, span = arg.name.text, arg.name.span
    elif isinstance(arg, ir.Literal) and arg.kind == "string":
        role, span = arg.value, arg.span
    else:
        ctx.report(
            codes.TYPE_MISMATCH.at(
                arg.span, "not a role name", expected="role", found=expr_to_str(arg)
            )
        )
        return
    roles = ctx.analysis.roles
    if role in roles:
        return
    help_ = did_you_mean(role, roles)
    if not roles:
        help_ = "declare roles in the `app` block, e.g. `roles editor, moderator`"
    ctx.report(codes.UNKNOWN_ROLE.at(span, "not declared in `roles`", name=role).with_help(help_))


def _function_arg(name: str, arg: ir.Expr, scope: Scope, ctx, infer: Infer) -> None:
    found = infer(arg, scope, ctx)
    if found.is_unknown:
        return
    if name == "owner":
        user = entity_ty(USER_ENTITY)
        if found == user or found == list_of(user):
            return
        expected: Ty | str = user
    elif name == "count":
        if found.kind == "list":
            return
        expected = list_of(found) if found.kind == "entity" else "list"
    elif name == "len":
        if found == STRING or found.kind == "list":
            return
        expected = STRING
    else:
        if found == STRING:
            return
        expected = STRING
    ctx.report(
        codes.TYPE_MISMATCH.at(arg.span, f"`{name}` takes this", expected=expected, found=found)
    )


__all__ = ["FUNCTIONS", "CHECK_HELP", "call_type"]
