"""Type inference for expressions: `infer(expr, scope, ctx)` reports what is wrong
and returns the expression's type.

Every error returns `UNKNOWN`, which every rule accepts, so one mistake is reported
once.  Enum members have no type of their own: a bare name that is not in scope is
looked up in the enum the context expects (`status == draft`, `set status = draft`).
"""

from __future__ import annotations

from djsc.analysis.expr_calls import CHECK_HELP, FUNCTIONS, call_type
from djsc.analysis.expr_types import (
    BOOL,
    DATE_KINDS,
    DURATION,
    FLOAT,
    INT,
    NULL,
    STRING,
    UNKNOWN,
    Scope,
    Ty,
    common,
    compatible,
    entity_members,
    entity_ty,
    field_ty,
    fits,
    is_numeric,
    is_ordered,
    list_of,
    member_ty,
)
from djsc.analysis.types import USER_ENTITY
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.ir.exprs import expr_to_str
from djsc.source import Span
from djsc.suggest import did_you_mean

_CONSTANTS = {"true": BOOL, "false": BOOL, "null": NULL}
_PERMISSION_NAMES = ("anyone", "authenticated", "nobody")
_ORDER_OPS = frozenset({"<", "<=", ">", ">="})
_EQUALITY_OPS = frozenset({"==", "!="})
_ARITH_OPS = frozenset({"+", "-", "*", "/", "%"})


def infer(expr: ir.Expr, scope: Scope, ctx, expected: Ty | None = None) -> Ty:
    """The type of `expr`; `expected` (the type the context wants) resolves enum
    members and is otherwise only a hint: checking against it is `expect`'s job."""
    if isinstance(expr, ir.Literal):
        if expr.kind == "string":
            return STRING
        if expr.kind == "duration":
            return DURATION
        return FLOAT if "." in expr.text else INT
    if isinstance(expr, ir.Name):
        return _name(expr, scope, ctx, expected)
    if isinstance(expr, ir.Member):
        return _member(expr, scope, ctx)
    if isinstance(expr, ir.Call):
        return call_type(expr, scope, ctx, infer)
    if isinstance(expr, ir.ListExpr):
        elem = expected.elem if expected is not None and expected.kind == "list" else None
        return list_of(_items(expr.items, scope, ctx, elem))
    if isinstance(expr, ir.Unary):
        return _unary(expr, scope, ctx)
    if isinstance(expr, ir.Binary):
        return _binary(expr, scope, ctx, expected)
    if isinstance(expr, ir.Conditional):
        return _conditional(expr, scope, ctx, expected)
    return UNKNOWN


def _conditional(expr: ir.Conditional, scope: Scope, ctx, expected: Ty | None) -> Ty:
    """`if c then a else b`: a `Bool` condition, and branches of one type (as `??`)."""
    expect_bool(expr.cond, scope, ctx, "`if` needs a `Bool`")
    then = infer(expr.then, scope, ctx, expected)
    hint = then if not then.is_unknown and then.kind != "null" else expected
    otherwise = infer(expr.otherwise, scope, ctx, hint)
    result = common(then, otherwise)
    if result is not None:
        return result
    ctx.report(
        codes.INCOMPATIBLE_OPERANDS.at(
            expr.otherwise.span, f"this is `{otherwise}`", op="if", left=then, right=otherwise
        ).with_label(expr.then.span, f"this is `{then}`")
    )
    return UNKNOWN


def expect(
    expr: ir.Expr,
    target: Ty,
    scope: Scope,
    ctx,
    *,
    optional: bool = True,
    label: str = "",
) -> Ty:
    """Infer `expr` and report DJS0208 unless its value fits a `target` slot;
    `optional` says whether that slot takes null."""
    found = infer(expr, scope, ctx, target)
    if found.kind == "null" and not optional:
        ctx.report(
            codes.TYPE_MISMATCH.at(expr.span, label, expected=target, found=found).with_help(
                "the field is required; mark it optional with `?` to allow null"
            )
        )
    elif not fits(found, target):
        ctx.report(codes.TYPE_MISMATCH.at(expr.span, label, expected=target, found=found))
    return found


