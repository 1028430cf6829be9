"""The contract lowered programs keep, checked by tests and `CompileOptions.check_invariants`.

A violation is a compiler bug, never a user error, so it raises `AssertionError`.
"""

from __future__ import annotations

from djsc.analysis.naming import is_identifier
from djsc.analysis.types import SCALAR_TYPES, USER_ENTITY
from djsc.ir import nodes as ir
from djsc.ir.walk import SOURCE, key_holder, relation_ends

LOWERED_KINDS = (
    ir.RelationKind.ONE_TO_ONE,
    ir.RelationKind.MANY_TO_ONE,
    ir.RelationKind.MANY_TO_MANY,
)


def check(program: ir.Program) -> None:
    """Assert the post-lowering contract on `program`; raise AssertionError if broken."""
    entities = {e.name.text for e in program.entities}
    enums = {e.name.text for e in program.enums}
    for entity in program.entities:
        _name(entity.name.text, "entity")
        _entity_fields(entity, enums)
        _attribute_names_unique(program, entity)
    for rel in program.relations:
        _relation(rel, entities)


def _name(text: str, what: str) -> None:
    assert is_identifier(text), f"{what} name {text!r} is not a usable identifier"


def _entity_fields(entity: ir.Entity, enums: set[str]) -> None:
    owner = entity.name.text
    for field in entity.fields:
        _name(field.name.text, f"field {owner}.")
        type_name = field.type.name.text
        assert type_name in SCALAR_TYPES or type_name in enums, (
            f"{owner}.{field.name.text} still has entity type {type_name!r} after lowering"
        )


def _attribute_names_unique(program: ir.Program, entity: ir.Entity) -> None:
    names = [f.name.text for f in entity.fields]
    names += [end.name for end in relation_ends(program, entity.name.text)]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"{entity.name.text} has clashing attributes {duplicates}"


def _relation(rel: ir.Relation, entities: set[str]) -> None:
    kind = rel.kind.text
    where = f"relation {rel.source.entity.text}.{rel.source.field}"
    assert kind in LOWERED_KINDS, f"{where}: kind {kind!r} was not normalised"
    assert rel.source.field is not None, f"{where}: source end has no name"
    assert rel.source.entity.text in entities, f"{where}: unknown source entity"
    assert rel.target.entity.text in entities | {USER_ENTITY}, f"{where}: unknown target"
    _name(rel.source.field.text, where)
    if rel.target.field is not None:
        _name(rel.target.field.text, where)
    policy = rel.on_delete
    holder = key_holder(rel)
    assert holder in (SOURCE, None), f"{where}: the key is not on the source end"
    if holder is not None:
        assert policy is not None, f"{where}: no on_delete after lowering"
        assert policy != "set_null" or rel.source.optional, f"{where}: set_null on required end"
    else:
        assert policy is None, f"{where}: on_delete on a many_to_many"
