"""What `timestamps`, `soft_delete` and a missing `allow` rule mean, made explicit.

`timestamps` adds `created_at` (set on insert, orderable) and `updated_at` (set on
every save); `soft_delete` adds `deleted_at: DateTime?`.  The markers stay, so
backends still know why the fields exist; the fields' modifiers name what they
mean (`set_on_create`), not how one framework spells it, as each backend maps them
itself.  Every CRUD operation no `allow` rule covers gets the default rule: `read`
is open to `anyone`, writes need `authenticated`.
"""

from __future__ import annotations

from dataclasses import replace

from djsc.analysis.naming import SOFT_DELETE_FIELD
from djsc.ir import nodes as ir
from djsc.passes.context import PassContext
from djsc.source import Span

DEFAULT_RULES = {
    "read": "anyone",
    "create": "authenticated",
    "update": "authenticated",
    "delete": "authenticated",
}


def lower_defaults(program: ir.Program, ctx: PassContext) -> ir.Program:
    decls = tuple(_lower_entity(d) if isinstance(d, ir.Entity) else d for d in program.decls)
    return replace(program, decls=decls)


def _lower_entity(entity: ir.Entity) -> ir.Entity:
    span = entity.name.span.as_synthetic()
    added: list[ir.Node] = []
    if entity.timestamps:
        added.append(
            _field("created_at", span, (ir.ModifierKind.SET_ON_CREATE, ir.ModifierKind.ORDER))
        )
        added.append(_field("updated_at", span, (ir.ModifierKind.SET_ON_UPDATE,)))
    if entity.soft_delete:
        added.append(
            _field(SOFT_DELETE_FIELD, span, (ir.ModifierKind.DELETED_MARKER,), optional=True)
        )
    covered = {op.text for rule in entity.permissions for op in rule.ops}
    for op, who in DEFAULT_RULES.items():
        if op not in covered:
            added.append(
                ir.Permission(
                    ops=(ir.Ident(text=op, span=span),),
                    expr=ir.Name(name=ir.Ident(text=who, span=span), span=span),
                    span=span,
                )
            )
    if not added:
        return entity
    return replace(entity, members=(*entity.members, *added))


def _field(
    name: str, span: Span, modifiers: tuple[ir.ModifierKind, ...], optional: bool = False
) -> ir.Field:
    return ir.Field(
        name=ir.Ident(text=name, span=span),
        type=ir.TypeRef(name=ir.Ident(text="DateTime", span=span), optional=optional, span=span),
        modifiers=tuple(ir.Modifier(kind=kind, span=span) for kind in modifiers),
        span=span,
    )
