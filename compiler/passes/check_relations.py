"""Relations: kinds, the entities at both ends, end names, `on_delete` and `through`.

Option keys and value shapes are `check_options`' job; this pass reads `on_delete`
and `through` only when they have the one name value it expects.
"""

from __future__ import annotations

from djsc.analysis.types import USER_ENTITY, USER_FIELDS
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.ir.walk import TARGET, key_holder
from djsc.passes.check_types import member_is_not_generated, name_is_usable
from djsc.passes.context import PassContext
from djsc.passes.through_links import through_entity_links_both_sides
from djsc.suggest import did_you_mean

# No `set_default`: a relation end cannot declare a default to fall back on, and Django
# refuses SET_DEFAULT without one (fields.E321).
ON_DELETE_POLICIES = ("cascade", "protect", "set_null", "restrict", "do_nothing")
_FLIPPED = {
    ir.RelationKind.MANY_TO_ONE: ir.RelationKind.ONE_TO_MANY,
    ir.RelationKind.ONE_TO_MANY: ir.RelationKind.MANY_TO_ONE,
}


def check_relations(program: ir.Program, ctx: PassContext) -> ir.Program:
    claimed: dict[tuple[str, str], ir.Ident] = {}
    for rel in program.relations:
        if not kind_is_known(rel, ctx):
            continue
        source_is_an_entity(rel, ctx)
        target_is_an_entity(rel, ctx)
        one_to_many_names_its_foreign_key(rel, ctx)
        for end in (rel.source, rel.target):
            end_name_is_free(end, program, claimed, ctx)
        on_delete_is_a_policy(rel, ctx)
        set_null_has_an_optional_end(rel, ctx)
        target_mark_is_on_the_key(rel, ctx)
        through_is_on_many_to_many(rel, ctx)
        through_is_checked(rel, program, ctx)
        many_to_many_is_not_optional(rel, ctx)
    return program


def _single_name(rel: ir.Relation, option: str) -> ir.OptionValue | None:
    """The value of `option` when it has the shape check_options accepts."""
    opt = rel.option(option)
    if opt is None or len(opt.values) != 1 or opt.values[0].kind != "name":
        return None
    return opt.values[0]


def kind_is_known(rel: ir.Relation, ctx: PassContext) -> bool:
    if rel.kind.text in ir.RELATION_KINDS:
        return True
    ctx.report(
        codes.INVALID_RELATION_KIND.at(rel.kind.span, "unknown kind", kind=rel.kind.text).with_help(
            did_you_mean(rel.kind.text, ir.RELATION_KINDS)
            or "the kinds are " + ", ".join(f"`{k}`" for k in ir.RELATION_KINDS)
        )
    )
    return False


def _entity_exists(end: ir.RelationEnd, ctx: PassContext, *, allow_user: bool) -> bool:
    name = end.entity.text
    if ctx.analysis.entity(name) is not None or (allow_user and name == USER_ENTITY):
        return True
    if name == USER_ENTITY:
        return False
    candidates = [*ctx.analysis.names("entity"), USER_ENTITY]
    ctx.report(
        codes.UNKNOWN_ENTITY.at(end.entity.span, "not an entity", name=name).with_help(
            did_you_mean(name, candidates)
        )
    )
    return False


def source_is_an_entity(rel: ir.Relation, ctx: PassContext) -> None:
    if _entity_exists(rel.source, ctx, allow_user=False):
        return
    if rel.source.entity.text == USER_ENTITY:
        kind = _FLIPPED.get(rel.kind.text, rel.kind.text)
        there = rel.target.field.text if rel.target.field else "user"
        here = rel.source.field.text if rel.source.field else "items"
        ctx.report(
            codes.USER_AS_SOURCE.at(rel.source.span, "`User` is built in").with_help(
                f"write it from the other side: "
                f"`relation {kind} {rel.target.entity.text}.{there} -> User.{here}`"
            )
        )


def target_is_an_entity(rel: ir.Relation, ctx: PassContext) -> None:
    _entity_exists(rel.target, ctx, allow_user=True)


def one_to_many_names_its_foreign_key(rel: ir.Relation, ctx: PassContext) -> None:
    """The many side of a `one_to_many` holds the foreign key, so it needs a name."""
    if key_holder(rel) != TARGET or rel.target.field is not None:
        return
    entity = rel.target.entity.text
    source = rel.source.entity.text.lower()
    ctx.report(
        codes.UNNAMED_MANY_SIDE.at(rel.target.span, "needs a field name", entity=entity).with_help(
            f"name the end, e.g. `-> {entity}.{source}`"
        )
    )


