"""The rules one field must follow: type arguments, default, modifiers.

Shared by `check_types` for entity fields, event payloads and operation inputs.  A
field's type resolves to a `FieldType` first; every rule here assumes it resolved.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from djsc.analysis.sequences import is_sequence_call
from djsc.analysis.types import SCALAR_TYPES, ScalarType
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.context import PassContext
from djsc.passes.sequence_defaults import sequence_default_fits
from djsc.source import Span
from djsc.suggest import did_you_mean

STRING_CATEGORIES = frozenset({"string"})
NUMBER_CATEGORIES = frozenset({"int", "float", "decimal"})
BOUNDED_CATEGORIES = NUMBER_CATEGORIES | {"date", "datetime", "time", "duration"}
# Values that cannot be compared, filtered or indexed in a useful way.
UNORDERED_CATEGORIES = frozenset({"json", "file"})
# Modifiers about storage and the API, meaningless on inputs and event payloads.
STORAGE_MODIFIERS = frozenset(
    {
        ir.ModifierKind.UNIQUE,
        ir.ModifierKind.SEARCH,
        ir.ModifierKind.FILTER,
        ir.ModifierKind.ORDER,
        ir.ModifierKind.INDEX,
        ir.ModifierKind.PRIMARY,
        ir.ModifierKind.WAS,
    }
)
_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


@dataclass(frozen=True, slots=True)
class FieldType:
    """What a field's type name resolved to: exactly one of the three is set."""

    scalar: ScalarType | None = None
    enum: ir.Enum | None = None
    entity: str | None = None

    @property
    def category(self) -> str:
        if self.scalar is not None:
            return self.scalar.category
        return "enum" if self.enum is not None else "entity"


def check_field_rules(field: ir.Field, ftype: FieldType, owner: str, ctx: PassContext) -> None:
    """Run every per-field rule; `owner` is entity | event | input."""
    if not type_arguments_fit(field.type, ftype, ctx):
        # A type written wrongly may be the wrong type: nothing else about the
        # field, nor any use of its values, is judged.
        ctx.analysis.badly_typed.add(field.type)
        return
    default_fits(field, ftype, ctx)
    modifiers_are_unique(field, ctx)
    for modifier in field.modifiers:
        modifier_applies(field, modifier, ftype, owner, ctx)
    bounds_are_ordered(field, ftype, ctx)
    default_is_a_choice(field, ctx)


# ---------------------------------------------------------------- type arguments


def type_arguments_fit(ref: ir.TypeRef, ftype: FieldType, ctx: PassContext) -> bool:
    """`String(n)` with n > 0, `Decimal(p, s)` with 0 <= s <= p (both optional); nothing
    else takes any."""
    args = ref.args
    scalar = ftype.scalar
    name = ref.name.text
    if scalar is None or not scalar.args:
        if not args:
            return True
        return _bad_args(ref, name, "no arguments", "remove the arguments", ctx)
    if scalar.name == "Decimal":
        if not args:
            return True  # DEFAULT_DECIMAL applies
        expected = "two whole numbers, the precision and the scale, like `Decimal(12, 2)`"
        if len(args) != 2 or not all(_whole(a) for a in args):
            return _bad_args(ref, name, expected, "", ctx)
        precision, scale = (int(a.text) for a in args)
        if precision == 0 or scale > precision:
            why = "the precision must be at least 1 and at least the scale"
            return _bad_args(ref, name, expected, why, ctx)
        return True
    if not args:
        return True  # the default maximum length applies
    expected = f"one positive whole number, the maximum length, like `{name}(120)`"
    if len(args) > 1 or not _whole(args[0]) or int(args[0].text) == 0:
        return _bad_args(ref, name, expected, "", ctx)
    return True


def _whole(arg: ir.OptionValue) -> bool:
    return arg.kind == "number" and arg.text.isdigit()


def _bad_args(ref: ir.TypeRef, name: str, expected: str, label: str, ctx: PassContext) -> bool:
    span = ref.span
    if ref.args:
        span = Span(ref.span.file, ref.args[0].span.start, ref.args[-1].span.end)
    ctx.report(codes.INVALID_TYPE_ARGUMENTS.at(span, label, type=name, expected=expected))
    return False


