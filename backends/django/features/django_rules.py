"""The names Django gives a meaning to, checked on the lowered program.

The front end refuses only what no target could use (Python keywords, a field that
`timestamps` adds anyway); this feature refuses what only a Django project cannot:
names its query syntax cannot address (DJS0109), model and choices attributes and
the names the generated models module imports (DJS0108), filters named like a query
parameter the API reads itself (DJS0108), the `<key>_id` column Django adds beside a
foreign key (DJS0108), and
relation ends on the built-in `User` that `django.contrib.auth` already defines
(DJS0302).  The codes are the ones these rules always had; only their home moved.

Rules found by the property test tests/property/test_any_spec_builds.py: model names
Django refuses (`__`, an outer `_`: DJS0109), entities and enums named like a
module-level name of the generated code, a Python builtin or a class the generated
code derives from another entity (`PostSerializer`), entities one lower-case or
snake_case name apart, enum members that become one choices attribute, app names
that hide a module or another app's label or are too long for PostgreSQL, and
fields too long for a PostgreSQL column (all DJS0108).
It generates nothing, so it consumes no construct and emits no files.
"""

from __future__ import annotations

from collections.abc import Iterator

from djsc.analysis.types import USER_ENTITY
from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django import naming
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.naming import with_article
from djsc.backends.django.reserved import (
    AMBIGUOUS_NAMES,
    AUTH_USER_ATTRIBUTES,
    AUTH_USER_METHODS,
    AUTH_USER_RELATIONS,
    CHOICES_ATTRIBUTES,
    FOREIGN_KEY_COLUMN_SUFFIX,
    GENERATED_CLASS_SUFFIXES,
    MAX_APP_NAME,
    MAX_ATTRIBUTE_NAME,
    app_name_problem,
    lookup_problem,
    model_attribute_problem,
    model_name_problem,
    query_parameter_problem,
    single_underscores,
    type_name_problem,
)
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.ir.walk import key_ends
from djsc.source import Span


class DjangoRulesFeature(TemplateFeature):
    name = "django_rules"
    consumes = frozenset()

    def check(self, program: ir.Program, ctx: EmitContext) -> None:
        app_name_is_usable(program, ctx)
        generated = generated_names(program)
        for enum in program.enums:
            if name_is_addressable(enum.name, "enum", ctx):
                type_name_is_free(enum.name, "enum", generated, ctx)
            for member in enum.members:
                enum_member_is_free(member, ctx)
            enum_members_are_distinct(enum, ctx)
        models: dict[str, ir.Ident] = {}
        for entity in program.entities:
            if model_name_is_usable(entity.name, ctx) and model_name_is_distinct(
                entity.name, models, ctx
            ):
                type_name_is_free(entity.name, "entity", generated, ctx)
        used = class_body_names(program)
        for entity in program.entities:
            keys = foreign_keys(entity, program)
            for name, noun in attributes(entity, program):
                if model_attribute_is_free(name, noun, keys, ctx):
                    attribute_is_not_used_in_class_bodies(name, noun, used, ctx)
            for name, noun, fix in filters(entity, program):
                filter_is_addressable(name, noun, fix, ctx)
            columns_are_distinct(entity, program, keys, ctx)
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


def app_name_is_usable(program: ir.Program, ctx: EmitContext) -> None:
    """The app's package and label (the `app` name, else the spec's file name) hide no
    module the project imports and no other app's label, and fit PostgreSQL."""
    app = program.app
    stem = ctx.spec_name.rsplit("/", 1)[-1].removesuffix(".djs")
    label = naming.app_name(stem, app.name.text if app is not None else None)
    problem = app_name_problem(label)
    if problem is None:
        return
    if len(label) > MAX_APP_NAME:
        better = f"a name of at most {MAX_APP_NAME} characters"
    else:
        better = f"another name, e.g. `{label}_app`"
    if app is not None:
        span, help_text = app.name.span, f"choose {better}"
    else:
        first = program.decls[0].span if program.decls else Span(ctx.spec_name, 0, 0)
        span = Span(first.file, 0, 0)
        help_text = f"the app is named after the spec's file; name it in an `app` block: {better}"
    ctx.diagnostics.report(
        codes.RESERVED_NAME.at(span, problem, name=label, what="an app name").with_help(help_text)
    )


def names_of(entity: str) -> dict[str, str]:
    """The module-level names the generated code derives from an entity's name, with
    what each names: `PostSerializer` → "`Post`'s serializer", …"""
    found = {
        f"{entity}{suffix}": f"`{entity}`'s {naming.label(suffix).lower()}"
        for suffix in GENERATED_CLASS_SUFFIXES
    }
    found[f"Test{entity}Api"] = f"the API tests of `{entity}`"
    found[f"{naming.snake(entity)}_payload"] = f"the test payload of `{entity}`"
    found[f"Test{entity}Access"] = f"the permission tests of `{entity}`"
    found[f"Test{entity}Cache"] = f"the cache tests of `{entity}`"
    found[f"{naming.snake(entity)}_access"] = f"the access rules of `{entity}`"
    for op in ("read", "create", "update", "delete"):
        found[f"{naming.snake(entity)}_{op}"] = f"the `{op}` rule of `{entity}`"
    return found


