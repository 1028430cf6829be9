"""Test data that obeys the entity's `check` rules, and rows that break each one.

fields.py picks each field's samples alone, within the field's own rules and the
ranges `field op number` checks imply.  A check that computes (`upper(sku) == sku`,
`len(name) >= 3`) or couples fields (`ends_on >= starts_on`, `reserved <= qty`) can
still reject them.  Here the checks are evaluated in Python, with SQL's rule that an
unknown (NULL) result does not break a check, on a few candidate values per field:

- a check on one field keeps the samples that satisfy it (`"A SKU"` for `"a sku"`),
  and a unique field's factory sequence is transformed the same way;
- fields coupled by a check get one value each that satisfies every check together,
  and only that value, so no generated test varies one of them alone;
- each check without a violating row yet gets one: a choice of its fields' candidates
  that breaks it and keeps every other check, which the model and serializer tests
  then expect the database and the API to refuse.

The search is bounded; when it finds nothing the samples stay as they were.
"""

from __future__ import annotations

import datetime
import decimal
import itertools
import re
import uuid
from collections.abc import Iterator
from decimal import Decimal

from djsc.backends.django.viewmodels import checks
from djsc.backends.django.viewmodels import values as v
from djsc.backends.django.viewmodels.field_samples import NUMERIC, TEXTUAL
from djsc.backends.django.viewmodels.fields import FieldVM
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir
from djsc.ir.walk import iter_nodes

UNKNOWN = object()
_BUDGET = 20_000  # assignments tried per entity
_NAMESPACE = {"datetime": datetime, "uuid": uuid, "Decimal": Decimal, "decimal": decimal}
COMPARE = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


# ------------------------------------------------------------------ evaluation


def evaluate(expr: ir.Expr, row: dict[str, object]) -> object:
    """The value of `expr` on `row`; None for SQL NULL, UNKNOWN when it can't tell."""
    try:
        return _eval(expr, row)
    except (TypeError, ArithmeticError, ValueError, decimal.InvalidOperation):
        return UNKNOWN


def _eval(expr: ir.Expr, row: dict[str, object]) -> object:
    if isinstance(expr, ir.Name):
        word = expr.name.text
        if word in row:
            return row[word]
        return {"true": True, "false": False, "null": None}.get(word, UNKNOWN)
    if isinstance(expr, ir.Literal):
        return literal_value(expr)
    if isinstance(expr, ir.Unary):
        inner = _eval(expr.operand, row)
        if inner is UNKNOWN or inner is None:
            return inner
        return (not inner) if expr.op == "not" else -inner  # type: ignore[operator]
    if isinstance(expr, ir.Call) and len(expr.args) == 1:
        arg = _eval(expr.args[0], row)
        if arg is UNKNOWN or arg is None:
            return arg
        if expr.func.text in ("upper", "lower") and isinstance(arg, str):
            return arg.upper() if expr.func.text == "upper" else arg.lower()
        if expr.func.text == "len" and isinstance(arg, str):
            return len(arg)
        return UNKNOWN
    if isinstance(expr, ir.ListExpr):
        return [_eval(i, row) for i in expr.items]
    if isinstance(expr, ir.Conditional):
        cond = _eval(expr.cond, row)
        if cond is UNKNOWN:
            return UNKNOWN
        return _eval(expr.then if cond is True else expr.otherwise, row)
    if isinstance(expr, ir.Binary):
        return _binary(expr, row)
    return UNKNOWN


def _is_null(expr: ir.Expr) -> bool:
    return isinstance(expr, ir.Name) and expr.name.text == "null"


