"""Trees and `unique (parent, name)` (issue 7).

The reference's own `relation one_to_many Category.children -> Category.parent` made
a required self key, so no first category could exist; `?` can now go on the end
that holds the key, and a circle of required keys is DJS0311.  With an optional
`parent` in `unique (parent, name)`, NULLs are distinct (SQL's rule, on SQLite and
PostgreSQL alike): two roots may share a name, the API does not demand `parent_id`,
and the generated tests prove both.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from djsc.format.printer import format_text
from djsc.pipeline import compile_source

TREE = """
app shelf { title "Shelf" }
entity Category {
  name: String(80)
  unique (parent, name)
}
relation one_to_many Category.children -> Category.parent? { on_delete cascade }
"""


def test_a_target_mark_makes_a_one_to_many_key_optional(emit) -> None:
    files = emit(TREE, "shelf.djs")
    tree = ast.parse(files["shelf/models.py"])
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Category")
    parent = next(
        s.value for s in cls.body if isinstance(s, ast.Assign) and s.targets[0].id == "parent"
    )
    kwargs = {k.arg: ast.literal_eval(k.value) for k in parent.keywords if k.arg == "null"}
    assert kwargs == {"null": True}


def test_the_formatter_keeps_the_target_mark() -> None:
    assert "-> Category.parent? {" in format_text(TREE, "shelf.djs")


def test_a_required_parent_is_refused() -> None:
    compilation = compile_source(TREE.replace("Category.parent?", "Category.parent"), "s.djs")
    assert [d.code for d in compilation.diagnostics.sorted() if d.is_error] == ["DJS0311"]


def test_an_optional_end_of_a_unique_group_is_not_demanded(emit) -> None:
    serializers = emit(TREE, "shelf.djs")["shelf/serializers.py"]
    assert re.search(r"source=\"parent\".*default=None,\s*allow_null=True", serializers, re.S)
    models_tests = emit(TREE, "shelf.djs")["shelf/tests/test_models.py"]
    assert "first = CategoryFactory(parent=CategoryFactory())" in models_tests
    assert "def test_category_parent_name_repeats_where_a_member_is_null" in models_tests


@pytest.mark.e2e
def test_a_tree_builds_and_passes_on_sqlite_and_postgres(
    tmp_path: Path, build_and_gate, passes_on_postgres
) -> None:
    out = build_and_gate(TREE, tmp_path, "shelf")
    passes_on_postgres(out)
