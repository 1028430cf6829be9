"""Spec literals and sample data as Python source text.

Generated factories, payloads and tests need values that satisfy every rule of a
field (length, range, pattern, choices) and values that break exactly one rule;
both are computed here, at generation time, so the emitted tests hold plain
literals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

try:  # Python 3.11+: the regex parser moved to a private module
    from re import _constants as sre_c  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir


def number_text(expr: ir.Expr) -> str | None:
    """`5`, `-5`, `2.5` as text, or None when `expr` is not a number literal."""
    if isinstance(expr, ir.Literal) and expr.kind == "number":
        return expr.text
    if isinstance(expr, ir.Unary) and expr.op == "-":
        inner = number_text(expr.operand)
        return None if inner is None or inner.startswith("-") else "-" + inner
    return None


def string_value(expr: ir.Expr) -> str | None:
    if isinstance(expr, ir.Literal) and expr.kind == "string":
        return expr.value
    return None


_DURATION_UNITS = {"ms": "milliseconds", "s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


# Defaults that are calls: Django calls a callable default for every new row, so the
# model names the function; `date.today()` written out would freeze the day the
# server started.  `localdate` is today in the project's TIME_ZONE (USE_TZ is on),
# the same clock `timezone.now` reads.
_CALL_DEFAULTS = {
    "now": ("timezone", "timezone.now"),
    "today": ("timezone", "timezone.localdate"),
    "uuid": ("uuid", "uuid.uuid4"),
    "uuid4": ("uuid", "uuid.uuid4"),
}


def call_default(func: str) -> tuple[str, str] | None:
    """(import key, Python code) of the callable a zero-argument default call names."""
    return _CALL_DEFAULTS.get(func)


def duration_code(text: str) -> str | None:
    """`15m` → `datetime.timedelta(minutes=15)`."""
    match = re.fullmatch(r"(\d+)(ms|s|m|h|d|w)", text)
    if not match:
        return None
    amount, unit = match.groups()
    if unit == "w":
        return f"datetime.timedelta(days={int(amount) * 7})"
    return f"datetime.timedelta({_DURATION_UNITS[unit]}={amount})"


def decimal_code(text: str) -> str:
    return f'Decimal("{text}")'


@dataclass(frozen=True)
class Sample:
    """A value as Python source, and the same value as a query-string parameter."""

    code: str
    query: str


# --------------------------------------------------------------------- regex samples


def regex_sample(pattern: str) -> str | None:
    """The shortest string `pattern` fully matches, or None when that is hard to tell."""
    try:
        parsed = sre_parse.parse(pattern)
        text = _emit(list(parsed))
    except Exception:  # an unusual construct: the caller falls back to no sample
        return None
    return text if re.fullmatch(pattern, text) else None


def _emit(items) -> str:
    out = []
    for op, av in items:
        if op is sre_c.LITERAL:
            out.append(chr(av))
        elif op is sre_c.ANY:
            out.append("a")
        elif op is sre_c.IN:
            out.append(_class_char(av))
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            out.append(_emit(list(sub)) * low)
        elif op is sre_c.SUBPATTERN:
            out.append(_emit(list(av[-1])))
        elif op is sre_c.BRANCH:
            out.append(_emit(list(av[1][0])))
        elif op is sre_c.AT:
            continue
        else:
            raise ValueError(f"unsupported regex construct {op}")
    return "".join(out)


def _class_char(items) -> str:
    for op, av in items:
        if op is sre_c.NEGATE:
            raise ValueError("negated class")
        if op is sre_c.LITERAL:
            return chr(av)
        if op is sre_c.RANGE:
            return chr(av[0])
        if op is sre_c.CATEGORY:
            return {"CATEGORY_DIGIT": "0", "CATEGORY_SPACE": " "}.get(str(av), "a")
    raise ValueError("empty class")


def regex_counterexample(pattern: str) -> str | None:
    """A string RegexValidator (which uses `re.search`) rejects for `pattern`."""
    for candidate in ("!", "~~ no match ~~", "0", "a", " "):
        try:
            if not re.search(pattern, candidate):
                return candidate
        except re.error:
            return None
    return None


def clamp(value: Decimal, low: Decimal | None, high: Decimal | None) -> Decimal:
    if low is not None and value < low:
        value = low
    if high is not None and value > high:
        value = high
    return value


def numbered_sequence(base: str, pattern: str | None = None) -> str | None:
    """A factory sequence that numbers `base` in its trailing digits, keeping its length.

    "card-0000" gives "card-0000", "card-0001", …: distinct values no longer than
    `base`, so they fit the column (PostgreSQL enforces max_length, SQLite doesn't).
    None when `base` ends in no digit or the numbered values stop matching `pattern`.
    """
    prefix = base.rstrip("0123456789")
    width = len(base) - len(prefix)
    if width == 0:
        return None
    modulo = 10**width
    if pattern is not None:
        for n in (0, 1, modulo - 1):
            if not re.fullmatch(pattern, f"{prefix}{n:0{width}d}"):
                return None
    number = f'f"{{n % {modulo}:0{width}d}}"'
    value = f"{pyrepr(prefix)} + {number}" if prefix else number
    return f"factory.Sequence(lambda n: {value})"


_PROBES = (0, 1, 2, 9, 10, 25, 26, 27, 99, 675, 676, 998)
_ALPHABETS = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _counter(alphabet: str, width: int) -> str:
    """Python source: `n + 1` written in `alphabet`'s digits, `width` of them.  From
    1, so the first row never takes the shortest value, which the payloads use."""
    if alphabet.isdigit():
        return f'f"{{(n + 1) % {10**width}:0{width}d}}"'
    first = ord(alphabet[0])
    places = range(width - 1, -1, -1)
    return f'"".join(chr({first} + (n + 1) // 26**i % 26) for i in {tuple(places)})'


def _pattern_bodies(sample: str) -> list[str]:
    """Candidate sequence bodies for a value shaped like `sample`, most alike first."""
    bodies = []
    for alphabet in _ALPHABETS:
        prefix = sample.rstrip(alphabet)
        width = len(sample) - len(prefix)
        if width >= 3:
            counter = _counter(alphabet, width)
            bodies.append(f"{pyrepr(prefix)} + {counter}" if prefix else counter)
    for alphabet in _ALPHABETS:
        bodies.append(f"{pyrepr(sample)} + {_counter(alphabet, 4)}")
    return bodies


def pattern_sequence(sample: str, pattern: str, max_length: int | None) -> str | None:
    """A factory sequence of distinct values that all match `pattern` and fit."""
    for body in _pattern_bodies(sample):
        make = eval(f"lambda n: {body}")  # noqa: S307 - source djsc just wrote
        made = [make(n) for n in _PROBES]
        fits = all(
            re.fullmatch(pattern, m) and (max_length is None or len(m) <= max_length) for m in made
        )
        if fits and len(set(made)) == len(made) and sample not in made:
            return f"factory.Sequence(lambda n: {body})"
    return None


def unique_text_sequence(
    name: str, max_length: int | None, pattern: str | None, sample: str | None
) -> str | None:
    """The factory sequence of a unique string field: `name-n`, or numbered to fit;
    values matching the field's pattern when it has one."""
    if pattern and sample:
        fitted = pattern_sequence(sample, pattern, max_length)
        if fitted:
            return fitted
    if max_length is None or len(name) + 5 <= max_length:
        return f'factory.Sequence(lambda n: f"{name}-{{n}}")'
    fitted = numbered_sequence(sample, pattern) if pattern and sample else None
    width = min(4, max_length)
    return fitted or numbered_sequence(f"{name}-"[: max_length - width] + "0" * width)
