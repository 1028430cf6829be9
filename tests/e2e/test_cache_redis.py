"""A generated project's cache tests, run against a real Redis instead of local memory.

The generated test settings cache in local memory; here a settings module of the test's
own (beside them, in the built tree) switches to Django's Redis backend on a Redis
database of its own (DJSC_CACHE_REDIS_DB, 13 by default), which it empties before and
after and never touches otherwise: the conftest's `cache.clear()` flushes only it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e import services as s

pytestmark = pytest.mark.e2e

SPEC = """
app notes {
  title "Notes"
  auth jwt
  cache redis { ttl 5m }
  roles editor
}

entity Folder { name: String(50) }

entity Note {
  text: String(100)
  allow read: owner(user) or role(editor)
  allow create: authenticated
  allow update, delete: owner(user)
}

entity Tag { name: String(30) }

relation many_to_one Note.folder -> Folder.notes { on_delete cascade }
relation many_to_one Note.user -> User.notes { on_delete cascade }
relation many_to_many Note.tags -> Tag.notes
"""
REDIS_SETTINGS = '''"""The test settings on Redis (written by djsc's test_cache_redis.py)."""

import os

from .test import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
}
'''
DB = int(os.environ.get("DJSC_CACHE_REDIS_DB", "13"))


def test_generated_cache_tests_pass_on_redis(tmp_path: Path) -> None:
    s.require_redis()
    spec = tmp_path / "notes.djs"
    spec.write_text(SPEC, encoding="utf-8")
    out = tmp_path / "out"
    s.build(spec, out)
    (out / "config" / "settings" / "test_redis.py").write_text(REDIS_SETTINGS, encoding="utf-8")
    with s.redis_database(DB) as url:
        env = s.project_env("test_redis", REDIS_URL=url)
        args = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "--ds=config.settings.test_redis"]
        backend = s.django_shell(
            out,
            "from django.core.cache import caches; print(type(caches['default']).__name__)",
            env,
        )
        assert backend.strip() == "RedisCache"
        report = s.run([s.PYTHON, *args, "notes/tests/test_cache.py"], out, env, 600)
        assert "skipped" not in report.stdout, report.stdout
        # The rest of the suite reads and writes the cached entities too.
        s.run([s.PYTHON, *args, "notes/tests"], out, env, 600)
