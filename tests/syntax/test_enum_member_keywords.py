"""Enum members may be named like field modifiers, whitespace-separated after a value."""

from djsc.pipeline import compile_source


def test_members_named_like_modifiers_follow_a_value():
    text = "enum E { a = 1 filter = 2 order = 3 unique = 4 }\nentity N { e: E }\n"
    compilation = compile_source(text, "spec.djs")
    assert compilation.ok, [d.message for d in compilation.diagnostics]
    (enum,) = compilation.program.enums
    assert [m.name.text for m in enum.members] == ["a", "filter", "order", "unique"]
    assert [m.value.text for m in enum.members] == ["1", "2", "3", "4"]


def test_string_members_named_like_modifiers():
    text = 'enum E { a = "x" index search }\nentity N { e: E }\n'
    compilation = compile_source(text, "spec.djs")
    assert compilation.ok, [d.message for d in compilation.diagnostics]
    assert [m.name.text for m in compilation.program.enums[0].members] == ["a", "index", "search"]
