"""The Dockerfile, compose.yaml and gunicorn config, checked without Docker.

Docker is not available where djsc is tested, so the files are read instead: the
Dockerfile's instructions and compose.yaml (PyYAML) are parsed and held against the
emitted project: every file they COPY exists, the modules their commands name are
emitted (or import, for third-party ones), every variable they set is one the project
reads, and every variable the project reads is documented in .env.example and the
README. tests/e2e/test_production_serve.py runs the same start for real.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management.utils import get_random_secret_key

from djsc.backends.base import EmitOptions
from djsc.backends.django import BACKEND
from djsc.backends.django.features import deploy
from djsc.build import generate
from djsc.pipeline import compile_files

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
EXAMPLES = sorted([*ROOT.glob("examples/*.djs"), ROOT / "examples/library/main.djs"])
# A domain of its own: a long app name with underscores, and `cache locmem`, so the
# project reads no REDIS_URL and compose.yaml must start no Redis.
CLINIC = """
app Vet_Clinic_records {
  title "Vet clinic"
  cache locmem
}
entity Owner { name: String(80) search  phone: String(20)? }
entity Pet { name: String(40)  born: Date? order }
relation many_to_one Pet.owner -> Owner.pets { on_delete cascade }
"""
# Variables that the runtimes read themselves, not the project's code.
PYTHON_ENV = {"PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PIP_NO_CACHE_DIR",
              "PIP_DISABLE_PIP_VERSION_CHECK"}  # fmt: skip
DJANGO_ENV = {"DJANGO_SETTINGS_MODULE"}
READS = re.compile(
    r"""(?:environ\.get|env_list|env_bool|env_int|environ\[)\(?\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def example_id(spec: Path) -> str:
    return spec.parent.name if spec.stem == "main" else spec.stem


def emitted(spec: Path) -> dict[str, str]:
    compilation = compile_files([str(spec)])
    tree = generate(BACKEND, compilation, str(spec), EmitOptions(allow_unenforced_access=True))
    assert tree is not None, [d.message for d in compilation.diagnostics.sorted()]
    return tree.as_dict()


@pytest.fixture(scope="module", params=[*EXAMPLES, "clinic"], ids=lambda s: getattr(s, "stem", s))
def tree(request, tmp_path_factory) -> dict[str, str]:
    spec = request.param
    if spec == "clinic":
        spec = tmp_path_factory.mktemp("clinic") / "vet_clinic_records.djs"
        spec.write_text(CLINIC, encoding="utf-8")
    return emitted(spec)


def instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def env_names(args: str) -> set[str]:
    return {item.split("=", 1)[0] for item in shlex.split(args)}


def exec_form(args: str) -> list[str]:
    command = json.loads(args)
    assert isinstance(command, list) and all(isinstance(x, str) for x in command)
    return command


def read_variables(files: dict[str, str]) -> set[str]:
    """Every environment variable the project's own code reads (config/ and the app)."""
    names = set()
    for path, content in files.items():
        if path.endswith(".py") and "/tests/" not in path:
            names |= set(READS.findall(content))
    return names


def example_env(files: dict[str, str]) -> dict[str, str]:
    found = {}
    for line in files[".env.example"].splitlines():
        key, sep, value = line.partition("=")
        if sep and not key.startswith("#"):
            found[key] = value
    return found


def app_of(files: dict[str, str]) -> str:
    return next(p.split("/")[0] for p in files if p.endswith("/apps.py"))


def exists(files: dict[str, str], path: str) -> bool:
    path = path.removeprefix("./").rstrip("/")
    return path in files or any(p.startswith(path + "/") for p in files)


def check_command(files: dict[str, str], command: list[str]) -> None:
    """A start command names an emitted script or config file, or a module that imports."""
    if command[:2] == ["python", "manage.py"]:
        assert "manage.py" in files
    elif command[:2] == ["python", "-m"]:
        assert command[2].replace(".", "/") + ".py" in files, command
    elif command[0] == "gunicorn":
        config = command[command.index("--config") + 1]
        assert config in files, command
    else:
        pytest.fail(f"unknown command {command}")


def test_dockerfile_copies_what_exists_and_runs_what_is_emitted(tree) -> None:
    steps = instructions(tree["Dockerfile"])
    stages = [args for word, args in steps if word == "FROM"]
    assert len(stages) == 2 and stages[0].endswith("AS builder"), stages
    assert "-slim" in stages[1]
    app = app_of(tree)
    copied = []
    for word, args in steps:
        if word == "COPY" and not args.startswith("--from="):
            *sources, _ = shlex.split(args)
            copied += sources
    for source in copied:
        assert exists(tree, source), f"the Dockerfile copies {source}, which is not emitted"
    # The runtime image holds the code the server imports: manage.py, config and the app.
    assert {"manage.py", "config", app} <= {s.removeprefix("./").rstrip("/") for s in copied}
    users = [args for word, args in steps if word == "USER"]
    assert users and users[-1] not in ("root", "0")
    final = steps[[w for w, _ in steps].index("FROM", 1) :]
    assert ("USER", users[-1]) in final
    cmd = exec_form(next(args for word, args in steps if word == "CMD"))
    assert tuple(cmd) == deploy.SERVE
    check_command(tree, cmd)
    health = next(args for word, args in steps if word == "HEALTHCHECK")
    check_command(tree, exec_form(health.split("CMD", 1)[1]))
    assert f'PATH = "{deploy.HEALTH_PATH}"' in tree["config/healthcheck.py"]
    runs = " ".join(args for word, args in steps if word == "RUN")
    assert " ".join(deploy.COLLECTSTATIC) in runs


def test_docker_env_is_read_by_the_project(tree) -> None:
    read = read_variables(tree)
    steps = instructions(tree["Dockerfile"])
    for word, args in steps:
        if word == "ENV":
            unknown = env_names(args) - read - PYTHON_ENV - DJANGO_ENV
            assert not unknown, f"the Dockerfile sets {unknown}, which nothing reads"
    build_env = {}
    for word, args in steps:
        if word == "RUN" and "collectstatic" in args:
            words = shlex.split(args)
            build_env = dict(i.split("=", 1) for i in words if re.match(r"^[A-Z_]+=", i))
    assert set(build_env) <= read
    key = build_env["DJANGO_SECRET_KEY"]  # production.py's rule, or the build would stop
    assert len(key) >= 50 and len(set(key)) >= 5 and not key.startswith("django-insecure-")


def test_compose_wires_services_and_variables_the_settings_read(tree) -> None:
    compose = yaml.safe_load(tree["compose.yaml"])
    services = compose["services"]
    read = read_variables(tree)
    redis = "REDIS_URL" in read
    assert set(services) == {"db", "migrate", "web", *(["redis"] if redis else [])}
    app = app_of(tree)
    for name in ("migrate", "web"):
        service = services[name]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*:latest", service["image"]), service["image"]
        assert service["build"] == "."
        environment = service["environment"]
        unknown = set(environment) - read - DJANGO_ENV
        assert not unknown, f"compose.yaml sets {unknown} for {name}, which nothing reads"
        assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert environment["DATABASE_URL"].endswith(f"@db:5432/{app}")
        assert services["db"]["environment"]["POSTGRES_DB"] == app
        assert ("REDIS_URL" in environment) == redis
        if redis:
            assert environment["REDIS_URL"].startswith("redis://redis:6379/")
        assert "${DJANGO_SECRET_KEY:?" in environment["DJANGO_SECRET_KEY"]
        check_command(tree, service["command"])
    assert tuple(services["migrate"]["command"]) == deploy.MIGRATE
    assert tuple(services["web"]["command"]) == deploy.SERVE
    assert services["web"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    assert services["migrate"]["depends_on"]["db"] == {"condition": "service_healthy"}
    if redis:
        assert services["web"]["depends_on"]["redis"] == {"condition": "service_healthy"}


def test_every_variable_read_is_documented(tree) -> None:
    read = read_variables(tree)
    documented = example_env(tree)
    assert read <= set(documented), f"not in .env.example: {read - set(documented)}"
    assert set(documented) <= read, f".env.example has unread {set(documented) - read}"
    readme = tree["README.md"]
    for name in documented:
        assert f"| `{name}` |" in readme, f"the README's table lacks {name}"
    assert "python manage.py collectstatic --noinput" in readme
    assert "parse the Dockerfile and `compose.yaml`" in readme


def test_whitenoise_follows_security_middleware_and_hashes_only_in_production(tree) -> None:
    base = tree["config/settings/base.py"]
    middleware = re.findall(r'^\s+"([\w.]+Middleware)",$', base, re.M)
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security + 1] == deploy.WHITENOISE.path
    assert "STORAGES" not in base
    production = tree["config/settings/production.py"]
    assert "whitenoise.storage.CompressedManifestStaticFilesStorage" in production
    for settings in ("local", "test"):
        assert "STORAGES" not in tree[f"config/settings/{settings}.py"]
    for dependency in deploy.DEPENDENCIES:
        assert f'"{dependency}"' in tree["pyproject.toml"]


@pytest.mark.parametrize(
    "dotted",
    [
        deploy.WHITENOISE.path,
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "uvicorn_worker.UvicornWorker",
    ],
)
def test_third_party_paths_import(dotted: str) -> None:
    module, _, name = dotted.rpartition(".")
    assert hasattr(importlib.import_module(module), name)


def test_builder_reads_the_dependencies_from_pyproject(tmp_path: Path) -> None:
    files = emitted(ROOT / "examples/blog.djs")
    (tmp_path / "pyproject.toml").write_text(files["pyproject.toml"], encoding="utf-8")
    run = next(a for w, a in instructions(files["Dockerfile"]) if w == "RUN" and "tomllib" in a)
    command = run.split(" && ")[0]
    done = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    requirements = (tmp_path / "requirements.txt").read_text(encoding="utf-8").split()
    assert "Django>=5.2,<5.3" in requirements and "gunicorn>=23,<28" in requirements


def test_gunicorn_is_sized_from_the_environment(tmp_path: Path) -> None:
    files = emitted(ROOT / "examples/blog.djs")
    for rel, content in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(content, encoding="utf-8")
    env = {
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
        "WEB_CONCURRENCY": "3",
        "PORT": "9123",
        "GUNICORN_HOST": "127.0.0.1",
        "GUNICORN_INTERFACE": "asgi",
        "GUNICORN_TIMEOUT": "17",
        # --print-config loads the application too, on the production settings.
        "DJANGO_SECRET_KEY": get_random_secret_key() * 2,
        "DJANGO_ALLOWED_HOSTS": "localhost",
    }
    done = subprocess.run(
        [str(BIN / "gunicorn"), *deploy.SERVE[1:], "--print-config"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = (line.partition("=") for line in done.stdout.splitlines())
    config = {k.strip(): v.strip() for k, _, v in lines}
    assert config["workers"] == "3"
    assert config["bind"] == "['127.0.0.1:9123']"
    assert config["timeout"] == "17"
    assert config["worker_class"] == "uvicorn_worker.UvicornWorker"
    assert config["wsgi_app"] == "config.asgi:application"
    assert config["accesslog"] == "-" and config["errorlog"] == "-"
    env["GUNICORN_INTERFACE"] = "wsgi"
    done = subprocess.run(
        [str(BIN / "gunicorn"), *deploy.SERVE[1:], "--print-config"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "config.wsgi:application" in done.stdout and "= sync" in done.stdout
