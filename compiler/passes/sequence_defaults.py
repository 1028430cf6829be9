"""`= sequence("PO-{:05}")`: only on a required `String`, with a numbering format."""

from __future__ import annotations

from djsc.analysis.sequences import format_problem, longest, sequence_format
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.context import PassContext

# A numbering must have room for this many digits (a million rows) in its column.
ROOM = 6
_EXAMPLE = 'sequence("PO-{:05}")'


def sequence_default_fits(
    field: ir.Field, value: ir.Expr, ftype, limit: int | None, ctx: PassContext
) -> None:
    """`limit` is the field's declared maximum length, if any."""
    type_name = field.type.name.text
    if ftype.category != "string" or type_name != "String" or field.optional:
        what = "an optional field" if field.optional else f"a `{type_name}` field"
        ctx.report(
            codes.INVALID_DEFAULT.at(
                value.span, f"{what} cannot be numbered", type=type_name
            ).with_help(f"number a required `String` field: `number: String(20) = {_EXAMPLE}`")
        )
        return
    text = sequence_format(value)
    problem = "it takes one string, the format" if text is None else format_problem(text)
    if problem is None and text is not None:
        if limit is not None and longest(text, ROOM) > limit:
            problem = f"a {ROOM}-digit number would not fit in {limit} characters"
    if problem is not None:
        ctx.report(
            codes.INVALID_DEFAULT.at(value.span, problem, type=type_name).with_help(
                f"write the text around one `{{}}` for the number, like `{_EXAMPLE}`"
            )
        )
