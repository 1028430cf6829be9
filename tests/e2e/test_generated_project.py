"""End to end: build each example and /tmp/t.djs, then run the generated project's gates.

For every spec: `djsc build` into tmp_path → ruff check / format --check →
`manage.py check` → `makemigrations --check` finds nothing new → `migrate` → the
generated project's own pytest (with coverage ≥ 90% of the app) → a rebuild with
the same spec changes no file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SPECS = sorted(
    [
        *ROOT.glob("examples/*.djs"),
        ROOT / "examples/library/main.djs",
        Path(__file__).parent / "specs/t.djs",
    ]
)


def run(args: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, (
        f"{' '.join(args)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and ".coverage" not in p.name
    }


@pytest.mark.parametrize(
    "spec",
    [s for s in SPECS if s.exists()],
    ids=lambda s: s.stem if s.stem != "main" else s.parent.name,
)
def test_generated_project_passes_its_gates(spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    djsc = str(BIN / "djsc")
    python = sys.executable
    run([djsc, "build", str(spec), "-o", str(out), "--allow-unenforced-access"], cwd=tmp_path)
    first = snapshot(out)
    app = next(p.parent.name for p in out.glob("*/apps.py"))
    run([str(BIN / "ruff"), "check", "--no-cache", "."], cwd=out)
    run([str(BIN / "ruff"), "format", "--check", "--no-cache", "."], cwd=out)
    run([python, "manage.py", "check", "--fail-level", "WARNING"], cwd=out)
    run([python, "manage.py", "makemigrations", app, "--check", "--dry-run"], cwd=out)
    run([python, "manage.py", "migrate", "--noinput"], cwd=out)
    run(
        [python, "-m", "coverage", "run", "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=out,
        timeout=600,
    )
    report = run([python, "-m", "coverage", "report", "--fail-under=90"], cwd=out)
    assert "TOTAL" in report.stdout
    (out / ".coverage").unlink(missing_ok=True)
    run([djsc, "build", str(spec), "-o", str(out), "--allow-unenforced-access"], cwd=tmp_path)
    assert snapshot(out) == first
