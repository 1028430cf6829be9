"""Migrations for a build, made by Django's own autodetector in a subprocess.

The autodetector has to see the project as it will be after the build, so it runs
in a staged copy of the output folder with the plan applied; nothing is written to
the real folder until the migrations are known to be acceptable.  Migration files
are APPEND_ONLY: once written they are never changed or deleted by djsc.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from djsc import __version__
from djsc.diagnostics import codes
from djsc.diagnostics.model import Diagnostic
from djsc.emit.formatting import format_sources
from djsc.emit.plan import Action, Plan
from djsc.ir import nodes as ir
from djsc.source import Span

SETTINGS_MODULE = "config.settings.test"
TIMEOUT = 600  # seconds; Django setup plus autodetection of a very large project


@dataclass(frozen=True)
class MigrationFile:
    path: str
    content: str
    operations: tuple[str, ...] = ()


@dataclass
class MigrationResult:
    files: list[MigrationFile] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)  # data-loss findings of the driver
    error: str | None = None  # the driver failed (import error in the project, timeout…)
    timed_out: bool = False  # the driver was stopped after `TIMEOUT` seconds
    fingerprint: str = ""  # of the project as it will be after this build (see `fingerprint`)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.refused

    def diagnostics(self, program: ir.Program, fallback: Span) -> list[Diagnostic]:
        """DJS0704 per refused change, or DJS0707 when the driver failed."""
        return result_diagnostics(self, program, fallback)


def renames_of(program: ir.Program) -> dict:
    """The spec's `was` markers as the driver's `--renames` JSON document."""
    models = {}
    fields = []
    for entity in program.entities:
        if entity.was is not None:
            models[entity.was.text] = entity.name.text
        for f in entity.fields:
            if f.was is not None:
                fields.append([entity.name.text, f.was.text, f.name.text])
    # Lowered relations hold their field on the source end.
    for rel in program.relations:
        if rel.was is not None and rel.source.field is not None:
            fields.append([rel.source.entity.text, rel.was, rel.source.field.text])
    return {"models": models, "fields": fields}


def run_driver(
    project: Path,
    *,
    renames: dict,
    allow_data_loss: bool = False,
    dry_run: bool = True,
    apps: tuple[str, ...] = (),
    python: str | None = None,
    timeout: float = TIMEOUT,
) -> MigrationResult:
    """Run `migrate_driver` against the Django project in `project`."""
    command = [
        python or sys.executable,
        "-m",
        "djsc.backends.django.migrate_driver",
        "--project",
        str(project),
        "--renames",
        json.dumps(renames, sort_keys=True),
    ]
    command += [arg for app in apps for arg in ("--app", app)]
    if allow_data_loss:
        command.append("--allow-data-loss")
    if dry_run:
        command.append("--dry-run")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS_MODULE, PYTHONDONTWRITEBYTECODE="1")
    try:
        done = subprocess.run(
            command,
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return MigrationResult(
            error=f"the migration autodetector took more than {timeout:g}s", timed_out=True
        )
    try:
        doc = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        return MigrationResult(error=tail[0])
    files = [MigrationFile(f["path"], f["content"], tuple(f["operations"])) for f in doc["files"]]
    return MigrationResult(files, doc["refused"], doc["error"])


def _copy_python(root: Path, stage: Path) -> None:
    """Copy the Python sources of `root` (all Django needs to load the models)."""
    for folder, dirs, files in os.walk(root):
        # Virtualenvs, VCS data, caches and node_modules have no bearing on the models.
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in ("__pycache__", "node_modules")
            and not os.path.exists(os.path.join(folder, d, "pyvenv.cfg"))
        )
        relative = Path(folder).relative_to(root)
        for name in files:
            if name.endswith(".py") or (relative == Path(".") and name.startswith(".env")):
                target = stage / relative / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(os.path.join(folder, name), target)


@contextlib.contextmanager
def staged(root: Path, plan: Plan) -> Iterator[Path]:
    """A temporary copy of `root`'s sources as they will be once `plan` is applied."""
    with tempfile.TemporaryDirectory(prefix="djsc-stage-") as tmp:
        stage = Path(tmp) / "project"
        stage.mkdir()
        if root.is_dir():
            _copy_python(root, stage)
        for step in plan.steps:
            target = stage / step.path
            if step.action in (Action.CREATE, Action.UPDATE):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(step.content or "", encoding="utf-8")
            elif step.action is Action.DELETE:
                target.unlink(missing_ok=True)
        yield stage


