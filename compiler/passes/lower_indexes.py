"""An index for every field the API filters or orders by.

A `filter` or `order` field becomes a WHERE or ORDER BY column of list requests; it
gets a synthetic `index` modifier unless `unique` (which already indexes) or an
explicit `index` covers it.  The primary key is always indexed.
"""

from __future__ import annotations

from dataclasses import replace

from djsc.ir import nodes as ir
from djsc.passes.context import PassContext


def lower_indexes(program: ir.Program, ctx: PassContext) -> ir.Program:
    decls = tuple(_lower_entity(d) if isinstance(d, ir.Entity) else d for d in program.decls)
    return replace(program, decls=decls)


def _needs_index(field: ir.Field) -> bool:
    queried = field.has(ir.ModifierKind.FILTER) or field.has(ir.ModifierKind.ORDER)
    covered = (
        field.has(ir.ModifierKind.UNIQUE)
        or field.has(ir.ModifierKind.INDEX)
        or field.name.text == "id"
    )
    return queried and not covered


def _lower_entity(entity: ir.Entity) -> ir.Entity:
    if not any(isinstance(m, ir.Field) and _needs_index(m) for m in entity.members):
        return entity
    members = tuple(
        _indexed(m) if isinstance(m, ir.Field) and _needs_index(m) else m for m in entity.members
    )
    return replace(entity, members=members)


def _indexed(field: ir.Field) -> ir.Field:
    index = ir.Modifier(kind=ir.ModifierKind.INDEX, span=field.span.as_synthetic())
    return replace(field, modifiers=(*field.modifiers, index))
