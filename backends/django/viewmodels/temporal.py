"""Dates, times, date-times and durations: defaults, `min`/`max` bounds and samples.

The checks accepted every value here (ISO 8601 text or a duration literal), so
parsing cannot fail.  A bound becomes a `MinValueValidator` / `MaxValueValidator` over
a typed value, and the generated test data stays inside the bounds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from djsc.backends.django.viewmodels import values as v
from djsc.ir import nodes as ir

PARSERS = {
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
    "datetime": dt.datetime.fromisoformat,
}
BOUNDED = frozenset({"date", "time", "datetime", "duration"})
_STEP = {
    "date": dt.timedelta(days=1),
    "datetime": dt.timedelta(hours=1),
    "time": dt.timedelta(minutes=1),
    "duration": dt.timedelta(minutes=1),
}
_SAMPLES = {
    "date": (dt.date(2024, 1, 2), dt.date(2024, 3, 4)),
    "datetime": (
        dt.datetime(2024, 1, 2, 12, 0, tzinfo=dt.UTC),
        dt.datetime(2024, 3, 4, 12, 0, tzinfo=dt.UTC),
    ),
    "time": (dt.time(9, 30), dt.time(17, 45)),
    "duration": (dt.timedelta(minutes=5), dt.timedelta(hours=2)),
}


def value(category: str, text: str) -> object:
    """ISO text as a typed value; a `DateTime` written without an offset is UTC."""
    parsed = PARSERS[category](text)
    if isinstance(parsed, dt.datetime) and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def code(val: object) -> str:
    """`datetime.…(…)` source for a date, time, date-time or duration."""
    if isinstance(val, dt.timedelta):
        return f"datetime.timedelta(seconds={int(val.total_seconds())})"
    if not isinstance(val, dt.datetime | dt.time):
        return repr(val)
    text = repr(val.replace(tzinfo=None))
    offset = val.utcoffset() if isinstance(val, dt.datetime) else None
    if val.tzinfo is None or offset is None:
        return text
    if offset == dt.timedelta(0):
        zone = "datetime.UTC"
    else:
        zone = f"datetime.timezone(datetime.timedelta(seconds={int(offset.total_seconds())}))"
    return f"{text[:-1]}, tzinfo={zone})"


def query(val: object) -> str:
    """The value as the API's query strings and JSON write it."""
    if isinstance(val, dt.timedelta):
        seconds = int(val.total_seconds())
        days, rest = divmod(seconds, 86400)
        clock = f"{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"
        return f"{days} {clock}" if days else clock
    if isinstance(val, dt.datetime) and val.utcoffset() == dt.timedelta(0):
        return val.replace(tzinfo=None).isoformat() + "Z"
    return val.isoformat()  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Bound:
    """One end of a temporal range."""

    fixed: object

    @property
    def validator_arg(self) -> str:
        return code(self.fixed)


def bound(category: str, arg: ir.Expr) -> Bound | None:
    """The bound `min(arg)` / `max(arg)` sets on a field of `category`."""
    text = v.string_value(arg)
    if text is not None and category in PARSERS:
        return Bound(fixed=value(category, text))
    if isinstance(arg, ir.Literal) and arg.kind == "duration" and category == "duration":
        made = v.duration_code(arg.text)
        return Bound(fixed=eval(made, {"datetime": dt})) if made else None  # noqa: S307
    return None


def samples(category: str, low: Bound | None, high: Bound | None) -> tuple[v.Sample, ...]:
    """Two ascending values inside the bounds (one when they allow only one)."""
    first, second = _SAMPLES[category]
    step = _STEP[category]
    lo = low.fixed if low is not None else None
    hi = high.fixed if high is not None else None
    if lo is not None and not (lo <= first and (hi is None or first <= hi)):
        first = lo
    if hi is not None and first > hi:
        below = _plus(hi, -step)
        first = below if lo is None or below >= lo else hi
    second = max(second, _plus(first, step))
    if hi is not None and second > hi:
        second = hi
    points = [first] if second == first else [first, second]
    return tuple(v.Sample(code(p), query(p)) for p in points)


def outside(category: str, bound_: Bound, below: bool) -> str | None:
    """A value just outside a bound, as source; None when there is none."""
    step = _STEP[category]
    try:
        val = _plus(bound_.fixed, -step if below else step)
    except (OverflowError, ValueError):
        return None
    wrapped = (val > bound_.fixed) if below else (val < bound_.fixed)
    if category == "time" and wrapped:
        return None  # past midnight
    if category == "duration" and val < dt.timedelta(0):
        return None
    return code(val)


def _plus(val: object, step: dt.timedelta) -> object:
    if isinstance(val, dt.time):
        moved = dt.datetime.combine(dt.date(2000, 1, 1), val) + step
        return moved.time()
    return val + step  # type: ignore[operator]
