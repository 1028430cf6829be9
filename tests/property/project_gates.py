"""Check a spec as `djsc check` does, build it, and run the generated project's gates.

The gates are the ones a user's CI runs first: `ruff check`, `ruff format --check`,
`manage.py check --fail-level WARNING` and `manage.py makemigrations --check
--dry-run` (settings `config.settings.test`, no `DATABASE_URL`, so SQLite), then an
import of every module of the app (the tests and factories included, which no
command imports) and one unsaved row built by every factory.  The Django part runs
in one interpreter, next to the two ruff runs, which keeps an example near one
second.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from djsc.backends.base import EmitOptions
from djsc.backends.django import BACKEND
from djsc.build import BuildOptions, backend_check, build
from djsc.pipeline import compile_source

BIN = Path(sys.executable).parent
RUFF = str(BIN / "ruff")
TIMEOUT = 300

# `manage.py check` and `manage.py makemigrations` in one process: each command
# exits the process when it fails, as it does from the command line.  Then every
# module of the app is imported: `check` imports the models, views and serializers,
# but not the factories and tests, whose class bodies can break as well; and every
# factory builds one (unsaved) row, as the generated tests' first line does.
DJANGO_GATES = """
import importlib
import pathlib
import factory.django
from django.core.management import execute_from_command_line
execute_from_command_line(["manage.py", "check", "--fail-level", "WARNING"])
execute_from_command_line(["manage.py", "makemigrations", "--check", "--dry-run"])
app = next(p.parent for p in pathlib.Path(".").glob("*/apps.py"))
for path in sorted(app.rglob("*.py")):
    if "migrations" not in path.parts:
        importlib.import_module(".".join(path.with_suffix("").parts).removesuffix(".__init__"))
factories = importlib.import_module(f"{app.name}.tests.factories")
for made in vars(factories).values():
    if isinstance(made, type) and issubclass(made, factory.django.DjangoModelFactory):
        if made.__module__ == factories.__name__:
            made.build()
"""

# The project is built as `djsc build` builds it: every access rule is enforced.
OPTIONS = BuildOptions()


def refusals(text: str, spec_path: str) -> list[str]:
    """The codes of the errors `djsc check` reports for the spec (front end and the
    Django backend's checks), empty when it accepts the spec."""
    compilation = compile_source(text, spec_path)
    if compilation.ok:
        backend_check(BACKEND, compilation, spec_path, EmitOptions())
    return sorted({d.code for d in compilation.diagnostics.errors})


def build_project(text: str, spec_path: str, out: Path) -> list[str]:
    """Build into `out`; the errors of the build, rendered (empty on success)."""
    compilation = compile_source(text, spec_path)
    result = build(compilation, BACKEND, out, spec_path, OPTIONS)
    return [f"{d.code} {d.message} {d.notes}" for d in compilation.diagnostics.errors] + (
        [] if result.written else ["the build wrote nothing"]
    )


@dataclass
class GateFailure:
    command: str
    output: str

    def __str__(self) -> str:
        return f"$ {self.command}\n{self.output}"


def _env() -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("DATABASE_URL", None)
    return env


def run_gates(root: Path) -> list[GateFailure]:
    """Every gate's failure for the project in `root` (the four run concurrently)."""
    commands = {
        "ruff check": [RUFF, "check", "--no-cache", "--output-format", "concise", "."],
        "ruff format --check": [RUFF, "format", "--check", "--no-cache", "."],
        "manage.py check --fail-level WARNING; makemigrations --check; imports; factories": [
            sys.executable,
            "-c",
            DJANGO_GATES,
        ],
    }
    env = _env()
    running = {
        name: subprocess.Popen(
            args, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for name, args in commands.items()
    }
    failures = []
    for name, process in running.items():
        try:
            output, _ = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
            output += f"\n(timed out after {TIMEOUT}s)"
        if process.returncode != 0:
            failures.append(GateFailure(name, output[-6000:]))
    return failures
