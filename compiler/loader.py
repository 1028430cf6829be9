"""Reading spec files and following `use` declarations.

Every read goes through a `FileSystem`, so a caller that holds unsaved text (an
editor, a language server, tests) compiles it as if it were on disk, `use` included:
`OverlayFileSystem({"shop.djs": text})` serves that text and reads the rest from disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Protocol

from djsc.diagnostics import codes
from djsc.diagnostics.model import Diagnostics
from djsc.ir import nodes as ir
from djsc.source import SourceFile, SourceMap, Span
from djsc.suggest import did_you_mean
from djsc.syntax.parser import Comment, parse

MAX_FILE_BYTES = 8 * 1024 * 1024


@dataclass
class Loaded:
    """Everything read for one compilation."""

    program: ir.Program
    sources: SourceMap
    comments: dict[str, tuple[Comment, ...]] = field(default_factory=dict)


class FileSystem(Protocol):
    """What the loader needs from storage; errors are raised as `OSError`s."""

    def real_path(self, path: str) -> str: ...

    def is_dir(self, path: str) -> bool: ...

    def size(self, path: str) -> int: ...

    def read_bytes(self, path: str) -> bytes: ...

    def list_dir(self, folder: str) -> list[str]: ...


class DiskFileSystem:
    """The real file system."""

    def real_path(self, path: str) -> str:
        return os.path.realpath(path)

    def is_dir(self, path: str) -> bool:
        return os.path.isdir(path)

    def size(self, path: str) -> int:
        return os.path.getsize(path)

    def read_bytes(self, path: str) -> bytes:
        with open(path, "rb") as fh:
            return fh.read()

    def list_dir(self, folder: str) -> list[str]:
        return os.listdir(folder)


DISK = DiskFileSystem()


class OverlayFileSystem:
    """Texts held in memory (unsaved editor buffers) in front of another file system."""

    def __init__(self, buffers: dict[str, str], base: FileSystem = DISK) -> None:
        self.base = base
        self.buffers = {base.real_path(p): text.encode("utf-8") for p, text in buffers.items()}

    def real_path(self, path: str) -> str:
        return self.base.real_path(path)

    def is_dir(self, path: str) -> bool:
        return self.real_path(path) not in self.buffers and self.base.is_dir(path)

    def size(self, path: str) -> int:
        data = self.buffers.get(self.real_path(path))
        return len(data) if data is not None else self.base.size(path)

    def read_bytes(self, path: str) -> bytes:
        data = self.buffers.get(self.real_path(path))
        return data if data is not None else self.base.read_bytes(path)

    def list_dir(self, folder: str) -> list[str]:
        real = self.real_path(folder)
        mine = [os.path.basename(p) for p in self.buffers if os.path.dirname(p) == real]
        try:
            theirs = self.base.list_dir(folder)
        except OSError:
            theirs = []
        return sorted(set(mine) | set(theirs))


def display_path(path: str) -> str:
    """Paths in diagnostics are relative to the working directory when below it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def read_source(
    path: str,
    diagnostics: Diagnostics,
    sources: SourceMap,
    at: Span | None = None,
    fs: FileSystem = DISK,
) -> SourceFile | None:
    """Decode one file, reporting (not raising) every way that can fail."""
    shown = display_path(path)
    where = at or Span(shown, 0, 0)
    if fs.is_dir(path):
        diagnostics.report(codes.CANNOT_READ.at(where, file=shown, reason="it is a directory"))
        return None
    try:
        size = fs.size(path)
        if size > MAX_FILE_BYTES:
            diagnostics.report(
                codes.FILE_TOO_LARGE.at(
                    where, file=shown, size=size, limit=MAX_FILE_BYTES
                ).with_help("split the spec into several files joined with `use`")
            )
            return None
        data = fs.read_bytes(path)
    except FileNotFoundError:
        diag = codes.CANNOT_READ.at(where, "no such file", file=shown, reason="no such file")
        diagnostics.report(diag.with_help(_similar_file(path, fs)))
        return None
    except OSError as err:
        diagnostics.report(codes.CANNOT_READ.at(where, file=shown, reason=err.strerror or str(err)))
        return None
    return decode_source(shown, data, diagnostics, sources)


