"""Golden files of the full tree `djsc build` writes for every example.

Each example is built in-process (`djsc.cli.main(["build", …])`, the real code path:
emit, `ruff` formatting, migrations from Django's autodetector, atomic writes) into a
temporary folder.  Every file it wrote is compared with its golden copy under
`tests/golden/trees/<example>/`, one golden file per emitted file, so a change to the
backend reviews as an ordinary diff of the generated project, file by file.  The
manifest is left out because it only repeats the other files as hashes; the
determinism test compares it too.

Regenerate with `DJSC_UPDATE_GOLDEN=1 pytest tests/golden`, then read the diff
(`git diff tests/golden/trees`) before committing.  A golden file the build no longer
writes fails the test (and is deleted by an update), so stale goldens cannot linger.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest

from djsc import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "trees"
MANIFEST = ".djsc/manifest.json"
# Golden copies must not be picked up as Python (ruff, pytest): they get this suffix.
SUFFIX = ".golden"
UPDATE = os.environ.get("DJSC_UPDATE_GOLDEN") == "1"


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


def golden_dir(spec: Path) -> Path:
    return GOLDEN / example_id(spec).removesuffix(".djs").replace("/", "__")


def read_golden(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix().removesuffix(SUFFIX): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob(f"*{SUFFIX}"))
    }


def write_golden(folder: Path, tree: dict[str, str]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for rel, content in tree.items():
        target = folder / (rel + SUFFIX)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8", newline="\n")


@pytest.mark.parametrize("spec", example_specs(), ids=example_id)
def test_emitted_tree(spec: Path, built) -> None:
    tree = {p: c for p, c in built(spec).items() if p != MANIFEST}
    assert any(p.endswith("/migrations/0001_initial.py") for p in tree), "no initial migration"
    folder = golden_dir(spec)
    if UPDATE:
        write_golden(folder, tree)
    golden = read_golden(folder)
    assert sorted(tree) == sorted(golden), "emitted files differ from the golden file list"
    changed = [p for p in tree if tree[p] != golden[p]]
    for path in changed:  # the first difference, readable in pytest's diff
        assert tree[path] == golden[path], f"{path} differs from its golden copy"


@pytest.mark.parametrize("spec", example_specs(), ids=example_id)
def test_building_twice_gives_identical_trees(spec: Path, built, tmp_path: Path) -> None:
    first = built(spec)
    assert MANIFEST in first, "the build wrote no manifest"
    second = build_tree(spec, tmp_path / "again")
    changed = sorted(p for p in first.keys() | second.keys() if first.get(p) != second.get(p))
    assert not changed, f"two builds of {spec.name} differ in {changed}"
