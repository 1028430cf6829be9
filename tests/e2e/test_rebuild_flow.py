"""Every example living through spec changes, with real rows in an SQLite file.

tests/test_build.py checks the migration *files* a rename produces on a tiny spec,
and tests/test_migrations.py keeps rows through renames on a hand-written model.
Here each example goes through `djsc build` and `manage.py` with edits derived from
its own IR (tests/e2e/spec_edits.py): rows made by the project's own factories
survive `migrate <app> zero` being undone and redone, an added optional field is
exactly one AddField migration, renaming the most referred-to entity and one of its
text fields with `was` is one migration of renames that keeps every row and link of
every model, the renames reverse with their data, and a rebuild with the same spec
changes no byte of the tree.  The blog also renames a foreign-key target and a
many-to-many target at once, and checks every link by name.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from .services import (
    EXAMPLES,
    ROOT,
    Deadline,
    app_label,
    build,
    django_shell,
    example_id,
    follow_entity_rename,
    manage,
    project_env,
)
from .spec_edits import EXTRA_FIELD, Rename, add_optional_field, apply_edits, parsed, plan_rename

pytestmark = pytest.mark.e2e

BUDGET = 300
EXAMPLE_BUDGET = 120  # about 15 s on an idle machine; the margin is for a busy one
ROWS = 3

# One row of every entity from the project's factories (which make what each row
# requires), then ROWS of the entity to be renamed, each with its own text value.
# Sequences start at `start`: users outlive `migrate <app> zero`, and their names
# must not repeat.
FACTORY_ROWS = """
from django.apps import apps
from {app}.tests import factories
models = apps.get_app_config("{app}").get_models()
for name in ["User", *(model.__name__ for model in models)]:
    getattr(factories, name + "Factory").reset_sequence({start}, force=True)
for model in models:
    getattr(factories, model.__name__ + "Factory").create()
made = getattr(factories, "{entity}Factory")
for i in range({rows}):
    made.create({field}=f"r{{i}}")
"""

# Every row of every model of the app (auto-created many-to-many tables included),
# by column position, so the dump compares across renames; and the renamed field.
DUMP = """
import json
from django.apps import apps
rows = {{}}
for model in apps.get_app_config("{app}").get_models(include_auto_created=True):
    columns = [f.attname for f in model._meta.concrete_fields]
    found = model._base_manager.order_by("pk").values_list(*columns)
    rows[model.__name__] = [list(row) for row in found]
model = apps.get_model("{app}", "{entity}")
field = model._meta.get_field("{field}")
values = list(model._base_manager.order_by("pk").values_list("{field}", flat=True))
print(json.dumps({{
    "rows": rows,
    "values": values,
    "table": model._meta.db_table,
    "column": field.column,
    "pk": model._meta.pk.column,
}}, default=str))
"""


def tree_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file under `root`, the manifest included."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def migration_files(out: Path, app: str = "blog") -> list[str]:
    return sorted(p.name for p in (out / app / "migrations").glob("0*.py"))


def operations(migration: Path) -> list[str]:
    """The names of a migration file's operations, in order."""
    text = migration.read_text()
    return re.findall(r"migrations\.(\w+)\(", text[text.index("operations = [") :])


def sqlite_rows(database: Path, sql: str) -> list[tuple]:
    """Read the database file directly: after reversed renames the models no longer fit."""
    with sqlite3.connect(database) as conn:
        return conn.execute(sql).fetchall()


def app_tables(database: Path, app: str) -> list[str]:
    found = sqlite_rows(database, "SELECT name FROM sqlite_master WHERE type = 'table'")
    return sorted(name for (name,) in found if name.startswith(f"{app}_"))


def renamed_dump(dump: dict, rename: Rename) -> dict:
    """`dump` as it must read after `rename`: the model (and its many-to-many
    tables, named after it) under the new name, every value where it was."""
    rows = {}
    for model, found in dump["rows"].items():
        if model == rename.entity or model.startswith(rename.entity + "_"):
            model = rename.new_entity + model[len(rename.entity) :]
        rows[model] = found
    return {**dump, "rows": rows}


def copy_example(spec: Path, into: Path) -> Path:
    """The example's folder (a spec may `use` its neighbours), copied; the copied spec."""
    shutil.copytree(spec.parent, into)
    return into / spec.name