def expect_bool(expr: ir.Expr, scope: Scope, ctx, label: str = "") -> Ty:
    return expect(expr, BOOL, scope, ctx, label=label)


# ---------------------------------------------------------------- names


def _resolves(name: str, scope: Scope, ctx) -> bool:
    """Whether a bare `name` means something here without an expected enum."""
    if name in scope.extra or name in _CONSTANTS or name in ("self", "input", "auth"):
        return True
    if scope.permission and name in _PERMISSION_NAMES:
        return True
    return scope.entity is not None and name in entity_members(scope.entity, ctx)


def _enum_members(enum: str, ctx) -> list[str]:
    return ctx.analysis.enum_members(enum)


def _is_some_enum_member(name: str, ctx) -> bool:
    """Whether `name` is a member of any enum, counting ones rejected as duplicates."""
    enums = {*ctx.analysis.names("enum"), *ctx.analysis.duplicates.get("enum", {})}
    return any(name in _enum_members(enum, ctx) for enum in enums)


def _name(expr: ir.Name, scope: Scope, ctx, expected: Ty | None) -> Ty:
    text, span = expr.name.text, expr.name.span
    # A member of the expected enum wins over a field of the same name: `status ==
    # draft` compares with the member even if the entity also has a `draft` field.
    if expected is not None and expected.kind == "enum":
        if text in _enum_members(expected.name, ctx):
            return expected
    if text in scope.extra:
        return scope.extra[text]
    if text == "input" and scope.inputs is not None:
        # In a command or query `input` is its inputs even when the entity has a field
        # named `input` (reached as `self.input`): adding a field must not silently
        # change what an operation's `input.x` means.
        return Ty("namespace", "input")
    members = entity_members(scope.entity, ctx) if scope.entity else {}
    if text in members:
        info = members[text]
        if scope.local_only and info.many:
            ctx.report(codes.NOT_IN_CHECK.at(span, "a relation", name=text).with_help(CHECK_HELP))
            return UNKNOWN
        return info.ty
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if text == "self":
        return _self(span, scope, ctx)
    if text in _PERMISSION_NAMES and scope.permission:
        return BOOL
    if text == "input":
        if scope.inputs is None:
            ctx.report(codes.INPUT_OUTSIDE_OPERATION.at(span, "no input here"))
            return UNKNOWN
        return Ty("namespace", "input")
    if text == "auth":
        if scope.local_only:
            ctx.report(codes.NOT_IN_CHECK.at(span, name=text).with_help(CHECK_HELP))
            return UNKNOWN
        return Ty("namespace", "auth")
    if expected is not None and expected.is_unknown and _is_some_enum_member(text, ctx):
        # The context's type is already reported, and this may be a member of the
        # enum it was meant to be: `sttus == open` is one mistake, not two.
        return UNKNOWN
    if expected is not None and expected.kind == "enum":
        ctx.report(
            codes.UNKNOWN_ENUM_MEMBER.at(
                span, "not a member", name=text, enum=expected.name
            ).with_help(did_you_mean(text, _enum_members(expected.name, ctx)))
        )
        return UNKNOWN
    ctx.report(
        codes.UNKNOWN_NAME.at(span, "not found in this scope", name=text).with_help(
            _unknown_name_help(text, scope, members, ctx)
        )
    )
    return UNKNOWN


def _self(span: Span, scope: Scope, ctx) -> Ty:
    if scope.local_only:
        ctx.report(codes.NOT_IN_CHECK.at(span, name="self").with_help(CHECK_HELP))
        return UNKNOWN
    if not scope.instance or scope.entity is None:
        ctx.report(codes.SELF_OUTSIDE_INSTANCE.at(span, "no instance here", where=scope.where))
        return UNKNOWN
    return entity_ty(scope.entity)


