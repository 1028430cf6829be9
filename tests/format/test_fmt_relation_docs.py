"""`djsc fmt` and the docs of relation ends: kept on their ends, idempotent, and a
relation whose ends have no doc stays on one line (see cases/relation_docs.*)."""

from __future__ import annotations

import pytest

from djsc.format.printer import format_text
from djsc.ir import nodes as ir
from djsc.source import SourceFile
from djsc.syntax.parser import parse

HEAD = "entity A { x: Int }\nentity B { y: Int }\n\n"


def relations(text: str) -> list[ir.Relation]:
    return [d for d in parse(SourceFile("s.djs", text)).decls if isinstance(d, ir.Relation)]


SPECS = [
    "relation many_to_one\n  /// a's b\n  A.b -> B.as\n",
    "relation many_to_one A.b ->\n  /// b's as\n  B.as { on_delete cascade }\n",
    "/// whole\nrelation many_to_many\n/// a\nA.bs\n/// b\n-> B.as { was old_bs }\n",
    "relation many_to_one\n  /// a\n  A.b?\n  -> B { on_delete set_null  was c }\n",
]


@pytest.mark.parametrize("spec", SPECS)
def test_end_docs_stay_on_their_ends_and_fmt_is_idempotent(spec: str) -> None:
    once = format_text(HEAD + spec)
    assert format_text(once) == once
    before, after = relations(HEAD + spec), relations(once)
    assert [(r.doc, r.source.doc, r.target.doc) for r in after] == [
        (r.doc, r.source.doc, r.target.doc) for r in before
    ]
    assert any(r.source.doc or r.target.doc for r in after)


def test_the_canonical_layout_puts_each_end_under_its_doc() -> None:
    out = format_text(HEAD + SPECS[1])
    assert out.endswith(
        "relation many_to_one\n  A.b\n  /// b's as\n  -> B.as { on_delete cascade }\n"
    )


def test_a_relation_without_end_docs_is_one_line() -> None:
    out = format_text(
        HEAD + "/// whole\nrelation many_to_one\n  A.b\n  -> B.as { on_delete protect }\n"
    )
    assert out.endswith("/// whole\nrelation many_to_one A.b -> B.as { on_delete protect }\n")
