"""lower_defaults: timestamps and soft delete as fields; default permissions."""

from __future__ import annotations

from djsc.ir import nodes as ir
from djsc.ir.dump import dump


def test_timestamps_and_soft_delete_add_fields(lower):
    program = lower(
        "entity Post { title: String  timestamps  soft_delete\n"
        "  allow read, create, update, delete: anyone }"
    )
    post = program.entity("Post")
    added = [dump(f) for f in post.fields[1:]]
    assert added == [
        "Field name=created_at type=DateTime (synthetic)\n"
        "  modifiers:\n"
        "    Modifier kind='set_on_create' (synthetic)\n"
        "    Modifier kind='order' (synthetic)\n"
        "    Modifier kind='index' (synthetic)\n",
        "Field name=updated_at type=DateTime (synthetic)\n"
        "  modifiers:\n"
        "    Modifier kind='set_on_update' (synthetic)\n",
        "Field name=deleted_at type=DateTime? (synthetic)\n"
        "  modifiers:\n"
        "    Modifier kind='deleted_marker' (synthetic)\n",
    ]
    # the markers stay, so backends know why the fields exist
    assert post.timestamps and post.soft_delete


def test_no_fields_without_markers(lower):
    post = lower("entity Post { title: String }").entity("Post")
    assert [f.name.text for f in post.fields] == ["title"]


def _rules(entity: ir.Entity) -> list[tuple[str, str, bool]]:
    return [
        (",".join(o.text for o in p.ops), dump(p.expr).strip(), p.span.synthetic)
        for p in entity.permissions
    ]


def test_default_permissions_fill_uncovered_operations(lower):
    post = lower(
        "entity Post { title: String  allow update, delete: role(editor) }\napp a { roles editor }"
    ).entity("Post")
    assert _rules(post) == [
        ("update,delete", "Call func=role\n  args:\n    Name name=editor", False),
        ("read", "Name name=anyone (synthetic)", True),
        ("create", "Name name=authenticated (synthetic)", True),
    ]


def test_every_operation_defaults_when_nothing_is_allowed(lower):
    post = lower("entity Post { title: String }").entity("Post")
    assert [(p.ops[0].text, p.expr.name.text) for p in post.permissions] == [
        ("read", "anyone"),
        ("create", "authenticated"),
        ("update", "authenticated"),
        ("delete", "authenticated"),
    ]
