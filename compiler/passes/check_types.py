"""Field types, type arguments, defaults, modifiers and the names generated code uses.

Names are checked against the language's rules only (no Python keyword, no field
that `timestamps` or `soft_delete` adds anyway); what a name would shadow in one
framework is that backend's check (the Django backend's `django_rules` feature).

Later checks still run after errors here: a field whose type does not resolve has the
`unknown` expression type, which they accept without a word.  Lowerings, which run
only on a program without errors, may assume every field type resolves and every
declared name is a usable Python identifier.  Per-field value rules live in
`field_rules`.
"""

from __future__ import annotations

from decimal import Decimal

from djsc.analysis.keys import AUTO_KEY, primary_key
from djsc.analysis.naming import SOFT_DELETE_FIELD, TIMESTAMP_FIELDS, keyword_problem
from djsc.analysis.paths import order_key_resolves
from djsc.analysis.types import SCALAR_TYPES, USER_ENTITY, foreign_type_help
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.ir.walk import SOURCE, key_holder
from djsc.passes.context import PassContext
from djsc.passes.field_rules import FieldType, check_field_rules
from djsc.suggest import did_you_mean

ENTITY_FLAGS = ("sourced", "audited")
ID_TYPES = ("UUID", "Int", "BigInt")


def check_types(program: ir.Program, ctx: PassContext) -> ir.Program:
    for enum in program.enums:
        name_is_usable(enum.name, "enum", ctx) and type_name_is_free(enum.name, "enum", ctx)
        enum_members_are_usable(enum, ctx)
        enum_values_agree(enum, ctx)
        enum_values_are_distinct(enum, ctx)
    for entity in program.entities:
        name_is_usable(entity.name, "entity", ctx) and type_name_is_free(entity.name, "entity", ctx)
        entity_flags_are_known(entity, ctx)
        for field in entity.fields:
            field_is_well_typed(field, "entity", ctx)
            entity_field_name_is_usable(field, entity, ctx)
        id_field_is_a_key(entity, ctx)
        groups_name_columns(entity, ctx)
    for event in program.events:
        name_is_usable(event.name, "event", ctx)
        for field in event.fields:
            field_is_well_typed(field, "event", ctx)
            name_is_usable(field.name, "field", ctx)
    for op in (*program.commands, *program.queries):
        name_is_usable(op.name, type(op).__name__.lower(), ctx)
        for field in op.inputs:
            field_is_well_typed(field, "input", ctx)
            name_is_usable(field.name, "input", ctx)
    # Paths cross into other entities, whose members are typed (and memoized) only
    # once every field type has been judged.
    for entity in program.entities:
        ordering_names_fields(entity, ctx)
    return program


def resolve_type(name: str, ctx: PassContext) -> FieldType | None:
    """What a field type name means, or None when it names nothing (or both an
    entity and an enum, which resolve_names reports)."""
    if ctx.analysis.is_ambiguous_type(name):
        return None
    if name in SCALAR_TYPES:
        return FieldType(scalar=SCALAR_TYPES[name])
    enum = ctx.analysis.enum(name)
    if enum is not None:
        return FieldType(enum=enum)
    if name == USER_ENTITY or ctx.analysis.entity(name) is not None:
        return FieldType(entity=name)
    return None


def type_names(ctx: PassContext) -> list[str]:
    return [*SCALAR_TYPES, *ctx.analysis.names("enum"), *ctx.analysis.names("entity"), "User"]


def unknown_type_help(name: str, ctx: PassContext) -> str | None:
    """A declared type in another case first (`status` for `Status`), then the .djs
    name of another language's type (`Integer` is `Int`), then the nearest typo."""
    names = type_names(ctx)
    same = [n for n in names if n.lower() == name.lower()]
    return did_you_mean(name, same) or foreign_type_help(name) or did_you_mean(name, names)


# ---------------------------------------------------------------- names