@pytest.mark.parametrize("example", EXAMPLES, ids=example_id)
def test_rows_survive_zero_additions_and_renames(example: Path, tmp_path: Path) -> None:
    deadline = Deadline(EXAMPLE_BUDGET)
    spec = copy_example(example, tmp_path / "spec")
    out, database = tmp_path / "out", tmp_path / "db.sqlite3"
    env = project_env("test", f"sqlite:///{database}")
    plan = plan_rename(parsed([spec]))

    def shell(code: str, **names: object) -> str:
        return django_shell(out, code.format(app=app, **names), env, timeout=deadline.left())

    def migrate(*target: str) -> None:
        manage(out, "migrate", *target, "--noinput", env=env, timeout=deadline.left())

    build(spec, out, timeout=deadline.left())
    app = app_label(out)
    assert migration_files(out, app) == ["0001_initial.py"]
    migrate()
    rows = {"entity": plan.entity, "field": plan.field, "rows": ROWS}
    shell(FACTORY_ROWS, start=0, **rows)
    migrate(app, "zero")
    assert app_tables(database, app) == []
    migrate()
    shell(FACTORY_ROWS, start=1000, **rows)

    # An optional field: one new migration with just that field.
    apply_edits([add_optional_field(parsed([spec]), plan.entity)])
    build(spec, out, timeout=deadline.left())
    added = [m for m in migration_files(out, app) if m != "0001_initial.py"]
    assert len(added) == 1, migration_files(out, app)
    assert operations(out / app / "migrations" / added[0]) == ["AddField"]
    assert f'name="{EXTRA_FIELD}"' in (out / app / "migrations" / added[0]).read_text()
    migrate()
    before = json.loads(shell(DUMP, entity=plan.entity, field=plan.field))
    assert before["values"][-ROWS:] == [f"r{i}" for i in range(ROWS)]

    # Rename the entity and its field, every reference following (derived again:
    # the added field moved the spans).
    rename = plan_rename(parsed([spec]))
    assert (rename.entity, rename.field) == (plan.entity, plan.field)
    apply_edits(rename.edits)
    build(spec, out, timeout=deadline.left())
    follow_entity_rename(out, rename.entity, rename.new_entity)
    # The manifest's migration fingerprint covers the user's modules too: record the edit.
    build(spec, out, timeout=deadline.left())
    third = [m for m in migration_files(out, app) if m not in ("0001_initial.py", added[0])]
    assert len(third) == 1, migration_files(out, app)
    ops = operations(out / app / "migrations" / third[0])
    assert ops.count("RenameModel") == 1 and ops.count("RenameField") == 1, ops
    assert not {"RemoveField", "DeleteModel", "AddField", "CreateModel"} & set(ops), ops
    text = (out / app / "migrations" / third[0]).read_text()
    assert f'old_name="{rename.entity}"' in text and f'new_name="{rename.new_entity}"' in text
    assert f'old_name="{rename.field}"' in text and f'new_name="{rename.new_field}"' in text
    migrate()
    renamed = {"entity": rename.new_entity, "field": rename.new_field}
    after = json.loads(shell(DUMP, **renamed))
    assert after["rows"] == renamed_dump(before, rename)["rows"]
    assert after["values"] == before["values"]

    # The renames reverse with their data (the old table and column hold the rows
    # again), and apply again.
    migrate(app, added[0].removesuffix(".py"))
    table, column, pk = before["table"], before["column"], before["pk"]
    old = sqlite_rows(database, f'SELECT "{column}" FROM "{table}" ORDER BY "{pk}"')
    assert [value for (value,) in old] == before["values"]
    migrate()
    assert json.loads(shell(DUMP, **renamed)) == after

    # Same spec again: not one byte of the tree changes, and nothing is left to migrate.
    hashes = tree_hashes(out)
    build(spec, out, timeout=deadline.left())
    assert tree_hashes(out) == hashes
    manage(out, "makemigrations", app, "--check", "--dry-run", env=env, timeout=deadline.left())


# The blog by name: two entities renamed at once (a foreign-key target and a
# many-to-many target) with a field of a third, every link read back by name; what
# the generic flow above checks for every example is not repeated.

