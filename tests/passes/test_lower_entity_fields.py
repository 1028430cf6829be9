"""lower_entity_fields: entity-typed fields become implicit many_to_one relations."""

from __future__ import annotations

from djsc.ir.dump import dump
from djsc.pipeline import compile_source

SPEC = """
entity Author { name: String }
/// The account holder.
entity Account {
  /// Who owns it.
  owner: User
  reviewer: Author?
  balance: Int = 0
}
event Opened { account: Account }
command open on Account { input { by: Author } emit Opened { account = self } }
"""


def test_fields_become_relations(lower):
    program = lower(SPEC)
    account = program.entity("Account")
    assert [f.name.text for f in account.fields] == ["balance"]
    implicit = [r for r in program.relations if r.implicit]
    assert [dump(r) for r in implicit] == [
        "Relation doc='Who owns it.' kind=many_to_one implicit=True (synthetic)\n"
        "  source:\n"
        "    RelationEnd entity=Account field=owner (synthetic)\n"
        "  target:\n"
        "    RelationEnd entity=User (synthetic)\n"
        "  options:\n"
        "    Option name=on_delete (synthetic)\n"
        "      values:\n"
        "        OptionValue kind='name' text='protect' (synthetic)\n",
        "Relation kind=many_to_one implicit=True (synthetic)\n"
        "  source:\n"
        "    RelationEnd entity=Account field=reviewer optional=True (synthetic)\n"
        "  target:\n"
        "    RelationEnd entity=Author (synthetic)\n"
        "  options:\n"
        "    Option name=on_delete (synthetic)\n"
        "      values:\n"
        "        OptionValue kind='name' text='set_null' (synthetic)\n",
    ]


def test_relation_keeps_the_field_doc_and_points_at_the_field(lower):
    program = lower(SPEC)
    owner = next(r for r in program.relations if r.source.field.text == "owner")
    assert owner.doc == "Who owns it."
    assert SPEC[owner.span.start : owner.span.end] == "owner: User"
    assert owner.span.synthetic


def test_event_and_input_fields_stay_fields(lower):
    program = lower(SPEC)
    assert program.event("Opened").field("account").type.name.text == "Account"
    command = program.commands[0]
    assert [f.type.name.text for f in command.inputs] == ["Author"]


def test_nothing_is_lowered_when_the_spec_has_errors():
    compilation = compile_source(SPEC + "relation many_to_one Account.x -> Nope")
    assert compilation.diagnostics.has_errors()
    assert compilation.program.entity("Account").field("owner") is not None
