"""Which column is an entity's primary key.

Three ways, at most one per entity (check_primary_keys reports the rest):
  * a field marked `primary` (`location_id: BigInt primary`),
  * a field named `id` of a key type (`id: UUID`), the older spelling,
  * a `one_to_one` end marked `{ primary }`: the row shares its target's key.
Without any of them the entity gets the automatic integer `id`.
"""

from __future__ import annotations

from dataclasses import dataclass

from djsc.ir import nodes as ir

# Types whose values the database or `uuid4` assigns: the key is never written by clients.
GENERATED_KEY_TYPES = frozenset({"UUID", "Int", "BigInt"})
# Types a client gives on create (`code: String(12) primary`); then the key is fixed.
GIVEN_KEY_TYPES = frozenset({"String", "Slug"})
KEY_TYPES = GENERATED_KEY_TYPES | GIVEN_KEY_TYPES
AUTO_KEY = "id"


@dataclass(frozen=True)
class PrimaryKey:
    name: str  # the model field's name: `id`, `location_id`, or the shared end's `user`
    field: ir.Field | None = None
    relation: ir.Relation | None = None

    @property
    def automatic(self) -> bool:
        return self.field is None and self.relation is None


def primary_field(entity: ir.Entity) -> ir.Field | None:
    """The field that is the key: the first marked `primary`, else an `id` of a key type."""
    for f in entity.fields:
        if f.has(ir.ModifierKind.PRIMARY):
            return f
    found = entity.field(AUTO_KEY)
    if found is not None and found.type.name.text in GENERATED_KEY_TYPES and not found.optional:
        return found
    return None


def is_shared_key(rel: ir.Relation) -> bool:
    """`relation one_to_one Profile.user -> User { primary }`: Profile's key is its user's."""
    return rel.option("primary") is not None and rel.source.field is not None


def primary_key(entity: ir.Entity, relations: tuple[ir.Relation, ...] | list) -> PrimaryKey:
    name = entity.name.text
    for rel in relations:
        if rel.source.entity.text == name and is_shared_key(rel):
            assert rel.source.field is not None
            return PrimaryKey(rel.source.field.text, relation=rel)
    found = primary_field(entity)
    if found is not None:
        return PrimaryKey(found.name.text, field=found)
    return PrimaryKey(AUTO_KEY)