INSERT = """
from django.contrib.auth import get_user_model
from blog.models import Author, Comment, Post, Tag
user, _ = get_user_model().objects.get_or_create(username="writer")
author = Author.objects.create(name="Ada", email="ada@example.com", user=user)
tags = [Tag.objects.create(name=n, slug=n) for n in ("django", "sql")]
post = Post.objects.create(title="First", slug="first", body="b", author=author)
post.tags.set(tags)
Comment.objects.create(body="Nice", post=post, author=user)
"""

READ_BACK = """
import json
from blog.models import Comment, Label, Post, Writer
post = Post.objects.get(slug="first")
print(json.dumps({
    "headline": post.headline,
    "writer": [post.author.name, type(post.author).__name__],
    "writers": list(Writer.objects.values_list("name", flat=True)),
    "labels": sorted(t.name for t in post.tags.all()),
    "label_posts": sorted(p.slug for p in Label.objects.get(slug="sql").posts.all()),
    "comment": [c.post.headline for c in Comment.objects.all()],
    "nickname": [w.nickname for w in Writer.objects.all()],
}))
"""

# After reversing the renames the old tables and columns are back: read them raw.
READ_OLD_TABLES = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT title FROM blog_post")
    print([r[0] for r in cursor.fetchall()])
    cursor.execute("SELECT name FROM blog_tag ORDER BY name")
    print([r[0] for r in cursor.fetchall()])
    cursor.execute("SELECT COUNT(*) FROM blog_post_tags")
    print(cursor.fetchone()[0])
"""


def test_blog_links_survive_renaming_two_targets(tmp_path: Path) -> None:
    deadline = Deadline(BUDGET)
    spec, out = tmp_path / "blog.djs", tmp_path / "out"
    original = (ROOT / "examples/blog.djs").read_text()
    spec.write_text(original)
    env = project_env("test", f"sqlite:///{tmp_path / 'blog.sqlite3'}")

    def shell(code: str) -> str:
        return django_shell(out, code, env, timeout=deadline.left())

    def migrate(*target: str) -> None:
        manage(out, "migrate", *target, "--noinput", env=env, timeout=deadline.left())

    build(spec, out, timeout=deadline.left())
    assert migration_files(out) == ["0001_initial.py"]
    migrate()
    shell(INSERT)

    # An optional field: one new migration with just that field, applied in place.
    spec.write_text(
        original.replace("  website: URL?\n", "  website: URL?\n  nickname: String(40)?\n")
    )
    build(spec, out, timeout=deadline.left())
    added = [m for m in migration_files(out) if m != "0001_initial.py"]
    assert len(added) == 1, migration_files(out)
    text = (out / "blog/migrations" / added[0]).read_text()
    assert text.count("migrations.AddField(") == 1 and '"nickname"' in text
    assert "RemoveField" not in text and "AlterField" not in text
    migrate()

    # Rename a field and two entities, every reference following the new names.
    renamed = (
        spec.read_text()
        .replace("  title: String(200) search", "  headline: String(200) search was title")
        .replace("ordering -published_at, title", "ordering -published_at, headline")
        .replace("entity Author {", "entity Writer was Author {")
        .replace("entity Tag {", "entity Label was Tag {")
        .replace("relation one_to_one Author.user", "relation one_to_one Writer.user")
        .replace("-> Author.posts", "-> Writer.posts")
        .replace("-> Tag.posts", "-> Label.posts")
    )
    spec.write_text(renamed)
    build(spec, out, timeout=deadline.left())
    follow_entity_rename(out, "Author", "Writer")
    follow_entity_rename(out, "Tag", "Label")
    third = [m for m in migration_files(out) if m not in ("0001_initial.py", added[0])]
    assert len(third) == 1, migration_files(out)
    text = (out / "blog/migrations" / third[0]).read_text()
    assert text.count("migrations.RenameModel(") == 2
    assert "migrations.RenameField(" in text
    assert "RemoveField" not in text and "DeleteModel" not in text
    migrate()
    assert json.loads(shell(READ_BACK)) == {
        "headline": "First",
        "writer": ["Ada", "Writer"],
        "writers": ["Ada"],
        "labels": ["django", "sql"],
        "label_posts": ["first"],
        "comment": ["First"],
        "nickname": [None],
    }

    # The renames reverse with their data, and apply again.
    migrate("blog", added[0].removesuffix(".py"))
    assert shell(READ_OLD_TABLES).split("\n")[:3] == ["['First']", "['django', 'sql']", "2"]
    migrate()
    assert json.loads(shell(READ_BACK))["labels"] == ["django", "sql"]
