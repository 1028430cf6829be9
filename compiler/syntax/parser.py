"""Parsing one `.djs` source into IR declarations, reporting every syntax error.

LALR stops at the first error, so recovery happens at declaration boundaries: the
declaration that holds the error is blanked out (keeping every line break, so spans
stay valid) and the file is parsed again, until it parses or a cap is reached.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from dataclasses import dataclass
from functools import cache

from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from djsc.diagnostics import codes
from djsc.diagnostics.model import Diagnostic
from djsc.ir import nodes as ir
from djsc.source import SourceFile, Span
from djsc.syntax.errors import syntax_diagnostic
from djsc.syntax.to_ir import ToIR

MAX_NESTING = 64
MAX_SYNTAX_ERRORS = 25
TOP_LEVEL_KEYWORDS = (
    "use",
    "app",
    "enum",
    "entity",
    "relation",
    "command",
    "event",
    "query",
    "channel",
)
_DECL_START = re.compile(r"^(?:" + "|".join(TOP_LEVEL_KEYWORDS) + r")\b", re.MULTILINE)


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


@cache
def _parser() -> Lark:
    return Lark.open_from_package(
        "djsc.grammar",
        "djs.lark",
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=False,
        lexer_callbacks={"COMMENT": _keep_comment, "BLOCK_COMMENT": _keep_comment},
    )


def parse(source: SourceFile) -> ParseResult:
    """Parse `source`; never raises on bad input."""
    text = source.text
    too_deep = _nesting_error(source)
    if too_deep is not None:
        return ParseResult((), (), (too_deep,))
    diagnostics: list[Diagnostic] = []
    for _ in range(MAX_SYNTAX_ERRORS + 1):
        comments: list[Comment] = []
        try:
            tree = _parse_collecting(text, source.path, comments)
        except UnexpectedInput as err:
            diagnostics.append(syntax_diagnostic(err, source, text))
            blanked = _blank_declaration(text, _error_offset(err, text))
            if blanked == text:
                break
            text = blanked
            continue
        decls = ToIR(source.path).transform(tree)
        decls = _attach_docs(decls, comments, source)
        return ParseResult(tuple(decls), tuple(comments), tuple(diagnostics))
    return ParseResult((), (), tuple(diagnostics))


def _parse_collecting(text: str, path: str, comments: list[Comment]):
    tokens: list[Token] = []
    _SINK.tokens = tokens
    try:
        return _parser().parse(text)
    finally:
        _SINK.tokens = None
        comments.extend(Comment(Span(path, t.start_pos, t.end_pos), str(t)) for t in tokens)


def _error_offset(err: UnexpectedInput, text: str) -> int:
    if isinstance(err, UnexpectedEOF):
        return len(text)
    if isinstance(err, UnexpectedToken) and err.token.type == "$END":
        return len(text)
    pos = getattr(err, "pos_in_stream", None)
    return len(text) if pos is None else pos


def _blank_declaration(text: str, offset: int) -> str:
    """`text` with the declaration around `offset` replaced by spaces."""
    starts = [m.start() for m in _DECL_START.finditer(text)]
    before = [s for s in starts if s <= offset]
    after = [s for s in starts if s > offset]
    start = before[-1] if before else 0
    end = after[0] if after else len(text)
    if start == end:
        return text
    chunk = re.sub(r"[^\n]", " ", text[start:end])
    return text[:start] + chunk + text[end:]


def _nesting_error(source: SourceFile) -> Diagnostic | None:
    # The transformer and every later pass recurse over expressions; refusing absurd
    # nesting up front keeps recursion bounded whatever the input.
    depth = 0
    in_string = False
    text = source.text
    i = 0
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch in '"\n':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "/" and text.startswith("//", i):
            nl = text.find("\n", i)
            i = len(text) if nl < 0 else nl
            continue
        elif ch in "([{":
            depth += 1
            if depth > MAX_NESTING:
                span = Span(source.path, i, i + 1)
                return codes.NESTING_TOO_DEEP.at(
                    span, "too deep here", limit=MAX_NESTING
                ).with_help("split the expression or declaration into smaller parts")
        elif ch in ")]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def _attach_docs(decls, comments: list[Comment], source: SourceFile):
    """Attach each `///` block to the declaration, field or enum member right below it."""
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

    def doc_for(node) -> str:
        line, _ = source.line_col(node.span.start)
        return docs.get(line, "")

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
