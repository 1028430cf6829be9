"""`owner: User` in an entity becomes an implicit `many_to_one` relation.

    entity Account { owner: User? }
becomes
    entity Account { }
    relation many_to_one Account.owner? -> User      (implicit, synthetic spans)

Only entity fields are lowered: in an event payload or a command input an
entity-typed field is a reference by id and stays a field.
"""

from __future__ import annotations

from dataclasses import replace

from djsc.analysis.types import USER_ENTITY
from djsc.ir import nodes as ir
from djsc.passes.context import PassContext


def lower_entity_fields(program: ir.Program, ctx: PassContext) -> ir.Program:
    entity_names = {e.name.text for e in program.entities} | {USER_ENTITY}
    decls: list[ir.Decl] = []
    implicit: list[ir.Relation] = []
    for decl in program.decls:
        if isinstance(decl, ir.Entity):
            decl, made = _lower_entity(decl, entity_names)
            implicit.extend(made)
        decls.append(decl)
    if not implicit:
        return program
    return replace(program, decls=(*decls, *implicit))


def _lower_entity(entity: ir.Entity, entity_names: set[str]) -> tuple[ir.Entity, list[ir.Relation]]:
    members: list = []
    made: list[ir.Relation] = []
    for member in entity.members:
        if isinstance(member, ir.Field) and member.type.name.text in entity_names:
            made.append(_relation_of(entity, member))
        else:
            members.append(member)
    if not made:
        return entity, made
    return replace(entity, members=tuple(members)), made


def _relation_of(entity: ir.Entity, field: ir.Field) -> ir.Relation:
    # check_types refuses every default but `null` (on an optional reference, which is
    # what a nullable key holds anyway) and every modifier but `was`, which becomes the
    # relation's option of the same name, so nothing is lost.
    null = isinstance(field.default, ir.Name) and field.default.name.text == "null"
    assert field.default is None or (null and field.type.optional), field.name
    assert all(m.kind == ir.ModifierKind.WAS for m in field.modifiers), field.name
    span = field.span.as_synthetic()
    options = ()
    if field.was is not None:
        old = ir.OptionValue(kind="name", text=field.was.text, span=field.was.span)
        options = (ir.Option(name=ir.Ident(text="was", span=span), values=(old,), span=span),)
    return ir.Relation(
        kind=ir.Ident(text=ir.RelationKind.MANY_TO_ONE.value, span=span),
        source=ir.RelationEnd(
            entity=ir.Ident(text=entity.name.text, span=span),
            field=replace(field.name, span=field.name.span.as_synthetic()),
            optional=field.type.optional,
            span=span,
        ),
        target=ir.RelationEnd(
            entity=replace(field.type.name, span=field.type.name.span.as_synthetic()),
            field=None,
            span=span,
        ),
        options=options,
        implicit=True,
        doc=field.doc,
        span=span,
    )
