"""A renamed entity with a renamed field, referred to by a new entity (issue 7).

Django's autodetector makes the RenameField of a renamed model under the model's
*new* name; an operation that depends on the new model (the new entity's foreign
key) must not pull that RenameField ahead of the RenameModel, or `migrate` looks
the field up on a model that does not exist yet (KeyError).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from . import test_migrations
from .test_migrations import django, drive, migrations_of, operations

project = test_migrations.project  # the same small hand-made Django project

BEFORE = """
from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
"""

AFTER = """
from django.db import models


class Article(models.Model):
    headline = models.CharField(max_length=200)


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    text = models.TextField()
"""


def test_renamed_model_and_field_with_a_new_referrer_migrate_and_keep_rows(project: Path):
    (project / "blog/models.py").write_text(textwrap.dedent(BEFORE))
    assert drive(project).ok
    django(
        project,
        """
        from django.core.management import call_command
        call_command("migrate", verbosity=0)
        from blog.models import Post
        Post.objects.create(title="kept")
    """,
    )
    (project / "blog/models.py").write_text(textwrap.dedent(AFTER))
    renames = {"models": {"Post": "Article"}, "fields": [["Article", "title", "headline"]]}
    result = drive(project, renames)
    assert result.ok, result.error
    ops = operations(result)
    assert ops.index("Rename model Post to Article") < next(
        i for i, op in enumerate(ops) if op.startswith("Rename field title on ")
    ), ops
    assert len(migrations_of(project)) == 2
    out = django(
        project,
        """
        from django.core.management import call_command
        call_command("migrate", verbosity=0)
        from blog.models import Article, Comment
        article = Article.objects.get()
        Comment.objects.create(article=article, text="hi")
        print(article.headline, Comment.objects.get().article_id == article.pk)
    """,
    )
    assert out.strip() == "kept True"


SPEC_BEFORE = """
app shelf { database sqlite }

entity Post {
  title: String(200)
}
"""

# The entity and its field renamed, and a new entity linked to the renamed one.
SPEC_AFTER = """
app shelf { database sqlite }

entity Article was Post {
  headline: String(200) was title
}

entity Comment {
  text: Text
}

relation many_to_one Comment.article -> Article.comments { on_delete cascade }
"""


def test_a_spec_rename_with_a_new_referrer_migrates_and_keeps_the_row(tmp_path: Path):
    from .e2e.services import app_label, build, django_shell, manage, project_env

    spec, out = tmp_path / "shelf.djs", tmp_path / "out"
    spec.write_text(SPEC_BEFORE)
    build(spec, out)
    env = project_env(database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    app = app_label(out)
    manage(out, "migrate", "--no-input", env=env)
    django_shell(out, f"from {app}.models import Post; Post.objects.create(title='kept')", env)

    spec.write_text(SPEC_AFTER)
    build(spec, out)
    # The user's code for Post would no longer run: `manage.py check` (run by migrate)
    # says so until it is renamed too.
    refused = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=out,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert refused.returncode == 1 and f"({app}.E001)" in refused.stderr, refused.stderr
    for name in ("hooks.py", "serializer_hooks.py", "model_mixins.py"):
        scaffold = out / app / name
        text = scaffold.read_text(encoding="utf-8")
        scaffold.write_text(text.replace("post", "article").replace("Post", "Article"))
    manage(out, "migrate", "--no-input", env=env)  # was KeyError: ('shelf', 'article')
    printed = django_shell(
        out,
        f"from {app}.models import Article, Comment\n"
        "article = Article.objects.get()\n"
        "Comment.objects.create(article=article, text='hi')\n"
        "print(article.headline, article.comments.count())",
        env,
    )
    assert printed.strip() == "kept 1"
