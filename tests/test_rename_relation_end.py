"""Renaming a relation end with `was` keeps its links (issue 7).

A foreign key could not be renamed: `was` on a field typed with an entity was
DJS0203, a relation had no way to say it, so the build dropped the column and added
a new one (DJS0704), and that error's help advised the impossible `was site`.  Now
`location: Warehouse was site` and `relation … { was site }` migrate as a rename.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from djsc.pipeline import compile_source

BEFORE = """
app depot { database sqlite }
entity Warehouse { name: String(80) }
entity Item {
  name: String(80)
  site: Warehouse
}
entity Tag { label: String(20) }
relation many_to_one Item.bin? -> Warehouse.stored { on_delete set_null }
relation many_to_many Item.tags -> Tag.items
"""

AFTER = """
app depot { database sqlite }
entity Warehouse { name: String(80) }
entity Item {
  name: String(80)
  location: Warehouse was site
}
entity Tag { label: String(20) }
relation many_to_one Item.shelf? -> Warehouse.stored { on_delete set_null  was bin }
relation many_to_many Item.labels -> Tag.items { was tags }
"""


def test_was_on_a_reference_field_and_on_a_relation_is_accepted() -> None:
    compilation = compile_source(AFTER, "depot.djs")
    assert [d for d in compilation.diagnostics.sorted() if d.is_error] == []
    renamed = {r.source.field.text: r.was for r in compilation.program.relations}
    assert renamed == {"location": "site", "shelf": "bin", "labels": "tags"}


@pytest.mark.e2e
def test_renamed_ends_migrate_as_renames_and_keep_their_links(tmp_path: Path) -> None:
    from .e2e.services import app_label, build, django_shell, manage, project_env

    spec, out = tmp_path / "depot.djs", tmp_path / "out"
    spec.write_text(BEFORE)
    build(spec, out)
    env = project_env(database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    app = app_label(out)
    manage(out, "migrate", "--no-input", env=env)
    django_shell(
        out,
        f"from {app}.models import Item, Tag, Warehouse\n"
        "w = Warehouse.objects.create(name='north')\n"
        "item = Item.objects.create(name='bolt', site=w, bin=w)\n"
        "item.tags.add(Tag.objects.create(label='steel'))",
        env,
    )
    spec.write_text(AFTER)
    build(spec, out)
    (second,) = sorted(out.glob(f"{app}/migrations/0002_*.py"))
    text = second.read_text(encoding="utf-8")
    assert text.count("migrations.RenameField(") == 3, text
    assert "RemoveField" not in text
    manage(out, "migrate", "--no-input", env=env)
    printed = django_shell(
        out,
        f"from {app}.models import Item\n"
        "item = Item.objects.get()\n"
        "print(item.location.name, item.shelf.name, [t.label for t in item.labels.all()])",
        env,
    )
    assert printed.strip() == "north north ['steel']"
