"""check_relations: kinds, ends, clashes, on_delete and through entities."""

from __future__ import annotations

import pytest

BASE = "entity Author { name: String }\nentity Post { title: String }\n"


@pytest.mark.parametrize(
    "relation",
    [
        "relation many_to_one Post.author -> Author.posts { on_delete cascade }",
        "relation many_to_one Post.author? -> Author.posts { on_delete set_null }",
        "relation one_to_many Author.posts -> Post.author",
        "relation one_to_one Author.user -> User.author",
        "relation many_to_one Post.editor -> User",
        "relation many_to_many Post.fans -> Author.liked",
        "relation many_to_one Post.parent? -> Post.children",
    ],
)
def test_valid_relations_pass(relation, codes):
    assert codes(BASE + relation) == []


@pytest.mark.parametrize(
    ("relation", "code", "underlined", "help"),
    [
        (
            "relation many_to_mny Post.tags -> Author.posts",
            "DJS0301",
            "many_to_mny",
            "did you mean `many_to_many`?",
        ),
        (
            "relation many_to_one Post.author -> Autor.posts",
            "DJS0103",
            "Autor",
            "did you mean `Author`?",
        ),
        ("relation many_to_one Pots.author -> Author", "DJS0103", "Pots", "did you mean `Post`?"),
        (
            "relation many_to_one Post.author -> Author.posts { on_delete cascde }",
            "DJS0303",
            "cascde",
            "did you mean `cascade`?",
        ),
        (
            "relation many_to_one Post.author -> Author.posts { on_delete set_null }",
            "DJS0304",
            "set_null",
            "make the end optional: `Post.author?`",
        ),
        (
            "relation many_to_one Post.author -> Author.posts { through Post }",
            "DJS0306",
            "through Post",
            "remove `through`, or make the relation `many_to_many`",
        ),
        (
            "relation one_to_many Author.posts -> Post",
            "DJS0308",
            "Post",
            "name the end, e.g. `-> Post.author`",
        ),
        (
            "relation many_to_one User.posts -> Post.owner",
            "DJS0309",
            "User.posts",
            "write it from the other side: `relation one_to_many Post.owner -> User.posts`",
        ),
        (
            "relation many_to_one Post.author -> User.email",
            "DJS0302",
            "email",
            "choose another name for this end",
        ),
        ("relation many_to_one Post.class -> Author", "DJS0108", "class", "choose another name"),
    ],
)
def test_invalid_relations_are_reported(relation, code, underlined, help, diagnose):
    assert (code, underlined, help) in diagnose(BASE + relation)


def test_end_clashing_with_a_field_points_at_the_field(codes):
    spec = (
        "entity Author { posts: Int }\nentity Post { title: String }\n"
        "relation many_to_one Post.author -> Author.posts { on_delete cascade }"
    )
    assert codes(spec) == ["DJS0302"]


def test_two_ends_with_one_name_clash_once(diagnose):
    spec = BASE + (
        "relation many_to_one Post.author -> Author.posts { on_delete cascade }\n"
        "relation many_to_one Post.editor? -> Author.posts\n"
    )
    found = diagnose(spec)
    assert [(c, u) for c, u, _ in found] == [("DJS0302", "posts")]


def test_self_relation_ends_must_differ(codes):
    assert codes(BASE + "relation many_to_one Post.parent? -> Post.parent") == ["DJS0302"]


def test_through_entity_needs_a_reference_to_each_side(diagnose):
    base = "entity S { n: String }\nentity C { n: String }\n"
    rel = "relation many_to_many S.cs -> C.ss { through E }"
    fine_fields = base + "entity E { s: S  c: C }\n" + rel
    fine_relations = (
        base
        + "entity E { x: Int }\n"
        + rel
        + "\nrelation many_to_one E.s -> S.es { on_delete cascade }"
        + "\nrelation one_to_many C.es -> E.c"
    )
    missing = base + "entity E { s: S }\n" + rel
    assert diagnose(fine_fields) == []
    assert diagnose(fine_relations) == []
    assert [(c, h) for c, _, h in diagnose(missing)] == [("DJS0305", "add a field `c: C` to `E`")]
    assert [c for c, _, _ in diagnose(base + rel)] == ["DJS0103"]


def test_self_many_to_many_through_needs_two_references(codes):
    base = "entity P { n: String }\n"
    rel = "relation many_to_many P.friends -> P.friend_of { through F }"
    assert codes(base + "entity F { a: P  b: P }\n" + rel) == []
    assert codes(base + "entity F { a: P }\n" + rel) == ["DJS0305"]


def test_optional_many_to_many_warns(diagnose):
    found = diagnose(BASE + "relation many_to_many Post.fans? -> Author.liked")
    assert [(c, u) for c, u, _ in found] == [("DJS0307", "Post.fans?")]
