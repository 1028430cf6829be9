"""Lowered relations → ForeignKey / OneToOneField / ManyToManyField declarations.

After lowering every relation is one_to_one, many_to_one or many_to_many, and
every one_to_one / many_to_one carries an `on_delete` option; the field lives on
the source end's entity.
"""

from __future__ import annotations

from dataclasses import dataclass

from djsc.backends.django import naming
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

ON_DELETE = {
    "cascade": "CASCADE",
    "protect": "PROTECT",
    "set_null": "SET_NULL",
    "restrict": "RESTRICT",
    "set_default": "SET_DEFAULT",
    "do_nothing": "DO_NOTHING",
}
_FIELD_CLASS = {
    "many_to_one": "ForeignKey",
    "one_to_one": "OneToOneField",
    "many_to_many": "ManyToManyField",
}


@dataclass(frozen=True)
class RelationVM:
    """A relation field on the entity that holds it (the source end)."""

    name: str
    kind: str  # many_to_one | one_to_one | many_to_many
    owner: str
    target: str  # entity name, or "User"
    target_is_user: bool
    django: str
    optional: bool
    on_delete: str  # spec name: cascade, protect, …
    related_name: str
    through: str | None
    doc: str = ""

    @property
    def many(self) -> bool:
        return self.kind == "many_to_many"

    @property
    def writable(self) -> bool:
        # DRF cannot write an M2M that goes through an explicit model.
        return self.through is None

    @property
    def self_ref(self) -> bool:
        return self.owner == self.target


def relation_vm(rel: ir.Relation, entities: frozenset[str]) -> RelationVM:
    owner = rel.source.entity.text
    target = rel.target.entity.text
    kind = rel.kind.text
    name = rel.source.field.text if rel.source.field else naming.snake(target)
    related = rel.target.field.text if rel.target.field else "+"
    ref = naming.model_ref(target, entities, owner)
    kwargs = [ref]
    on_delete = rel.on_delete or ("set_null" if rel.source.optional else "protect")
    through = rel.through
    if kind == "many_to_many":
        if through:
            kwargs.append(f'through="{through}"')
        if owner == target and related != "+":
            kwargs.append("symmetrical=False")
        kwargs.append(f'related_name="{related}"')
        kwargs.append("blank=True")
    else:
        kwargs.append(f"on_delete=models.{ON_DELETE.get(on_delete, 'PROTECT')}")
        kwargs.append(f'related_name="{related}"')
        if rel.source.optional:
            kwargs += ["null=True", "blank=True"]
    if rel.doc:
        kwargs.append(f"help_text={pyrepr(rel.doc.strip())}")
    return RelationVM(
        name=name,
        kind=kind,
        owner=owner,
        target=target,
        target_is_user=ref == naming.AUTH_USER_MODEL,
        django=f"models.{_FIELD_CLASS.get(kind, 'ForeignKey')}({', '.join(kwargs)})",
        optional=rel.source.optional or kind == "many_to_many",
        on_delete=on_delete,
        related_name=related,
        through=through,
        doc=rel.doc.strip(),
    )
