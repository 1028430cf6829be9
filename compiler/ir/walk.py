"""Traversal helpers over the IR, for passes and backends.

`relation_ends` is the one place that knows which attributes relations add to an
entity after lowering, so backends never re-derive it from `Relation` nodes, and
`key_holder` the one place that knows which end of a relation holds its foreign key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from djsc.ir import nodes as ir


def iter_nodes(node: ir.Node) -> Iterator[ir.Node]:
    """`node` and every node below it, depth first, in field order."""
    stack: list[ir.Node] = [node]
    while stack:
        current = stack.pop()
        yield current
        children: list[ir.Node] = []
        for f in dataclasses.fields(current):
            if f.name.startswith("_"):
                continue
            value = getattr(current, f.name)
            items = value if isinstance(value, tuple) else (value,)
            children.extend(item for item in items if isinstance(item, ir.Node))
        stack.extend(reversed(children))


SOURCE = "source"
TARGET = "target"

_KEY_HOLDERS = {
    ir.RelationKind.ONE_TO_ONE: SOURCE,
    ir.RelationKind.MANY_TO_ONE: SOURCE,
    # Only before lowering, which flips it into a many_to_one.
    ir.RelationKind.ONE_TO_MANY: TARGET,
}


def key_holder(rel: ir.Relation) -> str | None:
    """The end of `rel` ("source" or "target") whose entity holds the foreign key.

    None for a many_to_many, which keeps its links in a join table, and for a
    misspelt kind (reported by check_relations).  After lowering the answer is
    "source" for every relation that has a key.
    """
    return _KEY_HOLDERS.get(rel.kind.text)


def key_ends(rel: ir.Relation) -> tuple[ir.RelationEnd, ir.RelationEnd] | None:
    """(the end holding `rel`'s foreign key, the end it references), or None when
    `rel` has no key (see `key_holder`)."""
    side = key_holder(rel)
    if side is None:
        return None
    return (rel.source, rel.target) if side == SOURCE else (rel.target, rel.source)


@dataclass(frozen=True, slots=True)
class RelationField:
    """One attribute a relation gives an entity.

    `side` is "source" for the forward end (the foreign key, one-to-one field or
    many-to-many field, declared on this entity) and "target" for the named inverse
    end (the other side's `related_name`).  `other` is the entity at the far end and
    `other_field` the far end's name (None when it has none).  `many` says the
    attribute holds a collection.
    """

    name: str
    relation: ir.Relation
    side: str
    other: str
    other_field: str | None
    many: bool
    optional: bool

    @property
    def kind(self) -> str:
        return self.relation.kind.text

    @property
    def forward(self) -> bool:
        return self.side == SOURCE

    @property
    def holds_key(self) -> bool:
        """This end's entity has the foreign-key column."""
        return key_holder(self.relation) == self.side


def relation_ends(program: ir.Program, entity_name: str) -> tuple[RelationField, ...]:
    """The relation attributes `entity_name` has in a lowered program, in source order.

    A self-relation yields both of its ends.  A target end without a name yields
    nothing: Django gives it no usable accessor.
    """
    found: list[RelationField] = []
    for rel in program.relations:
        kind = rel.kind.text
        source, target = rel.source, rel.target
        if source.entity.text == entity_name and source.field is not None:
            found.append(
                RelationField(
                    name=source.field.text,
                    relation=rel,
                    side=SOURCE,
                    other=target.entity.text,
                    other_field=target.field.text if target.field else None,
                    many=kind == ir.RelationKind.MANY_TO_MANY,
                    optional=source.optional,
                )
            )
        if target.entity.text == entity_name and target.field is not None:
            found.append(
                RelationField(
                    name=target.field.text,
                    relation=rel,
                    side=TARGET,
                    other=source.entity.text,
                    other_field=source.field.text if source.field else None,
                    many=kind in (ir.RelationKind.MANY_TO_ONE, ir.RelationKind.MANY_TO_MANY),
                    # the reverse of a one-to-one may be missing for any row
                    optional=True,
                )
            )
    return tuple(found)