def _similar_file(path: str, fs: FileSystem) -> str | None:
    folder = os.path.dirname(path) or "."
    try:
        names = [n for n in fs.list_dir(folder) if n.endswith(".djs")]
    except OSError:
        return None
    return did_you_mean(os.path.basename(path), names)


def decode_source(
    path: str, data: bytes, diagnostics: Diagnostics, sources: SourceMap
) -> SourceFile | None:
    """The decoded file, or None after reporting why it cannot be decoded.  A file
    that is not UTF-8 still gets its valid prefix registered, for the code frame."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        # Show the valid prefix so the caret lands on the first bad byte.
        prefix = data[: err.start].decode("utf-8", errors="replace")
        sources.add(SourceFile(path, prefix + "\ufffd"))
        span = Span(path, len(prefix), len(prefix) + 1)
        diagnostics.report(
            codes.INVALID_UTF8.at(
                span, f"byte 0x{data[err.start]:02x} cannot start a character", file=path
            ).with_help("save the file as UTF-8")
        )
        return None
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # keep offsets; a BOM is whitespace to us
    return SourceFile(path, text)


def load(
    paths: list[str],
    diagnostics: Diagnostics,
    fs: FileSystem = DISK,
    *,
    empty_is_error: bool = True,
) -> Loaded:
    """Parse `paths` and every file they `use`, each once, in a stable order."""
    sources = SourceMap()
    comments: dict[str, tuple[Comment, ...]] = {}
    decls: list[ir.Decl] = []
    seen: dict[str, str] = {}  # real path -> display path

    def visit(path: str, chain: tuple[str, ...], at: Span | None) -> None:
        real = fs.real_path(path)
        if real in chain:
            cycle = " -> ".join(
                seen.get(p, display_path(p)) for p in (*chain[chain.index(real) :], real)
            )
            assert at is not None
            diagnostics.report(
                codes.USE_CYCLE.at(at, "this `use` closes the cycle", cycle=cycle).with_help(
                    "move the shared declarations into a file that neither one uses"
                )
            )
            return
        if real in seen:
            return
        source = read_source(path, diagnostics, sources, at, fs)
        if source is None:
            seen[real] = display_path(path)
            return
        seen[real] = source.path
        sources.add(source)
        result = parse(source)
        diagnostics.extend(result.diagnostics)
        comments[source.path] = result.comments
        if not result.decls and not result.diagnostics and not at and empty_is_error:
            diagnostics.report(
                codes.EMPTY_SPEC.at(Span(source.path, 0, 0), file=source.path).with_help(
                    "start with an `entity`; `djsc new NAME` writes a starter spec"
                )
            )
        decls.extend(result.decls)
        base = os.path.dirname(path)
        for decl in result.decls:
            if isinstance(decl, ir.Use):
                visit(os.path.join(base, decl.path), (*chain, real), decl.span)

    for path in paths:
        visit(path, (), None)
    # The program's span names the main spec, so dumps do not mark it synthetic.
    main = Span(display_path(paths[0]), 0, 0) if paths else Span("<spec>", 0, 0)
    return Loaded(ir.Program(decls=tuple(decls), span=main), sources, comments)


def load_text(
    text: str, diagnostics: Diagnostics, path: str = "<spec>", fs: FileSystem = DISK
) -> Loaded:
    """Parse a spec held in memory as if it were the file `path` (tests, editors):
    its `use` declarations are followed, relative to `path`, through `fs`."""
    return load([path], diagnostics, OverlayFileSystem({path: text}, fs), empty_is_error=False)
