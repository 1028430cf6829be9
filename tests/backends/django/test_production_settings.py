"""Production settings: `check --deploy` is clean, a weak secret key stops start-up,
and a failure never shows a traceback.

Every example is built with the CLI and checked with `config.settings.production`
and the variables its own `.env.example` documents (with a fresh random secret key,
the one value it leaves empty), at `--fail-level WARNING`: HSTS with subdomains and
preload, the HTTPS redirect, secure cookies, X-Frame-Options, DEBUG off, a strong key.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
EXAMPLES = sorted([*ROOT.glob("examples/*.djs"), ROOT / "examples/library/main.djs"])
MESSAGE = "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters"
# A view that fails, served by the project's own handler500 (config.errors.server_error).
FAILING_URLS = """\
from django.urls import path


def fail(request):
    raise RuntimeError("secret-internal-detail")


urlpatterns = [path("fail/", fail)]
handler500 = "config.errors.server_error"
"""
FAIL_REQUEST = """\
import json
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="failing_urls"):
    response = Client(raise_request_exception=False).get("/fail/", secure=True)
print(response.status_code, response["Content-Type"])
print(json.dumps(response.content.decode()))
"""


def example_id(spec: Path) -> str:
    return spec.parent.name if spec.stem == "main" else spec.stem


def documented_env(project: Path) -> dict[str, str]:
    """The variables `.env.example` sets, as a deployment would copy them."""
    found = {}
    for line in (project / ".env.example").read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep and not key.startswith("#"):
            found[key.strip()] = value.strip()
    return found


def production_env(project: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    env.update({k: v for k, v in documented_env(project).items() if v})
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=get_random_secret_key(),
        PATH=f"{BIN}:{env.get('PATH', '')}",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def manage(project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def build(spec: Path, out: Path) -> Path:
    done = subprocess.run(
        [str(BIN / "djsc"), "build", str(spec), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def blog(tmp_path_factory) -> Path:
    return build(ROOT / "examples/blog.djs", tmp_path_factory.mktemp("blog") / "out")


@pytest.mark.parametrize("spec", EXAMPLES, ids=example_id)
def test_check_deploy_is_clean_with_the_documented_environment(spec: Path, tmp_path) -> None:
    project = build(spec, tmp_path / "out")
    env = production_env(project)
    assert "DJANGO_ALLOWED_HOSTS" in env  # documented in .env.example
    done = manage(project, env, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize(
    "key",
    [None, "", "x" * 49, "abcd" * 20, "django-insecure-" + "k" * 50],
    ids=["missing", "empty", "short", "few-characters", "insecure-prefix"],
)
def test_a_missing_or_weak_secret_key_stops_start_up(blog: Path, key: str | None) -> None:
    env = production_env(blog)
    if key is None:
        del env["DJANGO_SECRET_KEY"]
    else:
        env["DJANGO_SECRET_KEY"] = key
    done = manage(blog, env, "check")
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and MESSAGE in done.stderr, done.stderr[-2000:]


def test_no_allowed_host_stops_start_up(blog: Path) -> None:
    done = manage(blog, production_env(blog, DJANGO_ALLOWED_HOSTS=""), "check")
    assert done.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must name the host names" in done.stderr, done.stderr[-2000:]


def test_debug_is_off_whatever_the_environment_says(blog: Path) -> None:
    env = production_env(blog, DJANGO_DEBUG="true")
    code = "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)"
    done = manage(blog, env, "shell", "--no-imports", "-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]


def test_a_failure_answers_problem_json_without_a_traceback(blog: Path) -> None:
    (blog / "failing_urls.py").write_text(FAILING_URLS, encoding="utf-8")
    env = production_env(blog, DJANGO_ALLOWED_HOSTS="testserver")
    done = manage(blog, env, "shell", "--no-imports", "-c", FAIL_REQUEST)
    assert done.returncode == 0, done.stderr
    status_line, body = done.stdout.splitlines()[:2]
    assert status_line == "500 application/problem+json"
    for leak in ("Traceback", "secret-internal-detail", "RuntimeError", "File "):
        assert leak not in body
    assert "secret-internal-detail" in done.stderr  # the log has it
