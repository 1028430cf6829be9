"""`database postgres` makes PostgreSQL the project's default database (issue 7).

It once changed only `.env.example`: the settings still fell back to SQLite and
the README said so.  The test settings keep SQLite in memory unless DATABASE_URL
is set, so the generated tests run without a server either way.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "djsc_django_support_db", Path(__file__).with_name("support.py")
)
support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(support)

SPEC = "app shop {{ {database} }}\nentity Item {{ name: String(80) }}\n"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/shop"


def test_postgres_is_the_default_of_settings_readme_and_env(emit) -> None:
    files = emit(SPEC.format(database="database postgres"), "shop.djs")
    assert f'default="{POSTGRES_URL}"' in files["config/settings/base.py"]
    readme = files["README.md"]
    assert f"PostgreSQL is the default database:\n`{POSTGRES_URL}`" in readme
    assert "`DATABASE_URL=sqlite:///db.sqlite3` to use SQLite" in readme
    assert "SQLite (`db.sqlite3`) is the default" not in readme
    env = files[".env.example"]
    assert f"DATABASE_URL={POSTGRES_URL}" in env and "SQLite is the default" not in env


@pytest.mark.parametrize("database", ["", "database sqlite"])
def test_sqlite_stays_the_default_otherwise(emit, database: str) -> None:
    files = emit(SPEC.format(database=database), "shop.djs")
    assert 'default="sqlite:///db.sqlite3"' in files["config/settings/base.py"]
    assert "SQLite (`db.sqlite3`) is the default database" in files["README.md"]
    assert "postgres://postgres@" not in files["config/settings/base.py"]


def engine(root: Path, settings: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    environ.pop("DATABASE_URL", None)
    environ.update(DJANGO_SETTINGS_MODULE=settings, **env)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; d = settings.DATABASES['default']; "
            "print(d['ENGINE'], d['NAME'])",
        ],
        cwd=root,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_the_settings_of_a_postgres_project(tmp_path: Path) -> None:
    files, _ = support.emit_tree(SPEC.format(database="database postgres"), "shop.djs")
    support.write_tree(files, tmp_path)
    assert engine(tmp_path, "config.settings.local") == "django.db.backends.postgresql shop"
    # the generated tests need no server ...
    assert engine(tmp_path, "config.settings.test") == "django.db.backends.sqlite3 :memory:"
    # ... unless DATABASE_URL names one
    url = "postgres://ci@db:5432/shop_ci"
    got = engine(tmp_path, "config.settings.test", DATABASE_URL=url)
    assert got == "django.db.backends.postgresql shop_ci"
