"""Printing expressions back as .djs source, with the fewest parentheses needed."""

from __future__ import annotations

from djsc.ir import nodes as ir

# Binding strength, loosest first; mirrors the grammar's precedence climb.
_PRECEDENCE = {
    "??": 1,
    "or": 2,
    "and": 3,
    "not": 4,
    "==": 5,
    "!=": 5,
    "<": 5,
    "<=": 5,
    ">": 5,
    ">=": 5,
    "in": 5,
    "not in": 5,
    "+": 6,
    "-": 6,
    "*": 7,
    "/": 7,
    "%": 7,
    "neg": 8,
}
_ATOM = 9


def _strength(expr: ir.Expr) -> int:
    if isinstance(expr, ir.Conditional):
        return 0  # looser than `??`: only a whole expression or parentheses hold it
    if isinstance(expr, ir.Binary):
        return _PRECEDENCE[expr.op]
    if isinstance(expr, ir.Unary):
        return _PRECEDENCE["not" if expr.op == "not" else "neg"]
    return _ATOM


def expr_to_str(expr: ir.Expr) -> str:
    """Canonical source text of `expr`; parsing it gives back an equal expression."""
    if isinstance(expr, ir.Literal):
        return expr.text
    if isinstance(expr, ir.Name):
        return expr.name.text
    if isinstance(expr, ir.Member):
        return f"{_wrap(expr.obj, _ATOM)}.{expr.name.text}"
    if isinstance(expr, ir.Call):
        return f"{expr.func.text}({', '.join(expr_to_str(a) for a in expr.args)})"
    if isinstance(expr, ir.ListExpr):
        return "[" + ", ".join(expr_to_str(i) for i in expr.items) + "]"
    if isinstance(expr, ir.Unary):
        strength = _strength(expr)
        if expr.op == "not":
            return f"not {_wrap(expr.operand, strength)}"
        if isinstance(expr.operand, ir.Unary) and expr.operand.op == "-":
            return f"-({expr_to_str(expr.operand)})"  # not `--x`: keep tokens unambiguous
        return f"-{_wrap(expr.operand, strength)}"
    if isinstance(expr, ir.Binary):
        strength = _strength(expr)
        if expr.op == "??":  # right-associative
            return f"{_wrap(expr.left, strength + 1)} ?? {_wrap(expr.right, strength)}"
        if strength == 5:  # comparisons do not chain
            return f"{_wrap(expr.left, strength + 1)} {expr.op} {_wrap(expr.right, strength + 1)}"
        return f"{_wrap(expr.left, strength)} {expr.op} {_wrap(expr.right, strength + 1)}"
    if isinstance(expr, ir.Conditional):
        # The condition and the branch after `then` end at a keyword, so they need no
        # parentheses; the `else` branch runs to the end, as a trailing `??` would.
        return (
            f"if {expr_to_str(expr.cond)} then {expr_to_str(expr.then)} "
            f"else {expr_to_str(expr.otherwise)}"
        )
    raise TypeError(f"not an expression: {expr!r}")


def _wrap(expr: ir.Expr, needed: int) -> str:
    text = expr_to_str(expr)
    return f"({text})" if _strength(expr) < needed else text
