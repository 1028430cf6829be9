"""PostgreSQL full-text search of a generated project, on a real PostgreSQL server.

Builds examples/blog.djs (with page-number pagination, so results can be ordered by
rank: a cursor list keeps its column order), migrates it into a database of its own
on 127.0.0.1:5432, then checks `?search=` and the GIN index.  Skipped when the server
is unreachable, unless DJSC_REQUIRE_SERVICES=1 (CI) makes that a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent

SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from blog.models import Author, Post

user = get_user_model().objects.create_user(username="writer", password="pw-123456789")
author = Author.objects.create(name="Writer", email="w@example.com", user=user)
common = dict(author=author, status="published")
strong = Post.objects.create(
    title="Django migrations", slug="a", body="Django migrations and django apps.", **common
)
weak = Post.objects.create(title="Gardening", slug="b", body="Once I tried Django.", **common)
Post.objects.create(title="Cooking", slug="c", body="Pasta and tomatoes.", **common)
# Enough rows that a match is rare, as in a real table: the planner then weighs the
# GIN index against the others (the live-rows unique index) as it would in production.
Post.objects.bulk_create(
    Post(title=f"Cooking {i}", slug=f"c{i}", body="Pasta and tomatoes.", **common)
    for i in range(2000)
)
# An editor reads every post (`role(editor)`): the plan is about search, not the rule.
from django.contrib.auth.models import Group
user.groups.add(Group.objects.get(name="editor"))
client = Client()
client.force_login(user)
with CaptureQueriesContext(connection) as queries:
    found = client.get("/api/posts/", {"search": "django"}).json()["results"]
search_sql = next(q["sql"] for q in queries.captured_queries if "@@" in q["sql"])
stemmed = client.get("/api/posts/", {"search": "migration"}).json()["results"]
with connection.cursor() as cursor:
    cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%_fts'")
    indexes = cursor.fetchall()
    cursor.execute("ANALYZE blog_post")
    cursor.execute("SET enable_seqscan = off")
    cursor.execute("EXPLAIN " + search_sql)
    plan = "\\n".join(row[0] for row in cursor.fetchall())
print(json.dumps({
    "found": [p["id"] for p in found], "strong": strong.id, "weak": weak.id,
    "stemmed": [p["id"] for p in stemmed], "indexes": indexes, "plan": plan,
}))
"""


@pytest.fixture
def database(e2e_services):
    with e2e_services.fresh_database("djsc_fts") as name:
        yield f"{e2e_services.POSTGRES_URL}/{name}"


def run(args: list[str], cwd: Path, env: dict) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{args}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.mark.e2e
def test_search_is_full_text_and_ranked_with_a_gin_index(database, tmp_path: Path) -> None:
    spec = tmp_path / "blog.djs"
    source = (ROOT / "examples/blog.djs").read_text(encoding="utf-8")
    assert "pagination cursor { size 20 }" in source
    spec.write_text(source.replace("pagination cursor { size 20 }", "pagination page { size 20 }"))
    out = tmp_path / "out"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database,
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
    }
    run(
        [str(BIN / "djsc"), "build", str(spec), "-o", str(out)],
        tmp_path,
        env,
    )
    run([sys.executable, "manage.py", "migrate", "--noinput"], out, env)
    shell = run([sys.executable, "manage.py", "shell", "-c", SCRIPT], out, env)
    result = json.loads(shell.strip().splitlines()[-1])
    # Every match, best first: "django" three times beats once; the pasta post is out.
    assert result["found"] == [result["strong"], result["weak"]]
    # Full text, not substrings: "migration" finds "migrations" by its stem.
    assert result["stemmed"] == [result["strong"]]
    definitions = {name: sql for name, sql in result["indexes"]}
    post_index = [sql for name, sql in definitions.items() if name.startswith("blog_post_")]
    assert len(post_index) == 1, definitions
    assert "USING gin" in post_index[0] and "to_tsvector" in post_index[0]
    assert "title" in post_index[0] and "body" in post_index[0]
    # The query's vector is the index's expression, so the planner can use the index.
    post_index_name = next(n for n in definitions if n.startswith("blog_post_"))
    assert post_index_name in result["plan"], result["plan"]
    # Migrating again keeps the one index, and `migrate blog zero` still works.
    run([sys.executable, "manage.py", "migrate", "--noinput"], out, env)
    run([sys.executable, "manage.py", "migrate", "blog", "zero", "--noinput"], out, env)
