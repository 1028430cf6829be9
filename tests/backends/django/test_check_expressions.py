"""`check` rules that compute or couple fields (issue 7).

`check upper(sku) == sku` passed `djsc check` and then the build refused it, though
the reference allows `lower`, `upper`, `len` and arithmetic in checks; and the
generated factories broke checks comparing two fields (`ends_on >= starts_on`).
Now such checks become Django expressions, the test data keeps every check, and a
row breaking each one proves the database and the API refuse it, on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from djsc.backends.django.viewmodels import sample_fit
from djsc.backends.django.viewmodels.checks import check_q
from djsc.backends.django.viewmodels.fields import enum_vm, field_vm
from djsc.pipeline import compile_source

SPEC = """
app stock { title "Stock" }
entity Item {
  sku: String(20) unique
  name: String(80)
  code: String(10)?
  qty: Int = 0
  reserved: Int = 0
  price: Decimal(10, 2)
  cost: Decimal(10, 2)
  active: Bool = true
  starts_on: Date
  ends_on: Date
  check upper(sku) == sku else "SKUs are upper case"
  check len(name) >= 3 else "names have three letters or more"
  check reserved <= qty
  check lower(code ?? "x") == (code ?? "x")
  check ends_on > starts_on else "a period ends after it starts"
  check price >= cost * 2 or not active
  check upper(name) not in ["ADMIN", "ROOT"]
  kind: Kind
  weight: Int?
  check if kind == physical then weight != null else weight == null
  check qty - (if reserved > 0 then reserved else 0) >= 0
}
enum Kind { digital physical }
"""


def entity_and_fields(text: str = SPEC):
    compilation = compile_source(text, "stock.djs")
    assert not [d for d in compilation.diagnostics.sorted() if d.is_error]
    entity = compilation.program.entities[0]
    enums = {e.name.text: enum_vm(e) for e in compilation.program.enums}
    return entity, [field_vm(f, enums, {}) for f in entity.fields]


def test_computed_checks_become_django_expressions() -> None:
    entity, fields = entity_and_fields()
    fmap = {f.name: f for f in fields}
    q = [check_q(c.expr, fmap) for c in entity.checks]
    assert q[0] == ('models.Q(lookups.Exact(functions.Upper(models.F("sku")), models.F("sku")))')
    assert q[1] == (
        'models.Q(lookups.GreaterThanOrEqual(functions.Length(models.F("name")), models.Value(3)))'
    )
    assert q[2] == 'models.Q(reserved__lte=models.F("qty"))'
    assert 'functions.Lower(functions.Coalesce(models.F("code"), models.Value("x")))' in q[3]
    assert q[5] == (
        '(models.Q(lookups.GreaterThanOrEqual(models.F("price"), '
        '(models.F("cost") * models.Value(2))))) | (~(models.Q(active=True)))'
    )
    assert q[6].startswith('~models.Q(lookups.In(functions.Upper(models.F("name")), [')


def test_sql_nulls_do_not_break_a_check() -> None:
    entity, _ = entity_and_fields()
    rule = entity.checks[2].expr  # reserved <= qty
    assert sample_fit.holds(rule, {"reserved": None, "qty": 1}) is True
    assert sample_fit.holds(rule, {"reserved": 2, "qty": 1}) is False
    coalesced = entity.checks[3].expr
    assert sample_fit.holds(coalesced, {"code": None}) is True
    assert sample_fit.holds(coalesced, {"code": "ABC"}) is False


def test_test_data_keeps_every_check_and_each_check_has_a_breaking_row() -> None:
    entity, fields = entity_and_fields()
    rules = [c.expr for c in entity.checks]
    breaking = sample_fit.fit(fields, rules)
    by_name = {f.name: f for f in fields}
    row = {f.name: sample_fit.sample_value(f, f.samples[0]) for f in fields}
    # enum members compare as their names, as `fit` reads them
    rules = [sample_fit._with_members(r, {"digital", "physical"}) for r in rules]
    assert all(sample_fit.holds(r, row) for r in rules)
    assert row["sku"] == row["sku"].upper() and row["ends_on"] > row["starts_on"]
    sku = next(f for f in fields if f.name == "sku")
    assert sku.sequence == 'factory.Sequence(lambda n: (f"sku-{n}").upper())'
    # coupled fields keep one value, so no generated test moves one of them alone
    assert len(next(f for f in fields if f.name == "ends_on").samples) == 1
    by_rule = dict(zip(range(len(rules)), breaking, strict=True))
    assert by_rule[0].kwargs == 'sku="a sku"'
    assert by_rule[4].kwargs == (
        "ends_on=datetime.date(2024, 1, 2), starts_on=datetime.date(2024, 1, 2)"
    )
    for number, found in by_rule.items():
        if found is None:
            continue
        broken = {**row}
        for name, code in ((found.field, found.code), *found.others):
            sample = sample_fit.v.Sample(code, "")
            broken[name] = sample_fit.sample_value(by_name[name], sample)
        assert sample_fit.holds(rules[number], broken) is False, number
        others = [r for r in rules if r is not rules[number]]
        assert all(sample_fit.holds(r, broken) is not False for r in others)


@pytest.mark.e2e
def test_computed_checks_build_a_project_that_passes_its_gates(
    tmp_path: Path, build_and_gate, passes_on_postgres
) -> None:
    out = build_and_gate(SPEC, tmp_path, "stock")
    models_tests = (out / "stock/tests/test_models.py").read_text(encoding="utf-8")
    assert models_tests.count("_is_enforced_by_the_database") >= 4
    passes_on_postgres(out)
