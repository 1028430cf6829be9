"""`through X`: which of X's foreign keys carry the links of a `many_to_many`.

X needs a key to each side (two keys to the entity of a self-relation).  When X has
more keys to a side than that — a membership with `user` and `invited_by?`, both to
`User` — the database cannot tell which key is the link, so the spec must say it:
`through Membership { links org, user }` (the key to the source, then to the target).
Django's own check would refuse such a model (fields.E333/E335) if djsc guessed.
"""

from __future__ import annotations

from djsc.analysis.types import USER_ENTITY
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.ir.walk import key_ends
from djsc.passes.check_types import resolve_type
from djsc.passes.context import PassContext
from djsc.suggest import did_you_mean


def through_entity_links_both_sides(
    rel: ir.Relation, value: ir.OptionValue, program: ir.Program, ctx: PassContext
) -> None:
    """`value` names X; X exists and has one key to each side, or `links` picks them."""
    through = ctx.analysis.entity(value.text)
    label = f"{rel.source.entity.text}.{rel.source.field}"
    if through is None:
        ctx.report(
            codes.UNKNOWN_ENTITY.at(value.span, "not an entity", name=value.text).with_help(
                did_you_mean(value.text, ctx.analysis.names("entity"))
            )
        )
        return
    needed = [rel.source.entity.text, rel.target.entity.text]
    if not all(_is_entity(side, ctx) for side in needed):
        return  # which entities it must link is unknown
    keys = foreign_keys(through.name.text, program, ctx)
    if keys is None:
        return  # a broken reference, already reported, may be the one that is missing
    links = rel.option("through").child("links")  # type: ignore[union-attr]
    if links is not None:
        _links_name_keys(links, needed, keys, value.text, label, ctx)
        return
    targets = [target for _, target in keys]
    for side in needed:
        if side in targets:
            targets.remove(side)
            continue
        ctx.report(
            codes.INVALID_THROUGH.at(
                value.span, f"has no reference to `{side}`", through=value.text, relation=label
            )
            .with_label(through.name.span, f"`{value.text}` is declared here")
            .with_help(f"add a field `{side.lower()}: {side}` to `{value.text}`")
        )
        return
    for side in dict.fromkeys(needed):
        candidates = [name for name, target in keys if target == side]
        if len(candidates) > needed.count(side):
            first, second = _guess(keys, needed)
            ctx.report(
                codes.INVALID_THROUGH.at(
                    value.span,
                    f"{len(candidates)} references to `{side}`: which is the link?",
                    through=value.text,
                    relation=label,
                )
                .with_label(through.name.span, f"`{value.text}` is declared here")
                .with_note("the references are " + ", ".join(f"`{c}`" for c in candidates))
                .with_help(
                    f"name the two links: `through {value.text} {{ links {first}, {second} }}`"
                )
            )
            return


def _links_name_keys(
    links: ir.Option,
    needed: list[str],
    keys: list[tuple[str, str]],
    through: str,
    label: str,
    ctx: PassContext,
) -> None:
    """`links a, b`: a is a key of X to the source, b a different key to the target."""
    if len(links.values) != 2:
        ctx.report(
            codes.INVALID_THROUGH.at(
                links.span, "needs two keys", through=through, relation=label
            ).with_help("write the key to the source, then the key to the target: `links a, b`")
        )
        return
    by_name = dict(keys)
    for value, side in zip(links.values, needed, strict=True):
        target = by_name.get(value.text)
        if target == side:
            continue
        mine = [name for name, t in keys if t == side]
        found = "is not a reference to" if target is None else f"references `{target}`, not"
        ctx.report(
            codes.INVALID_THROUGH.at(
                value.span,
                f"`{through}.{value.text}` {found} `{side}`",
                through=through,
                relation=label,
            ).with_help(
                did_you_mean(value.text, mine)
                or "the references to `" + side + "` are " + ", ".join(f"`{m}`" for m in mine)
            )
        )
    if links.values[0].text == links.values[1].text:
        ctx.report(
            codes.INVALID_THROUGH.at(
                links.values[1].span, "the same key twice", through=through, relation=label
            ).with_help("a self-relation links two different keys of the through entity")
        )


def _guess(keys: list[tuple[str, str]], needed: list[str]) -> tuple[str, str]:
    """Two plausible link names for the help text (the first keys to each side)."""
    first = next(name for name, target in keys if target == needed[0])
    second = next((name for name, target in keys if target == needed[1] and name != first), first)
    return first, second


def foreign_keys(
    entity: str, program: ir.Program, ctx: PassContext
) -> list[tuple[str, str]] | None:
    """(key name, entity it references) for each foreign key `entity` holds; None
    when one of its field types or relation kinds, or the entity of any relation, is
    unknown, as that may be a reference."""
    found: list[tuple[str, str]] = []
    decl = ctx.analysis.entity(entity)
    for field in decl.fields if decl else ():
        ftype = resolve_type(field.type.name.text, ctx)
        if ftype is None:
            return None
        if ftype.entity:
            found.append((field.name.text, ftype.entity))
    for rel in program.relations:
        kind = rel.kind.text
        ends = (rel.source.entity.text, rel.target.entity.text)
        # A relation with a misspelt entity may have meant this one.
        if not all(_is_entity(e, ctx) for e in ends):
            return None
        if entity not in ends:
            continue
        if kind not in ir.RELATION_KINDS:
            return None
        keyed = key_ends(rel)
        if keyed is not None and keyed[0].entity.text == entity:
            # An unnamed key end is reported by check_relations; it still is a key.
            name = keyed[0].field.text if keyed[0].field else ""
            found.append((name, keyed[1].entity.text))
    return found


def _is_entity(name: str, ctx: PassContext) -> bool:
    return name == USER_ENTITY or ctx.analysis.entity(name) is not None
