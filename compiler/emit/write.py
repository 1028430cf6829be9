"""Applying a plan: atomic writes, stale-file deletion, and the manifest last.

Every file is written to a temporary file in its own folder and moved over the
target with `os.replace`, which is atomic on POSIX and Windows: an interrupted build
leaves either the old file or the new one, never a half-written one.  The manifest
is written after everything else, so a build that stops early is seen by the next
one as "not finished" (files that already hold the new bytes count as unchanged).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from djsc.emit.manifest import MANIFEST_PATH
from djsc.emit.plan import NEW_SUFFIX, Action, Plan

_TMP_PREFIX = ".djsc-tmp-"


def _default_mode() -> int:
    # mkstemp creates files 0600; generated sources should get the usual 0666 & ~umask.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data` in one step (parents are created)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _default_mode()
    fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def remove_file(root: Path, relative: str) -> None:
    """Delete a file and every folder that its removal leaves empty, up to `root`."""
    path = root / relative
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    parent = path.parent
    while parent != root and root in parent.parents:
        try:
            parent.rmdir()  # fails (and stops us) when the folder still holds something
        except OSError:
            break
        parent = parent.parent


def apply(plan: Plan, root: Path, extra: Iterable[tuple[str, str]] = ()) -> None:
    """Carry out `plan` in `root`; `extra` are further (path, text) files to create
    before the manifest (migrations).  The manifest is rewritten only if it changed."""
    for step in plan.steps:
        if step.action in (Action.CREATE, Action.UPDATE):
            assert step.content is not None
            atomic_write(root / step.path, step.content)
        elif step.action is Action.CONFLICT:
            assert step.content is not None
            atomic_write(root / (step.path + NEW_SUFFIX), step.content)
        elif step.action is Action.DELETE:
            remove_file(root, step.path)
    for path, content in extra:
        atomic_write(root / path, content)
    manifest_text = plan.manifest.to_json()
    target = root / MANIFEST_PATH
    try:
        if target.read_text(encoding="utf-8") == manifest_text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    atomic_write(target, manifest_text)
