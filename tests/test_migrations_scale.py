"""The migration driver on large projects: linear dependency sorting, no optimizer.

A hand-made project of many small models (an FK, an index and a constraint each)
gives a first migration of several hundred operations, above the driver's
OPTIMIZE_LIMIT; a few models stay below it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from djsc.backends.django.migrate_driver import OPTIMIZE_LIMIT
from djsc.backends.django.migrations import MigrationResult, result_diagnostics, run_driver
from djsc.pipeline import compile_source
from djsc.source import Span

SETTINGS = """
SECRET_KEY = "test-only-" + "x" * 40
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "blog"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
"""

MODEL = """

class M{i}(models.Model):
    name = models.CharField(max_length=50)
    parent = models.ForeignKey("M{parent}", null=True, on_delete=models.SET_NULL)

    class Meta:
        indexes = [models.Index(fields=["name"], name="m{i}_name_idx")]
        constraints = [models.UniqueConstraint(fields=["name"], name="m{i}_name_uniq")]
"""


def make_project(root: Path, count: int) -> Path:
    for package in ("config", "config/settings", "blog"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("")
    (root / "config/settings/test.py").write_text(SETTINGS)
    body = "".join(MODEL.format(i=i, parent=max(i - 1, 0)) for i in range(count))
    (root / "blog/models.py").write_text("from django.db import models\n" + body)
    return root


def django(project: Path, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + textwrap.dedent(code)],
        cwd=project,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_a_small_first_migration_is_optimized(tmp_path: Path) -> None:
    project = make_project(tmp_path / "small", 3)
    result = run_driver(project, renames={}, dry_run=True)
    assert result.ok, result.error
    ops = [op for f in result.files for op in f.operations]
    # The optimizer folds each FK's AddField into its CreateModel.
    assert ops[:3] == ["Create model M0", "Create model M1", "Create model M2"]
    assert not [op for op in ops if op.startswith("Add field")]


def test_a_large_first_migration_skips_the_optimizer_and_still_migrates(tmp_path: Path) -> None:
    project = make_project(tmp_path / "large", 80)
    first = run_driver(project, renames={}, dry_run=False)
    assert first.ok, first.error
    ops = [op for f in first.files for op in f.operations]
    assert len(ops) > OPTIMIZE_LIMIT
    assert "Add field parent to m0" in ops  # not folded into CreateModel
    # Same output on a second run (deterministic), and nothing left for makemigrations.
    again = run_driver(project, renames={}, dry_run=True)
    assert again.ok and again.files == []
    out = django(
        project,
        """
        from django.core.management import call_command
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
        call_command("migrate", verbosity=0)
        from blog.models import M0, M1
        M1.objects.create(name="b", parent=M0.objects.create(name="a"))
        call_command("migrate", "blog", "zero", verbosity=0)
        print("ok")
        """,
    )
    assert out.strip() == "ok"


def test_indexed_dependency_sort_gives_djangos_order(tmp_path: Path) -> None:
    project = make_project(tmp_path / "order", 40)
    out = django(
        project,
        """
        from django.apps import apps
        from django.db.migrations.autodetector import MigrationAutodetector
        from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
        from django.db.migrations.state import ProjectState
        from djsc.backends.django.migrate_driver import _autodetector_class

        def order(cls):
            class Unoptimized(cls):
                def _optimize_migrations(self):
                    pass

            detector = Unoptimized(
                ProjectState(), ProjectState.from_apps(apps),
                NonInteractiveMigrationQuestioner(log=print),
            )
            detector._detect_changes()
            return [op.describe() for m in detector.migrations["blog"] for op in m.operations]

        django_order = order(MigrationAutodetector)
        ours = order(_autodetector_class())
        print(len(django_order), django_order == ours)
        """,
    )
    count, same = out.split()[-2:]
    assert int(count) > 40 * 3 and same == "True"


def test_a_timeout_is_reported_with_help_about_its_size(tmp_path: Path) -> None:
    project = make_project(tmp_path / "slow", 3)
    result = run_driver(project, renames={}, dry_run=True, timeout=0.01)
    assert result.timed_out and "took more than 0.01s" in (result.error or "")
    program = compile_source("entity Post { title: String }", "spec.djs").program
    (diagnostic,) = result_diagnostics(result, program, Span("spec.djs", 0, 0))
    assert diagnostic.code == "DJS0707"
    assert "split" in (diagnostic.help or "") and "install" not in (diagnostic.help or "")
    failed = MigrationResult(error="ImportError: no module named x")
    (other,) = result_diagnostics(failed, program, Span("spec.djs", 0, 0))
    assert "install its dependencies" in (other.help or "")
