"""What a field's values must satisfy (`Rules`), and the values its generated tests
use: valid samples within every rule, a unique sequence, and one invalid value per
rule (see `samples`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from djsc.backends.django.viewmodels import temporal
from djsc.backends.django.viewmodels import values as v
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

if TYPE_CHECKING:
    from djsc.backends.django.viewmodels.fields import FieldVM

TEXTUAL = frozenset({"string", "text", "slug", "email", "url"})
NUMERIC = frozenset({"int", "float", "decimal"})
RANGED = NUMERIC | {"date", "time", "datetime", "duration"}


@dataclass(frozen=True)
class Invalid:
    """A value that breaks one rule of a field, for a generated serializer test."""

    rule: str  # test-name suffix: max_length, min_value, pattern, choice, format …
    code: str


@dataclass
class Rules:
    """What the spec says a field's values must satisfy."""

    max_length: int | None = None
    min_length: int | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    pattern: str | None = None
    choices: tuple[str, ...] = ()
    tlow: temporal.Bound | None = None  # `min`/`max` of a date, time or duration
    thigh: temporal.Bound | None = None


def rules_of(
    f: ir.Field, max_length: int | None, bounds: dict[str, tuple], category: str = ""
) -> Rules:
    rules = Rules(max_length=max_length)
    for m in f.modifiers:
        nums = [v.number_text(a) for a in m.args]
        if m.kind in (ir.ModifierKind.MIN, ir.ModifierKind.MAX) and category in temporal.BOUNDED:
            found = temporal.bound(category, m.args[0]) if m.args else None
            if m.kind == ir.ModifierKind.MIN:
                rules.tlow = found
            else:
                rules.thigh = found
        elif m.kind == ir.ModifierKind.MIN and nums and nums[0]:
            rules.low = Decimal(nums[0])
        elif m.kind == ir.ModifierKind.MAX and nums and nums[0]:
            rules.high = Decimal(nums[0])
        elif m.kind == ir.ModifierKind.LENGTH and nums and nums[0]:
            rules.min_length = int(nums[0])
            if len(nums) > 1 and nums[1]:
                rules.max_length = min(rules.max_length or 10**9, int(nums[1]))
        elif m.kind == ir.ModifierKind.PATTERN and m.args:
            rules.pattern = v.string_value(m.args[0])
        elif m.kind == ir.ModifierKind.CHOICES:
            rules.choices = tuple(
                t for t in (v.string_value(a) or v.number_text(a) for a in m.args) if t
            )
    low, high = bounds.get(f.name.text, (None, None))
    if low is not None and (rules.low is None or low > rules.low):
        rules.low = low
    if high is not None and (rules.high is None or high < rules.high):
        rules.high = high
    return rules


def choice_code(choice: str, category: str) -> str:
    """A `choices(…)` value as the field's own type: `choices(1, 2)` on an Int are numbers,
    or DRF takes "1" and the model's range validators compare it with an int (a 500)."""
    if category in NUMERIC:
        try:
            return num_code(Decimal(choice), category)
        except InvalidOperation:  # a check reports the mismatch; keep the text
            pass
    return pyrepr(choice)


def num_code(value: Decimal, category: str) -> str:
    if category == "decimal":
        return v.decimal_code(str(value))
    if category == "float":
        return str(float(value))
    return str(int(value))


def samples(vm: FieldVM, rules: Rules) -> None:
    """Fill the valid samples, the unique sequence and the invalid values of `vm`."""
    c = vm.category
    name = vm.name
    if vm.enum is not None:
        codes = [f"{vm.enum.name}.{m[0]}" for m in vm.enum.members]
        pairs = zip(codes, vm.enum.values, strict=True)
        vm.samples = tuple(v.Sample(code, q) for code, q in pairs)[:2]
        bad = "999999" if vm.enum.base == "IntegerChoices" else '"not-a-choice"'
        vm.invalid = (Invalid("choice", bad),)
        return
    if rules.choices:
        vm.samples = tuple(v.Sample(choice_code(ch, c), ch) for ch in rules.choices[:2])
        vm.invalid = (Invalid("choice", '"not-a-choice"'),)
        return
    if c in TEXTUAL:
        _text_samples(vm, rules)
    elif c in NUMERIC:
        _number_samples(vm, rules)
    elif c == "bool":
        vm.samples = (v.Sample("False", "false"), v.Sample("True", "true"))
    elif c in ("date", "datetime", "time", "duration"):
        vm.imports.add("datetime")
        vm.samples = temporal.samples(c, rules.tlow, rules.thigh)
        vm.invalid = (Invalid("format", '"not-a-value"'),)
        for rule, found, below in (
            ("min_value", rules.tlow, True),
            ("max_value", rules.thigh, False),
        ):
            bad = temporal.outside(c, found, below) if found is not None else None
            if bad is not None:
                vm.invalid += (Invalid(rule, bad),)
    elif c == "uuid":
        vm.imports.add("uuid")
        vm.samples = tuple(
            v.Sample(f'uuid.UUID("{u}")', u)
            for u in (
                "00000000-0000-4000-8000-000000000001",
                "00000000-0000-4000-8000-000000000002",
            )
        )
        vm.sequence = "factory.Sequence(lambda n: uuid.UUID(int=n + 1000))"
    elif c == "json":
        vm.samples = (v.Sample('{"key": "value"}', ""),)
    if vm.unique and vm.sequence is None and c in TEXTUAL:
        sample = vm.samples[0].query if vm.samples else None
        vm.sequence = v.unique_text_sequence(
            name, rules.max_length, rules.pattern, sample, rules.min_length or 0
        )
    del name


