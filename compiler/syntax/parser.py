"""Parsing one `.djs` source into IR declarations, reporting every syntax error.

A file without errors is parsed once, as a whole.  LALR stops at the first error,
so a file with errors is parsed again in segments: the top-level declaration at
fault (see `recovery.py` for how it is found) is skipped, the text before it is
parsed on its own, and parsing goes on after it.  Each part of the file is parsed
at most twice, so a large file with many errors stays linear, and each broken
declaration yields exactly one error, never a cascade.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import re
import threading
from dataclasses import dataclass
from functools import cache

from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from djsc.diagnostics import codes
from djsc.diagnostics.model import Diagnostic
from djsc.ir import nodes as ir
from djsc.source import SourceFile, Span
from djsc.syntax import recovery
from djsc.syntax.errors import (
    error_offset,
    is_end_of_input,
    swallowed_declaration,
    syntax_diagnostic,
    unterminated_block,
)
from djsc.syntax.inline import InlineIR
from djsc.syntax.recovery import TOP_LEVEL_KEYWORDS

MAX_NESTING = 64
MAX_SYNTAX_ERRORS = 25


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment as written; `doc` for `///` comments."""

    span: Span
    text: str

    @property
    def doc(self) -> bool:
        return self.text.startswith("///") and not self.text.startswith("////")


@dataclass(frozen=True, slots=True)
class ParseResult:
    decls: tuple[ir.Decl, ...]
    comments: tuple[Comment, ...]
    diagnostics: tuple[Diagnostic, ...]


class _CommentSink(threading.local):
    """Where the lexer callback puts comments of the parse running on this thread."""

    tokens: list[Token] | None = None


_SINK = _CommentSink()


def _keep_comment(tok: Token) -> Token:
    if _SINK.tokens is not None:
        _SINK.tokens.append(tok)
    return tok


class _ParserSlot(threading.local):
    """One parser per thread: the inline callbacks carry the current file name."""

    parser: Lark | None = None
    callbacks: InlineIR | None = None
    fast: Lark | None = None
    fast_callbacks: InlineIR | None = None


_SLOT = _ParserSlot()


def _options() -> dict:
    return dict(
        parser="lalr",
        lexer="contextual",
        maybe_placeholders=False,
        lexer_callbacks={"COMMENT": _keep_comment, "BLOCK_COMMENT": _keep_comment},
    )


@cache
def _grammar_rules() -> tuple[str, ...]:
    plain = Lark.open_from_package("djsc.grammar", "djs.lark", **_options())
    # Rules named `_x` (and lark's `__x_star_n` helpers) are spliced into their parent
    # as trees, so they must keep lark's default tree builder.
    names = {r.alias or r.origin.name for r in plain.rules}
    return tuple(sorted(n for n in names if not n.startswith("_")))


def _parser() -> Lark:
    """This thread's parser, which builds IR nodes directly as it reduces."""
    if _SLOT.parser is None:
        _SLOT.callbacks = InlineIR(_grammar_rules())
        _SLOT.parser = Lark.open_from_package(
            "djsc.grammar",
            "djs.lark",
            keep_all_tokens=True,
            transformer=_SLOT.callbacks,
            **_options(),
        )
    return _SLOT.parser


def _fast_parser() -> Lark | None:
    """This thread's Cython parser (lark-cython), or None where it is unavailable.

    It parses valid specs in about 70% of the time of lark's own LALR parser but its
    error objects lack what `errors.py` needs (the interactive parser), so it is
    only the fast path: any failure re-parses with `_parser()`, which reports."""
    if os.environ.get("DJSC_PURE_PARSER"):
        return None
    if _SLOT.fast is None:
        try:
            import lark_cython
        except ImportError:  # pragma: no cover - optional accelerator
            return None
        _SLOT.fast_callbacks = InlineIR(_grammar_rules())
        _SLOT.fast = Lark.open_from_package(
            "djsc.grammar",
            "djs.lark",
            keep_all_tokens=True,
            transformer=_SLOT.fast_callbacks,
            _plugins=lark_cython.plugins,
            **_options(),
        )
    return _SLOT.fast


def parse(source: SourceFile) -> ParseResult:
    """Parse `source`; never raises on bad input."""
    # Parsing allocates hundreds of thousands of small acyclic objects (tokens, tree
    # nodes, IR); the cyclic collector would rescan them over and over, which costs
    # about half the parse time of a large spec (bench/bench_check.py).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(source)
    finally:
        if enabled:
            gc.enable()


