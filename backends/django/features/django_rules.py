"""The names Django gives a meaning to, checked on the lowered program.

The front end refuses only what no target could use (Python keywords, a field that
`timestamps` adds anyway); this feature refuses what only a Django project cannot:
names its query syntax cannot address (DJS0109), model and choices attributes and
the names the generated models module imports (DJS0108), filters named like a query
parameter the API reads itself (DJS0108), the `<key>_id` column Django adds beside a
foreign key (DJS0108), and
relation ends on the built-in `User` that `django.contrib.auth` already defines
(DJS0302).  The codes are the ones these rules always had; only their home moved.
It generates nothing, so it consumes no construct and emits no files.
"""

from __future__ import annotations

from collections.abc import Iterator

from djsc.analysis.types import USER_ENTITY
from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.naming import with_article
from djsc.backends.django.reserved import (
    AUTH_USER_ATTRIBUTES,
    CHOICES_ATTRIBUTES,
    FOREIGN_KEY_COLUMN_SUFFIX,
    lookup_problem,
    model_attribute_problem,
    query_parameter_problem,
    single_underscores,
)
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.ir.walk import key_ends


class DjangoRulesFeature(TemplateFeature):
    name = "django_rules"
    consumes = frozenset()

    def check(self, program: ir.Program, ctx: EmitContext) -> None:
        for enum in program.enums:
            name_is_addressable(enum.name, "enum", ctx)
            for member in enum.members:
                enum_member_is_free(member, ctx)
        for entity in program.entities:
            keys = foreign_keys(entity, program)
            for name, noun in attributes(entity, program):
                model_attribute_is_free(name, noun, keys, ctx)
            for name, noun, fix in filters(entity, program):
                filter_is_addressable(name, noun, fix, ctx)
        for name in user_ends(program):
            user_end_is_free(name, ctx)
        for event in program.events:
            name_is_addressable(event.name, "event", ctx)
            for field in event.fields:
                name_is_addressable(field.name, "field", ctx)
        for op in (*program.commands, *program.queries):
            name_is_addressable(op.name, type(op).__name__.lower(), ctx)
            for field in op.inputs:
                name_is_addressable(field.name, "input", ctx)

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        return iter(())


def name_is_addressable(name: ir.Ident, noun: str, ctx: EmitContext) -> bool:
    """Free of `__` and of a trailing `_`, which Django's lookups cannot address."""
    problem = lookup_problem(name.text)
    if problem is None:
        return True
    ctx.diagnostics.report(
        codes.INVALID_NAME.at(name.span, problem, name=name.text, what=noun).with_help(
            f"write it with single underscores: `{single_underscores(name.text)}`"
        )
    )
    return False


def _reserved(name: ir.Ident, noun: str, problem: str):
    what = with_article(f"{noun} name")
    return codes.RESERVED_NAME.at(name.span, problem, name=name.text, what=what)


def enum_member_is_free(member: ir.EnumMember, ctx: EmitContext) -> None:
    """Addressable, and not a member Django's `Choices` classes define."""
    if not name_is_addressable(member.name, "enum member", ctx):
        return
    if member.name.text in CHOICES_ATTRIBUTES:
        ctx.diagnostics.report(
            _reserved(member.name, "enum member", "Django's choices define it").with_help(
                "choose another name"
            )
        )


def attributes(entity: ir.Entity, program: ir.Program) -> Iterator[tuple[ir.Ident, str]]:
    """Every attribute the entity's model gets, with what the spec calls it: its
    fields, and the ends of relations on it (a field typed with an entity was
    lowered into an implicit relation, but the spec wrote a field)."""
    text = entity.name.text
    for field in entity.fields:
        yield field.name, "field"
    for rel in program.relations:
        if rel.source.entity.text == text and rel.source.field is not None:
            yield rel.source.field, "field" if rel.implicit else "relation end"
        if rel.target.entity.text == text and rel.target.field is not None:
            yield rel.target.field, "relation end"


def filters(entity: ir.Entity, program: ir.Program) -> Iterator[tuple[ir.Ident, str, str]]:
    """The names the entity's list endpoint filters by, with what the spec calls them
    and how to free them: its `filter` fields and the relation ends its model holds
    (each of those is a filter, whether or not it says so)."""
    text = entity.name.text
    for field in entity.fields:
        if any(m.kind == ir.ModifierKind.FILTER for m in field.modifiers):
            yield field.name, "field", "drop `filter` or rename the field"
    for rel in program.relations:
        if rel.source.entity.text == text and rel.source.field is not None:
            noun = "field" if rel.implicit else "relation end"
            yield rel.source.field, noun, f"rename the {noun}"


def filter_is_addressable(name: ir.Ident, noun: str, fix: str, ctx: EmitContext) -> None:
    """Not a query parameter the list endpoint reads for something else."""
    problem = query_parameter_problem(name.text)
    if problem is None:
        return
    ctx.diagnostics.report(
        _reserved(name, f"filtered {noun}", problem).with_help(f"{fix}, e.g. `{name.text}_value`")
    )


def foreign_keys(entity: ir.Entity, program: ir.Program) -> dict[str, ir.Ident]:
    """The entity's foreign keys by name: the ends of relations whose key it holds."""
    text = entity.name.text
    holders = (key_ends(rel) for rel in program.relations)
    return {
        end.field.text: end.field
        for end, _ in filter(None, holders)
        if end.entity.text == text and end.field is not None
    }


def model_attribute_is_free(
    name: ir.Ident, noun: str, keys: dict[str, ir.Ident], ctx: EmitContext
) -> None:
    """Addressable, not an attribute of every Django model, not a key's column."""
    if not name_is_addressable(name, noun, ctx):
        return
    problem = model_attribute_problem(name.text)
    if problem is not None:
        ctx.diagnostics.report(_reserved(name, noun, problem).with_help("choose another name"))
        return
    foreign_key_column_is_free(name, noun, keys, ctx)


def foreign_key_column_is_free(
    name: ir.Ident, noun: str, keys: dict[str, ir.Ident], ctx: EmitContext
) -> None:
    """`author_id` is the attribute Django adds for a foreign key `author`."""
    if not name.text.endswith(FOREIGN_KEY_COLUMN_SUFFIX):
        return
    base = name.text[: -len(FOREIGN_KEY_COLUMN_SUFFIX)]
    key = keys.get(base)
    if key is None:
        return
    ctx.diagnostics.report(
        _reserved(name, noun, f"Django names the column of `{base}` so")
        .with_label(key.span, "the foreign key")
        .with_help(f"read the key as `{base}.id`, or rename the field")
    )


def user_ends(program: ir.Program) -> Iterator[ir.Ident]:
    """The names relation ends add to the built-in `User`, Django's own user model."""
    for rel in program.relations:
        for end in (rel.source, rel.target):
            if end.entity.text == USER_ENTITY and end.field is not None:
                yield end.field


def user_end_is_free(name: ir.Ident, ctx: EmitContext) -> None:
    """Not a field of `django.contrib.auth`'s user model, nor a model attribute."""
    if name.text in AUTH_USER_ATTRIBUTES:
        ctx.diagnostics.report(
            codes.RELATION_END_CLASH.at(
                name.span,
                "already defined by Django",
                entity=USER_ENTITY,
                name=name.text,
                other="a field of the built-in `User`",
            ).with_help("choose another name for this end")
        )
        return
    model_attribute_is_free(name, "relation end", {}, ctx)