def name_is_usable(name: ir.Ident, noun: str, ctx: PassContext) -> bool:
    """Not a Python keyword; reports otherwise.

    `noun` says what the name names: "field", "entity", "enum member", ….
    """
    problem = keyword_problem(name.text)
    if problem:
        ctx.report(
            codes.RESERVED_NAME.at(
                name.span, problem, name=name.text, what=f"{_a(noun)} {noun} name"
            ).with_help("choose another name")
        )
        return False
    return True


def type_name_is_free(name: ir.Ident, noun: str, ctx: PassContext) -> bool:
    """A declared type may not take a built-in type's name: `price: Decimal` would then
    mean two things, and the checks and the lowering would each pick another."""
    if name.text not in SCALAR_TYPES:
        return True
    ctx.report(
        codes.RESERVED_NAME.at(
            name.span,
            "a built-in type has this name",
            name=name.text,
            what=f"{_a(noun)} {noun} name",
        ).with_help(f"choose another name, like `{name.text}Entry`")
    )
    return False


def _a(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def entity_field_name_is_usable(field: ir.Field, entity: ir.Entity, ctx: PassContext) -> None:
    """A field name must not be a keyword nor a field the entity's markers add."""
    if not name_is_usable(field.name, "field", ctx):
        return
    member_is_not_generated(field.name, entity, "field", ctx)


def member_is_not_generated(name: ir.Ident, entity: ir.Entity, noun: str, ctx: PassContext) -> None:
    """Shared with relation ends, which also become attributes of the entity."""
    generated = _generated_by(entity, name.text)
    if generated is None:
        return
    ctx.report(
        codes.RESERVED_NAME.at(
            name.span,
            f"the entity's `{generated[0]}` adds it",
            name=name.text,
            what=f"{_a(noun)} {noun} name",
        )
        .with_label(generated[1].span, "adds this field")
        .with_help(f"remove the field, or remove `{generated[0]}`")
    )


def _generated_by(entity: ir.Entity, name: str) -> tuple[str, ir.Node] | None:
    if name not in TIMESTAMP_FIELDS and name != SOFT_DELETE_FIELD:
        return None
    for member in entity.members:
        if isinstance(member, ir.Timestamps) and name in TIMESTAMP_FIELDS:
            return "timestamps", member
        if isinstance(member, ir.SoftDelete) and name == SOFT_DELETE_FIELD:
            return "soft_delete", member
    return None


def foreign_key_named(entity: ir.Entity, name: str, ctx: PassContext) -> ir.Node | None:
    """The field or relation end that gives `entity` a foreign-key column `name`."""
    field = entity.field(name)
    if field is not None:
        ftype = resolve_type(field.type.name.text, ctx)
        return field.name if ftype is not None and ftype.entity else None
    found = ctx.analysis.relation_ends.get(entity.name.text, {}).get(name)
    if found is None:
        return None
    rel, side = found
    end = rel.source if side == SOURCE else rel.target
    return end.field if key_holder(rel) == side else None


# ---------------------------------------------------------------- enums


def enum_members_are_usable(enum: ir.Enum, ctx: PassContext) -> None:
    for member in enum.members:
        name_is_usable(member.name, "enum member", ctx)


def enum_values_agree(enum: ir.Enum, ctx: PassContext) -> None:
    """Stored values are all numbers or all strings; numbers leave no member without one."""
    valued = [m for m in enum.members if m.value is not None]
    if not valued:
        return
    first = valued[0]
    numeric = first.value.kind == "number"  # type: ignore[union-attr]
    for member in enum.members:
        value = member.value
        if value is None and not numeric:
            continue  # a string enum stores a bare member's name
        if value is not None and value.kind != "duration" and (value.kind == "number") == numeric:
            continue
        label = "this member has no value"
        if value is not None:
            label = f"this member's value is a {value.kind}"
        found = codes.MIXED_ENUM_VALUES.at(member.span, label, name=enum.name.text)
        if member is not first:
            found = found.with_label(first.span, f"this member's value is a {first.value.kind}")  # type: ignore[union-attr]
        ctx.report(found.with_help("give every member a number, or use strings"))


def enum_values_are_distinct(enum: ir.Enum, ctx: PassContext) -> None:
    """Two members storing one value could not be told apart when read back."""
    seen: dict[object, ir.EnumMember] = {}
    for member in enum.members:
        value = member.value
        if value is None:
            stored: object = ("string", member.name.text)  # a bare member stores its name
        elif value.kind == "number":
            stored = ("number", Decimal(value.value))
        else:
            stored = (value.kind, value.value)
        first = seen.setdefault(stored, member)
        if first is member:
            continue
        ctx.report(
            codes.DUPLICATE_ENUM_VALUE.at(
                member.span,
                "stores the same value",
                first=first.name.text,
                second=member.name.text,
                name=enum.name.text,
            )
            .with_label(first.span, "as this member")
            .with_help("give each member its own value")
        )


# ---------------------------------------------------------------- entities


def entity_flags_are_known(entity: ir.Entity, ctx: PassContext) -> None:
    for flag in entity.flags:
        if flag.text in ENTITY_FLAGS:
            continue
        ctx.report(
            codes.UNKNOWN_ENTITY_FLAG.at(flag.span, "unknown flag", name=flag.text).with_help(
                did_you_mean(flag.text, ENTITY_FLAGS)
                or "the flags are `sourced` and `audited`; options go inside the braces"
            )
        )


def field_is_well_typed(field: ir.Field, owner: str, ctx: PassContext) -> None:
    """The type names something; then the field's own rules apply."""
    name = field.type.name
    if ctx.analysis.is_ambiguous_type(name.text):
        return  # which of the two declarations is meant is unknown
    ftype = resolve_type(name.text, ctx)
    if ftype is None:
        ctx.report(
            codes.UNKNOWN_TYPE.at(name.span, "not a type", name=name.text).with_help(
                unknown_type_help(name.text, ctx)
            )
        )
        return
    check_field_rules(field, ftype, owner, ctx)


def id_field_is_a_key(entity: ir.Entity, ctx: PassContext) -> None:
    field = entity.field("id")
    if field is None or any(f.has(ir.ModifierKind.PRIMARY) for f in entity.fields):
        return  # another key, or `id` marked `primary`: check_primary_keys judges it
    if field.type.name.text in ID_TYPES and not field.optional:
        return
    label = "a primary key cannot be optional" if field.optional else "the primary key"
    ctx.report(
        codes.INVALID_ID_FIELD.at(field.type.span, label).with_help(
            "write `id: UUID` or `id: BigInt`, mark another key `primary`, or leave `id` out"
        )
    )


def _columns(entity: ir.Entity, ctx: PassContext) -> list[str]:
    # The automatic `id` exists only when nothing else is the key.
    key = primary_key(
        entity, [rel for rel, _ in ctx.analysis.relation_ends.get(entity.name.text, {}).values()]
    )
    names = [*([AUTO_KEY] if key.automatic else []), *(f.name.text for f in entity.fields)]
    if entity.timestamps:
        names.extend(TIMESTAMP_FIELDS)
    if entity.soft_delete:
        names.append(SOFT_DELETE_FIELD)
    for end in ctx.analysis.relation_ends.get(entity.name.text, {}):
        if foreign_key_named(entity, end, ctx) is not None:
            names.append(end)
    return names


def groups_name_columns(entity: ir.Entity, ctx: PassContext) -> None:
    """`unique (a, b)` and `index (a, b)` name stored columns of the entity."""
    columns = _columns(entity, ctx)
    ends = ctx.analysis.relation_ends.get(entity.name.text, {})
    for group in entity.groups:
        for name in group.fields:
            if name.text in columns:
                continue
            label = "no such field"
            if name.text in ends:
                label = "this end of the relation has no column of its own"
            ctx.report(
                codes.UNKNOWN_FIELD.at(
                    name.span, label, owner=entity.name.text, name=name.text
                ).with_help(did_you_mean(name.text, columns))
            )


def ordering_names_fields(entity: ir.Entity, ctx: PassContext) -> None:
    for key in entity.ordering:
        order_key_resolves(key, entity.name.text, ctx)