def _parse(source: SourceFile) -> ParseResult:
    too_deep = _nesting_error(source)
    if too_deep is not None:
        return ParseResult((), (), (too_deep,))
    comments: list[Comment] = []
    fast = _fast_parser()
    if fast is not None:
        try:
            tree = _parse_collecting(source.text, source.path, comments, fast)
        except Exception:  # noqa: BLE001 - any failure: the pure parser will explain it
            comments = []
        else:
            return ParseResult(tuple(_attach_docs(tree, comments, source)), tuple(comments), ())
    try:
        tree = _parse_collecting(source.text, source.path, comments)
    except UnexpectedInput as err:
        return _parse_recovering(source, err)
    decls = _attach_docs(tree, comments, source)
    return ParseResult(tuple(decls), tuple(comments), ())


def _parse_recovering(source: SourceFile, first: UnexpectedInput) -> ParseResult:
    text = source.text
    parts = recovery.chunks(text)
    diagnostics: list[Diagnostic] = []
    comments: list[Comment] = []
    decls: list[ir.Decl] = []
    pending = [(0, len(text))]
    err: UnexpectedInput | None = first
    while pending:
        start, end = pending.pop(0)
        if not text[start:end].strip():
            continue
        if err is None:
            found: list[Comment] = []
            try:
                # Padding keeps lark's offsets equal to offsets in the file; a run of
                # spaces is one whitespace token, so it costs next to nothing.
                tree = _parse_collecting(" " * start + text[start:end], source.path, found)
            except UnexpectedInput as e:
                err = e
            else:
                comments.extend(found)
                decls.extend(tree)
                continue
        if len(diagnostics) >= MAX_SYNTAX_ERRORS:
            break
        diag, skip_from, skip_to = _locate(err, source, parts, start, end)
        err = None
        diagnostics.append(diag)
        if skip_to <= skip_from:  # no progress possible: give up on the rest of the segment
            skip_from, skip_to = start, end
        pending[:0] = [(a, b) for a, b in ((start, skip_from), (skip_to, end)) if a < b]
    decls = list(_attach_docs(tuple(decls), comments, source))
    return ParseResult(tuple(decls), tuple(comments), tuple(diagnostics))


def _locate(
    err: UnexpectedInput, source: SourceFile, parts: list[recovery.Chunk], start: int, end: int
) -> tuple[Diagnostic, int, int]:
    """The diagnostic for `err` in segment `[start, end)`, and the range to skip."""
    text = source.text
    offset = error_offset(err, end)
    if is_end_of_input(err):
        offset = max(start, end - 1)
    here = recovery.chunk_at(parts, offset)
    first = recovery.chunk_at(parts, start)
    # A `{` left open upstream makes the parser stumble over the declarations
    # after it; blame the `{`, not where the parser noticed.
    for i in range(first, here):
        chunk = parts[i]
        if chunk.open_braces:
            after = parts[i + 1]
            diag = unterminated_block(source, chunk.open_braces[-1], after.start, after.keyword)
            return diag, max(start, chunk.start), min(end, chunk.end)
    begun = _declaration_start(err)
    if begun is not None and start <= begun < parts[here].start:
        # `relation r A.b ->` then `entity C {`: the relation took `entity` as its
        # target and the parser stumbled over `C`; the relation is what is broken.
        culprit = parts[recovery.chunk_at(parts, begun)]
        diag = swallowed_declaration(source, parts[here], text[begun:].split(None, 1)[0])
        return diag, max(start, culprit.start), min(end, culprit.end)
    diag = syntax_diagnostic(err, source, text, end)
    if _is_comment_start(err, text):
        # The comment runs to the end of the file: nothing after it can be parsed.
        inside = recovery.open_brace_before(text, parts[here].start, offset) is not None
        return diag, max(start, parts[here].start) if inside else offset, end
    chunk = parts[here]
    if offset == chunk.start and here > first and not is_end_of_input(err):
        chunk = parts[here - 1]  # `entity A` then `entity B`: A is the one unfinished
    return diag, max(start, chunk.start), min(end, chunk.end)


_DECL_RULES = frozenset(
    ("use_decl", "app_decl", "enum_decl", "entity_decl", "relation_decl", "command_decl")
    + ("event_decl", "query_decl", "channel_decl")
)


def _declaration_start(err: UnexpectedInput) -> int | None:
    """Where the declaration the parser was in the middle of began, if known."""
    parser = getattr(err, "interactive_parser", None)
    if parser is None:
        return None
    begun = None
    for value in reversed(parser.parser_state.value_stack):
        data = getattr(value, "data", None)
        if data in _DECL_RULES or str(data).startswith("__start"):
            break  # a finished declaration: the one in progress started after it
        pos = getattr(value, "start_pos", None)
        if pos is None:
            meta = getattr(value, "_meta", None)
            pos = None if meta is None or meta.empty else meta.start_pos
        if isinstance(pos, int):
            begun = pos
    return begun


