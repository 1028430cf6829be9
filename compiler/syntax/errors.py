"""Lark's parse errors, turned into diagnostics that speak in words, not token names."""

from __future__ import annotations

from functools import cache

from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from djsc.diagnostics import codes
from djsc.diagnostics.model import Diagnostic
from djsc.source import SourceFile, Span
from djsc.syntax import recovery
from djsc.syntax.hints import SyntaxContext, character_hint, token_hint

# Regex terminals have no text to show; these are their names in prose.
_NAMED_TERMINALS = {
    "NAME": "a name",
    "FIELD_NAME": "a field like `name: Type`",
    "STRING": "a string",
    "NUMBER": "a number",
    "DURATION": "a duration like `15m`",
    "RATE": "a rate like `100/hour`",
    "COMPARE": "a comparison",
    "ADD_OP": "`+` or `-`",
    "MUL_OP": "`*`, `/` or `%`",
    "ASSIGN_OP": "`=`, `+=` or `-=`",
    "UNIQUE_GROUP": "`unique (…)`",
    "INDEX_GROUP": "`index (…)`",
    "$END": "the end of the file",
}

# Long expected-sets read as noise; a group of them is named as a whole once
# `at_least` of its members are expected.  Order matters: earlier groups win.
_GROUPS: tuple[tuple[str, frozenset[str], int], ...] = (
    (
        "a declaration (`entity`, `enum`, `relation`, …)",
        frozenset(f"`{k}`" for k in recovery.TOP_LEVEL_KEYWORDS),
        5,
    ),
    (
        "a modifier such as `unique` or `min(…)`",
        frozenset(
            "`unique` `search` `filter` `order` `index` `min` `max` `length` `pattern` "
            "`choices` `primary` `was`".split()
        ),
        4,
    ),
    (
        "another member",
        frozenset(
            {
                "a field like `name: Type`",
                "`unique (…)`",
                "`index (…)`",
                "`allow`",
                "`check`",
                "`ordering`",
                "`timestamps`",
                "`soft_delete`",
                "a name",
            }
        ),
        5,
    ),
    (
        "another clause",
        frozenset(
            f"`{k}`"
            for k in "allow input require set emit where order limit path broadcast".split()
        ),
        3,
    ),
    (
        "an operator",
        frozenset(
            {
                "a comparison",
                "`+` or `-`",
                "`*`, `/` or `%`",
                "`and`",
                "`or`",
                "`in`",
                "`not`",
                "`??`",
                "`.`",
            }
        ),
        3,
    ),
    (
        "a value",
        frozenset(
            {
                "a name",
                "a number",
                "a string",
                "a duration like `15m`",
                "`(`",
                "`[`",
                "`-`",
                "`not`",
                "`if`",
            }
        ),
        4,
    ),
)
# Closers read best at the end of the list: "expected a value or `)`".
_LAST = ("`,`", "`}`", "`)`", "`]`", "the end of the file")
_MAX_LISTED = 6
_MAX_SHOWN = 40  # characters of an offending token quoted in a message


@cache
def _terminal_texts() -> dict[str, str]:
    from djsc.syntax.parser import _parser

    return {
        term.name: f"`{term.pattern.value}`"
        for term in _parser().terminals
        if term.pattern.type == "str"
    }


def describe_terminal(name: str) -> str:
    return _NAMED_TERMINALS.get(name) or _terminal_texts().get(name) or name.lower()


def expected_words(expected) -> str:
    """`expected` terminals as one phrase: "a value, an operator or `)`"."""
    words = {describe_terminal(t) for t in expected}
    phrases: list[str] = []
    for phrase, members, at_least in _GROUPS:
        found = words & members
        if len(found) >= min(at_least, len(members)):
            phrases.append(phrase)
            words -= members
    rest = sorted(w for w in words if w not in _LAST)
    # Names and fields first: they are what people most often forget.
    rest.sort(key=lambda w: not w.startswith("a "))
    items = phrases + rest + [w for w in _LAST if w in words]
    if len(items) > _MAX_LISTED:
        items = items[: _MAX_LISTED - 1] + ["…"]
    if not items:
        return "nothing more here"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]


def shorten(text: str, limit: int = _MAX_SHOWN) -> str:
    """`text` cut to `limit` characters, so a 100k-character token stays readable."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def expected_terminals(err: UnexpectedInput) -> set[str]:
    """The terminals that can really follow; LALR's merged states list spurious ones."""
    parser = getattr(err, "interactive_parser", None)
    if parser is not None:
        try:
            accepted = parser.accepts()
        except Exception:  # noqa: BLE001 - a better list is a nicety, never a crash
            accepted = None
        if accepted:
            return {t for t in accepted if t != "$END"} | ({"$END"} & set(accepted))
    return set(getattr(err, "expected", None) or getattr(err, "allowed", None) or ())


def is_end_of_input(err: UnexpectedInput) -> bool:
    return isinstance(err, UnexpectedEOF) or (
        isinstance(err, UnexpectedToken) and err.token.type == "$END"
    )


