"""The wheel holds every source and data file, and works when installed on its own.

`pyproject.toml` lists packages and package data explicitly (the `djsc` namespace is
mapped from three folders), so a new sub-package or data folder can silently miss the
wheel while the editable install used in development still works.  This test builds
the real wheel from a copy of the source tree, compares its contents with the tree,
installs it into a fresh virtualenv (without this venv's site-packages) and runs the
installed `djsc`.

It skips only when the environment cannot build or install at all (no `build`
package, no package index reachable), and never when DJSC_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUIRE = os.environ.get("DJSC_REQUIRE_SERVICES") == "1"
# Source folder -> where its files land in the wheel.
PACKAGE_ROOTS = {"compiler": "djsc", "backends": "djsc/backends", "grammar": "djsc/grammar"}
SHIPPED_SUFFIXES = {".py", ".lark", ".j2", ".md"}
# Messages pip prints when it cannot reach the package index: an environment problem.
OFFLINE_MARKERS = (
    "NewConnectionError",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "No matching distribution found",
    "ProxyError",
)


def _skip_or_fail(reason: str) -> None:
    if REQUIRE:
        pytest.fail(f"{reason} (DJSC_REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


def _run(cmd: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def source_files() -> dict[str, Path]:
    """Wheel path -> source file, for every file the wheel must contain."""
    expected = {}
    for folder, target in PACKAGE_ROOTS.items():
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in SHIPPED_SUFFIXES and "__pycache__" not in path.parts:
                rel = path.relative_to(ROOT / folder).as_posix()
                expected[f"{target}/{rel}"] = path
    return expected


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    try:
        import build  # noqa: F401
    except ImportError:
        _skip_or_fail("the `build` package is not installed")
    work = tmp_path_factory.mktemp("packaging")
    # Build from a copy so setuptools' build/ and *.egg-info never land in the work tree.
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in PACKAGE_ROOTS:
        shutil.copytree(ROOT / folder, src / folder, ignore=ignore)
    dist = work / "dist"
    # --no-isolation builds with this venv's setuptools: no download, and the same
    # backend the editable install used.
    result = _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=src,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    wheels = list(dist.glob("djsc-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory) -> Path:
    """The `bin` folder of a fresh virtualenv with the wheel installed."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    result = _run([sys.executable, "-m", "venv", str(venv)], cwd=venv.parent)
    if result.returncode != 0:
        _skip_or_fail(f"cannot create a virtualenv: {result.stderr.strip()[-500:]}")
    bindir = venv / "bin"
    result = _run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)], venv.parent)
    if result.returncode != 0:
        output = result.stdout + result.stderr
        if any(marker in output for marker in OFFLINE_MARKERS):
            _skip_or_fail(f"the package index is unreachable: {output.strip()[-500:]}")
        pytest.fail(f"pip install of the wheel failed:\n{output[-3000:]}")
    return bindir


def test_wheel_contains_every_source_and_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = source_files()
    assert "djsc/grammar/djs.lark" in expected, "the source scan found no grammar"
    missing = sorted(path for path in expected if path not in names)
    assert not missing, f"missing from the wheel (pyproject.toml packages/package-data?): {missing}"


def test_wheel_declares_the_console_script_and_backend(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    entry_points = next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
    text = archive.read(entry_points).decode()
    assert "djsc = djsc.cli:main" in text
    assert "django = djsc.backends.django:BACKEND" in text


def test_wheel_does_not_leak_source_folder_names(wheel: Path) -> None:
    # `compiler`, `backends` and `grammar` are folder names, not import names.
    tops = {n.split("/", 1)[0] for n in zipfile.ZipFile(wheel).namelist()}
    assert not tops & {"compiler", "backends", "grammar", "tests"}, tops


def test_installed_djsc_runs_from_its_own_venv(installed: Path, tmp_path: Path) -> None:
    version = _run([str(installed / "djsc"), "--version"], cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    from djsc import __version__

    assert __version__ in version.stdout + version.stderr

    where = _run([str(installed / "python"), "-c", "import djsc; print(djsc.__file__)"], tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), where.stdout

    # The backend's checks run too, so this also proves the templates and code tables
    # of the installed backend load; the blog uses access rules not enforced yet.
    blog = str(ROOT / "examples" / "blog.djs")
    check = _run([str(installed / "djsc"), "check", blog], tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