def max_length(ref: ir.TypeRef) -> int | None:
    """The declared maximum length of a string type, if any."""
    if ref.args and _whole(ref.args[0]) and ref.name.text in SCALAR_TYPES:
        if SCALAR_TYPES[ref.name.text].category == "string":
            return int(ref.args[0].text)
    return None


# ---------------------------------------------------------------- values


def number_of(expr: ir.Expr | None) -> float | None:
    """The value of `12`, `-3.5`; None for anything else."""
    if isinstance(expr, ir.Unary) and expr.op == "-":
        inner = number_of(expr.operand)
        return None if inner is None else -inner
    if isinstance(expr, ir.Literal) and expr.kind == "number":
        return float(expr.text)
    return None


def _is_whole(expr: ir.Expr | None) -> bool:
    value = number_of(expr)
    return value is not None and value == int(value) and "." not in _text(expr)


def _text(expr: ir.Expr | None) -> str:
    while isinstance(expr, ir.Unary):
        expr = expr.operand
    return expr.text if isinstance(expr, ir.Literal) else ""


def _string(expr: ir.Expr | None) -> str | None:
    if isinstance(expr, ir.Literal) and expr.kind == "string":
        return expr.value
    return None


def _is_call(expr: ir.Expr | None, func: str) -> bool:
    return isinstance(expr, ir.Call) and expr.func.text == func and not expr.args


def _iso(category: str, text: str):
    parse = {
        "date": dt.date.fromisoformat,
        "datetime": dt.datetime.fromisoformat,
        "time": dt.time.fromisoformat,
    }[category]
    try:
        return parse(text)
    except ValueError:
        return None


def _seconds(expr: ir.Expr | None) -> float | None:
    if isinstance(expr, ir.Literal) and expr.kind == "duration":
        number = re.match(r"[0-9]+", expr.text)
        assert number is not None  # the lexer only makes durations of this shape
        return int(number.group()) * _SECONDS[expr.text[number.end() :]]
    return None


# What a value of each category looks like, in the words of a diagnostic.
_EXPECTED = {
    "int": "a whole number",
    "float": "a number",
    "decimal": "a number",
    "string": "a string",
    "bool": "`true` or `false`",
    "date": 'a date like "2024-01-31" or `now()`',
    "datetime": 'a date and time like "2024-01-31T12:00" or `now()`',
    "time": 'a time like "12:30"',
    "duration": "a duration like `15m`",
    "uuid": 'a UUID string like "123e4567-e89b-12d3-a456-426614174000"',
}


def value_key(expr: ir.Expr | None, category: str):
    """A comparable value when `expr` is a constant of `category`, else None.

    `now()` fits date and datetime fields but has no constant value, so it yields
    the sentinel "now", which never takes part in a comparison; so does `today()`
    on a date field (the reference allows it; it is the sentinel "today").
    """
    if category == "int":
        return number_of(expr) if _is_whole(expr) else None
    if category in ("float", "decimal"):
        return number_of(expr)
    if category == "string":
        return _string(expr)
    if category == "bool":
        is_bool = isinstance(expr, ir.Name) and expr.name.text in ("true", "false")
        return expr.name.text if is_bool else None  # type: ignore[union-attr]
    if category in ("date", "datetime", "time"):
        if category != "time" and _is_call(expr, "now"):
            return "now"
        if category == "date" and _is_call(expr, "today"):
            return "today"
        text = _string(expr)
        return None if text is None else _iso(category, text)
    if category == "duration":
        return _seconds(expr)
    if category == "uuid":
        text = _string(expr)
        try:
            return None if text is None else uuid.UUID(text)
        except ValueError:
            return None
    return None


# ---------------------------------------------------------------- defaults


