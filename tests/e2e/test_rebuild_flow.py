"""The blog example living through spec changes, with real rows in an SQLite file.

tests/test_build.py checks the migration *files* a rename produces on a tiny spec,
and tests/test_migrations.py keeps rows through renames on a hand-written model.
This drives the whole generated blog through `djsc build` and `manage.py`: rows
survive `migrate blog zero` being undone and redone, an added optional field is
exactly one new migration, renaming a field and two entities (a foreign-key
target and a many-to-many target) with `was` keeps every row and every link, the
renames reverse with their data, and a rebuild with the same spec changes no
byte of the tree.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from .services import ROOT, Deadline, build, django_shell, manage, project_env

pytestmark = pytest.mark.e2e

BUDGET = 300

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

TABLES = """
from django.db import connection
print(sorted(t for t in connection.introspection.table_names() if t.startswith("blog_")))
"""


def tree_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file under `root`, the manifest included."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def migration_files(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "blog/migrations").glob("0*.py"))


def test_data_survives_zero_additions_and_renames(tmp_path: Path) -> None:
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
    migrate("blog", "zero")
    assert shell(TABLES).strip() == "[]"
    migrate()
    assert "'blog_post_tags'" in shell(TABLES)
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

    # Same spec again: not one byte of the tree changes.
    before = tree_hashes(out)
    build(spec, out, timeout=deadline.left())
    assert tree_hashes(out) == before
    manage(out, "makemigrations", "blog", "--check", "--dry-run", env=env, timeout=deadline.left())
