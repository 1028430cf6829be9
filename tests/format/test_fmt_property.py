"""Property: for any generated spec, `fmt` is idempotent, keeps the program and
keeps every comment.

Specs are generated as text with random layout: entities with random fields,
types, modifiers and defaults, enums, relations, events, commands and queries with
random expressions (over-parenthesised on purpose, so the printer's minimal
parentheses are exercised), and comments sprinkled between members and inside
expressions.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from djsc.format.printer import format_source
from djsc.ir import nodes as ir
from djsc.source import SourceFile
from djsc.syntax.parser import parse

GRAMMAR = Path(__file__).resolve().parents[2] / "grammar" / "djs.lark"
KEYWORDS = set(re.findall(r'"([a-z_]+)"', GRAMMAR.read_text())) | {"apply"}

names = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(lambda s: s not in KEYWORDS)
type_names = st.from_regex(r"[A-Z][a-z]{0,5}", fullmatch=True)

# Separators between members: spaces, newlines, blank lines and comments.
line_comment = st.from_regex(r"// ?[a-z ]{0,12}", fullmatch=True)
block_comment = st.from_regex(r"/\* ?[a-z \n]{0,12}\*/", fullmatch=True)
doc_comment = st.from_regex(r"/// ?[a-z ]{0,12}", fullmatch=True)
separator = st.one_of(
    st.sampled_from([" ", "\n", "\n\n", "\n  ", "\n\n\n"]),
    line_comment.map(lambda c: f"  {c}\n"),
    block_comment.map(lambda c: f" {c} "),
    doc_comment.map(lambda c: f"\n{c}\n"),
)
# Inside an expression only plain comments (a doc there documents nothing).
inner_separator = st.one_of(
    st.just(" "), line_comment.map(lambda c: f" {c}\n"), block_comment.map(lambda c: f" {c} ")
)

literals = st.one_of(
    st.integers(0, 999).map(str),
    st.sampled_from(['"text"', '"a \\"q\\""', "1.5", "15m", "7d"]),
)
atoms = st.one_of(
    names,
    st.lists(names, min_size=2, max_size=3).map(".".join),
    literals,
    names.map(lambda n: f"{n}()"),
)


def _compound(children):
    def paren(s: str, force: bool) -> str:
        return f"({s})" if force else s

    binary = st.tuples(
        children,
        st.sampled_from(["??", "or", "and", "==", "!=", "<", ">=", "+", "-", "*", "/", "%"]),
        children,
        inner_separator,
    ).map(lambda t: f"({t[0]}) {t[1]}{t[3]}({t[2]})")
    membership = st.tuples(
        children, st.sampled_from(["in", "not in"]), st.lists(children, max_size=2)
    ).map(lambda t: f"({t[0]}) {t[1]} [{', '.join(t[2])}]")
    unary = st.tuples(st.sampled_from(["not ", "-"]), children).map(lambda t: f"{t[0]}({t[1]})")
    call = st.tuples(names, st.lists(children, max_size=2)).map(
        lambda t: f"{t[0]}({', '.join(t[1])})"
    )
    wrapped = st.tuples(children, st.booleans()).map(lambda t: paren(t[0], t[1]))
    return st.one_of(binary, membership, unary, call, wrapped)


exprs = st.recursive(atoms, _compound, max_leaves=4)

modifiers = st.lists(
    st.one_of(
        st.sampled_from(["unique", "search", "filter", "order", "index"]),
        exprs.map(lambda e: f"min({e})"),
        st.tuples(exprs, exprs).map(lambda t: f"length({t[0]}, {t[1]})"),
        st.just('pattern("^[a-z]+$")'),
        st.lists(names, min_size=1, max_size=3).map(lambda ns: f"choices({', '.join(ns)})"),
        names.map(lambda n: f"was {n}"),
    ),
    max_size=3,
).map(" ".join)

types = st.tuples(
    type_names,
    st.sampled_from(["", "(120)", "(12, 2)", '("x")', "(big)"]),
    st.sampled_from(["", "?"]),
).map("".join)

fields = st.tuples(
    names, types, st.one_of(st.just(""), exprs.map(lambda e: f" = {e}")), modifiers
).map(lambda t: f"{t[0]}: {t[1]}{t[2]} {t[3]}".rstrip())

option_values = st.lists(
    st.one_of(names, st.sampled_from(['"s"', "60s", "100/hour", "-3", "42"])),
    min_size=1,
    max_size=3,
).map(", ".join)


def _options(depth: int):
    leaf = st.tuples(names, option_values).map(" ".join)
    if depth == 0:
        return leaf
    nested = st.tuples(names, option_values, st.lists(_options(depth - 1), max_size=3)).map(
        lambda t: f"{t[0]} {t[1]} {{ {'  '.join(t[2])} }}"
    )
    return st.one_of(leaf, nested)


entity_members = st.one_of(
    fields,
    fields,
    st.sampled_from(["timestamps", "soft_delete"]),
    st.tuples(st.lists(names, min_size=1, max_size=2), exprs).map(
        lambda t: f"allow {', '.join(t[0])}: {t[1]}"
    ),
    st.lists(names, min_size=1, max_size=3).map(lambda ns: f"unique ({', '.join(ns)})"),
    st.lists(names, min_size=1, max_size=3).map(lambda ns: f"index ({', '.join(ns)})"),
    exprs.map(lambda e: f'check {e} else "bad \\"value\\""'),
    st.lists(names, min_size=1, max_size=3).map(lambda ns: "ordering -" + ", ".join(ns)),
    _options(1),
)


def _block(members, sep=separator):
    """`{ m1 <sep> m2 … }` with a random separator after every member."""
    return st.lists(st.tuples(members, sep), max_size=4).map(
        lambda ms: "{" + " " + "".join(m + (s if s.strip() else " ") for m, s in ms) + "\n}"
    )


entities = st.tuples(
    type_names,
    st.sampled_from(["", " was Old", " sourced", " was Old sourced"]),
    _block(entity_members),
).map(lambda t: f"entity {t[0]}{t[1]} {t[2]}")

enums = st.tuples(
    type_names,
    _block(st.tuples(names, st.sampled_from(["", " = 1", ' = "v"'])).map("".join)),
).map(lambda t: f"enum {t[0]} {t[1]}")

relations = st.tuples(
    st.sampled_from(["one_to_one", "many_to_one", "one_to_many", "many_to_many"]),
    type_names,
    names,
    st.sampled_from(["", "?"]),
    type_names,
    st.sampled_from(["", ".back"]),
    st.sampled_from(["", " { on_delete cascade }", " { through Link  on_delete set_null }"]),
).map(lambda t: f"relation {t[0]} {t[1]}.{t[2]}{t[3]} -> {t[4]}{t[5]}{t[6]}")

assignments = st.tuples(names, st.sampled_from(["=", "+=", "-="]), exprs).map(" ".join)

events = st.tuples(
    type_names,
    st.sampled_from(["", " on Account"]),
    _block(fields),
    st.one_of(st.just(""), _block(assignments).map(lambda b: f" apply {b}")),
).map(lambda t: f"event {t[0]}{t[1]} {t[2]}{t[3]}")

command_items = st.one_of(
    exprs.map(lambda e: f"allow {e}"),
    _block(fields).map(lambda b: f"input {b}"),
    exprs.map(lambda e: f'require {e} else "no"'),
    st.lists(assignments, min_size=1, max_size=4).map(lambda a: "set " + ", ".join(a)),
    st.tuples(type_names, st.lists(st.tuples(names, exprs), max_size=3)).map(
        lambda t: f"emit {t[0]} {{ {', '.join(f'{n} = {e}' for n, e in t[1])} }}"
    ),
)
commands = st.tuples(names, type_names, st.sampled_from(["", "[]"]), _block(command_items)).map(
    lambda t: f"command {t[0]} on {t[1]}{t[2]} {t[3]}"
)

query_items = st.one_of(
    exprs.map(lambda e: f"allow {e}"),
    exprs.map(lambda e: f"where {e}"),
    st.lists(names, min_size=1, max_size=2).map(lambda ns: "order -" + ", ".join(ns)),
    st.integers(1, 99).map(lambda n: f"limit {n}"),
)
queries = st.tuples(names, type_names, st.sampled_from(["", "[]"]), _block(query_items)).map(
    lambda t: f"query {t[0]} -> {t[1]}{t[2]} {t[3]}"
)

apps = _block(_options(2)).map(lambda b: f"app demo {b}")

decls = st.one_of(entities, entities, enums, relations, events, commands, queries, apps)
# Declarations always end their line: a `///` just before a `}` then documents nothing.
decl_separator = st.sampled_from(["\n", "\n\n", "\n// between\n", "\n/// doc\n", "\n/* b */\n"])
specs = st.lists(st.tuples(decl_separator, decls), min_size=1, max_size=4).map(
    lambda ds: "".join(s + d for s, d in ds) + "\n"
)


def _meaning(text: str):
    result = parse(SourceFile("p.djs", text))
    assert not result.diagnostics, [d.message for d in result.diagnostics]
    return ir.Program(decls=result.decls), Counter(c.text.rstrip() for c in result.comments)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs)
def test_fmt_is_idempotent_and_faithful(text: str):
    original = _meaning(text)  # the generator only makes valid specs
    once = format_source(SourceFile("p.djs", text))
    assert once.text is not None, [d.message for d in once.diagnostics]
    assert _meaning(once.text) == original
    twice = format_source(SourceFile("p.djs", once.text))
    assert twice.text == once.text
