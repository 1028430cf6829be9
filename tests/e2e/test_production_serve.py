"""The production start of every example, run as the Docker image runs it, without Docker.

One built project per example, on production settings with PostgreSQL and Redis:
compose.yaml's `migrate` command, the Dockerfile's `collectstatic` RUN, then the
Dockerfile's CMD (gunicorn with config/gunicorn.py) on 127.0.0.1 and a free port. The
commands are read from the emitted files, not repeated here, so this runs what a
container would. Swagger UI's page and every script and stylesheet it loads, and the
admin login page and its stylesheets, must answer 200: WhiteNoise serves them under
their hashed names. The image's HEALTHCHECK command is run against the live server too,
`/health/ready` answers 200, and a request's `X-Request-ID` comes back and is on the JSON
log lines it caused. The blog is served a second time under GUNICORN_INTERFACE=asgi
(uvicorn's worker).
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import time
from pathlib import Path

import httpx
import pytest
import yaml
from django.core.management.utils import get_random_secret_key

from tests.e2e import services as s

pytestmark = pytest.mark.e2e

# What the proxy in front of the app says: the host it serves and that TLS was used.
HEADERS = {"Host": "api.example.test", "X-Forwarded-Proto": "https"}
ASSET = re.compile(r"""<(?:script[^>]*\bsrc|link[^>]*\bhref)="(/static/[^"]+)\"""")
# A Redis database per example (6..10; test_cache_redis.py takes 13), emptied before and after,
# so examples served in parallel never flush each other's cache.
REDIS_DB = 6
REQUEST_ID = "serve-check.42"


def logged_with_request_id(log: Path) -> list[dict]:
    """The JSON lines of the server's log that carry REQUEST_ID (all must parse)."""
    lines = [x for x in log.read_text(encoding="utf-8").splitlines() if REQUEST_ID in x]
    return [json.loads(x) for x in lines]


def dockerfile_steps(project: Path) -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", (project / "Dockerfile").read_text(encoding="utf-8"))
    steps = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, rest = line.strip().partition(" ")
            steps.append((word, rest))
    return steps


def start_commands(project: Path) -> tuple[list[str], list[str], list[str]]:
    """(migrate, collectstatic, serve) as the Docker files say them."""
    steps = dockerfile_steps(project)
    serve = json.loads(next(args for word, args in steps if word == "CMD"))
    run = next(args for word, args in steps if word == "RUN" and "collectstatic" in args)
    words = shlex.split(run.split("&&")[0])
    collectstatic = words[next(i for i, w in enumerate(words) if "=" not in w) :]
    compose = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    migrate = compose["services"]["migrate"]["command"]
    assert compose["services"]["web"]["command"] == serve
    return migrate, collectstatic, serve


def resolve(command: list[str]) -> list[str]:
    """`python` and console scripts from the test's own environment."""
    return [s.PYTHON if command[0] == "python" else str(s.BIN / command[0]), *command[1:]]


def gunicorn(project: Path, command: list[str], env: dict, deadline: s.Deadline):
    """Start the server; (process, base URL, log path). The caller stops it by PID."""
    port = s.free_port()
    log = project.parent / f"gunicorn-{port}.log"
    env = {**env, "PORT": str(port), "GUNICORN_HOST": "127.0.0.1", "WEB_CONCURRENCY": "1"}
    with log.open("wb") as sink:
        process = subprocess.Popen(
            resolve(command),
            cwd=project,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    url = f"http://127.0.0.1:{port}"
    end = time.monotonic() + min(deadline.left(), 60)
    while time.monotonic() < end:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            httpx.get(url + "/api/schema/", headers=HEADERS, timeout=5)
            return process, url, env
        except httpx.TransportError:
            time.sleep(0.2)
    s.stop(process)
    pytest.fail(f"gunicorn did not answer within 60s:\n{log.read_text()[-4000:]}")


def assets_answer(client: httpx.Client, page: str, kind: str) -> list[str]:
    """Fetch `page`, then every script/stylesheet it loads; the asset paths."""
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code, response.text[:500])
    assets = ASSET.findall(response.text)
    assert any(a.endswith(kind) for a in assets), (page, assets)
    for asset in assets:
        answer = client.get(asset)
        assert answer.status_code == 200, (asset, answer.status_code)
        assert len(answer.content) > 100, asset
        # Hashed names (CompressedManifestStaticFilesStorage) are cached for good.
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", asset), f"{asset} is not a hashed name"
        assert "immutable" in answer.headers.get("Cache-Control", ""), asset
    return assets


def check_served(url: str, project: Path, env: dict) -> None:
    with httpx.Client(base_url=url, headers=HEADERS, timeout=20) as client:
        scripts = assets_answer(client, "/api/docs/", ".js")
        assert any("swagger-ui-bundle" in a for a in scripts), scripts
        sheets = assets_answer(client, "/admin/login/", ".css")
        assert any("admin/css/base" in a for a in sheets), sheets
        compressed = client.get(sheets[0], headers={"Accept-Encoding": "gzip"})
        assert compressed.headers.get("Content-Encoding") == "gzip"
        health = client.get("/health/live").status_code
        ready = client.get("/health/ready")
        assert ready.status_code == 200 and ready.json()["status"] == "ok", ready.text
        traced = client.get("/api/schema/", headers={"X-Request-ID": REQUEST_ID})
        assert traced.status_code == 200
        assert traced.headers["X-Request-ID"] == REQUEST_ID
    # The image's HEALTHCHECK: healthy exactly when the health endpoint answers 200.
    steps = dockerfile_steps(project)
    check = json.loads(next(a for w, a in steps if w == "HEALTHCHECK").split("CMD", 1)[1])
    done = subprocess.run(
        resolve(check), cwd=project, env=env, capture_output=True, text=True, timeout=30
    )
    assert (done.returncode == 0) == (health == 200), (health, done.stderr)


@pytest.mark.parametrize("spec", s.EXAMPLES, ids=s.example_id)
def test_the_production_start_serves_swagger_ui_and_the_admin_styled(
    spec: Path, tmp_path: Path
) -> None:
    s.require_redis()
    deadline = s.Deadline(420)
    project = tmp_path / "out"
    s.build(spec, project)
    migrate, collectstatic, serve = start_commands(project)
    with (
        s.fresh_database("serve") as name,
        s.redis_database(REDIS_DB + s.EXAMPLES.index(spec)) as redis_url,
    ):
        env = s.project_env(
            "production",
            f"{s.POSTGRES_URL}/{name}",
            DJANGO_SECRET_KEY=get_random_secret_key() * 2,
            DJANGO_ALLOWED_HOSTS=HEADERS["Host"],
            REDIS_URL=redis_url,
        )
        s.run(resolve(migrate), project, env, timeout=deadline.left())
        s.run(resolve(collectstatic), project, env, timeout=deadline.left())
        assert (project / "staticfiles" / "staticfiles.json").is_file()
        interfaces = ["wsgi", "asgi"] if s.example_id(spec) == "blog" else ["wsgi"]
        for interface in interfaces:
            process, url, served_env = gunicorn(
                project, serve, {**env, "GUNICORN_INTERFACE": interface}, deadline
            )
            try:
                check_served(url, project, served_env)
            finally:
                s.stop(process)
            log = project.parent / f"gunicorn-{url.rsplit(':', 1)[1]}.log"
            lines = logged_with_request_id(log)
            assert lines and all(x["request_id"] == REQUEST_ID for x in lines), lines
            assert any(x.get("path") == "/api/schema/" and x.get("status") == 200 for x in lines)