def error_offset(err: UnexpectedInput, end: int) -> int:
    """Where `err` happened; `end` for the end of the parsed text."""
    if is_end_of_input(err):
        return end
    if isinstance(err, UnexpectedToken):
        return err.token.start_pos
    pos = getattr(err, "pos_in_stream", None)
    return end if pos is None else pos


def syntax_diagnostic(
    err: UnexpectedInput, source: SourceFile, text: str, end: int | None = None
) -> Diagnostic:
    """The diagnostic for one lark error, with a hint where a common slip is recognised.

    `text` is what was parsed (parts may be blanked); `end` is where that text ends
    for the parser, when only a prefix of the file was parsed.
    """
    end = len(text) if end is None else end
    if isinstance(err, UnexpectedCharacters):
        return _bad_character(err, source, text)
    expected = expected_terminals(err)
    if is_end_of_input(err):
        if end < len(text.rstrip()):
            return _cut_off(source, text, end, expected)
        return _end_of_file(source, text, end, expected)
    assert isinstance(err, UnexpectedToken)
    tok = err.token
    start = tok.start_pos
    if tok.type == "MUL_OP" and text.startswith("/*", start):
        return _unterminated_comment(source, start)
    span = Span(source.path, start, max(tok.end_pos, start + 1))
    diag = codes.UNEXPECTED_TOKEN.at(
        span, f"expected {expected_words(expected)}", found=f"`{shorten(str(tok))}`"
    )
    ctx = SyntaxContext(text, start, str(tok), tok.type, frozenset(expected))
    return diag.with_help(token_hint(ctx))


def _end_of_file(source: SourceFile, text: str, end: int, expected: set[str]) -> Diagnostic:
    diag = codes.UNEXPECTED_EOF.at(Span(source.path, end, end), "the file ends here")
    if expected:
        diag = diag.with_note(f"expected {expected_words(expected)}")
    parts = recovery.chunks(text)
    brace = recovery.open_brace_before(text, parts[recovery.chunk_at(parts, end)].start, end)
    if brace is not None:
        diag = diag.with_label(Span(source.path, brace, brace + 1), "this `{` is never closed")
        return diag.with_help("add the matching `}`")
    return diag.with_help("the last declaration is incomplete")


def _cut_off(source: SourceFile, text: str, end: int, expected: set[str]) -> Diagnostic:
    """A declaration that stops where the next one starts (`entity A` then `entity B`)."""
    word = text[end:].split(None, 1)[0] if text[end:].strip() else ""
    start = end + (len(text[end:]) - len(text[end:].lstrip()))
    span = Span(source.path, start, start + max(1, len(word)))
    diag = codes.UNEXPECTED_TOKEN.at(
        span, f"expected {expected_words(expected)}", found=f"`{shorten(word)}`"
    )
    return diag.with_help("the declaration before this one is incomplete")


def unterminated_block(source: SourceFile, brace: int, next_start: int, keyword: str):
    """The diagnostic for a `{` whose declaration runs into the next one."""
    diag = codes.UNTERMINATED.at(
        Span(source.path, brace, brace + 1), "this `{` is never closed", what="block"
    )
    if keyword:
        diag = diag.with_label(
            Span(source.path, next_start, next_start + len(keyword)),
            "the next declaration starts here, inside the block",
        )
    return diag.with_help("add the matching `}` before the next declaration")


def swallowed_declaration(source: SourceFile, chunk, keyword: str) -> Diagnostic:
    """A declaration read as part of the unfinished one above it."""
    word = chunk.keyword or "this"
    span = Span(source.path, chunk.start, chunk.start + max(1, len(chunk.keyword)))
    diag = codes.UNEXPECTED_TOKEN.at(
        span, f"read as part of the `{keyword}` above", found=f"`{word}`"
    )
    return diag.with_help(f"the `{keyword}` declaration before this one is incomplete")


def _unterminated_comment(source: SourceFile, start: int) -> Diagnostic:
    return codes.UNTERMINATED.at(
        Span(source.path, start, start + 2), "this comment is never closed", what="comment"
    ).with_help("close the comment with `*/`")


def _bad_character(err: UnexpectedCharacters, source: SourceFile, text: str) -> Diagnostic:
    pos = err.pos_in_stream
    char = text[pos] if pos < len(text) else ""
    span = Span(source.path, pos, pos + 1)
    if char == '"':
        line_end = text.find("\n", pos)
        end = len(text) if line_end < 0 else line_end
        return codes.UNTERMINATED.at(
            Span(source.path, pos, max(end, pos + 1)), "this string is never closed", what="string"
        ).with_help('close the string with `"` before the end of the line')
    if text.startswith("/*", pos):
        return _unterminated_comment(source, pos)
    shown = repr(char) if not char.isprintable() or char.isspace() else f"`{char}`"
    diag = codes.UNEXPECTED_CHARACTER.at(span, "not part of the language", char=shown)
    expected = expected_terminals(err)
    if expected:
        diag = diag.with_note(f"expected {expected_words(expected)}")
    ctx = SyntaxContext(text, pos, char, "CHAR", frozenset(expected))
    return diag.with_help(character_hint(ctx))