def default_fits(field: ir.Field, ftype: FieldType, ctx: PassContext) -> None:
    """The default is a constant of the field's type, a member of its enum, or `null`."""
    value = field.default
    if value is None:
        return
    type_name = field.type.name.text
    if isinstance(value, ir.Name) and value.name.text == "null":
        if not field.optional:
            ctx.report(
                codes.INVALID_DEFAULT.at(
                    value.span, "the field is not optional", type=type_name
                ).with_help(f"make the field optional: `{field.name.text}: {type_name}?`")
            )
        return
    if ftype.enum is not None:
        default_is_a_member(value, ftype.enum, ctx)
        return
    if ftype.scalar is None or ftype.category not in _EXPECTED:
        what = "a reference to another entity" if ftype.entity else f"a `{type_name}` field"
        ctx.report(codes.INVALID_DEFAULT.at(value.span, f"{what} takes no default", type=type_name))
        return
    if is_sequence_call(value):
        sequence_default_fits(field, value, ftype, max_length(field.type), ctx)
        return
    key = value_key(value, ftype.category)
    if key is None:
        expected = _EXPECTED[ftype.category]
        ctx.report(codes.INVALID_DEFAULT.at(value.span, f"expected {expected}", type=type_name))
        return
    limit = max_length(field.type)
    if isinstance(key, str) and limit is not None and len(key) > limit:
        label = f"longer than the {limit} characters `{type_name}({limit})` allows"
        ctx.report(codes.INVALID_DEFAULT.at(value.span, label, type=type_name))


def default_is_a_member(value: ir.Expr, enum: ir.Enum, ctx: PassContext) -> None:
    members = ctx.analysis.enum_members(enum.name.text)
    if not isinstance(value, ir.Name):
        example = f": `{members[0]}`" if members else ""
        ctx.report(
            codes.INVALID_DEFAULT.at(
                value.span, "expected a member name", type=enum.name.text
            ).with_help(f"name a member of `{enum.name.text}`{example}")
        )
        return
    if value.name.text in members:
        return
    ctx.report(
        codes.UNKNOWN_ENUM_MEMBER.at(
            value.span, "not a member", name=value.name.text, enum=enum.name.text
        )
        .with_label(enum.name.span, f"`{enum.name.text}` is declared here")
        .with_help(did_you_mean(value.name.text, members))
    )


def default_is_a_choice(field: ir.Field, ctx: PassContext) -> None:
    choices = field.modifier(ir.ModifierKind.CHOICES)
    if choices is None or field.default is None:
        return
    category = "string" if _string(field.default) is not None else "float"
    key = value_key(field.default, category)
    if key is None or key in {value_key(c, category) for c in choices.args}:
        return
    ctx.report(
        codes.INVALID_DEFAULT.at(
            field.default.span, "not one of the choices", type=field.type.name.text
        ).with_label(choices.span, "the choices")
    )


# ---------------------------------------------------------------- modifiers


def modifiers_are_unique(field: ir.Field, ctx: PassContext) -> None:
    seen: dict[str, ir.Modifier] = {}
    for modifier in field.modifiers:
        first = seen.setdefault(modifier.kind, modifier)
        if first is modifier:
            continue
        ctx.report(
            codes.DUPLICATE_MODIFIER.at(modifier.span, "given again here", modifier=modifier.kind)
            .with_label(first.span, "first given here")
            .with_help("remove one of them")
        )


def _applies(kind: ir.ModifierKind, ftype: FieldType) -> bool:
    category = ftype.category
    if kind == ir.ModifierKind.PRIMARY:
        return True  # which types can be keys is check_primary_keys' (DJS0215)
    if category == "entity":
        # A reference can be renamed (`site: Warehouse` → `location: Warehouse was site`).
        return kind == ir.ModifierKind.WAS
    if kind in (ir.ModifierKind.UNIQUE, ir.ModifierKind.FILTER, ir.ModifierKind.ORDER):
        return category not in UNORDERED_CATEGORIES
    if kind == ir.ModifierKind.INDEX:
        return category != "file"
    if kind in (ir.ModifierKind.SEARCH, ir.ModifierKind.LENGTH, ir.ModifierKind.PATTERN):
        return category in STRING_CATEGORIES
    if kind in (ir.ModifierKind.MIN, ir.ModifierKind.MAX):
        return category in BOUNDED_CATEGORIES
    if kind == ir.ModifierKind.CHOICES:
        return category in STRING_CATEGORIES | NUMBER_CATEGORIES
    return kind == ir.ModifierKind.WAS


