"""parse → resolve → check → lower: the front end, without any file output."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field

from djsc.diagnostics import codes
from djsc.diagnostics.model import Diagnostics
from djsc.ir import nodes as ir
from djsc.loader import DISK, FileSystem, Loaded, load, load_text
from djsc.passes import CHECKS, PIPELINE, PassContext, run
from djsc.source import SourceMap, Span
from djsc.syntax.parser import Comment


@dataclass
class Compilation:
    """The result of compiling one spec: the lowered program and what was said."""

    program: ir.Program
    diagnostics: Diagnostics
    sources: SourceMap
    ctx: PassContext | None = None
    parsed: ir.Program | None = None  # before any pass ran, for the formatter and tools
    comments: dict[str, tuple[Comment, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors()


def _finish(loaded: Loaded, diagnostics: Diagnostics, lower: bool = True) -> Compilation:
    parsed = loaded.program
    result = Compilation(
        parsed, diagnostics, loaded.sources, parsed=parsed, comments=loaded.comments
    )
    if diagnostics.has_errors():
        _check_around_syntax_errors(parsed, diagnostics)
        return result
    ctx = PassContext(diagnostics)
    try:
        result.program = run(parsed, ctx, PIPELINE if lower else CHECKS)
    except RecursionError:
        span = parsed.decls[0].span if parsed.decls else Span("<spec>", 0, 0)
        diagnostics.report(codes.INTERNAL_ERROR.at(span, reason="the spec is nested too deeply"))
    result.ctx = ctx
    return result


# What the checks may say wrongly after a syntax error: the parser dropped the broken
# declaration, so every reference to it, and every use it held, looks missing.
_DEPENDS_ON_DROPPED = frozenset(
    c.id
    for c in (
        codes.UNKNOWN_TYPE,
        codes.UNKNOWN_ENTITY,
        codes.UNKNOWN_ENUM_MEMBER,
        codes.UNKNOWN_EVENT,
        codes.UNKNOWN_FIELD,
        codes.UNKNOWN_NAME,
        codes.UNKNOWN_ROLE,
        codes.UNUSED_ENUM,
        codes.UNUSED_EVENT,
        codes.UNKNOWN_ENTITY_CHANGE,
    )
)


def _check_around_syntax_errors(parsed: ir.Program, diagnostics: Diagnostics) -> None:
    """Run the checks on the declarations that did parse, so one run reports a typo in
    an option beside a syntax error elsewhere; what may stem from a dropped
    declaration is left out, and a check that trips over the partial program adds
    nothing (the syntax errors already fail the compilation)."""
    found = Diagnostics()
    try:
        run(parsed, PassContext(found), CHECKS)
    except Exception:  # noqa: BLE001 - best effort beside errors already reported
        return
    for diagnostic in found.sorted():
        if diagnostic.code not in _DEPENDS_ON_DROPPED:
            diagnostics.report(diagnostic)


@contextmanager
def _no_cyclic_gc():
    # A compilation allocates a few hundred thousand small, acyclic objects (tokens,
    # IR nodes, tuples); the cyclic collector would rescan them again and again,
    # which cost about a third of the time of a 1,000-entity spec (bench/).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def compile_files(paths: list[str], *, lower: bool = True, fs: FileSystem = DISK) -> Compilation:
    """Compile specs; with `lower=False` only the checks run (what `djsc check`
    needs), and `program` is the checked but unlowered program."""
    diagnostics = Diagnostics()
    with _no_cyclic_gc():
        return _finish(load(paths, diagnostics, fs), diagnostics, lower)


def compile_source(text: str, path: str = "spec.djs", fs: FileSystem = DISK) -> Compilation:
    """Compile `text` as if it were the file `path`; its `use`s are read through `fs`."""
    diagnostics = Diagnostics()
    with _no_cyclic_gc():
        return _finish(load_text(text, diagnostics, path, fs), diagnostics)
