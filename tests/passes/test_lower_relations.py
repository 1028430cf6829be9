"""lower_relations: one_to_many flipped, default on_delete made explicit."""

from __future__ import annotations

from djsc.ir.dump import dump

BASE = "entity Author { name: String }\nentity Post { title: String }\n"


def test_one_to_many_is_flipped(lower):
    program = lower(BASE + "relation one_to_many Author.posts -> Post.author { on_delete cascade }")
    (rel,) = program.relations
    assert dump(rel) == (
        "Relation kind=many_to_one\n"
        "  source:\n"
        "    RelationEnd entity=Post field=author\n"
        "  target:\n"
        "    RelationEnd entity=Author field=posts\n"
        "  options:\n"
        "    Option name=on_delete\n"
        "      values:\n"
        "        OptionValue kind='name' text='cascade'\n"
    )
    assert rel.kind.span.synthetic and not rel.source.span.synthetic


def test_optional_one_to_many_makes_the_key_optional(lower):
    program = lower(BASE + "relation one_to_many Author.posts? -> Post.author")
    (rel,) = program.relations
    assert (rel.source.entity.text, rel.source.optional, rel.target.optional) == (
        "Post",
        True,
        False,
    )
    assert rel.on_delete == "set_null"


def test_default_on_delete_depends_on_optionality(lower):
    program = lower(
        BASE
        + "relation many_to_one Post.author -> Author.posts\n"
        + "relation one_to_one Post.cover? -> Author.cover_of\n"
        + "relation many_to_one Post.editor -> User { on_delete cascade }\n"
        + "relation many_to_many Post.fans -> Author.liked\n"
    )
    assert [(r.source.field.text, r.on_delete) for r in program.relations] == [
        ("author", "protect"),
        ("cover", "set_null"),
        ("editor", "cascade"),
        ("fans", None),
    ]
    added = program.relations[0].option("on_delete")
    assert added.span.synthetic and added.values[0].span.synthetic
    assert not program.relations[2].option("on_delete").span.synthetic
