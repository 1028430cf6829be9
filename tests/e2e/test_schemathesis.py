"""Schemathesis against every example's live server: no request may get a 5xx.

Each example is built, migrated on an SQLite file, seeded with a few rows from its
own generated factories (so detail, update and delete operations find objects),
served under uvicorn and fuzzed from its /api/schema/ as a logged-in user
(HTTP basic auth) with schemathesis' `not_a_server_error` check only.  The run is
bounded (a fixed number of examples per operation, one worker, a fixed seed so a
failure reproduces) and a second, independent check reads the server's access log
for any 5xx status line.

The server runs on `config.settings.test` against a file database: those settings
use a fast password hasher, and basic auth hashes the password on every request
(on production settings PBKDF2 makes a few thousand requests take many minutes).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .services import (
    BIN,
    EXAMPLES,
    PASSWORD,
    USERNAME,
    Deadline,
    app_label,
    build,
    create_user,
    django_shell,
    example_id,
    manage,
    project_env,
    serve,
)

pytestmark = pytest.mark.e2e

MAX_EXAMPLES = 25
BUDGET = 240  # seconds per example, build to teardown
SERVER_ERROR = re.compile(r'" 5\d\d ')
SEED = """
import importlib, inspect
factories = importlib.import_module("{app}.tests.factories")
for name, factory in sorted(inspect.getmembers(factories, inspect.isclass)):
    if name.endswith("Factory") and factory.__module__ == factories.__name__:
        factory.create_batch(3)
"""


def fuzz(url: str, workdir: Path, timeout: float) -> subprocess.CompletedProcess:
    """Run the schemathesis CLI; its output (rich text, no colours off a terminal)."""
    args = [
        str(BIN / "schemathesis"),
        "run",
        f"{url}/api/schema/",
        "--auth",
        f"{USERNAME}:{PASSWORD}",
        "--checks",
        "not_a_server_error",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        "0",
        "--workers",
        "1",
        "--request-timeout",
        "30",
    ]
    return subprocess.run(
        args, cwd=workdir, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.parametrize("spec", EXAMPLES, ids=example_id)
def test_no_server_errors_under_fuzzing(spec: Path, tmp_path: Path) -> None:
    deadline = Deadline(BUDGET)
    out = tmp_path / "out"
    build(spec, out, timeout=deadline.left())
    env = project_env("test", f"sqlite:///{tmp_path / 'fuzz.sqlite3'}")
    manage(out, "migrate", "--noinput", env=env, timeout=deadline.left())
    create_user(out, env, timeout=deadline.left())
    django_shell(out, SEED.format(app=app_label(out)), env, timeout=deadline.left())

    with serve(out, env, deadline, access_log=True) as server:
        result = fuzz(server.url, tmp_path, deadline.left())
        log = server.log
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    tested = re.search(r"Tested: (\d+)", result.stdout)
    assert tested and int(tested.group(1)) > 0, report
    statuses = log.read_text(errors="replace").splitlines()
    assert len(statuses) > 100, "the server saw too few requests to have been fuzzed"
    assert [line for line in statuses if SERVER_ERROR.search(line)] == []
