"""`input` in a command or query is the operation's inputs, even when the entity has a
field named `input` (issue 7); that field is `self.input` there."""

from __future__ import annotations

ENTITY = """
entity Prompt {
  input: Text
  answer: Text?
  tries: Int = 0
}
"""


def spec(command: str) -> str:
    return ENTITY + command


def test_input_dot_x_is_the_commands_input_not_the_field(codes):
    # The field `input` is Text, which has no member `answer`: it used to capture this.
    assert (
        codes(
            spec(
                "command reply on Prompt {\n  input { answer: Text }\n"
                "  set answer = input.answer\n}\n"
            )
        )
        == []
    )


def test_an_input_the_command_does_not_declare_is_unknown(diagnose):
    found = diagnose(
        spec("command reply on Prompt {\n  input { answer: Text }\n  set answer = input.text\n}\n")
    )
    assert [(code, text) for code, text, _ in found] == [("DJS0106", "text")]


def test_the_field_is_reached_through_self(codes):
    assert codes(spec("command echo on Prompt {\n  set answer = self.input\n}\n")) == []


def test_bare_input_in_a_command_is_the_namespace_not_the_field(codes):
    # Without this rule `set answer = input` read the field; now it is a namespace,
    # which does not fit a Text target.
    assert codes(spec("command echo on Prompt {\n  set answer = input\n}\n")) != []


def test_queries_follow_the_same_rule(codes):
    query = "query asked -> Prompt[] {\n  input { text: Text }\n  where answer == input.text\n}\n"
    assert codes(spec(query)) == []


def test_outside_operations_the_field_is_still_a_field(codes):
    text = "entity Prompt {\n  input: Text\n  answer: Text?\n  check len(input) > 0\n}\n"
    assert codes(text) == []


def test_a_set_target_named_input_is_the_field(codes):
    command = "command reply on Prompt {\n  input { answer: Text }\n  set input = input.answer\n}\n"
    assert codes(spec(command)) == []
