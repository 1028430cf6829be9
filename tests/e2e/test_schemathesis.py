"""Schemathesis with `--checks all` against every example's and every corpus spec's live server.

Each spec is built, migrated on an SQLite file, seeded with a few rows from its own
generated factories (so detail, update and delete operations find objects), served
under uvicorn and fuzzed from its /api/schema/ as a logged-in user: with a JWT access
token under `auth jwt`, with HTTP basic auth (test settings only) otherwise.
Every check runs, and none may fail: no 5xx, every status, content type, header and
body as documented, schema-valid requests taken, schema-invalid ones refused, deleted
objects gone, created ones there, credentials enforced, undocumented methods a 405
with an `Allow` header (before authentication, so for anonymous callers too).  A
second, independent check reads the server's access log: no 5xx status line, and no
status that the operation it answered leaves undocumented (`undocumented`).

The run is bounded and reproducible: a fixed number of examples per operation, one
worker, a fixed seed, no example database, a timeout per request and one time budget
per spec.  The examples, which between them use every feature, go through every
phase.  The corpus specs skip the coverage phase: it sends every boundary and every
negative case it derives from the schema whatever `--max-examples` says (about a
minute per corpus spec), which fifteen specs cannot afford; they get the random
fuzzing and the stateful phases, with the same checks.

Every check runs: CONFIG enables them all, as `--checks all` would (a check named on
the command line, though, cannot be turned off for one phase), and the test reads the
run's event log to prove that each of ALL_CHECKS judged responses.  Two settings
differ from schemathesis' defaults:

- `positive_data_acceptance` also accepts 422.  A schema-valid request can still name
  a row that does not exist (`author_id: 7`) or break a check across fields
  (`ends_on >= starts_on`); no OpenAPI schema can state either rule, so the API answers
  them with its documented 422 (Unprocessable Content), and schemathesis' default list
  (2xx, 401, 403, 404, 409, 429) has no status for them.
- `negative_data_rejection` is off in the stateful phase.  After a link fills a value
  of a request body from an earlier response, schemathesis 4.32 judges the body again
  (`revalidate_case_metadata`), and a body holding a file is judged invalid whatever
  it holds (`Case._validate_component` returns False on any binary value): a valid
  multipart upload is then reported as "Schema-violating request accepted", with
  "positive test case" as its invalid component.  Invalid requests are still sent and
  judged by the fuzzing phase everywhere and by the coverage phase for the examples;
  the stateful phase keeps every other check, and what only it can check (deleted
  objects gone, created ones there).

`object_level_authorization` runs but has nothing to compare: it replays one
identity's reads as another, which needs several identities (a WFC auth file), and
the generated API's reads are public until `allow` rules are compiled.

The server runs on `config.settings.test` against a file database: those settings
use a fast password hasher, and basic auth hashes the password on every request
(on production settings PBKDF2 makes a few thousand requests take many minutes).
Throttling is switched off for the run (`FUZZ_SETTINGS`): a few thousand requests
would pass the spec's rates, and every request after that would be judged only as a
429.  The throttles and their documented 429 are proved by the project's own tests
(`tests/test_throttle.py`, `tests/test_openapi.py`).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from .services import (
    BIN,
    EXAMPLES,
    PASSWORD,
    ROOT,
    USERNAME,
    Deadline,
    app_label,
    build,
    django_shell,
    example_id,
    manage,
    project_env,
    serve,
)

pytestmark = pytest.mark.e2e

# Examples per operation and phases: the examples cover every feature, the corpus many
# domains (see the module's doc).
MAX_EXAMPLES = {"examples": 6, "corpus": 3}
PHASES = {"examples": "coverage,fuzzing,stateful", "corpus": "fuzzing,stateful"}
BUDGET = 240  # seconds per spec, build to teardown
SERVER_ERROR = re.compile(r'" 5\d\d ')
# An access log line of uvicorn: `… "GET /api/posts/?page=2 HTTP/1.1" 200 OK`.
ACCESS = re.compile(r'"([A-Z]+) (\S+) HTTP/[0-9.]+" (\d{3})')
OPERATION_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
# The fuzzing user and a few rows of every entity, in one Django process.
SEED = """
import importlib, inspect
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError


def remove(row, depth=0):
    try:
        with transaction.atomic():
            row.delete()
    except (ProtectedError, RestrictedError) as exc:
        blockers = getattr(exc, "protected_objects", None) or exc.restricted_objects
        if depth < 5:
            for blocker in blockers:
                remove(blocker, depth + 1)
            remove(row, depth + 1)


get_user_model().objects.create_user({username!r}, password={password!r})
factories = importlib.import_module("{app}.tests.factories")
for name, factory in sorted(inspect.getmembers(factories, inspect.isclass)):
    if name.endswith("Factory") and factory.__module__ == factories.__name__:
        for _ in range(3):
            try:
                with transaction.atomic():
                    factory.create()
            except Exception:
                if {strict}:
                    raise
for model in apps.get_app_config("{app}").get_models():
    for row in model._base_manager.all():
        try:
            row.full_clean()
        except ValidationError:
            if {strict}:
                raise
            remove(row)
"""
# The test settings without throttling (see the module's doc).
FUZZ_SETTINGS = """\
from .test import *  # noqa: F403
from .test import REST_FRAMEWORK

REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
"""
# An access token for the fuzzing user, in a project with `auth jwt`: the API is then
# fuzzed as its clients call it, with `Authorization: Bearer …` (basic auth otherwise).
TOKEN = """
from django.contrib.auth import get_user_model
from rest_framework_simplejwt.tokens import AccessToken

token = AccessToken.for_user(get_user_model().objects.get(username="{username}"))
token.set_exp(lifetime=__import__("datetime").timedelta(hours=1))
print("TOKEN", token)
"""
# Every check, and what differs from their defaults and why: see the module's doc.
CONFIG = """\
[checks]
enabled = true

