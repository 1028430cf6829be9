"""ir.invariants and ir.walk: the post-lowering contract and relation ends."""

from __future__ import annotations

from dataclasses import replace

import pytest

from djsc.ir import invariants
from djsc.ir import nodes as ir
from djsc.ir.walk import iter_nodes, relation_ends
from djsc.pipeline import compile_source

SPEC = """
entity Author { name: String  owner: User? }
entity Post { title: String }
entity Tag { name: String }
relation one_to_many Author.posts -> Post.author
relation many_to_many Post.tags -> Tag.posts
relation many_to_one Post.parent? -> Post.children
relation one_to_one Author.user -> User.author
"""


def test_lowered_examples_keep_the_contract(lower):
    invariants.check(lower(SPEC))


def test_unlowered_program_breaks_the_contract():
    parsed = compile_source(SPEC).parsed
    with pytest.raises(AssertionError, match="entity type 'User'"):
        invariants.check(parsed)


def test_missing_on_delete_breaks_the_contract(lower):
    program = lower(SPEC)
    rels = [
        replace(d, options=()) if isinstance(d, ir.Relation) and d.kind.text == "one_to_one" else d
        for d in program.decls
    ]
    with pytest.raises(AssertionError, match="no on_delete"):
        invariants.check(replace(program, decls=tuple(rels)))


def test_unnormalised_kind_breaks_the_contract(lower):
    program = lower(SPEC)
    decls = tuple(
        replace(d, kind=ir.Ident(text="one_to_many")) if isinstance(d, ir.Relation) else d
        for d in program.decls
    )
    with pytest.raises(AssertionError, match="not normalised"):
        invariants.check(replace(program, decls=decls))


def test_relation_ends_of_each_entity(lower):
    program = lower(SPEC)

    def ends(name):
        return [(e.name, e.side, e.other, e.many, e.optional) for e in relation_ends(program, name)]

    assert ends("Post") == [
        ("author", "source", "Author", False, False),
        ("tags", "source", "Tag", True, False),
        ("parent", "source", "Post", False, True),
        ("children", "target", "Post", True, True),
    ]
    assert ends("Author") == [
        ("posts", "target", "Post", True, True),
        ("user", "source", "User", False, False),
        ("owner", "source", "User", False, True),
    ]
    assert ends("User") == [("author", "target", "Author", False, True)]
    assert ends("Tag") == [("posts", "target", "Post", True, True)]


def test_iter_nodes_visits_every_node_once(lower):
    program = lower(SPEC)
    nodes = list(iter_nodes(program))
    assert nodes[0] is program
    idents = [n.text for n in nodes if isinstance(n, ir.Ident)]
    assert idents.count("posts") == 2  # Author.posts and Tag.posts
    assert sum(isinstance(n, ir.Relation) for n in nodes) == 5