def _unknown_name_help(text: str, scope: Scope, members: dict, ctx) -> str | None:
    if text in _PERMISSION_NAMES:
        return f"`{text}` only has a meaning in `allow` rules"
    for enum in ctx.analysis.declared.get("enum", {}).values():
        if text in _enum_members(enum.name.text, ctx):
            return (
                f"`{text}` is a member of enum `{enum.name.text}`; "
                f"compare a field of that type with it"
            )
    candidates = [*members, *scope.extra, *_CONSTANTS]
    if scope.permission:
        candidates += _PERMISSION_NAMES
    if scope.inputs is not None:
        candidates.append("input")
    if not scope.local_only:
        candidates.append("auth")
    if scope.instance and scope.entity is not None and not scope.local_only:
        candidates.append("self")
    return did_you_mean(text, candidates)


def _member(expr: ir.Member, scope: Scope, ctx) -> Ty:
    owner = infer(expr.obj, scope, ctx)
    name, span = expr.name.text, expr.name.span
    if owner.is_unknown:
        return UNKNOWN
    if owner.kind == "namespace":
        return _namespace_member(owner.name, expr.name, scope, ctx)
    if scope.local_only and owner.kind in ("entity", "list"):
        ctx.report(
            codes.NOT_IN_CHECK.at(
                expr.span, "follows a relation", name=expr_to_str(expr)
            ).with_help(CHECK_HELP)
        )
        return UNKNOWN
    found = member_ty(owner, name, ctx)
    if found is not None:
        return found
    entity = owner.elem if owner.kind == "list" and owner.elem is not None else owner
    candidates = list(entity_members(entity.name, ctx)) if entity.kind == "entity" else []
    ctx.report(
        codes.UNKNOWN_FIELD.at(span, "no such field", owner=entity, name=name).with_help(
            did_you_mean(name, candidates)
        )
    )
    return UNKNOWN


def _namespace_member(namespace: str, name: ir.Ident, scope: Scope, ctx) -> Ty:
    if namespace == "auth":
        if name.text == "user":
            return entity_ty(USER_ENTITY)
        candidates: list[str] = ["user"]
    else:
        inputs = scope.inputs or {}
        if name.text in inputs:
            return field_ty(inputs[name.text].type, ctx.analysis)
        candidates = list(inputs)
    ctx.report(
        codes.UNKNOWN_FIELD.at(
            name.span, "no such field", owner=namespace, name=name.text
        ).with_help(did_you_mean(name.text, candidates))
    )
    return UNKNOWN


# ---------------------------------------------------------------- operators


def _unary(expr: ir.Unary, scope: Scope, ctx) -> Ty:
    if expr.op == "not":
        expect_bool(expr.operand, scope, ctx, "`not` needs a `Bool`")
        return BOOL
    found = infer(expr.operand, scope, ctx)
    if found.is_unknown or is_numeric(found) or found == DURATION:
        return found
    ctx.report(
        codes.TYPE_MISMATCH.at(
            expr.operand.span, "cannot be negated", expected="number", found=found
        )
    )
    return UNKNOWN


def _incompatible(expr: ir.Binary, left: Ty, right: Ty, ctx) -> Ty:
    # Binary nodes carry no span for the operator, so the right operand is primary.
    ctx.report(
        codes.INCOMPATIBLE_OPERANDS.at(
            expr.right.span, f"this is `{right}`", op=expr.op, left=left, right=right
        ).with_label(expr.left.span, f"this is `{left}`")
    )
    return UNKNOWN