def _is_comment_start(err: UnexpectedInput, text: str) -> bool:
    if isinstance(err, UnexpectedToken) and not is_end_of_input(err):
        return text.startswith("/*", err.token.start_pos)
    if isinstance(err, UnexpectedCharacters):
        return text.startswith("/*", err.pos_in_stream)
    return False


def _parse_collecting(text: str, path: str, comments: list[Comment], parser: Lark | None = None):
    tokens: list[Token] = []
    _SINK.tokens = tokens
    if parser is None:
        parser = _parser()
    callbacks = _SLOT.fast_callbacks if parser is _SLOT.fast else _SLOT.callbacks
    assert callbacks is not None
    callbacks.set_file(path)
    try:
        return parser.parse(text)
    finally:
        _SINK.tokens = None
        # The end is computed, not read: the Cython lexer fills `end_pos` only after
        # lexer callbacks have run.
        comments.extend(
            Comment(Span(path, t.start_pos, t.start_pos + len(str(t))), str(t)) for t in tokens
        )


# Only brackets, strings and line comments matter for nesting; scanning for them
# with one regex keeps this linear and fast on multi-megabyte files.
_NESTING_TOKENS = re.compile(r'"(?:\\.|[^"\\\n])*"?|//[^\n]*|[(\[{]|[)\]}]')


def _nesting_error(source: SourceFile) -> Diagnostic | None:
    # Every later pass recurses over expressions; refusing absurd nesting up front
    # keeps recursion bounded whatever the input.
    depth = 0
    for match in _NESTING_TOKENS.finditer(source.text):
        ch = match.group()[0]
        if ch in "([{":
            depth += 1
            if depth > MAX_NESTING:
                span = Span(source.path, match.start(), match.start() + 1)
                return codes.NESTING_TOO_DEEP.at(
                    span, "too deep here", limit=MAX_NESTING
                ).with_help("split the expression or declaration into smaller parts")
        elif ch in ")]}":
            depth = max(0, depth - 1)
    return None


def _attach_docs(decls, comments: list[Comment], source: SourceFile):
    """Attach each `///` block to the declaration, field, enum member or relation end
    right below it."""
    docs: dict[int, str] = {}  # line of the documented construct -> doc text
    block: list[str] = []
    last_line = -2
    for c in comments:
        if not c.doc:
            block, last_line = [], -2
            continue
        line, _ = source.line_col(c.span.start)
        if line != last_line + 1:
            block = []
        block.append(c.text[3:].strip())
        last_line = line
        docs[line + 1] = "\n".join(block)
        docs.pop(line, None)
    if not docs:
        return decls

    def doc_for(node, lead: str = "") -> str:
        # A doc documents the one construct that starts the next line, so a layout
        # change (one line or several) never moves it onto another construct.  Only
        # `lead` may come before it there (the `->` before a relation's target end).
        line, col = source.line_col(node.span.start)
        if source.line_text(line)[: col - 1].strip() not in ("", lead or ""):
            return ""
        return docs.pop(line, "")

    out = []
    for decl in decls:
        decl = _with_doc(decl, doc_for(decl))
        if isinstance(decl, ir.Entity):
            members = tuple(
                _with_doc(m, doc_for(m)) if isinstance(m, ir.Field) else m for m in decl.members
            )
            decl = _replace(decl, members=members)
        elif isinstance(decl, ir.Event):
            decl = _replace(decl, fields=tuple(_with_doc(f, doc_for(f)) for f in decl.fields))
        elif isinstance(decl, ir.Relation):
            decl = _replace(
                decl,
                source=_with_doc(decl.source, doc_for(decl.source)),
                target=_with_doc(decl.target, doc_for(decl.target, "->")),
            )
        elif isinstance(decl, ir.Enum):
            decl = _replace(decl, members=tuple(_with_doc(m, doc_for(m)) for m in decl.members))
        elif isinstance(decl, (ir.Command, ir.Query)):
            items = tuple(
                _replace(i, fields=tuple(_with_doc(f, doc_for(f)) for f in i.fields))
                if isinstance(i, ir.InputBlock)
                else i
                for i in decl.items
            )
            decl = _replace(decl, items=items)
        out.append(decl)
    return tuple(out)


def _with_doc(node, doc: str):
    return _replace(node, doc=doc) if doc else node


def _replace(node, **changes):
    return dataclasses.replace(node, **changes)


__all__ = ["parse", "ParseResult", "Comment", "TOP_LEVEL_KEYWORDS", "UnexpectedCharacters"]
