"""Tree-less parsing: lark calls these callbacks on every LALR reduction.

Building a lark tree and then transforming it costs more than half of parsing a
large spec.  Instead the parser calls one callback per rule, with all tokens kept
(`keep_all_tokens`), so a rule's span can run from its first keyword to its closing
brace without lark's slower position propagation; the callback drops punctuation
and keywords and hands the rest to the matching `ToIR` method.
"""

from __future__ import annotations

from djsc import ir
from djsc.source import Span
from djsc.syntax.to_ir import _BINARY_ALIASES, TOKEN_TYPES, ToIR

# Building a lark tree and then transforming it costs more than half of parsing a
# large spec.  Instead the LALR parser calls these callbacks on every reduction,
# with all tokens kept (`keep_all_tokens`), so a rule's span can run from its first
# keyword to its closing brace without lark's slower position propagation.

# Named terminals whose text the conversion needs; every other token is punctuation
# or a keyword and is dropped before a rule method sees its children.
_KEPT_TOKENS = frozenset(
    {
        "NAME",
        "FIELD_NAME",
        "STRING",
        "NUMBER",
        "DURATION",
        "RATE",
        "COMPARE",
        "ADD_OP",
        "MUL_OP",
        "ASSIGN_OP",
        "OPTIONAL",
        "DESC",
        "MANY",
        "UNIQUE_GROUP",
        "INDEX_GROUP",
    }
)


class _Tuple(tuple):
    """A rule's tuple result that remembers where its text starts and ends (its
    closing `)` may hold no node of its own); it equals the plain tuple."""

    edges: tuple[int | None, int | None] = (None, None)


class _List(list):
    edges: tuple[int | None, int | None] = (None, None)


def _first(children) -> int | None:
    """Where the first child with a position starts.

    `_first` and `_last` mirror each other instead of sharing one function with a
    direction flag: they run on every reduction, and the flag's branches cost a
    measurable share of parsing a large spec."""
    for child in children:
        kind = type(child)
        if kind in TOKEN_TYPES:
            return child.start_pos
        if kind is _Tuple or kind is _List:
            if child.edges[0] is not None:
                return child.edges[0]
        elif kind is tuple or kind is list:
            found = _first(child)
            if found is not None:
                return found
        elif kind is not str:
            return child.span.start
    return None


def _last(children) -> int | None:
    for child in reversed(children):
        kind = type(child)
        if kind in TOKEN_TYPES:
            return child.end_pos
        if kind is _Tuple or kind is _List:
            if child.edges[1] is not None:
                return child.edges[1]
        elif kind is tuple or kind is list:
            found = _last(child)
            if found is not None:
                return found
        elif kind is not str:
            return child.span.end
    return None


class InlineIR:
    """The lark `transformer=` object: one callback per rule name and alias."""

    def __init__(self, rule_names) -> None:
        self.ir = ToIR("")
        for name in rule_names:
            setattr(self, name, self._callback(name))

    def set_file(self, file: str) -> None:
        self.ir.file = file

    def _callback(self, name: str):
        method = ToIR.__dict__.get(name)
        convert = self.ir

        def span_of(children) -> Span:
            start, end = _first(children), _last(children)
            if start is None or end is None:
                return Span(convert.file, 0, 0)
            return Span(convert.file, start, end)

        def kept(children) -> list:
            return [c for c in children if type(c) not in TOKEN_TYPES or c.type in _KEPT_TOKENS]

        if name in _BINARY_ALIASES:
            op = _BINARY_ALIASES[name]

            def binary(children):
                left, right = kept(children)
                return ir.Binary(
                    op=op, left=left, right=right, span=convert._span(span_of(children))
                )

            return binary
        base = getattr(method, "base_func", None)
        if base is not None:  # a @v_args(meta=True) method
            return lambda children: base(convert, span_of(children), kept(children))
        if method is not None:

            def plain(children):
                result = method(convert, kept(children))
                if type(result) is tuple or type(result) is list:
                    result = (_Tuple if type(result) is tuple else _List)(result)
                    result.edges = (_first(children), _last(children))
                return result

            return plain

        def passthrough(children):  # `?atom: "(" expr ")"` and friends
            rest = kept(children)
            if len(rest) != 1:
                raise AssertionError(f"rule {name!r} has no conversion")
            return rest[0]

        return passthrough
