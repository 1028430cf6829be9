"""`check` rules → `models.Q` source text for CheckConstraint.

Only what a database CHECK can hold is translated: comparisons of the entity's own
fields with literals, enum members or other own fields, `in` lists, and
and/or/not.  Anything else (paths through relations, arithmetic, calls) returns
None and the models feature reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from djsc.backends.django import naming
from djsc.backends.django.viewmodels import values as v
from djsc.backends.django.viewmodels.fields import FieldVM
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

_LOOKUPS = {"<": "lt", "<=": "lte", ">": "gt", ">=": "gte", "==": "exact"}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


class Untranslatable(Exception):
    """The expression has no Q equivalent; carries the offending sub-expression."""

    def __init__(self, expr: ir.Expr):
        super().__init__()
        self.expr = expr


@dataclass(frozen=True)
class Violation:
    """A single `field op number` rule and a value that breaks it (for tests)."""

    field: str
    code: str


def check_q(expr: ir.Expr, fields: dict[str, FieldVM]) -> str:
    """The Q source of `expr`; raises Untranslatable."""
    if isinstance(expr, ir.Binary) and expr.op in ("and", "or"):
        joiner = " & " if expr.op == "and" else " | "
        return f"({check_q(expr.left, fields)}){joiner}({check_q(expr.right, fields)})"
    if isinstance(expr, ir.Unary) and expr.op == "not":
        return f"~({check_q(expr.operand, fields)})"
    if isinstance(expr, ir.Binary) and expr.op in ("in", "not in"):
        name = _own_field(expr.left, fields)
        if name is None or not isinstance(expr.right, ir.ListExpr):
            raise Untranslatable(expr)
        items = ", ".join(_value(i, fields[name], fields) for i in expr.right.items)
        q = f"models.Q({name}__in=[{items}])"
        return q if expr.op == "in" else f"~{q}"
    if isinstance(expr, ir.Binary) and expr.op in _FLIPPED:
        left, op, right = expr.left, expr.op, expr.right
        if _own_field(left, fields) is None:
            left, right, op = right, left, _FLIPPED[op]
        name = _own_field(left, fields)
        if name is None:
            raise Untranslatable(expr)
        if _is_null(right):
            if op not in ("==", "!="):
                raise Untranslatable(expr)
            return f"models.Q({name}__isnull={op == '=='})"
        value = _value(right, fields[name], fields)
        if op == "!=":
            return f"~models.Q({name}={value})"
        suffix = "" if op == "==" else "__" + _LOOKUPS[op]
        return f"models.Q({name}{suffix}={value})"
    raise Untranslatable(expr)


def _own_field(expr: ir.Expr, fields: dict[str, FieldVM]) -> str | None:
    if isinstance(expr, ir.Name) and expr.name.text in fields:
        return expr.name.text
    return None


def _is_null(expr: ir.Expr) -> bool:
    return isinstance(expr, ir.Name) and expr.name.text == "null"


def _value(expr: ir.Expr, target: FieldVM, fields: dict[str, FieldVM]) -> str:
    num = v.number_text(expr)
    if num is not None:
        return v.decimal_code(num) if target.category == "decimal" else num
    text = v.string_value(expr)
    if text is not None:
        return pyrepr(text)
    if isinstance(expr, ir.Literal) and expr.kind == "duration":
        code = v.duration_code(expr.text)
        if code:
            return code
    if isinstance(expr, ir.Name):
        word = expr.name.text
        if target.enum is not None and word not in fields:
            return f"{target.enum.name}.{naming.enum_member(word)}"
        if word in fields:
            return f'models.F("{word}")'
        if word in ("true", "false"):
            return "True" if word == "true" else "False"
    raise Untranslatable(expr)


def numeric_bounds(expr: ir.Expr) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """Ranges implied by `field op number` conjuncts, so sample data obeys the check."""
    out: dict[str, tuple[Decimal | None, Decimal | None]] = {}
    for name, op, number in _conjuncts(expr):
        low, high = out.get(name, (None, None))
        step = Decimal(1)
        if op in (">", ">="):
            bound = number + step if op == ">" else number
            low = bound if low is None else max(low, bound)
        elif op in ("<", "<="):
            bound = number - step if op == "<" else number
            high = bound if high is None else min(high, bound)
        out[name] = (low, high)
    return out


def violation(expr: ir.Expr, fields: dict[str, FieldVM]) -> Violation | None:
    """A value breaking a check that is one `field op number` comparison, else None."""
    found = _conjuncts(expr)
    if len(found) != 1 or not isinstance(expr, ir.Binary):
        return None
    name, op, number = found[0]
    target = fields.get(name)
    if target is None or target.category not in ("int", "decimal", "float"):
        return None
    bad = {">": number, ">=": number - 1, "<": number, "<=": number + 1}.get(op)
    if bad is None:
        return None
    if target.category == "decimal":
        return Violation(name, v.decimal_code(str(bad)))
    return Violation(name, str(int(bad)) if target.category == "int" else str(float(bad)))


def _conjuncts(expr: ir.Expr) -> list[tuple[str, str, Decimal]]:
    if isinstance(expr, ir.Binary) and expr.op == "and":
        return _conjuncts(expr.left) + _conjuncts(expr.right)
    if isinstance(expr, ir.Binary) and expr.op in ("<", "<=", ">", ">="):
        left, op, right = expr.left, expr.op, expr.right
        if not isinstance(left, ir.Name):
            left, right, op = right, left, _FLIPPED[op]
        num = v.number_text(right)
        if isinstance(left, ir.Name) and num is not None:
            return [(left.name.text, op, Decimal(num))]
    return []
