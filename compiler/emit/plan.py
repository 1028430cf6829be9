"""What a build would do to an output folder, decided before anything is written.

`plan(tree, old, root)` compares the emitted tree with the folder on disk and with
the manifest of the previous build (architecture.md §9):

| on disk vs old manifest           | in new tree | action                              |
|-----------------------------------|-------------|-------------------------------------|
| missing                           | yes         | create                              |
| same bytes as the new version     | yes         | unchanged                           |
| hash == recorded hash (untouched) | yes         | update                              |
| hash != recorded hash (edited)    | yes         | conflict (update with `force`)      |
| not in old manifest, exists       | yes         | conflict (update with `force`)      |
| SCAFFOLD / APPEND_ONLY exists     | yes         | unchanged: the user's now           |
| untouched GENERATED               | no          | delete                              |
| edited GENERATED                  | no          | keep, and forget it                 |
| APPEND_ONLY (migrations)          | no          | unchanged, carried in the manifest  |
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path

from djsc.backends.base import EmittedFile, Ownership
from djsc.emit.manifest import Entry, Manifest, sha256
from djsc.emit.tree import FileTree

NEW_SUFFIX = ".djsc-new"  # where the new version of a conflicting file goes


class Action(enum.Enum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    CONFLICT = "conflict"
    KEEP = "keep"  # stale but edited: left in place, no longer djsc's
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Step:
    action: Action
    path: str
    content: str | None = None  # the new text, for create / update / conflict
    reason: str = ""


@dataclass
class Plan:
    steps: list[Step]
    manifest: Manifest  # what the folder's manifest says once the plan is applied
    not_a_project: bool = False  # files present but no manifest: refuse unless forced

    def of(self, action: Action) -> list[Step]:
        return [s for s in self.steps if s.action is action]

    @property
    def changes(self) -> list[Step]:
        """Every step that touches the folder or needs the user's attention."""
        return [s for s in self.steps if s.action is not Action.UNCHANGED]


def plan(
    tree: FileTree,
    old: Manifest | None,
    root: Path,
    *,
    manifest: Manifest,
    force: bool = False,
) -> Plan:
    """Decide every file's fate; `manifest` is the new manifest without file entries."""
    old_files = old.files if old else {}
    steps: list[Step] = []
    entries: dict[str, Entry] = {}
    for file in tree:
        step, entry = _plan_emitted(file, old_files.get(str(file.path)), root, force)
        steps.append(step)
        if entry is not None:
            entries[step.path] = entry
    for path, entry in sorted(old_files.items()):
        if path in tree:
            continue
        step, kept = _plan_stale(path, entry, root)
        steps.append(step)
        if kept is not None:
            entries[path] = kept
    manifest.files = dict(sorted(entries.items()))
    return Plan(steps, manifest, not_a_project=old is None and folder_has_files(root))


def _plan_emitted(
    file: EmittedFile, recorded: Entry | None, root: Path, force: bool
) -> tuple[Step, Entry | None]:
    path = str(file.path)
    fresh = Entry(sha256(file.content), file.ownership, file.feature)
    target = root / path
    if target.is_dir():
        return Step(Action.CONFLICT, path, file.content, "a folder is in the way"), None
    disk = _read(target)
    if disk is None:
        return Step(Action.CREATE, path, file.content), fresh
    if file.ownership is not Ownership.GENERATED:
        # Written once, then the user's: never compared, never rewritten.
        entry = recorded or Entry(sha256(disk), file.ownership, file.feature)
        return Step(Action.UNCHANGED, path), entry
    if disk == file.content.encode("utf-8"):
        # Also heals an interrupted build whose manifest was never written.
        return Step(Action.UNCHANGED, path), fresh
    if recorded is not None and sha256(disk) == recorded.sha256:
        return Step(Action.UPDATE, path, file.content), fresh
    why = "edited since djsc wrote it" if recorded else "not written by djsc"
    if force:
        return Step(Action.UPDATE, path, file.content, f"{why}; overwritten (--force)"), fresh
    # Keep the recorded hash so the next build still sees the user's edit.
    return Step(Action.CONFLICT, path, file.content, why), recorded


def _plan_stale(path: str, entry: Entry, root: Path) -> tuple[Step, Entry | None]:
    disk = _read(root / path)
    if disk is None:
        return Step(Action.UNCHANGED, path), None
    if entry.ownership is Ownership.APPEND_ONLY:
        return Step(Action.UNCHANGED, path), entry
    if entry.ownership is Ownership.SCAFFOLD:
        return Step(Action.UNCHANGED, path), None
    if sha256(disk) == entry.sha256:
        return Step(Action.DELETE, path), None
    return Step(Action.KEEP, path, reason="no longer generated but edited, so kept"), None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def folder_has_files(root: Path) -> bool:
    """True when `root` holds anything besides version-control metadata."""
    try:
        with os.scandir(root) as entries:
            return any(e.name not in {".git", ".hg"} for e in entries)
    except (FileNotFoundError, NotADirectoryError):
        return False


def describe(plan: Plan) -> list[str]:
    """One line per change: `create  path`, `conflict path (why; …)`."""
    lines = []
    for step in plan.changes:
        label = f"{step.action.value:<8} {step.path}"
        if step.action is Action.CONFLICT:
            label += f" ({step.reason}; new version in {step.path}{NEW_SUFFIX})"
        elif step.reason:
            label += f" ({step.reason})"
        lines.append(label)
    return lines