def generated_names(program: ir.Program) -> dict[str, tuple[str, str]]:
    """Every name the generated code derives from the spec's entities and relations:
    name → (the entity it belongs to, what it names).  The first claim is kept."""
    found: dict[str, tuple[str, str]] = {}
    for entity in program.entities:
        for name, what in names_of(entity.name.text).items():
            found.setdefault(name, (entity.name.text, what))
    for rel in program.relations:
        keyed = key_ends(rel)
        if keyed is not None and keyed[0].field is not None:
            owner, end = keyed[0].entity.text, keyed[0].field.text
            what = f"the admin inline of `{owner}.{end}`"
            found.setdefault(f"{owner}{naming.camel(end)}Inline", (owner, what))
    return found


def model_name_is_usable(name: ir.Ident, ctx: EmitContext) -> bool:
    """Django's system checks refuse model names with `__` or an outer `_`."""
    problem = model_name_problem(name.text)
    if problem is None:
        return True
    better = single_underscores(name.text).strip("_") or "Name"
    how = "with single underscores" if "__" in name.text.strip("_") else "without the outer `_`"
    ctx.diagnostics.report(
        codes.INVALID_NAME.at(name.span, problem, name=name.text, what="entity").with_help(
            f"write it {how}: `{better}`"
        )
    )
    return False


def type_name_is_free(
    name: ir.Ident, noun: str, generated: dict[str, tuple[str, str]], ctx: EmitContext
) -> None:
    """Not a module-level name of the generated code: entities and enums are classes
    beside those, imported by name wherever they are used."""
    problem = type_name_problem(name.text)
    if problem is None and name.text in generated:
        problem = f"the generated code names {generated[name.text][1]} so"
    if problem is None and noun == "entity":
        # `PostSummary`'s serializer would be `Post`'s summary serializer, and
        # `Problem`'s the serializer of error bodies.
        for derived, what in names_of(name.text).items():
            owner, other = generated.get(derived, (name.text, ""))
            if owner != name.text:
                problem = f"the generated code would name {what} and {other} `{derived}`"
                break
            if type_name_problem(derived) is not None:
                problem = f"the generated code would name {what} `{derived}`, a name it uses"
                break
    if problem is None:
        return
    better = naming.camel(name.text) + ("Kind" if noun == "enum" else "Record")
    ctx.diagnostics.report(
        _reserved(name, noun, problem).with_help(f"choose another name, e.g. `{better}`")
    )


def model_name_is_distinct(name: ir.Ident, seen: dict[str, ir.Ident], ctx: EmitContext) -> bool:
    """Django tells models apart by their lower-case names, and the generated code
    names functions, URLs and tests after their snake_case names."""
    lower, snake = name.text.lower(), naming.snake(name.text)
    for key, why in (
        (f"lower:{lower}", "Django names models in lower case, `{}` too"),
        (f"snake:{snake}", f"the generated code names it `{snake}`, as it names `{{}}`"),
    ):
        first = seen.setdefault(key, name)
        if first is not name:
            ctx.diagnostics.report(
                _reserved(name, "entity", why.format(first.text))
                .with_label(first.span, "the other entity")
                .with_help("rename one of the two entities")
            )
            return False
    return True


def enum_members_are_distinct(enum: ir.Enum, ctx: EmitContext) -> None:
    """Two members must not become one attribute of the choices class (`a`, `A`)."""
    seen: dict[str, ir.EnumMember] = {}
    for member in enum.members:
        attribute = naming.enum_member(member.name.text)
        first = seen.setdefault(attribute, member)
        if first is member or first.name.text == member.name.text:
            continue  # a member given twice is the front end's DJS0107
        ctx.diagnostics.report(
            _reserved(
                member.name,
                "enum member",
                f"Django's choices name it `{attribute}`, as they name `{first.name.text}`",
            )
            .with_label(first.name.span, "the other member")
            .with_help("rename one of the two members")
        )


def _reserved(name: ir.Ident, noun: str, problem: str):
    what = with_article(f"{noun} name")
    return codes.RESERVED_NAME.at(name.span, problem, name=name.text, what=what)