def modifier_applies(
    field: ir.Field, modifier: ir.Modifier, ftype: FieldType, owner: str, ctx: PassContext
) -> None:
    """The modifier makes sense for the field's type and its owner; its arguments fit."""
    kind = modifier.kind
    if owner != "entity" and kind in STORAGE_MODIFIERS:
        where = "an event payload" if owner == "event" else "a command or query input"
        ctx.report(
            codes.MODIFIER_OUTSIDE_ENTITY.at(modifier.span, f"on {where}", modifier=kind).with_help(
                "only fields stored by an entity can be unique, indexed or searched"
            )
        )
        return
    if not _applies(kind, ftype):
        diag = codes.INVALID_MODIFIER.at(
            modifier.span, "not applicable", modifier=kind, type=field.type.name.text
        )
        if ftype.category == "entity":
            diag = diag.with_help(
                "a field typed with an entity is a plain `many_to_one` reference; "
                "declare a `relation` to configure it"
            )
        elif ftype.category == "enum" and kind == ir.ModifierKind.CHOICES:
            diag = diag.with_help("the members of the enum are already its choices")
        ctx.report(diag)
        return
    if kind in (ir.ModifierKind.MIN, ir.ModifierKind.MAX):
        _args_fit(modifier, ftype.category, ctx)
    elif kind == ir.ModifierKind.LENGTH:
        _args_fit(modifier, "length", ctx)
    elif kind == ir.ModifierKind.CHOICES:
        _args_fit(modifier, ftype.category, ctx)
    elif kind == ir.ModifierKind.PATTERN:
        pattern_compiles(modifier, ctx)


def _args_fit(modifier: ir.Modifier, category: str, ctx: PassContext) -> None:
    for arg in modifier.args:
        if category == "length":
            fits = _is_whole(arg) and (number_of(arg) or 0) >= 0
            expected = "whole number"
        else:
            fits = value_key(arg, category) not in (None, "now", "today") or (
                category in ("date", "datetime") and _is_call(arg, "now")
            )
            expected = {"int": "whole number", "float": "number", "decimal": "number"}.get(
                category, category
            )
        if fits:
            continue
        found = arg.kind if isinstance(arg, ir.Literal) else "expression"
        if number_of(arg) is not None:
            found = "number"
        ctx.report(
            codes.TYPE_MISMATCH.at(
                arg.span,
                f"`{modifier.kind}` needs a {expected} here",
                expected=expected,
                found=found,
            )
        )


def pattern_compiles(modifier: ir.Modifier, ctx: PassContext) -> None:
    text = _string(modifier.args[0]) if modifier.args else None
    if text is None:
        return
    try:
        re.compile(text)
    except re.error as err:
        ctx.report(
            codes.INVALID_PATTERN.at(modifier.args[0].span, "in this pattern", reason=err.msg)
        )


# ---------------------------------------------------------------- bounds


def bounds_are_ordered(field: ir.Field, ftype: FieldType, ctx: PassContext) -> None:
    """min <= max, length(a, b) with a <= b, and a minimum length the type allows."""
    low, high = field.modifier(ir.ModifierKind.MIN), field.modifier(ir.ModifierKind.MAX)
    if low and high and _applies(ir.ModifierKind.MIN, ftype):
        _ordered(low.args[0], high.args[0], ftype.category, "the lower bound", ctx)
    length = field.modifier(ir.ModifierKind.LENGTH)
    if length is None or not _applies(ir.ModifierKind.LENGTH, ftype):
        return
    if len(length.args) == 2:
        _ordered(length.args[0], length.args[1], "int", "the minimum length", ctx)
    limit = max_length(field.type)
    # `length(a)` and `length(a, b)` both start with the minimum (docs/language.md).
    shortest = number_of(length.args[0])
    if limit is not None and shortest is not None and shortest > limit:
        ctx.report(
            codes.INVALID_BOUNDS.at(length.args[0].span, "the minimum length").with_label(
                field.type.span, f"`{field.type.name.text}({limit})` allows at most {limit}"
            )
        )


def _ordered(low: ir.Expr, high: ir.Expr, category: str, what: str, ctx: PassContext) -> None:
    a, b = value_key(low, category), value_key(high, category)
    if a is None or b is None or {a, b} & {"now", "today"}:
        return
    try:
        wrong = a > b
    except TypeError:  # naive and aware datetimes do not compare
        return
    if wrong:
        ctx.report(codes.INVALID_BOUNDS.at(high.span, "the upper bound").with_label(low.span, what))