def _binary(expr: ir.Binary, row: dict[str, object]) -> object:
    a, b = _eval(expr.left, row), _eval(expr.right, row)
    if expr.op in ("==", "!=") and (_is_null(expr.left) or _is_null(expr.right)):
        # `x == null` tests for null (IS NULL), unlike SQL's `=`.
        value = a if _is_null(expr.right) else b
        return UNKNOWN if value is UNKNOWN else (value is None) == (expr.op == "==")
    if expr.op in ("and", "or"):
        return _logic(expr.op, a, b)
    if expr.op == "??":
        return b if a is None else a
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    if expr.op in ("in", "not in"):
        if a is None or not isinstance(b, list) or UNKNOWN in b:
            return None if a is None else UNKNOWN
        return (a in b) == (expr.op == "in")
    if a is None or b is None:
        return None
    if expr.op in COMPARE:
        return COMPARE[expr.op](a, b)
    a, b = _same_kind(a, b)
    return {
        "+": lambda: a + b,
        "-": lambda: a - b,
        "*": lambda: a * b,
        "/": lambda: a / b,
        "%": lambda: a % b,
    }.get(expr.op, lambda: UNKNOWN)()


def _logic(op: str, a: object, b: object) -> object:
    """Three-valued and/or; UNKNOWN spreads unless the other side decides."""
    decided = False if op == "and" else True
    if a is decided or b is decided:
        return decided
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    if a is None or b is None:
        return None
    return (a and b) if op == "and" else (a or b)


def _same_kind(a: object, b: object) -> tuple[object, object]:
    if isinstance(a, Decimal) and isinstance(b, int | float):
        return a, Decimal(str(b))
    if isinstance(b, Decimal) and isinstance(a, int | float):
        return Decimal(str(a)), b
    return a, b


def literal_value(expr: ir.Literal) -> object:
    if expr.kind == "string":
        return expr.value
    if expr.kind == "number":
        return Decimal(expr.text) if "." in expr.text else int(expr.text)
    code = v.duration_code(expr.text) if expr.kind == "duration" else None
    return eval(code, _NAMESPACE) if code else UNKNOWN  # noqa: S307 - our own literal


def holds(expr: ir.Expr, row: dict[str, object]) -> bool | None:
    """True when the check passes (NULL passes, as in SQL); None when it can't tell."""
    result = evaluate(expr, row)
    if result is UNKNOWN:
        return None
    return result is not False


# ------------------------------------------------------------------ candidates


def _value_of(sample: v.Sample) -> object:
    try:
        return eval(sample.code, _NAMESPACE)  # noqa: S307 - sample code djsc wrote
    except Exception:  # noqa: BLE001 - an enum member or a value only the project knows
        return UNKNOWN


def _fits(f: FieldVM, text: str) -> bool:
    if not text or (f.max_length is not None and len(text) > f.max_length):
        return False
    return f.pattern is None or re.fullmatch(f.pattern, text) is not None


def _lengths(f: FieldVM, rules: list[ir.Expr]) -> set[int]:
    """The numbers `len(f)` is compared with, and their neighbours."""
    found = set()
    for rule in rules:
        for node in iter_nodes(rule):
            if not isinstance(node, ir.Binary) or node.op not in COMPARE:
                continue
            for call, other in ((node.left, node.right), (node.right, node.left)):
                num = v.number_text(other)
                named = isinstance(call, ir.Call) and call.func.text == "len" and call.args
                if named and _names(call.args[0]) == {f.name} and num is not None:
                    n = int(Decimal(num))
                    found |= {n - 1, n, n + 1}
    return {n for n in found if n >= 1}


def _members(f: FieldVM) -> list[tuple[v.Sample, object]]:
    """An enum field's members, valued by their spec names: `kind == physical` then
    compares a member name with the name the row holds (see `fit`)."""
    assert f.enum is not None
    enum = f.enum
    return [
        (v.Sample(f"{enum.name}.{attr}", query), spec)
        for (attr, _, _), query, spec in zip(
            enum.members, enum.values, enum.spec_names, strict=True
        )
    ]


def sample_value(f: FieldVM, sample: v.Sample) -> object:
    """What `sample` of `f` evaluates as (an enum member: its spec name)."""
    if f.enum is not None:
        return next((x for s, x in _members(f) if s.code == sample.code), UNKNOWN)
    return _value_of(sample)


