"""Helpers for end-to-end tests that run generated projects as real processes.

Builds a spec, runs `manage.py` commands, serves a project under uvicorn on a free
port (stopped by its PID), and decides whether PostgreSQL is there: a test that
needs it is skipped when it is not, unless DJSC_REQUIRE_SERVICES=1 makes that a
failure (CI sets it, so a missing service can never pass silently).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PYTHON = sys.executable
EXAMPLES = sorted([*ROOT.glob("examples/*.djs"), ROOT / "examples/library/main.djs"])
# Realistic specs written from docs/language.md alone, one domain each (tests/corpus/README.md).
CORPUS = sorted(ROOT.glob("tests/corpus/*.djs"))
POSTGRES_URL = os.environ.get("DJSC_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REQUIRE_SERVICES = os.environ.get("DJSC_REQUIRE_SERVICES") == "1"
# The user every live test signs in as: HTTP basic auth on the test settings, which enable
# it (local and test settings only), or a JWT on production settings.
USERNAME, PASSWORD = "e2e-user", "e2e-pass-7f3a9c"


def example_id(spec: Path) -> str:
    return spec.parent.name if spec.stem == "main" else spec.stem


class Deadline:
    """A total time budget for one test; every step is bounded by what is left of it."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            pytest.fail("the test ran out of its time budget")
        return remaining


def project_env(settings: str = "test", database_url: str | None = None, **extra: str) -> dict:
    """The environment a generated project runs in: its settings and its database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": f"config.settings.{settings}",
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
        "PYTHONDONTWRITEBYTECODE": "1",
        **extra,
    }
    env.pop("DATABASE_URL", None)
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    return env


def run(
    args: list[str], cwd: Path, env: dict | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run a command that must succeed; its output is in the failure message if not."""
    result = subprocess.run(
        args, cwd=cwd, env=env or project_env(), capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, (
        f"{' '.join(args)} exited {result.returncode}:\n"
        f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result


def build(spec: Path, out: Path, *flags: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return run(
        [
            str(BIN / "djsc"),
            "build",
            str(spec),
            "-o",
            str(out),
            "--allow-unenforced-access",
            *flags,
        ],
        out.parent,
        None,
        timeout,
    )


def app_label(project: Path) -> str:
    return next(p.parent.name for p in sorted(project.glob("*/apps.py")))


def follow_entity_rename(project: Path, old: str, new: str) -> None:
    """Rename entity `old`'s names in the user's modules (hooks.py, serializer_hooks.py,
    model_mixins.py) after the spec renamed it, as `manage.py check` asks (E001): the
    code under the old names would otherwise never run."""
    import re

    from djsc.backends.django.naming import snake

    was, now = snake(old), snake(new)
    app = app_label(project)
    for name in ("hooks.py", "serializer_hooks.py", "model_mixins.py"):
        module = project / app / name
        text = re.sub(rf"\b{was}_(queryset|perform_\w+)\b", rf"{now}_\1", module.read_text())
        text = re.sub(rf"\bvalidate_{was}\b", f"validate_{now}", text)
        text = re.sub(rf"\b{old}(Mixin|QuerySet)\b", rf"{new}\1", text)
        module.write_text(text, encoding="utf-8")


def manage(
    project: Path, *args: str, env: dict, timeout: float = 300
) -> subprocess.CompletedProcess:
    return run([PYTHON, "manage.py", *args], project, env, timeout)


def django_shell(project: Path, code: str, env: dict, timeout: float = 120) -> str:
    """Run `code` in `manage.py shell -c`; what it printed."""
    return manage(project, "shell", "--no-imports", "-c", code, env=env, timeout=timeout).stdout


def create_user(project: Path, env: dict, timeout: float = 120) -> None:
    django_shell(
        project,
        "from django.contrib.auth import get_user_model\n"
        f"get_user_model().objects.create_user({USERNAME!r}, password={PASSWORD!r})",
        env,
        timeout,
    )


def free_port() -> int:
    """A TCP port nothing listens on now (the OS picks it, so parallel runs don't collide)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    pid: int
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""


def stop(process: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM the server by its PID, SIGKILL it if it outlives the grace period, reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)


@contextlib.contextmanager
def serve(
    project: Path,
    env: dict,
    deadline: Deadline,
    ready_path: str = "/api/schema/",
    access_log: bool = False,
) -> Iterator[Server]:
    """Serve `project` under uvicorn on a free port until the block ends; it is always stopped.

    With `access_log` every request's status line goes to the server's log file.
    """
    port = free_port()
    log = project.parent / f"uvicorn-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "uvicorn",
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--access-log" if access_log else "--no-access-log",
            ],
            cwd=project,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = Server(process.pid, f"http://127.0.0.1:{port}", log)
    try:
        wait_ready(server, process, min(deadline.left(), 60), ready_path)
        yield server
    finally:
        stop(process)


def wait_ready(server: Server, process: subprocess.Popen, timeout: float, path: str) -> None:
    """Poll until the server answers `path` with 200; fail with its log if it dies or is slow."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{server.output()}")
        try:
            if httpx.get(server.url + path, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not answer {path} within {timeout:.0f}s:\n{server.output()}")


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{POSTGRES_URL}/test", connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - any failure to connect means "not reachable"
        return False


def require_postgres() -> None:
    """Skip the calling test without PostgreSQL, or fail it when services are required."""
    if postgres_available():
        return
    message = f"PostgreSQL is not reachable at {POSTGRES_URL}/test"
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} and DJSC_REQUIRE_SERVICES=1")
    pytest.skip(message)


def postgres_execute(*statements: str) -> None:
    """Run statements on the `test` database in autocommit (CREATE/DROP DATABASE need it)."""
    import psycopg

    with psycopg.connect(f"{POSTGRES_URL}/test", autocommit=True, connect_timeout=5) as conn:
        for statement in statements:
            conn.execute(statement)


@contextlib.contextmanager
def fresh_database(prefix: str = "djsc") -> Iterator[str]:
    """The name of a new, empty PostgreSQL database, dropped after with the `test_` twin
    pytest-django makes beside it.  Skips without PostgreSQL, or fails when required."""
    import uuid

    require_postgres()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    postgres_execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        postgres_execute(
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'DROP DATABASE IF EXISTS "test_{name}" WITH (FORCE)',
        )


REDIS_URL = os.environ.get("DJSC_REDIS_URL", "redis://127.0.0.1:6379")


def redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping())
    except Exception:  # noqa: BLE001 - any failure to connect means "not reachable"
        return False


def require_redis() -> None:
    """Skip the calling test without Redis, or fail it when services are required."""
    if redis_available():
        return
    message = f"Redis is not reachable at {REDIS_URL}"
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} and DJSC_REQUIRE_SERVICES=1")
    pytest.skip(message)


@contextlib.contextmanager
def redis_database(db: int) -> Iterator[str]:
    """`redis://…/<db>` for one test, emptied before and after: only that database."""
    import redis

    require_redis()
    url = f"{REDIS_URL}/{db}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()