def _fit(text: str, rules: Rules) -> str:
    if rules.min_length and len(text) < rules.min_length:
        text = text + "x" * (rules.min_length - len(text))
    if rules.max_length:
        text = text[: rules.max_length]
    return text


def _text_samples(vm: FieldVM, rules: Rules) -> None:
    c, name = vm.category, vm.name
    if rules.pattern is not None:
        sample = v.regex_sample(rules.pattern)
        if sample is not None and rules.min_length and len(sample) < rules.min_length:
            sample = v.resized(sample, rules.pattern, rules.min_length) or sample
        if sample is not None:
            vm.samples = (v.Sample(pyrepr(sample), sample),)
        bad = v.regex_counterexample(rules.pattern)
        if bad is not None:
            vm.invalid += (Invalid("pattern", pyrepr(bad)),)
        _length_cases(vm, rules, sample)
        return
    else:
        bases = {
            "email": ("alice@example.com", "bob@example.com"),
            "url": ("https://example.com/a", "https://example.com/b"),
            "slug": ("alpha", "beta"),
        }.get(c, (f"a {name}", f"b {name}"))
        fitted = [_fit(b, rules) for b in bases]
        vm.samples = tuple(v.Sample(pyrepr(t), t) for t in dict.fromkeys(fitted))
        seq = {
            "email": 'f"user{n}@example.com"',
            "url": 'f"https://example.com/{n}"',
            "slug": 'f"slug-{n}"',
        }.get(c, f'f"{name} {{n}}"')
        if rules.max_length is None or rules.max_length >= 24:
            vm.sequence = f"factory.Sequence(lambda n: {seq})"
        bad_format = {"email": '"not-an-email"', "url": '"not a url"', "slug": '"not a slug!"'}
        if c in bad_format:
            vm.invalid += (Invalid("format", bad_format[c]),)
    _length_cases(vm, rules, None)


def _length_cases(vm: FieldVM, rules: Rules, sample: str | None) -> None:
    """Values one character too long or too short.  With a pattern they are made from
    a matching sample, so the length rule alone refuses them; when the pattern allows
    no such length, the pattern already enforces it and the case is left out."""
    for rule, length, wanted in (
        ("max_length", (rules.max_length or 0) + 1, bool(rules.max_length)),
        ("min_length", (rules.min_length or 0) - 1, (rules.min_length or 0) > 1),
    ):
        if not wanted:
            continue
        if rules.pattern is None:
            vm.invalid += (Invalid(rule, f'"x" * {length}'),)
            continue
        bad = v.resized(sample, rules.pattern, length) if sample else None
        if bad is not None:
            vm.invalid += (Invalid(rule, pyrepr(bad)),)


def _number_samples(vm: FieldVM, rules: Rules) -> None:
    c = vm.category
    vm.low, vm.high = rules.low, rules.high
    first = v.clamp(Decimal(1), rules.low, rules.high)
    second = v.clamp(first + 1, rules.low, rules.high)
    points = [first] if second == first else [first, second]
    vm.samples = tuple(v.Sample(num_code(p, c), _num_query(p, c)) for p in points)
    if c == "decimal":
        vm.imports.add("decimal")
    if rules.low is not None:
        vm.invalid += (Invalid("min_value", num_code(rules.low - 1, c)),)
    if rules.high is not None:
        vm.invalid += (Invalid("max_value", num_code(rules.high + 1, c)),)
    if vm.unique and c == "int":
        vm.sequence = f"factory.Sequence(lambda n: {int(first)} + n)"


def _num_query(value: Decimal, category: str) -> str:
    return (
        str(float(value)) if category == "float" else str(int(value) if value % 1 == 0 else value)
    )
