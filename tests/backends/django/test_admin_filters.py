"""The admin's side filters (issue 7): choices, booleans and calendar dates only.

A numeric `filter` field once became an admin `list_filter`, which lists every
distinct value as its own link (thousands for prices); numbers are filtered by range
in the API instead.
"""

from __future__ import annotations

import ast

SPEC = """
app shop { title "Shop" }
enum Size { S  M  L }
entity Product {
  name: String(80)
  price: Decimal(10, 2) filter
  stock: Int filter
  active: Bool = true
  size: Size filter
  released_on: Date filter
  released_at: DateTime? filter
  sold_at: Time? filter
}
"""


def list_filter(admin: str) -> list[str]:
    for node in ast.walk(ast.parse(admin)):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "list_filter":
            return ast.literal_eval(node.value)
    raise AssertionError("no list_filter")


def test_numbers_are_not_admin_side_filters(emit) -> None:
    admin = emit(SPEC, "shop.djs")["shop/admin.py"]
    assert list_filter(admin) == ["active", "size", "released_on", "released_at"]


NULLABLE = """
app shop { title "Shop" }
enum Priority { low = 1  high = 2 }
entity Task {
  done_at: DateTime? filter
  level: Priority filter
  points: Int? choices(1, 2, 3) filter
}
relation many_to_one Task.parent? -> Task.subtasks
"""


def test_filters_offer_isnull_and_no_ranges_over_codes(emit) -> None:
    files = emit(NULLABLE, "shop.djs")
    filters = files["shop/filters.py"]
    assert '"done_at": ["exact", "gte", "lte", "isnull"]' in filters
    # an enum's and a `choices` field's numbers are codes, not quantities
    assert '"level": ["exact", "in"]' in filters
    assert '"points": ["exact", "in", "isnull"]' in filters
    assert '"parent": ["exact", "in", "isnull"]' in filters
    assert "def test_filter_done_at_isnull" in files["shop/tests/test_api.py"]