def _binary(expr: ir.Binary, scope: Scope, ctx, expected: Ty | None) -> Ty:
    op = expr.op
    if op in ("and", "or"):
        expect_bool(expr.left, scope, ctx, f"`{op}` needs a `Bool`")
        expect_bool(expr.right, scope, ctx, f"`{op}` needs a `Bool`")
        return BOOL
    if op == "??":
        left = infer(expr.left, scope, ctx, expected)
        hint = left if not left.is_unknown and left.kind != "null" else expected
        right = infer(expr.right, scope, ctx, hint)
        result = common(left, right)
        return result if result is not None else _incompatible(expr, left, right, ctx)
    if op in ("in", "not in"):
        return _membership(expr, scope, ctx)
    left, right = _operands(expr, scope, ctx)
    if op in _EQUALITY_OPS:
        if not compatible(left, right):
            _incompatible(expr, left, right, ctx)
        return BOOL
    if op in _ORDER_OPS:
        if not (is_ordered(left) and is_ordered(right) and compatible(left, right)):
            _incompatible(expr, left, right, ctx)
        return BOOL
    if op in _ARITH_OPS:
        result = _arith(op, left, right)
        return result if result is not None else _incompatible(expr, left, right, ctx)
    return UNKNOWN


def _operands(expr: ir.Binary, scope: Scope, ctx) -> tuple[Ty, Ty]:
    """Both sides' types; an enum member on either side resolves against the other,
    so the side that needs the other's type less is inferred first."""
    left_needs = _needs_context(expr.left, scope, ctx)
    if left_needs and _needs_context(expr.right, scope, ctx) < left_needs:
        right = infer(expr.right, scope, ctx)
        return infer(expr.left, scope, ctx, right), right
    left = infer(expr.left, scope, ctx)
    return left, infer(expr.right, scope, ctx, left)


def _needs_context(expr: ir.Expr, scope: Scope, ctx) -> int:
    """0 for an expression with a type of its own, 1 for a bare name not in scope,
    2 for one that names a member of some enum (its type comes from the other side)."""
    if not isinstance(expr, ir.Name) or _resolves(expr.name.text, scope, ctx):
        return 0
    return 2 if _is_some_enum_member(expr.name.text, ctx) else 1


def _membership(expr: ir.Binary, scope: Scope, ctx) -> Ty:
    left = infer(expr.left, scope, ctx)
    if isinstance(expr.right, ir.ListExpr):
        for item in expr.right.items:
            found = infer(item, scope, ctx, left)
            if not compatible(left, found):
                ctx.report(
                    codes.INCOMPATIBLE_OPERANDS.at(
                        item.span, f"this is `{found}`", op=expr.op, left=left, right=found
                    ).with_label(expr.left.span, f"this is `{left}`")
                )
        return BOOL
    right = infer(expr.right, scope, ctx)
    if right.is_unknown or left.is_unknown:
        return BOOL
    if right.kind != "list" or not compatible(left, right.elem or UNKNOWN):
        _incompatible(expr, left, right, ctx)
    return BOOL


def _items(items: tuple[ir.Expr, ...], scope: Scope, ctx, hint: Ty | None) -> Ty:
    """The common type of a list literal's items, reporting items that do not fit."""
    result: Ty = hint or UNKNOWN
    for item in items:
        found = infer(item, scope, ctx, result if not result.is_unknown else hint)
        joined = common(result, found)
        if joined is None:
            ctx.report(codes.TYPE_MISMATCH.at(item.span, "", expected=result, found=found))
        else:
            result = joined
    return result


def _arith(op: str, left: Ty, right: Ty) -> Ty | None:
    """The result of `left op right`, None when the operator does not apply."""
    if left.is_unknown or right.is_unknown:
        return UNKNOWN
    if is_numeric(left) and is_numeric(right):
        return common(left, right)
    if op == "+" and left == right == STRING:
        return STRING
    if op in ("+", "-"):
        if left.kind in DATE_KINDS | {"time"} and right == DURATION:
            return left
        if left == right == DURATION:
            return DURATION
        if op == "+" and left == DURATION and right.kind in DATE_KINDS:
            return right
        if op == "-" and left.kind in DATE_KINDS and right.kind in DATE_KINDS:
            return DURATION
    if op in ("*", "/") and left == DURATION and is_numeric(right):
        return DURATION
    if op == "*" and is_numeric(left) and right == DURATION:
        return DURATION
    return None


__all__ = ["infer", "expect", "expect_bool", "FUNCTIONS"]
