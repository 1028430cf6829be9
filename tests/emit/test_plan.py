"""The regeneration table of architecture.md §9, one row per case, on a real folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from djsc.backends.base import EmittedFile, Ownership
from djsc.emit.manifest import Entry, Manifest, sha256
from djsc.emit.plan import Action, describe, folder_has_files, plan
from djsc.emit.tree import FileTree

OLD, NEW, MINE = "old\n", "new\n", "mine\n"
G, S, A = Ownership.GENERATED, Ownership.SCAFFOLD, Ownership.APPEND_ONLY

# (id, on disk, recorded in old manifest, emitted now, ownership, force,
#  expected action, expected manifest hash after the plan (None: not recorded))
ROWS = [
    ("missing-create", None, None, True, G, False, Action.CREATE, NEW),
    ("untouched-update", OLD, OLD, True, G, False, Action.UPDATE, NEW),
    ("already-new-unchanged", NEW, OLD, True, G, False, Action.UNCHANGED, NEW),
    ("edited-conflict", MINE, OLD, True, G, False, Action.CONFLICT, OLD),
    ("edited-force-update", MINE, OLD, True, G, True, Action.UPDATE, NEW),
    ("unknown-conflict", MINE, None, True, G, False, Action.CONFLICT, None),
    ("unknown-force-update", MINE, None, True, G, True, Action.UPDATE, NEW),
    ("unknown-same-bytes-adopted", NEW, None, True, G, False, Action.UNCHANGED, NEW),
    ("scaffold-edited-untouched", MINE, OLD, True, S, False, Action.UNCHANGED, OLD),
    ("scaffold-edited-forced-untouched", MINE, OLD, True, S, True, Action.UNCHANGED, OLD),
    ("scaffold-unknown-adopted", MINE, None, True, S, False, Action.UNCHANGED, MINE),
    ("scaffold-missing-create", None, OLD, True, S, False, Action.CREATE, NEW),
    ("append-only-exists-untouched", MINE, OLD, True, A, False, Action.UNCHANGED, OLD),
    ("stale-untouched-delete", OLD, OLD, False, G, False, Action.DELETE, None),
    ("stale-edited-keep", MINE, OLD, False, G, False, Action.KEEP, None),
    ("stale-edited-forced-keep", MINE, OLD, False, G, True, Action.KEEP, None),
    ("stale-already-gone", None, OLD, False, G, False, Action.UNCHANGED, None),
    ("stale-scaffold-left-alone", MINE, OLD, False, S, False, Action.UNCHANGED, None),
    ("stale-migration-carried", OLD, OLD, False, A, False, Action.UNCHANGED, OLD),
]


def _manifest(files: dict[str, Entry] | None = None) -> Manifest:
    return Manifest("0.1.0", "fake", ("spec.djs",), dict(files or {}))


@pytest.mark.parametrize(
    ("disk", "recorded", "emitted", "ownership", "force", "action", "after"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_plan_table(tmp_path: Path, disk, recorded, emitted, ownership, force, action, after):
    path = "pkg/models.py"
    if disk is not None:
        (tmp_path / "pkg").mkdir()
        (tmp_path / path).write_text(disk)
    old = _manifest({path: Entry(sha256(recorded), ownership, "f")} if recorded else {})
    tree = FileTree()
    if emitted:
        tree.add(EmittedFile(PurePosixPath(path), NEW, ownership, "f"))

    result = plan(tree, old, tmp_path, manifest=_manifest(), force=force)

    (step,) = [s for s in result.steps if s.path == path]
    assert step.action is action
    entry = result.manifest.files.get(path)
    assert (entry.sha256 if entry else None) == (sha256(after) if after else None)
    if action in (Action.CREATE, Action.UPDATE, Action.CONFLICT):
        assert step.content == NEW
    # Planning never writes.
    assert (tmp_path / path).exists() == (disk is not None)
    if disk is not None:
        assert (tmp_path / path).read_text() == disk


def test_a_folder_where_a_file_goes_is_a_conflict_even_forced(tmp_path: Path):
    (tmp_path / "README.md").mkdir()
    tree = FileTree([EmittedFile(PurePosixPath("README.md"), NEW)])
    result = plan(tree, _manifest(), tmp_path, manifest=_manifest(), force=True)
    assert [s.action for s in result.steps] == [Action.CONFLICT]


def test_not_a_project_only_without_manifest_and_with_files(tmp_path: Path):
    tree = FileTree([EmittedFile(PurePosixPath("a.py"), NEW)])
    assert not plan(tree, None, tmp_path / "missing", manifest=_manifest()).not_a_project
    assert not plan(tree, None, tmp_path, manifest=_manifest()).not_a_project
    (tmp_path / ".git").mkdir()
    assert not folder_has_files(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    assert plan(tree, None, tmp_path, manifest=_manifest()).not_a_project
    assert not plan(tree, _manifest(), tmp_path, manifest=_manifest()).not_a_project


def test_describe_lists_changes_only_in_path_order(tmp_path: Path):
    (tmp_path / "b.py").write_text(MINE)
    (tmp_path / "c.py").write_text(OLD)
    (tmp_path / "same.py").write_text(NEW)
    old = _manifest({"b.py": Entry(sha256(OLD), G), "c.py": Entry(sha256(OLD), G)})
    tree = FileTree([EmittedFile(PurePosixPath(p), NEW) for p in ("b.py", "a.py", "same.py")])
    lines = describe(plan(tree, old, tmp_path, manifest=_manifest()))
    assert lines == [
        "create   a.py",
        "conflict b.py (edited since djsc wrote it; new version in b.py.djsc-new)",
        "delete   c.py",
    ]