def candidates(f: FieldVM, rules: list[ir.Expr]) -> list[tuple[v.Sample, object]]:
    """(sample, its value) pairs to try for `f`, its own samples first."""
    if f.enum is not None:
        return _members(f)
    own = [(s, _value_of(s)) for s in f.samples]
    own = [(s, x) for s, x in own if x is not UNKNOWN]
    if not own:
        return []
    extra: list[tuple[v.Sample, object]] = []
    if f.category in TEXTUAL:
        base = str(own[0][1])
        texts = [str(x).upper() for _, x in own] + [str(x).lower() for _, x in own]
        texts += [(base * n)[:n] if n > len(base) else base[:n] for n in sorted(_lengths(f, rules))]
        extra = [(v.Sample(pyrepr(t), t), t) for t in texts if _fits(f, t)]
    elif f.category in NUMERIC:
        for n in (0, 3, 10, 100, 1000):
            if (f.low is not None and n < f.low) or (f.high is not None and n > f.high):
                continue
            value = _number(n, f.category)
            code = v.decimal_code(str(value)) if f.category == "decimal" else repr(value)
            extra.append((v.Sample(code, str(value)), value))
    elif f.category in ("date", "datetime") and len(own) >= 2:
        later = own[-1][1] + datetime.timedelta(days=365)  # type: ignore[operator]
        extra.append((_temporal_sample(later), later))
    if f.optional:
        extra.append((v.Sample("None", ""), None))  # last: a value is the better test
    seen: set = set()
    out = []
    for sample, value in own + extra:
        if (type(value), value) not in seen:
            seen.add((type(value), value))
            out.append((sample, value))
    return out


def _number(n: int, category: str) -> object:
    return Decimal(n) if category == "decimal" else float(n) if category == "float" else n


def _temporal_sample(value: object) -> v.Sample:
    if isinstance(value, datetime.datetime):
        day = f"{value.year}, {value.month}, {value.day}"
        code = f"datetime.datetime({day}, 12, 0, tzinfo=datetime.UTC)"
        return v.Sample(code, value.strftime("%Y-%m-%dT12:00:00Z"))
    assert isinstance(value, datetime.date)
    return v.Sample(f"datetime.date({value.year}, {value.month}, {value.day})", value.isoformat())


def names_in(expr: ir.Expr) -> set[str]:
    """Every bare name in `expr` (fields, enum members, constants)."""
    return _names(expr)


def _names(expr: ir.Expr) -> set[str]:
    return {n.name.text for n in iter_nodes(expr) if isinstance(n, ir.Name)}


# ------------------------------------------------------------------ the fit


def fit(fields: list[FieldVM], rules: list[ir.Expr]) -> list[checks.Violation | None]:
    """Adjust `fields`' samples (in place) so every rule holds on test data; one
    violating row per rule (None where none is found)."""
    by_name = {f.name: f for f in fields if f.writable and f.samples}
    # Enum members read as themselves, so `kind == physical` compares names.
    members = {m for f in by_name.values() if f.enum for m in f.enum.spec_names} - set(by_name)
    rules = [_with_members(rule, members) for rule in rules]
    scope = [(rule, _names(rule) & set(by_name)) for rule in rules]
    # A rule on a field the search can't vary (a read-only field) is left alone.
    scope = [
        (rule, names if not _names(rule) - set(by_name) - _constants(rule) else set())
        for rule, names in scope
    ]
    options = {
        name: candidates(f, [r for r, names in scope if name in names])
        for name, f in by_name.items()
        if any(name in names for _, names in scope)
    }
    options = {name: found for name, found in options.items() if found}
    _fit_single(scope, by_name, options)
    chosen = _fit_coupled(scope, by_name, options)
    # The row every violation starts from: the samples as fitted.
    base = {n: sample_value(f, f.samples[0]) for n, f in by_name.items()} | chosen
    return [
        _violation(rule, names, options, base, [r for r, _ in scope if r is not rule])
        for rule, names in scope
    ]


def _with_members(rule: ir.Expr, members: set[str]) -> ir.Expr:
    """`rule` with each enum member name written as the string literal it compares as."""
    import dataclasses

    def swap(node):
        if isinstance(node, ir.Name) and node.name.text in members:
            return ir.Literal(kind="string", text=repr(node.name.text), value=node.name.text)
        if not isinstance(node, ir.Expr):
            return node
        changes = {}
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if isinstance(value, ir.Expr):
                changes[f.name] = swap(value)
            elif isinstance(value, tuple) and value and isinstance(value[0], ir.Expr):
                changes[f.name] = tuple(swap(x) for x in value)
        return dataclasses.replace(node, **changes) if changes else node

    return swap(rule)


