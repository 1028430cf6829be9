"""lower_indexes: filter / order fields get an index unless one already covers them."""

from __future__ import annotations


def _indexed(entity) -> dict[str, bool]:
    return {
        f.name.text: any(m.kind == "index" and m.span.synthetic for m in f.modifiers)
        for f in entity.fields
    }


def test_filter_and_order_fields_get_an_index(lower):
    post = lower(
        "entity Post {\n"
        "  a: String filter\n"
        "  b: Int order\n"
        "  c: String filter unique\n"
        "  d: String order index\n"
        "  e: String\n"
        "  id: UUID filter\n"
        "}"
    ).entity("Post")
    assert _indexed(post) == {
        "a": True,
        "b": True,
        "c": False,
        "d": False,
        "e": False,
        "id": False,
    }
    assert [m.kind for m in post.field("d").modifiers] == ["order", "index"]
