"""`sequence("PO-{:05}")`: a default that numbers rows, as a human-readable text.

The format is Python's: literal text around exactly one `{}` placeholder, optionally
with a zero-padded width (`{:05}` gives 00042).  What a backend makes of it — a counter
row locked while a new row takes its number — is the backend's; the front end only
makes sure the text is a format a number fits.
"""

from __future__ import annotations

import re
import string

from djsc.ir import nodes as ir

FUNCTION = "sequence"
_SPEC = re.compile(r"0?\d*d?")


def sequence_format(expr: ir.Expr | None) -> str | None:
    """The format of a `sequence("…")` call, or None when `expr` is no such call."""
    if not isinstance(expr, ir.Call) or expr.func.text != FUNCTION or len(expr.args) != 1:
        return None
    arg = expr.args[0]
    if isinstance(arg, ir.Literal) and arg.kind == "string":
        return arg.value
    return None


def is_sequence_call(expr: ir.Expr | None) -> bool:
    return isinstance(expr, ir.Call) and expr.func.text == FUNCTION


def format_problem(text: str) -> str | None:
    """Why `text` is not a numbering format, or None when it is one."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        return f"not a format: {exc}"
    fields = [p for p in parts if p[1] is not None]
    if len(fields) != 1:
        return "it needs exactly one `{}` for the number"
    _, name, spec, conversion = fields[0]
    if name or conversion or not _SPEC.fullmatch(spec or ""):
        return "the placeholder may only give a width, like `{:05}`"
    return None


def longest(text: str, digits: int = 10) -> int:
    """The length of a number with `digits` digits in this format (no format problem)."""
    return len(text.format(10 ** (digits - 1)))
