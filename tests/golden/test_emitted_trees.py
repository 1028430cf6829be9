"""Golden snapshots of the full tree `djsc build` writes for every example.

Each example is built in-process (`djsc.cli.main(["build", …])`, the real code path:
emit, `ruff` formatting, migrations from Django's autodetector, atomic writes) into a
temporary folder, and every file read back into one `{path: content}` dict per example.
Migrations are included: the autodetector's output is deterministic.  The manifest
is left out of the snapshot because it only repeats the other files as hashes (any
change would show twice); the determinism test compares it too.

A change to the backend shows up here as a reviewable diff of the generated project;
regenerate with `pytest tests/golden --snapshot-update` and read the diff before
committing.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from djsc import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
MANIFEST = ".djsc/manifest.json"


def example_specs() -> list[Path]:
    return sorted(EXAMPLES.glob("*.djs")) + sorted(EXAMPLES.glob("*/main.djs"))


def build_tree(spec: Path, out: Path) -> dict[str, str]:
    """Build `spec` into `out` and read back every file djsc wrote."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(["build", str(spec), "-o", str(out), "--color", "never"])
    assert code == 0, f"djsc build {spec.name} exited {code}:\n{stderr.getvalue()}"
    return {
        path.relative_to(out).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(out.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """built(spec) → its tree, built once per module (each build starts Django)."""
    cache: dict[Path, dict[str, str]] = {}

    def get(spec: Path) -> dict[str, str]:
        if spec not in cache:
            cache[spec] = build_tree(spec, tmp_path_factory.mktemp(spec.parent.name) / "out")
        return cache[spec]

    return get


def example_id(spec: Path) -> str:
    return str(spec.relative_to(EXAMPLES))


@pytest.mark.parametrize("spec", example_specs(), ids=example_id)
def test_emitted_tree(spec: Path, built, snapshot) -> None:
    tree = built(spec)
    assert MANIFEST in tree, "the build wrote no manifest"
    assert any(p.endswith("/migrations/0001_initial.py") for p in tree), "no initial migration"
    assert {p: c for p, c in tree.items() if p != MANIFEST} == snapshot


@pytest.mark.parametrize("spec", example_specs(), ids=example_id)
def test_building_twice_gives_identical_trees(spec: Path, built, tmp_path: Path) -> None:
    first = built(spec)
    second = build_tree(spec, tmp_path / "again")
    changed = sorted(p for p in first.keys() | second.keys() if first.get(p) != second.get(p))
    assert not changed, f"two builds of {spec.name} differ in {changed}"
