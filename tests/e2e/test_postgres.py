"""Every example moved to PostgreSQL by DATABASE_URL alone, its own tests passing there.

For each example: build → create a fresh database → `migrate` → the generated
project's pytest (pytest-django makes and drops its own `test_` database, which
works with the server's trust auth) → `migrate <app> zero` → `migrate` again.
Both databases are dropped afterwards, whatever happened.  Skipped when
PostgreSQL is unreachable, a failure instead when DJSC_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .services import (
    EXAMPLES,
    POSTGRES_URL,
    PYTHON,
    Deadline,
    app_label,
    build,
    django_shell,
    example_id,
    fresh_database,
    manage,
    project_env,
    run,
)

pytestmark = pytest.mark.e2e

BUDGET = 420  # seconds per example


@pytest.fixture
def database():
    """The name of a fresh, empty PostgreSQL database, dropped (with its test twin) after."""
    with fresh_database("djsc_e2e") as name:
        yield name


@pytest.mark.parametrize("spec", EXAMPLES, ids=example_id)
def test_generated_project_runs_and_passes_on_postgres(
    spec: Path, tmp_path: Path, database: str
) -> None:
    deadline = Deadline(BUDGET)
    out = tmp_path / "out"
    build(spec, out, timeout=deadline.left())
    app = app_label(out)
    env = project_env("test", f"{POSTGRES_URL}/{database}")

    manage(out, "migrate", "--noinput", env=env, timeout=deadline.left())
    vendor = django_shell(
        out,
        "from django.db import connection\n"
        "print(connection.vendor, connection.settings_dict['NAME'])\n"
        "from django.apps import apps\n"
        f"print(len(list(apps.get_app_config({app!r}).get_models())))",
        env,
        timeout=deadline.left(),
    ).split()
    assert vendor[:2] == ["postgresql", database]  # really on PostgreSQL, not the SQLite default
    assert int(vendor[2]) > 0
    manage(out, "makemigrations", app, "--check", "--dry-run", env=env, timeout=deadline.left())

    tests = run(
        [PYTHON, "-m", "pytest", "-q", "--create-db", "-p", "no:cacheprovider"],
        out,
        env,
        timeout=deadline.left(),
    )
    assert " passed" in tests.stdout and " failed" not in tests.stdout

    manage(out, "migrate", app, "zero", "--noinput", env=env, timeout=deadline.left())
    left = django_shell(
        out,
        "from django.db import connection\n"
        f"print(sorted(t for t in connection.introspection.table_names() "
        f"if t.startswith({app + '_'!r})))",
        env,
        timeout=deadline.left(),
    )
    assert left.strip() == "[]"
    manage(out, "migrate", "--noinput", env=env, timeout=deadline.left())
