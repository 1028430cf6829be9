"""The in-memory output of a backend: every emitted file by path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import PurePosixPath

from djsc.backends.base import EmittedFile


class DuplicatePathError(Exception):
    """Two features emitted the same path: a bug in the backend, not in the spec."""


class FileTree:
    """Emitted files keyed by their path relative to the output folder.

    Iteration is in path order, so everything derived from a tree (the plan, the
    manifest, snapshots) is deterministic whatever order the features ran in.
    """

    def __init__(self, files: tuple[EmittedFile, ...] | list[EmittedFile] = ()) -> None:
        self._files: dict[PurePosixPath, EmittedFile] = {}
        for file in files:
            self.add(file)

    def add(self, file: EmittedFile) -> None:
        path = PurePosixPath(file.path)
        if path in self._files:
            first = self._files[path].feature or "?"
            raise DuplicatePathError(
                f"features `{first}` and `{file.feature or '?'}` both emit `{path}`"
            )
        self._files[path] = file if path == file.path else replace(file, path=path)

    def replace_content(self, path: PurePosixPath | str, content: str) -> None:
        """Swap the text of an emitted file (post-processing such as formatting)."""
        key = PurePosixPath(path)
        self._files[key] = replace(self._files[key], content=content)

    def get(self, path: PurePosixPath | str) -> EmittedFile | None:
        return self._files.get(PurePosixPath(path))

    def __contains__(self, path: object) -> bool:
        return isinstance(path, PurePosixPath | str) and PurePosixPath(path) in self._files

    def __iter__(self) -> Iterator[EmittedFile]:
        return iter(self._files[p] for p in sorted(self._files, key=str))

    def __len__(self) -> int:
        return len(self._files)

    def as_dict(self) -> dict[str, str]:
        """`{path: content}` in path order, the shape snapshots compare."""
        return {str(f.path): f.content for f in self}