def enum_member_is_free(member: ir.EnumMember, ctx: EmitContext) -> None:
    """Addressable, and not a member Django's `Choices` classes define."""
    if not name_is_addressable(member.name, "enum member", ctx):
        return
    attribute = naming.enum_member(member.name.text)
    if attribute in AMBIGUOUS_NAMES:
        ctx.diagnostics.report(
            _reserved(
                member.name,
                "enum member",
                f"Django's choices name it `{attribute}`, which ruff refuses (E741): "
                "it reads like `1` or `0`",
            ).with_help("choose another name")
        )
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
) -> bool:
    """Addressable, not an attribute of every Django model, not a key's column."""
    if not name_is_addressable(name, noun, ctx):
        return False
    problem = model_attribute_problem(name.text)
    if problem is not None:
        better = "choose another name"
        if len(name.text) > MAX_ATTRIBUTE_NAME:
            better = f"choose a name of at most {MAX_ATTRIBUTE_NAME} characters"
        ctx.diagnostics.report(_reserved(name, noun, problem).with_help(better))
        return False
    return foreign_key_column_is_free(name, noun, keys, ctx)


def columns_are_distinct(
    entity: ir.Entity, program: ir.Program, keys: dict[str, ir.Ident], ctx: EmitContext
) -> None:
    """No two columns of one table whose names differ only in case: SQLite and MySQL
    compare column names without case, so `Name` beside `name` fails `migrate`."""
    nouns = {name.text: noun for name, noun in attributes(entity, program)}
    columns = [(f.name, f.name.text) for f in entity.fields]
    columns += [(name, f"{text}_id") for text, name in keys.items()]
    seen: dict[str, tuple[ir.Ident, str]] = {}
    for name, column in columns:
        first, first_column = seen.setdefault(column.lower(), (name, column))
        if first is name or first_column == column:
            continue  # one name, or a column another rule reports (`a_id` beside `a`)
        ctx.diagnostics.report(
            _reserved(
                name,
                nouns.get(name.text, "field"),
                f"its column `{column}` is `{first.text}`'s on databases that ignore case",
            )
            .with_label(first.span, "the other column")
            .with_help("rename one of the two")
        )


def class_body_names(program: ir.Program) -> dict[str, str]:
    """The spec's names the generated class bodies use below the fields, with how:
    enums (`choices=Level.choices`), entities and their summary serializers (nested
    and written relations) and factories (`factory.SubFactory(PostFactory)`)."""
    used = {enum.name.text: f"the enum `{enum.name.text}`" for enum in program.enums}
    for entity in program.entities:
        name = entity.name.text
        used[name] = f"the entity `{name}`"
        used[f"{name}SummarySerializer"] = f"`{name}`'s summary serializer"
        used[f"{name}Factory"] = f"`{name}`'s factory"
    return used


def attribute_is_not_used_in_class_bodies(
    name: ir.Ident, noun: str, used: dict[str, str], ctx: EmitContext
) -> None:
    what = used.get(name.text)
    if what is None:
        return
    ctx.diagnostics.report(
        _reserved(name, noun, f"the generated classes use `{name.text}` for {what}").with_help(
            f"choose another name, e.g. `{naming.snake(name.text)}`"
        )
    )


def foreign_key_column_is_free(
    name: ir.Ident, noun: str, keys: dict[str, ir.Ident], ctx: EmitContext
) -> bool:
    """`author_id` is the attribute Django adds for a foreign key `author`."""
    if not name.text.endswith(FOREIGN_KEY_COLUMN_SUFFIX):
        return True
    base = name.text[: -len(FOREIGN_KEY_COLUMN_SUFFIX)]
    key = keys.get(base)
    if key is None:
        return True
    ctx.diagnostics.report(
        _reserved(name, noun, f"Django names the column of `{base}` so")
        .with_label(key.span, "the foreign key")
        .with_help(f"read the key as `{base}.id`, or rename the field")
    )
    return False


def user_ends(program: ir.Program) -> Iterator[ir.Ident]:
    """The names relation ends add to the built-in `User`, Django's own user model."""
    for rel in program.relations:
        for end in (rel.source, rel.target):
            if end.entity.text == USER_ENTITY and end.field is not None:
                yield end.field


def user_end_is_free(name: ir.Ident, ctx: EmitContext) -> None:
    """Not a field, method or relation of `django.contrib.auth`'s user model, nor a
    model attribute."""
    for table, other in (
        (AUTH_USER_ATTRIBUTES, "a field of the built-in `User`"),
        (AUTH_USER_METHODS, "a method of the built-in `User`"),
        (AUTH_USER_RELATIONS, "the admin log's relation to the built-in `User`"),
    ):
        if name.text in table:
            ctx.diagnostics.report(
                codes.RELATION_END_CLASH.at(
                    name.span,
                    "already defined by Django",
                    entity=USER_ENTITY,
                    name=name.text,
                    other=other,
                ).with_help("choose another name for this end")
            )
            return
    model_attribute_is_free(name, "relation end", {}, ctx)