def fingerprint(stage: Path, renames: dict, allow_data_loss: bool, extra=()) -> str:
    """A digest of everything the autodetector's answer depends on: every Python file
    of the staged project (models, mixins, settings, existing migrations), the
    renames, the data-loss switch, and the djsc and Django versions."""
    import django

    digest = hashlib.sha256()
    digest.update(
        json.dumps(
            [__version__, django.__version__, renames, allow_data_loss], sort_keys=True
        ).encode()
    )
    files = {p.relative_to(stage).as_posix(): p.read_bytes() for p in stage.rglob("*.py")}
    files.update({path: content.encode("utf-8") for path, content in extra})
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return digest.hexdigest()


def make_migrations(
    root: Path,
    plan: Plan,
    program: ir.Program,
    *,
    allow_data_loss: bool,
    ruff_config: dict[str, str],
    previous_fingerprint: str = "",
) -> MigrationResult:
    """The migration files this build adds to `root` (formatted, not yet written).

    Starting Django and loading every model is most of a no-op rebuild of a large
    project; when the inputs match the fingerprint the last build stored, the
    answer is known to be "nothing to add" and the driver is not run."""
    renames = renames_of(program)
    with staged(root, plan) as stage:
        before = fingerprint(stage, renames, allow_data_loss)
        if previous_fingerprint and before == previous_fingerprint:
            return MigrationResult(fingerprint=before)
        result = run_driver(stage, renames=renames, allow_data_loss=allow_data_loss)
        if result.files:
            sources = {f.path: f.content for f in result.files if f.path.endswith(".py")}
            formatted = format_sources(sources, ruff_config)
            result.files = [
                MigrationFile(f.path, formatted.get(f.path, f.content), f.operations)
                for f in result.files
            ]
        if result.ok:
            # Fingerprint the project as it will be once these files are written, so
            # the next build with an unchanged spec matches it.
            added = [(f.path, f.content) for f in result.files]
            result.fingerprint = fingerprint(stage, renames, allow_data_loss, added)
    return result


def _anchor(program: ir.Program, model: str | None, field_name: str | None) -> Span | None:
    for entity in program.entities:
        names = {entity.name.text, entity.was.text if entity.was else None}
        if model not in names:
            continue
        if field_name:
            for f in entity.fields:
                if field_name in (f.name.text, f.was.text if f.was else None):
                    return f.span
            for rel in program.relations:
                end = rel.source
                if end.entity.text == entity.name.text and end.field is not None:
                    if field_name in (end.field.text, rel.was):
                        return _visible(rel.span, end.span)
        return entity.name.span
    return None


def _visible(*spans: Span) -> Span:
    """The first span the user wrote (an implicit relation's are synthetic)."""
    return next((s for s in spans if not s.synthetic), spans[-1])


_HELP = {
    "drop_field": "if `{field}` was renamed, mark the new field with `was {field}` "
    "(a relation: `{{ was {field} }}` after it); "
    "to drop it anyway, build with `--allow-data-loss`",
    "drop_model": "if `{model}` was renamed, write `entity NewName was {model}`; "
    "to drop it anyway, build with `--allow-data-loss`",
    "add_not_null": "give `{field}` a default or make it optional with `?`",
    "alter_field": "migrate the data by hand first, then build with `--allow-data-loss`",
}


def result_diagnostics(
    result: MigrationResult, program: ir.Program, fallback: Span
) -> list[Diagnostic]:
    """DJS0704 for each refused change, or DJS0707 when the driver failed."""
    if result.error is not None:
        # A timeout is about the size of the change, not about the project failing to import.
        help_text = (
            "the project imported, but autodetection did not finish; split a very large "
            "change into several builds (e.g. add entities in batches), and check "
            "hand-written code in hook modules for slow imports"
            if result.timed_out
            else "the generated project must import: install its dependencies into the "
            "Python that runs djsc, and check hand-written code in hook modules"
        )
        return [codes.MIGRATIONS_FAILED.at(fallback, reason=result.error).with_help(help_text)]
    found = []
    for item in result.refused:
        span = _anchor(program, item.get("model"), item.get("field")) or fallback
        help_text = _HELP.get(item.get("kind", ""), "").format(
            field=item.get("field") or "", model=item.get("model") or ""
        )
        found.append(codes.DATA_LOSS.at(span, what=item["what"]).with_help(help_text or None))
    return found
