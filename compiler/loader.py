"""Reading spec files from disk and following `use` declarations."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

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


def display_path(path: str) -> str:
    """Paths in diagnostics are relative to the working directory when below it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def read_source(
    path: str, diagnostics: Diagnostics, sources: SourceMap, at: Span | None = None
) -> SourceFile | None:
    """Decode one file, reporting (not raising) every way that can fail."""
    shown = display_path(path)
    where = at or Span(shown, 0, 0)
    if os.path.isdir(path):
        diagnostics.report(codes.CANNOT_READ.at(where, file=shown, reason="it is a directory"))
        return None
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            diagnostics.report(
                codes.FILE_TOO_LARGE.at(
                    where, file=shown, size=size, limit=MAX_FILE_BYTES
                ).with_help("split the spec into several files joined with `use`")
            )
            return None
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        diag = codes.CANNOT_READ.at(where, "no such file", file=shown, reason="no such file")
        diagnostics.report(diag.with_help(_similar_file(path)))
        return None
    except OSError as err:
        diagnostics.report(codes.CANNOT_READ.at(where, file=shown, reason=err.strerror or str(err)))
        return None
    return decode_source(shown, data, diagnostics, sources)


def _similar_file(path: str) -> str | None:
    folder = os.path.dirname(path) or "."
    try:
        names = [n for n in os.listdir(folder) if n.endswith(".djs")]
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


def load(paths: list[str], diagnostics: Diagnostics) -> Loaded:
    """Parse `paths` and every file they `use`, each once, in a stable order."""
    sources = SourceMap()
    comments: dict[str, tuple[Comment, ...]] = {}
    decls: list[ir.Decl] = []
    seen: dict[str, str] = {}  # real path -> display path

    def visit(path: str, chain: tuple[str, ...], at: Span | None) -> None:
        real = os.path.realpath(path)
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
        source = read_source(path, diagnostics, sources, at)
        if source is None:
            seen[real] = display_path(path)
            return
        seen[real] = source.path
        sources.add(source)
        result = parse(source)
        diagnostics.extend(result.diagnostics)
        comments[source.path] = result.comments
        if not result.decls and not result.diagnostics and not at:
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


def load_text(text: str, diagnostics: Diagnostics, path: str = "<spec>") -> Loaded:
    """Parse a spec held in memory (tests, the language server); `use` is not followed."""
    sources = SourceMap()
    source = sources.add(SourceFile(path, text))
    result = parse(source)
    diagnostics.extend(result.diagnostics)
    program = ir.Program(decls=result.decls, span=Span(path, 0, 0))
    return Loaded(program, sources, {path: result.comments})
