"""Every spec of the corpus (tests/corpus/*.djs) through every gate of its generated project.

One test per spec, bounded by one time budget:
`djsc build` → `ruff check` and `ruff format --check` → `manage.py check --fail-level
WARNING` → `makemigrations <app> --check --dry-run` finds nothing new → `migrate` on an
SQLite file → `migrate` on a fresh PostgreSQL database (made with psycopg, dropped
afterwards) → the project's own pytest under coverage, `coverage report --fail-under=90`.

Without PostgreSQL every other gate still runs, and the test is skipped only once they all
passed; with DJSC_REQUIRE_SERVICES=1 a missing server fails the test instead.

A spec that fails because of a djsc bug stays as a user would write it and is listed in
KNOWN_FAILURES: a strict xfail, so the fix turns it into an XPASS, which fails until the
entry is removed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .services import (
    BIN,
    CORPUS,
    POSTGRES_URL,
    PYTHON,
    REQUIRE_SERVICES,
    Deadline,
    app_label,
    build,
    django_shell,
    fresh_database,
    manage,
    postgres_available,
    project_env,
    run,
)

pytestmark = pytest.mark.e2e

BUDGET = 480  # seconds per spec, build to coverage report

# spec stem -> why its project fails today, as a strict xfail: the fix XPASSes, which
# fails the suite until the entry goes.  Empty: every bug the corpus found is fixed,
# each with a regression test of its own (tests/backends/django/test_corpus_findings.py,
# test_trees.py, test_payload_rows.py, test_check_expressions.py).
KNOWN_FAILURES: dict[str, str] = {}


def corpus_params() -> list:
    params = []
    for spec in CORPUS:
        marks = []
        if spec.stem in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[spec.stem]))
        params.append(pytest.param(spec, id=spec.stem, marks=marks))
    return params


def test_the_corpus_is_there_and_its_failure_table_names_real_specs() -> None:
    stems = {spec.stem for spec in CORPUS}
    assert len(stems) >= 13
    assert set(KNOWN_FAILURES) <= stems


def migrate_on_postgres(project: Path, deadline: Deadline) -> bool:
    """`migrate` into a new, uniquely named database; False when PostgreSQL is not there."""
    if not postgres_available():
        if REQUIRE_SERVICES:
            pytest.fail(f"PostgreSQL is unreachable at {POSTGRES_URL} and DJSC_REQUIRE_SERVICES=1")
        return False
    with fresh_database("djsc_corpus") as name:
        env = project_env("test", f"{POSTGRES_URL}/{name}")
        manage(project, "migrate", "--noinput", env=env, timeout=deadline.left())
        where = django_shell(
            project,
            "from django.db import connection\n"
            "print(connection.vendor, connection.settings_dict['NAME'])",
            env,
            timeout=deadline.left(),
        )
        assert where.split() == ["postgresql", name]  # not the SQLite fallback
    return True


@pytest.mark.parametrize("spec", corpus_params())
def test_corpus_spec_builds_a_project_that_passes_every_gate(spec: Path, tmp_path: Path) -> None:
    deadline = Deadline(BUDGET)
    out = tmp_path / "out"
    build(spec, out, timeout=deadline.left())
    app = app_label(out)
    env = project_env("test")

    run([str(BIN / "ruff"), "check", "--no-cache", "."], out, env, deadline.left())
    run([str(BIN / "ruff"), "format", "--check", "--no-cache", "."], out, env, deadline.left())
    manage(out, "check", "--fail-level", "WARNING", env=env, timeout=deadline.left())
    manage(out, "makemigrations", app, "--check", "--dry-run", env=env, timeout=deadline.left())

    sqlite = project_env("test", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    manage(out, "migrate", "--noinput", env=sqlite, timeout=deadline.left())
    on_postgres = migrate_on_postgres(out, deadline)

    run(
        [PYTHON, "-m", "coverage", "run", "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        out,
        env,
        deadline.left(),
    )
    report = run([PYTHON, "-m", "coverage", "report", "--fail-under=90"], out, env, deadline.left())
    assert "TOTAL" in report.stdout

    if not on_postgres:
        pytest.skip(f"every other gate passed; PostgreSQL is not reachable at {POSTGRES_URL}")
