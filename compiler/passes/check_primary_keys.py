"""Primary keys: one per entity, of a type that can be a key, required, never defaulted.

An entity's key is a field marked `primary`, a field `id` of a key type, or a
`one_to_one` end marked `{ primary }` (the row shares its target's key); see
`analysis/keys.py`.  Two of them on one entity are DJS0214, a field that cannot be a
key DJS0215, a relation that cannot share its target's key DJS0312.
"""

from __future__ import annotations

from djsc.analysis.keys import AUTO_KEY, GIVEN_KEY_TYPES, KEY_TYPES
from djsc.analysis.sequences import is_sequence_call
from djsc.analysis.types import SCALAR_TYPES
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.context import PassContext
from djsc.source import Span


def check_primary_keys(program: ir.Program, ctx: PassContext) -> ir.Program:
    shared: dict[str, list[ir.Relation]] = {}
    for rel in program.relations:
        if rel.option("primary") is not None and shared_key_fits(rel, ctx):
            shared.setdefault(rel.source.entity.text, []).append(rel)
    for entity in program.entities:
        for field in entity.fields:
            if field.has(ir.ModifierKind.PRIMARY):
                primary_field_fits(field, ctx)
        one_key_per_entity(entity, shared.get(entity.name.text, []), ctx)
    return program


def primary_field_fits(field: ir.Field, ctx: PassContext) -> None:
    name, type_name = field.name.text, field.type.name.text
    marker = field.modifier(ir.ModifierKind.PRIMARY)
    assert marker is not None
    if ctx.analysis.entity(type_name) is not None or type_name == "User":
        ctx.report(
            codes.INVALID_PRIMARY_KEY.at(
                marker.span, "on a reference", name=name, reason="it refers to another entity"
            ).with_help(
                f"to share `{type_name}`'s key, declare `relation one_to_one "
                f"<Entity>.{name} -> {type_name} {{ primary }}` instead of the field"
            )
        )
        return
    if type_name not in KEY_TYPES:
        known = type_name in SCALAR_TYPES or ctx.analysis.enum(type_name) is not None
        if not known or ctx.analysis.is_ambiguous_type(type_name):
            return  # an unknown type is DJS0102's
        ctx.report(
            codes.INVALID_PRIMARY_KEY.at(
                field.type.span,
                "not a key type",
                name=name,
                reason=f"a `{type_name}` cannot be a key",
            )
            .with_label(marker.span, "marked as the key here")
            .with_help("keys are `BigInt`, `Int` or `UUID` (assigned), or `String(n)`/`Slug(n)`")
        )
        return
    if field.optional:
        ctx.report(
            codes.INVALID_PRIMARY_KEY.at(
                field.type.span, "optional", name=name, reason="a key cannot be null"
            ).with_help(f"remove the `?`: every row has a `{name}`")
        )
    if field.default is not None and not _default_fits(field):
        assigned = type_name not in GIVEN_KEY_TYPES
        ctx.report(
            codes.INVALID_PRIMARY_KEY.at(
                field.default.span,
                "a default",
                name=name,
                reason="one default value would give every row the same key",
            ).with_help(
                f"remove the default: a `{type_name}` key is assigned to each new row"
                if assigned
                else "remove it so clients give the key, or number the rows: "
                '`= sequence("X-{:05}")`'
            )
        )


def _default_fits(field: ir.Field) -> bool:
    """Only a text key can be numbered by `sequence(…)`: each row gets the next value."""
    return field.type.name.text in GIVEN_KEY_TYPES and is_sequence_call(field.default)


def shared_key_fits(rel: ir.Relation, ctx: PassContext) -> bool:
    """`{ primary }` on the key end of a required `one_to_one` to another entity."""
    opt = rel.option("primary")
    assert opt is not None
    where = f"{rel.source.entity.text}.{rel.source.field.text if rel.source.field else '?'}"
    reason, label, help = None, "", None
    if rel.kind.text != ir.RelationKind.ONE_TO_ONE:
        reason = f"a `{rel.kind.text}` end is not unique"
        label, help = "not on a `one_to_one`", "only a `one_to_one` can share a key"
    elif rel.source.field is None:
        reason = "the end holding the key has no name"
        label = "needs a named end"
    elif rel.key_optional:
        reason = "the end is optional, and a key cannot be null"
        label, help = "optional end", "remove the `?`: each row belongs to exactly one target"
    elif rel.source.entity.text == rel.target.entity.text:
        reason = "a row cannot share its own key"
        label = "points at its own entity"
    if reason is None:
        return True
    ctx.report(
        codes.INVALID_SHARED_KEY.at(opt.span, label, relation=where, reason=reason).with_help(help)
    )
    return False


def one_key_per_entity(entity: ir.Entity, shared: list[ir.Relation], ctx: PassContext) -> None:
    """At most one of: a `primary` field, a field `id`, a shared-key end."""
    keys: list[tuple[Span, str]] = []
    for field in entity.fields:
        marker = field.modifier(ir.ModifierKind.PRIMARY)
        if marker is not None:
            keys.append((marker.span, f"`{field.name.text}` is marked `primary`"))
    id_field = entity.field(AUTO_KEY)
    if id_field is not None and not id_field.has(ir.ModifierKind.PRIMARY) and (keys or shared):
        keys.append((id_field.name.span, "a field `id` is the key"))
    for rel in shared:
        end = rel.source.field.text if rel.source.field else ""
        keys.append((rel.source.span, f"`{end}` shares the key of `{rel.target.entity.text}`"))
    if len(keys) < 2:
        return
    (first_span, first), *rest = keys
    for span, what in rest:
        ctx.report(
            codes.MULTIPLE_PRIMARY_KEYS.at(span, what, entity=entity.name.text)
            .with_label(first_span, first)
            .with_help(
                "an entity has one key: keep one; a `unique` field or a `one_to_one` "
                "stays unique without it"
            )
        )