def _constants(rule: ir.Expr) -> set[str]:
    """Names in `rule` that are not fields: literals like `true` and enum members."""
    return {n for n in _names(rule) if n in ("true", "false", "null")}


def _fit_single(scope, by_name: dict[str, FieldVM], options) -> None:
    """Samples of a field that break a rule on it alone are replaced by ones that keep it."""
    for name, found in options.items():
        own = [rule for rule, names in scope if names == {name}]
        if not own:
            continue

        def keeps(x: object, name: str = name, own: list = own) -> bool:
            return all(holds(r, {name: x}) is not False for r in own)

        good = [(s, x) for s, x in found if keeps(x)]
        f = by_name[name]
        if not good or all(keeps(sample_value(f, s)) for s in f.samples):
            continue
        f.samples = tuple(s for s, _ in good[: len(f.samples)])
        f.sequence = _fitted_sequence(f.sequence, keeps)


def _fit_coupled(scope, by_name: dict[str, FieldVM], options) -> dict[str, object]:
    """One value for each field a multi-field rule touches, keeping every rule."""
    coupled = sorted({n for _, names in scope if len(names) > 1 for n in names if n in options})
    rules = [(rule, names) for rule, names in scope if names and names <= set(coupled)]
    if not coupled:
        return {}
    pick = _search(
        coupled, options, rules, lambda row: all(holds(r, row) is not False for r, _ in rules)
    )
    if pick is None:
        return {}
    for name, (sample, _) in pick.items():
        f = by_name[name]
        f.samples = (sample,)
        if f.sequence:
            others = {n: x for n, (_, x) in pick.items() if n != name}
            f.sequence = _fitted_sequence(
                f.sequence,
                lambda x, name=name, others=others: all(
                    holds(r, {**others, name: x}) is not False for r, _ in rules
                ),
            )
    return {name: x for name, (_, x) in pick.items()}


def _search(names: list[str], options, rules, accept) -> dict[str, tuple] | None:
    tried = 0
    for combo in itertools.product(*(options[n] for n in names)):
        tried += 1
        if tried > _BUDGET:
            return None
        row = {n: x for n, (_, x) in zip(names, combo, strict=True)}
        if accept(row):
            return dict(zip(names, combo, strict=True))
    return None


def _violation(rule, names, options, base, others) -> checks.Violation | None:
    names = sorted(n for n in names if n in options)
    if not names:
        return None

    def breaks(row: dict[str, object]) -> bool:
        full = {**base, **row}
        return holds(rule, full) is False and all(
            holds(o, full) is not False for o in others if _names(o) <= set(full)
        )

    pick = _search(names, options, [], breaks)
    if pick is None:
        return None
    parts = [(n, sample.code) for n, (sample, _) in pick.items()]
    return checks.Violation(parts[0][0], parts[0][1], tuple(parts[1:]))


_SEQUENCE = re.compile(r"factory\.Sequence\(lambda n: (.*)\)\Z", re.S)


def _fitted_sequence(sequence: str | None, ok) -> str | None:
    """`sequence`, or it upper- or lower-cased, whichever yields values `ok` accepts."""
    if sequence is None:
        return None
    match = _SEQUENCE.match(sequence)
    if match is None:
        return sequence
    body = match.group(1)
    for variant in (body, f"({body}).upper()", f"({body}).lower()"):
        try:
            make = eval(f"lambda n: {variant}", _NAMESPACE)  # noqa: S307 - djsc's own code
            if all(ok(make(n)) for n in _probe()):
                return f"factory.Sequence(lambda n: {variant})"
        except Exception:  # noqa: BLE001, S112 - a variant that can't run is not it
            continue
    return sequence


def _probe() -> Iterator[int]:
    return iter((0, 1, 2, 9, 10, 99, 1000))