def end_name_is_free(
    end: ir.RelationEnd,
    program: ir.Program,
    claimed: dict[tuple[str, str], ir.Ident],
    ctx: PassContext,
) -> None:
    """An end adds an attribute to its entity: unique, and a usable name.

    The fields of the built-in `User` are the ones expressions may read; what else a
    backend's user model defines is that backend's check."""
    if end.field is None:
        return
    entity_name, name = end.entity.text, end.field
    entity = ctx.analysis.entity(entity_name)
    field = entity.field(name.text) if entity else None

    def clash(label: str, other: str):
        return codes.RELATION_END_CLASH.at(
            name.span, label, entity=entity_name, name=name.text, other=other
        )

    if entity_name == USER_ENTITY and name.text in USER_FIELDS:
        ctx.report(
            clash("`User` has this field", "a field of the built-in `User`").with_help(
                "choose another name for this end"
            )
        )
        return
    if field is not None:
        ctx.report(
            clash("defined again here", "a field")
            .with_label(field.name.span, "the field")
            .with_help("rename the relation end or the field")
        )
        return
    first = claimed.setdefault((entity_name, name.text), name)
    if first is not name:
        ctx.report(
            clash("defined again here", "another relation end")
            .with_label(first.span, "the other end")
            .with_help("give each relation end on an entity its own name")
        )
        return
    if name_is_usable(name, "relation end", ctx) and entity is not None:
        member_is_not_generated(name, entity, "relation end", ctx)


def on_delete_is_a_policy(rel: ir.Relation, ctx: PassContext) -> None:
    value = _single_name(rel, "on_delete")
    if value is None or value.text in ON_DELETE_POLICIES:
        return
    if value.text == "set_default":
        hint = "a relation end has no default to fall back on: use `set_null` on an optional end"
    else:
        hint = did_you_mean(value.text, ON_DELETE_POLICIES) or "the policies are " + ", ".join(
            f"`{p}`" for p in ON_DELETE_POLICIES
        )
    ctx.report(
        codes.INVALID_ON_DELETE.at(value.span, "unknown policy", policy=value.text).with_help(hint)
    )


def set_null_has_an_optional_end(rel: ir.Relation, ctx: PassContext) -> None:
    """Nulling the key on delete needs a nullable key: the `?` on the source end."""
    value = _single_name(rel, "on_delete")
    if value is None or value.text != "set_null" or rel.key_optional:
        return
    if rel.kind.text == ir.RelationKind.MANY_TO_MANY:
        return  # reported by check_options: `on_delete` does not apply here
    keyed = rel.target if rel.kind.text == ir.RelationKind.ONE_TO_MANY else rel.source
    ctx.report(
        codes.SET_NULL_ON_REQUIRED.at(value.span, "needs a nullable key", policy=value.text)
        .with_label(keyed.span, "this end is required")
        .with_help(f"make the end optional: `{keyed.entity.text}.{keyed.field}?`")
    )


def target_mark_is_on_the_key(rel: ir.Relation, ctx: PassContext) -> None:
    """`?` marks the end holding the foreign key; only a `one_to_many` holds it on the
    target."""
    kind = rel.kind.text
    if not rel.target.optional or kind == ir.RelationKind.ONE_TO_MANY:
        return
    if kind == ir.RelationKind.MANY_TO_MANY:
        fix = "a `many_to_many` end may always be empty; remove the `?`"
    else:
        source = f"{rel.source.entity.text}.{rel.source.field}"
        fix = f"to make the key optional, mark the source end: `{source}?`"
    ctx.report(
        codes.OPTIONAL_TARGET.at(rel.target.span, "marked optional", kind=kind).with_help(fix)
    )


def through_is_on_many_to_many(rel: ir.Relation, ctx: PassContext) -> None:
    opt = rel.option("through")
    if opt is None or rel.kind.text == ir.RelationKind.MANY_TO_MANY:
        return
    ctx.report(
        codes.THROUGH_ON_NON_MANY.at(opt.span, "not a `many_to_many`")
        .with_label(rel.kind.span, f"this relation is `{rel.kind.text}`")
        .with_help("remove `through`, or make the relation `many_to_many`")
    )


def through_is_checked(rel: ir.Relation, program: ir.Program, ctx: PassContext) -> None:
    value = _single_name(rel, "through")
    if value is None or rel.kind.text != ir.RelationKind.MANY_TO_MANY:
        return
    through_entity_links_both_sides(rel, value, program, ctx)


def _is_entity(name: str, ctx: PassContext) -> bool:
    return name == USER_ENTITY or ctx.analysis.entity(name) is not None


def many_to_many_is_not_optional(rel: ir.Relation, ctx: PassContext) -> None:
    if rel.kind.text != ir.RelationKind.MANY_TO_MANY or not rel.source.optional:
        return
    ctx.report(
        codes.REQUIRED_MANY_TO_MANY.at(rel.source.span, "marked optional").with_help(
            "a `many_to_many` end may always be empty; remove the `?`"
        )
    )
