"""Lark's parse errors, turned into diagnostics that speak in words, not token names."""

from __future__ import annotations

from functools import cache

from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from djsc.diagnostics import codes
from djsc.diagnostics.model import Diagnostic
from djsc.source import SourceFile, Span

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
    "OPTIONAL": "`?`",
    "DESC": "`-`",
    "MANY": "`[]`",
    "$END": "end of file",
}
_MAX_LISTED = 8


@cache
def _terminal_texts() -> dict[str, str]:
    from djsc.syntax.parser import _parser

    texts = {}
    for term in _parser().terminals:
        if term.pattern.type == "str":
            texts[term.name] = f"`{term.pattern.value}`"
    return texts


def describe_terminal(name: str) -> str:
    return _NAMED_TERMINALS.get(name) or _terminal_texts().get(name) or name.lower()


def expected_words(expected) -> str:
    words = sorted({describe_terminal(t) for t in expected})
    # Names and fields first: they are what people most often forget.
    words.sort(key=lambda w: (not w.startswith("a "), w))
    if len(words) > _MAX_LISTED:
        words = words[:_MAX_LISTED] + ["…"]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def syntax_diagnostic(err: UnexpectedInput, source: SourceFile, text: str) -> Diagnostic:
    """The diagnostic for one lark error, with a hint where a common slip is recognised."""
    if isinstance(err, UnexpectedCharacters):
        return _bad_character(err, source, text)
    if isinstance(err, UnexpectedEOF) or (
        isinstance(err, UnexpectedToken) and err.token.type == "$END"
    ):
        expected = getattr(err, "expected", ()) or ()
        end = len(text)
        diag = codes.UNEXPECTED_EOF.at(Span(source.path, end, end), "the file ends here")
        if expected:
            diag = diag.with_note(f"expected {expected_words(expected)}")
        if "RBRACE" in expected:
            diag = diag.with_help("a `{` is never closed; add the matching `}`")
        return diag
    assert isinstance(err, UnexpectedToken)
    tok = err.token
    span = Span(source.path, tok.start_pos, max(tok.end_pos, tok.start_pos + 1))
    found = f"`{tok}`" if str(tok) else describe_terminal(tok.type)
    expected = set(err.expected)
    diag = codes.UNEXPECTED_TOKEN.at(span, f"expected {expected_words(expected)}", found=found)
    return diag.with_help(_hint(tok, expected, text))


def _hint(tok, expected: set[str], text: str) -> str | None:
    value = str(tok)
    if (
        tok.type == "COLON"
        and "NAME" not in expected
        and _previous_word(text, tok.start_pos) == "allow"
    ):
        return "in commands, queries and channels the rule follows `allow` directly: `allow authenticated`"
    if tok.type == "FIELD_NAME" and "FIELD_NAME" not in expected:
        return f"fields belong inside an `entity`, `event` or `input` block; `{value}:` is out of place here"
    if tok.type == "NAME" and "FIELD_NAME" in expected:
        return f"a field needs a colon and a type: `{value}: String(100)`"
    if "NAME" in expected and tok.type not in ("NAME", "FIELD_NAME") and value.isidentifier():
        return f"`{value}` is a keyword here; choose another name"
    if tok.type == "RBRACE" and ("COLON" in expected or "EQUAL" in expected):
        return "the block ends before the declaration is complete"
    if tok.type in ("LBRACE",) and "NAME" in expected:
        return "a name is missing before `{`"
    return None


def _previous_word(text: str, pos: int) -> str:
    before = text[:pos].rstrip()
    word = []
    for ch in reversed(before):
        if ch.isalnum() or ch == "_":
            word.append(ch)
        else:
            break
    return "".join(reversed(word))


def _bad_character(err: UnexpectedCharacters, source: SourceFile, text: str) -> Diagnostic:
    pos = err.pos_in_stream
    char = text[pos] if pos < len(text) else ""
    span = Span(source.path, pos, pos + 1)
    if char == '"':
        line_end = text.find("\n", pos)
        end = len(text) if line_end < 0 else line_end
        return codes.UNTERMINATED.at(
            Span(source.path, pos, max(end, pos + 1)), "this string is never closed", what="string"
        ).with_help('close the string with `"` on the same line')
    if text.startswith("/*", pos):
        return codes.UNTERMINATED.at(
            span, "this comment is never closed", what="comment"
        ).with_help("close the comment with `*/`")
    shown = repr(char) if not char.isprintable() or char.isspace() else f"`{char}`"
    diag = codes.UNEXPECTED_CHARACTER.at(span, "not part of the language", char=shown)
    allowed = getattr(err, "allowed", None)
    if allowed:
        diag = diag.with_note(f"expected {expected_words(allowed)}")
    if char == "@":
        diag = diag.with_help("modifiers are plain words: write `unique`, not `@unique`")
    elif char == ";":
        diag = diag.with_help("no `;` is needed; members are separated by whitespace")
    elif char == "'":
        diag = diag.with_help('strings use double quotes: "text"')
    return diag
