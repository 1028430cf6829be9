"""check_unused: warnings for enums and events nothing uses."""

from __future__ import annotations


def test_enum_used_by_field_input_or_payload_is_used(codes):
    spec = (
        "enum A { x }\nenum B { x }\nenum C { x }\nenum D { x }\n"
        "entity E { a: A }\n"
        "event Ev { b: B }\n"
        "command c on E { input { c: C } emit Ev { b = x } }\n"
    )
    assert codes(spec).count("DJS0120") == 1


def test_unused_enum_warns_at_its_name(diagnose):
    found = diagnose("enum PostStatus { draft }\nentity E { n: Int }")
    assert found == [
        ("DJS0120", "PostStatus", "use it as a field type (`post_status: PostStatus`) or remove it")
    ]


def test_event_uses(codes):
    spec = (
        "entity Post { t: String }\n"
        "entity Acc sourced { n: Int = 0 }\n"
        "event Emitted { }\n"
        "event Broadcast { }\n"
        "event Applied on Acc { k: Int } apply { n += k }\n"
        "event Dead { }\n"
        "command c on Post { emit Emitted }\n"
        'channel ch { path "/ws/ch/"  broadcast Broadcast, Post.updated }\n'
    )
    found = codes(spec)
    assert found == ["DJS0121"], found


def test_unused_event_is_named(diagnose):
    found = diagnose("event Dead { }")
    assert [(c, u) for c, u, _ in found] == [("DJS0121", "Dead")]