[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

[phases.stateful.checks.negative_data_rejection]
enabled = false
"""
# The checks of `schemathesis run --checks all` (max_response_time needs a limit).
ALL_CHECKS = {
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
    "use_after_free",
    "ensure_resource_availability",
    "ignored_auth",
    "object_level_authorization",
}
# Realistic specs, one domain each (tests/corpus/README.md), fuzzed once they exist.
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.djs"))
SPECS = [pytest.param(spec, "examples", id=example_id(spec)) for spec in EXAMPLES] + [
    pytest.param(spec, "corpus", id=f"corpus-{spec.stem}") for spec in CORPUS
]


def checks_run(events: Path) -> set[str]:
    """The checks that judged at least one response, from the run's event log."""
    found = set()
    for line in events.read_text(encoding="utf-8").splitlines():
        scenario = json.loads(line).get("ScenarioFinished")
        for results in (scenario or {}).get("recorder", {}).get("checks", {}).values():
            found.update(result["name"] for result in results)
    return found


def credentials(out: Path, env: dict, timeout: float) -> list[str]:
    """How the fuzzer signs in: a bearer token under `auth jwt`, basic auth otherwise."""
    if "rest_framework_simplejwt" not in (out / "config/settings/base.py").read_text():
        return ["--auth", f"{USERNAME}:{PASSWORD}"]
    printed = django_shell(out, TOKEN.format(username=USERNAME), env, timeout=timeout)
    token = next(line.split()[1] for line in printed.splitlines() if line.startswith("TOKEN "))
    return ["--header", f"Authorization: Bearer {token}"]


def undocumented(lines: list[str], schema: dict) -> list[tuple[str, str, str]]:
    """(method, path, status) of each logged answer its operation does not document.

    An independent second look, as for 5xx: schemathesis judges the responses it
    checks, this reads every status the server sent on a documented path.  A method
    the path does not document must be a 405 (HEAD and OPTIONS, which DRF answers on
    every view, excepted).
    """
    routes = []
    for path, item in schema["paths"].items():
        literal = (re.escape(part) for part in re.split(r"\{[^}/]+\}", path))
        operations = {
            m.upper(): set(op["responses"]) for m, op in item.items() if m in OPERATION_METHODS
        }
        routes.append((re.compile("^" + "[^/]+".join(literal) + "$"), operations))
    found = []
    for line in lines:
        match = ACCESS.search(line)
        if match is None:
            continue
        method, target, status = match.groups()
        path = urlsplit(target).path
        operations = next((ops for pattern, ops in routes if pattern.match(path)), None)
        if operations is None or method in ("HEAD", "OPTIONS") and method not in operations:
            continue
        codes = operations.get(method, {"405"})
        if status not in codes and f"{status[0]}XX" not in codes and "default" not in codes:
            found.append((method, path, status))
    return sorted(set(found))


def fuzz(
    url: str, workdir: Path, kind: str, signin: list[str], timeout: float
) -> subprocess.CompletedProcess:
    """Run the schemathesis CLI; its output (rich text, no colours off a terminal)."""
    config = workdir / "schemathesis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    args = [
        str(BIN / "schemathesis"),
        "--config-file",
        str(config),
        "run",
        f"{url}/api/schema/",
        *signin,
        "--phases",
        PHASES[kind],
        "--max-examples",
        str(MAX_EXAMPLES[kind]),
        "--seed",
        "0",
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--generation-database",
        "none",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(workdir / "events.ndjson"),
    ]
    return subprocess.run(
        args, cwd=workdir, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.parametrize(("spec", "kind"), SPECS)
def test_schemathesis_finds_nothing(spec: Path, kind: str, tmp_path: Path) -> None:
    deadline = Deadline(BUDGET)
    out = tmp_path / "out"
    build(spec, out, timeout=deadline.left())
    (out / "config/settings/fuzz.py").write_text(FUZZ_SETTINGS, encoding="utf-8")
    env = project_env("fuzz", f"sqlite:///{tmp_path / 'fuzz.sqlite3'}")
    manage(out, "migrate", "--noinput", env=env, timeout=deadline.left())
    # A corpus spec whose factories cannot make a valid row of some entity (a djsc bug
    # test_corpus.py reports) is fuzzed without such rows: the API would answer an
    # invalid row as it holds it, against its own schema.  The examples' factories must
    # make valid rows.
    seed = SEED.format(
        app=app_label(out), strict=kind == "examples", username=USERNAME, password=PASSWORD
    )
    django_shell(out, seed, env, timeout=deadline.left())
    signin = credentials(out, env, deadline.left())

    with serve(out, env, deadline, access_log=True) as server:
        if signin[0] == "--header":  # the token really signs in: /me answers its user
            name, _, value = signin[1].partition(": ")
            me = httpx.get(f"{server.url}/api/auth/me/", headers={name: value}, timeout=30)
            assert (me.status_code, me.json().get("username")) == (200, USERNAME), me.text
        schema = httpx.get(
            f"{server.url}/api/schema/", params={"format": "json"}, timeout=30
        ).json()
        result = fuzz(server.url, tmp_path, kind, signin, deadline.left())
        log = server.log
    report = result.stdout[-12000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    tested = re.search(r"Tested: (\d+)", result.stdout)
    assert tested and int(tested.group(1)) > 0, report
    assert checks_run(tmp_path / "events.ndjson") >= ALL_CHECKS
    statuses = log.read_text(errors="replace").splitlines()
    assert len(statuses) > 100, "the server saw too few requests to have been fuzzed"
    assert [line for line in statuses if SERVER_ERROR.search(line)] == []
    assert undocumented(statuses, schema) == []
