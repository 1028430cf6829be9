"""`check` rules → `models.Q` source text for CheckConstraint.

What a database CHECK can hold is translated: comparisons of the entity's own fields
with literals, enum members or other own fields, `in` lists and and/or/not become
plain lookups (`models.Q(qty__gte=0)`); a side that computes something — `upper`,
`lower`, `len`, arithmetic, `??` — becomes a Django expression compared with a
lookup class (`models.Q(lookups.Exact(functions.Upper("sku"), models.F("sku")))`).
What the front end lets through but no expression can hold raises Untranslatable,
which the models feature reports.  `functions` and `lookups` are module names of
models.py used only inside `Meta`, so no field name can shadow them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from djsc.backends.django import naming
from djsc.backends.django.viewmodels import values as v
from djsc.backends.django.viewmodels.field_samples import TEXTUAL
from djsc.backends.django.viewmodels.fields import FieldVM
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

_LOOKUPS = {"<": "lt", "<=": "lte", ">": "gt", ">=": "gte", "==": "exact"}
_LOOKUP_CLASSES = {
    "<": "LessThan",
    "<=": "LessThanOrEqual",
    ">": "GreaterThan",
    ">=": "GreaterThanOrEqual",
    "==": "Exact",
    "!=": "Exact",
}
_FUNCTIONS = {"upper": "Upper", "lower": "Lower", "len": "Length"}
_ARITHMETIC = ("+", "-", "*", "/")
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


class Untranslatable(Exception):
    """The expression has no Q equivalent; carries the offending sub-expression."""

    def __init__(self, expr: ir.Expr):
        super().__init__()
        self.expr = expr


@dataclass(frozen=True)
class Violation:
    """Values that break one check (for tests): `field=code`, and the other fields
    the check couples it with, if any."""

    field: str
    code: str
    others: tuple[tuple[str, str], ...] = ()

    @property
    def kwargs(self) -> str:
        parts = [(self.field, self.code), *self.others]
        return ", ".join(f"{name}={code}" for name, code in parts)


def check_q(expr: ir.Expr, fields: dict[str, FieldVM]) -> str:
    """The Q source of `expr`; raises Untranslatable."""
    if isinstance(expr, ir.Binary) and expr.op in ("and", "or"):
        joiner = " & " if expr.op == "and" else " | "
        return f"({check_q(expr.left, fields)}){joiner}({check_q(expr.right, fields)})"
    if isinstance(expr, ir.Unary) and expr.op == "not":
        return f"~({check_q(expr.operand, fields)})"
    name = _own_field(expr, fields)
    if name is not None and fields[name].category == "bool":
        return f"models.Q({name}=True)"
    if isinstance(expr, ir.Conditional):
        # `(c and a) or (not c and b)`: Django's `~` counts a NULL condition as not
        # holding, so a null condition takes the else branch, as `if` does.  (A CASE of
        # wrapped Q objects is what SQL would say, but model validation mis-evaluates it.)
        cond = check_q(expr.cond, fields)
        then, otherwise = check_q(expr.then, fields), check_q(expr.otherwise, fields)
        return f"(({cond}) & ({then})) | (~({cond}) & ({otherwise}))"
    if isinstance(expr, ir.Binary) and expr.op in ("in", "not in"):
        name = _own_field(expr.left, fields)
        if not isinstance(expr.right, ir.ListExpr):
            raise Untranslatable(expr)
        if name is None:
            hint = _textual(expr.left, fields)
            items = ", ".join(_expression(i, fields, hint) for i in expr.right.items)
            q = f"models.Q(lookups.In({_expression(expr.left, fields, hint)}, [{items}]))"
            return q if expr.op == "in" else f"~{q}"
        items = ", ".join(_value(i, fields[name], fields) for i in expr.right.items)
        q = f"models.Q({name}__in=[{items}])"
        return q if expr.op == "in" else f"~{q}"
    if isinstance(expr, ir.Binary) and expr.op in _FLIPPED:
        left, op, right = expr.left, expr.op, expr.right
        if _own_field(left, fields) is None:
            left, right, op = right, left, _FLIPPED[op]
        name = _own_field(left, fields)
        if name is None or _computed(right):
            return _compared(expr, fields)
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


def _computed(expr: ir.Expr) -> bool:
    return isinstance(expr, ir.Call | ir.Unary | ir.Conditional) or (
        isinstance(expr, ir.Binary) and (expr.op in _ARITHMETIC or expr.op in ("%", "??"))
    )


def _compared(expr: ir.Binary, fields: dict[str, FieldVM]) -> str:
    """`lhs op rhs` where a side computes something: a lookup over two expressions."""
    left, right = expr.left, expr.right
    hint = _textual(left, fields) or _textual(right, fields)
    if _is_null(right) or _is_null(left):
        if expr.op not in ("==", "!="):
            raise Untranslatable(expr)
        side = left if _is_null(right) else right
        q = f"models.Q(lookups.IsNull({_expression(side, fields, hint)}, True))"
        return q if expr.op == "==" else f"~{q}"
    lookup = _LOOKUP_CLASSES[expr.op]
    q = (
        f"models.Q(lookups.{lookup}("
        f"{_expression(left, fields, hint)}, {_expression(right, fields, hint)}))"
    )
    return f"~{q}" if expr.op == "!=" else q


def _textual(expr: ir.Expr, fields: dict[str, FieldVM]) -> bool:
    if isinstance(expr, ir.Name) and expr.name.text in fields:
        return fields[expr.name.text].category in TEXTUAL
    if isinstance(expr, ir.Call):
        return expr.func.text in ("upper", "lower")
    if isinstance(expr, ir.Binary) and expr.op in ("+", "??"):
        return _textual(expr.left, fields) or _textual(expr.right, fields)
    return v.string_value(expr) is not None


def _expression(expr: ir.Expr, fields: dict[str, FieldVM], textual: bool) -> str:
    """A Django expression computing `expr` from the row's own columns."""
    if isinstance(expr, ir.Name) and expr.name.text in fields:
        return f'models.F("{expr.name.text}")'
    if isinstance(expr, ir.Call) and expr.func.text in _FUNCTIONS and len(expr.args) == 1:
        inner = _expression(expr.args[0], fields, expr.func.text != "len")
        return f"functions.{_FUNCTIONS[expr.func.text]}({inner})"
    if isinstance(expr, ir.Unary) and expr.op == "-":
        return f"-({_expression(expr.operand, fields, textual)})"
    if isinstance(expr, ir.Conditional):
        then = _expression(expr.then, fields, textual)
        otherwise = _expression(expr.otherwise, fields, textual)
        return (
            f"models.Case(models.When({check_q(expr.cond, fields)}, then={then}), "
            f"default={otherwise})"
        )
    if isinstance(expr, ir.Binary) and expr.op == "??":
        a = _expression(expr.left, fields, textual)
        return f"functions.Coalesce({a}, {_expression(expr.right, fields, textual)})"
    if isinstance(expr, ir.Binary) and expr.op == "+" and textual:
        a = _expression(expr.left, fields, True)
        return f"functions.Concat({a}, {_expression(expr.right, fields, True)})"
    if isinstance(expr, ir.Binary) and expr.op == "%":
        a = _expression(expr.left, fields, textual)
        return f"functions.Mod({a}, {_expression(expr.right, fields, textual)})"
    if isinstance(expr, ir.Binary) and expr.op in _ARITHMETIC:
        a = _expression(expr.left, fields, textual)
        return f"({a} {expr.op} {_expression(expr.right, fields, textual)})"
    num = v.number_text(expr)
    if num is not None:
        return f"models.Value({v.decimal_code(num) if '.' in num else num})"
    text = v.string_value(expr)
    if text is not None:
        return f"models.Value({pyrepr(text)})"
    if isinstance(expr, ir.Literal) and expr.kind == "duration":
        code = v.duration_code(expr.text)
        if code:
            return f"models.Value({code})"
    if isinstance(expr, ir.Name) and expr.name.text in ("true", "false"):
        return f"models.Value({expr.name.text == 'true'})"
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
