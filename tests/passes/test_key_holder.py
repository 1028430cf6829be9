"""ir.walk.key_holder: the one answer to "which end of a relation holds its key"."""

from __future__ import annotations

import pytest

from djsc.ir import nodes as ir
from djsc.ir.walk import SOURCE, TARGET, key_ends, key_holder, relation_ends
from djsc.pipeline import compile_source

SPEC = """
entity Author { name: String }
entity Post { title: String }
entity Tag { name: String }
relation one_to_many Author.posts -> Post.author
relation many_to_many Post.tags -> Tag.posts
relation many_to_one Post.parent? -> Post.children
relation one_to_one Author.user -> User.author
"""


def _relation(kind: str) -> ir.Relation:
    def end(entity: str, field: str) -> ir.RelationEnd:
        return ir.RelationEnd(entity=ir.Ident(text=entity), field=ir.Ident(text=field))

    return ir.Relation(kind=ir.Ident(text=kind), source=end("A", "b"), target=end("B", "a"))


@pytest.mark.parametrize(
    ("kind", "holder"),
    [
        (ir.RelationKind.ONE_TO_ONE, SOURCE),
        (ir.RelationKind.MANY_TO_ONE, SOURCE),
        (ir.RelationKind.ONE_TO_MANY, TARGET),
        (ir.RelationKind.MANY_TO_MANY, None),
        ("many_to_nothing", None),  # misspelt: check_relations reports it
    ],
)
def test_key_holder_by_kind(kind, holder):
    assert key_holder(_relation(kind)) == holder


def test_key_ends_name_the_holder_then_the_referenced_end():
    rel = _relation(ir.RelationKind.ONE_TO_MANY)
    assert key_ends(rel) == (rel.target, rel.source)
    rel = _relation(ir.RelationKind.MANY_TO_ONE)
    assert key_ends(rel) == (rel.source, rel.target)
    assert key_ends(_relation(ir.RelationKind.MANY_TO_MANY)) is None


def test_before_lowering_a_one_to_many_keeps_its_key_on_the_target():
    parsed = compile_source(SPEC).parsed
    holders = {r.source.field.text: key_holder(r) for r in parsed.relations}
    assert holders == {"posts": TARGET, "tags": None, "parent": SOURCE, "user": SOURCE}


def test_after_lowering_every_key_is_on_the_source(lower):
    program = lower(SPEC)
    holders = {r.source.field.text: key_holder(r) for r in program.relations}
    assert holders == {"author": SOURCE, "tags": None, "parent": SOURCE, "user": SOURCE}


def test_relation_ends_agree_with_key_holder(lower):
    program = lower(SPEC)
    keyed = {
        (name, end.name)
        for name in ("Author", "Post", "Tag", "User")
        for end in relation_ends(program, name)
        if end.holds_key
    }
    assert keyed == {("Post", "author"), ("Post", "parent"), ("Author", "user")}
