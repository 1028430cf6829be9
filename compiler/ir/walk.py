"""Traversal helpers over the IR, for passes and backends.

`relation_ends` is the one place that knows which attributes relations add to an
entity after lowering, so backends never re-derive it from `Relation` nodes.
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
        return self.side == "source"


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
                    side="source",
                    other=target.entity.text,
                    other_field=target.field.text if target.field else None,
                    many=kind == "many_to_many",
                    optional=source.optional,
                )
            )
        if target.entity.text == entity_name and target.field is not None:
            found.append(
                RelationField(
                    name=target.field.text,
                    relation=rel,
                    side="target",
                    other=source.entity.text,
                    other_field=source.field.text if source.field else None,
                    many=kind in ("many_to_one", "many_to_many"),
                    # the reverse of a one-to-one may be missing for any row
                    optional=True,
                )
            )
    return tuple(found)
