"""A datetime filter with a UTC offset beyond ±15:59 filters, and is never a 500 (issue 7).

Python parses offsets up to ±23:59, PostgreSQL keeps them within ±15:59: the value
reached the database and failed there (`DataError: time zone displacement out of
range`).  The generated filters convert every moment to UTC first, on every database:
the schema calls any RFC 3339 offset valid, so refusing one would be a 400 for a valid
request.  A moment UTC cannot spell (year 1 at +01:00) becomes the earliest one.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

SPEC = """
app staff { database sqlite }

entity Employee {
  name: String(40)
  hire_date: DateTime filter order
}
"""

# Run inside the generated project, beside its own tests.
PROBE = """
import datetime

import pytest

from staff.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("offset", ["+23:00", "-16:00", "+16:00"])
@pytest.mark.parametrize("param", ["hire_date", "hire_date__gte", "hire_date__lte"])
def test_a_far_offset_filters_as_the_same_moment_in_utc(api_client, param, offset):
    moment = datetime.datetime.fromisoformat(f"2020-01-01T00:00:00{offset}")
    match = EmployeeFactory(hire_date=moment.astimezone(datetime.UTC))
    response = api_client.get("/api/employees/", {param: f"2020-01-01T00:00:00{offset}"})
    assert response.status_code == 200, response.content
    assert [row["id"] for row in response.json()["results"]] == [match.pk]


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-01:00"])
def test_a_moment_utc_cannot_spell_is_the_earliest_or_latest(api_client, moment):
    response = api_client.get("/api/employees/", {"hire_date__gte": moment})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("offset", ["+15:59", "-15:59", "Z", ""])
def test_offsets_every_database_keeps_still_filter(api_client, offset):
    response = api_client.get("/api/employees/", {"hire_date": f"2020-01-01T00:00:00{offset}"})
    assert response.status_code == 200
"""


def test_datetime_filters_use_the_bounded_field(emit) -> None:
    files = emit(SPEC, "staff.djs")
    filters = files["staff/filters.py"]
    assert 'models.DateTimeField: {"filter_class": DateTimeFilter}' in filters
    assert "return result.astimezone(datetime.UTC)" in filters


def run(args: list[str], cwd: Path, env: dict) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{args}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result.stdout


@pytest.mark.e2e
@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_far_offsets_filter_in_the_generated_project(
    tmp_path: Path, database: str, e2e_services
) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("DATABASE_URL", None)
    with contextlib.ExitStack() as stack:
        if database == "postgres":
            name = stack.enter_context(e2e_services.fresh_database("djsc_offsets"))
            env["DATABASE_URL"] = f"{e2e_services.POSTGRES_URL}/{name}"
        spec = tmp_path / "staff.djs"
        spec.write_text(SPEC, encoding="utf-8")
        out = tmp_path / "out"
        build = [str(BIN / "djsc"), "build", str(spec), "-o", str(out)]
        run(build, tmp_path, env)
        (out / "staff" / "tests" / "test_far_offsets.py").write_text(PROBE, encoding="utf-8")
        run([str(BIN / "ruff"), "check", "--no-cache", "."], out, env)
        run([sys.executable, "manage.py", "check"], out, env)
        run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], out, env)
