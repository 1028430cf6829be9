"""Atomic writes: an interrupted build leaves old files or new files, never halves."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from djsc.backends.base import EmittedFile
from djsc.emit import write
from djsc.emit.manifest import MANIFEST_PATH, Manifest, read_manifest
from djsc.emit.plan import plan
from djsc.emit.tree import FileTree


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.name.startswith(".djsc-tmp-"))


def test_atomic_write_creates_parents_and_replaces(tmp_path: Path):
    target = tmp_path / "a" / "b" / "c.py"
    write.atomic_write(target, "one\n")
    write.atomic_write(target, "two\n")
    assert target.read_text() == "two\n"
    assert _leftovers(tmp_path) == []


def test_new_files_are_not_private_and_existing_modes_survive(tmp_path: Path):
    target = tmp_path / "manage.py"
    write.atomic_write(target, "x\n")
    assert target.stat().st_mode & 0o044  # readable by others, not mkstemp's 0600
    os.chmod(target, 0o755)
    write.atomic_write(target, "y\n")
    assert target.stat().st_mode & 0o777 == 0o755


def test_failure_while_writing_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch):
    target = tmp_path / "models.py"
    target.write_text("old\n")

    def explode(fd):
        raise OSError("disk full")

    monkeypatch.setattr(write.os, "fsync", explode)
    with pytest.raises(OSError, match="disk full"):
        write.atomic_write(target, "new content that never lands\n")
    assert target.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_failure_at_rename_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch):
    target = tmp_path / "models.py"
    target.write_text("old\n")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(write.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write.atomic_write(target, "new\n")
    assert target.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_apply_interrupted_midway_writes_no_manifest_and_no_partial_file(
    tmp_path: Path, monkeypatch
):
    tree = FileTree([EmittedFile(PurePosixPath(f"{n}.py"), f"{n} = 1\n") for n in "abc"])
    the_plan = plan(tree, None, tmp_path, manifest=Manifest("0", "fake"))
    real_replace = os.replace
    calls = []

    def fail_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("killed")
        real_replace(src, dst)

    monkeypatch.setattr(write.os, "replace", fail_second)
    with pytest.raises(OSError, match="killed"):
        write.apply(the_plan, tmp_path)
    assert (tmp_path / "a.py").read_text() == "a = 1\n"
    assert not (tmp_path / "b.py").exists()
    assert not (tmp_path / MANIFEST_PATH).exists()
    assert _leftovers(tmp_path) == []

    # The next build finishes the job; files already holding the new bytes are fine.
    monkeypatch.setattr(write.os, "replace", real_replace)
    retry = plan(tree, None, tmp_path, manifest=Manifest("0", "fake"))
    write.apply(retry, tmp_path)
    assert sorted(read_manifest(tmp_path).files) == ["a.py", "b.py", "c.py"]


def test_remove_file_prunes_folders_it_empties_but_not_root(tmp_path: Path):
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "sub" / "x.py").write_text("x")
    (tmp_path / "pkg" / "keep.py").write_text("k")
    write.remove_file(tmp_path, "pkg/sub/x.py")
    assert not (tmp_path / "pkg" / "sub").exists()
    assert (tmp_path / "pkg" / "keep.py").exists()
    write.remove_file(tmp_path, "pkg/keep.py")
    assert tmp_path.exists() and not (tmp_path / "pkg").exists()


def test_manifest_not_rewritten_when_unchanged(tmp_path: Path):
    tree = FileTree([EmittedFile(PurePosixPath("a.py"), "a = 1\n")])
    write.apply(plan(tree, None, tmp_path, manifest=Manifest("0", "fake")), tmp_path)
    manifest = tmp_path / MANIFEST_PATH
    os.utime(manifest, (1, 1))
    old = read_manifest(tmp_path)
    write.apply(plan(tree, old, tmp_path, manifest=Manifest("0", "fake")), tmp_path)
    assert manifest.stat().st_mtime == 1
