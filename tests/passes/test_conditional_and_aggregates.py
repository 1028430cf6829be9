"""`if … then … else …` and the aggregates `sum`, `min`, `max` (issue 7).

Both are typed like the rest of the language: a `Bool` condition and branches of one
type; aggregates over a list path, numbers for `sum`, ordered values for `min` and
`max`.  Aggregates cross relations, so a `check` (a database constraint on one row)
cannot hold them.
"""

from __future__ import annotations

import pytest

from djsc.format.printer import format_text
from djsc.ir.exprs import expr_to_str
from djsc.pipeline import compile_source

BASE = """
app shop { title "Shop" }
enum Kind { digital physical }
entity Order { note: String(20)?  kind: Kind }
entity Line { qty: Int  price: Decimal  sku: String(10)  at: DateTime }
relation many_to_one Line.order -> Order.lines { on_delete cascade }
"""


def codes(extra: str) -> list[str]:
    compilation = compile_source(BASE + extra, "shop.djs")
    return [d.code for d in compilation.diagnostics.sorted() if d.is_error]


@pytest.mark.parametrize(
    "extra",
    [
        "query q -> Order[] { where sum(lines.qty) > 10 and max(lines.price) >= 5 }",
        'query q -> Order[] { where min(lines.sku) != "A" and max(lines.at) < now() }',
        'command c on Order { set note = if sum(lines.qty) > 9 then "bulk" else "retail" }',
        "command c on Order { require (if kind == physical then count(lines) else 1) > 0 }",
        "entity Box { w: Int  h: Int?  check (if h == null then w else w * h) <= 100 }",
    ],
)
def test_well_typed_uses_compile(extra: str) -> None:
    assert codes(extra) == []


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ("query q -> Order[] { where sum(lines.sku) > 1 }", "DJS0208"),
        ("query q -> Order[] { where max(note) > 1 }", "DJS0208"),
        ('command c on Order { set note = if 1 then "a" else "b" }', "DJS0208"),
        ('command c on Order { set note = if true then "a" else 2 }', "DJS0209"),
        ("entity Box { w: Int  check sum(w) > 0 }", "DJS0410"),  # not one row's
    ],
)
def test_mistyped_uses_are_errors(extra: str, code: str) -> None:
    assert code in codes(extra)


def test_an_aggregate_is_not_in_a_check() -> None:
    spec = (
        "entity Basket { n: Int  check n > 0 }\nrelation many_to_one Line.basket? -> Basket.items"
    )
    assert codes(spec) == []
    assert codes(spec.replace("check n > 0", "check sum(items.qty) > 0")) != []


def test_the_conditional_prints_and_parses_back() -> None:
    text = BASE + (
        "command c on Order {\n"
        '  set note = if sum(lines.qty) > 9 then "bulk" else if kind == digital then "d" else "r"\n'
        "}\n"
    )
    once = format_text(text, "shop.djs")
    assert format_text(once, "shop.djs") == once
    (command,) = compile_source(once, "shop.djs").program.commands
    printed = expr_to_str(command.effects[0].value)
    assert printed == 'if sum(lines.qty) > 9 then "bulk" else if kind == digital then "d" else "r"'
