"""Can the API write a `many_to_many … { through X }` end as a list of target ids?

DRF's ModelSerializer writes a many-to-many with Django's `set()`, which makes one
`X` row per new target from the model's defaults, and deletes the rows of targets
left out.  That is right only when such a row needs nothing the client did not
send and cannot break a constraint of `X`; otherwise the end stays read-only and
rows are made through `X`'s own endpoint.  The answer errs on the safe side: a
read-only end costs a second request, a wrong guess costs a 500 or a lost row.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from djsc.backends.django.viewmodels.entities import EntityVM
from djsc.backends.django.viewmodels.fields import FieldVM
from djsc.backends.django.viewmodels.relations import RelationVM
from djsc.ir import nodes as ir


@dataclass(frozen=True)
class ReadOnlyReason:
    """Why a through end is read-only, and where the cause is declared."""

    text: str  # completes "`Order.products` is read-only in the API …: <text>"
    label: str  # the label at the cause
    where: str = "entity"  # entity | field | end | unique | check
    member: str = ""  # the field or relation end; a unique rule's names joined by commas
    fix: str = ""  # a change to the spec that makes the end writable, if there is one


def _null_when_new(f: FieldVM) -> bool:
    """A new row stores NULL here, which repeats without breaking a unique rule."""
    return f.optional and not f.has_default and not f.read_only


def _links(rel: RelationVM, through: EntityVM) -> list[RelationVM]:
    """The through entity's two foreign keys that Django uses for `rel`: those `links`
    names, else the only ones to each side (the checks refuse any doubt, DJS0305)."""
    if rel.through_links is not None:
        by_name = {r.name: r for r in through.single}
        return [by_name[name] for name in rel.through_links]
    if rel.self_ref:
        return [r for r in through.single if r.target == rel.owner]
    to_owner = [r for r in through.single if r.target == rel.owner]
    to_target = [r for r in through.single if r.target == rel.target]
    return [*to_owner, *to_target]


def read_only_reason(rel: RelationVM, through: EntityVM) -> ReadOnlyReason | None:
    """None when `set()` can create and delete `through` rows for `rel` safely."""
    x = through.name
    links = _links(rel, through)
    if through.soft_delete:
        return ReadOnlyReason(
            f"`{x}` is soft-deleted, so an unlinked row would stay linked",
            "soft-deleted",
        )
    for link in links:
        if link.kind == ir.RelationKind.ONE_TO_ONE:
            return ReadOnlyReason(
                f"`{x}.{link.name}` is one-to-one, so a second link would break it",
                "one-to-one",
                "end",
                link.name,
            )
    for f in through.fields:
        if not f.optional and not f.has_default and not f.read_only:
            return ReadOnlyReason(
                f"`{x}.{f.name}` has no default",
                "required, with no default",
                "field",
                f.name,
                f"give `{x}.{f.name}` a default or make it optional",
            )
    link_names = {r.name for r in links}
    for r in through.single:
        if r.name not in link_names and not r.optional:
            return ReadOnlyReason(
                f"`{x}.{r.name}` is a required reference",
                "a required reference",
                "end",
                r.name,
                f"make `{x}.{r.name}` optional",
            )
    for f in through.fields:
        if f.unique and not _null_when_new(f):
            return ReadOnlyReason(
                f"`{x}.{f.name}` is unique, but every new row would get the same value",
                "unique",
                "field",
                f.name,
            )
    nullable = {f.name for f in through.fields if _null_when_new(f)}
    for group in through.unique_groups:
        if not link_names <= set(group) and not nullable & set(group):
            return ReadOnlyReason(
                f"`unique ({', '.join(group)})` of `{x}` could be broken by a new link",
                "this unique rule",
                "unique",
                ",".join(group),
            )
    if through.checks:
        return ReadOnlyReason(
            f"`{x}` has `check` rules that rows made from defaults could break",
            "has `check` rules",
            "check",
        )
    return None


@dataclass(frozen=True)
class ThroughVerdict:
    relation: RelationVM
    through: EntityVM
    reason: ReadOnlyReason | None


def judge_through_ends(entities: list[EntityVM]) -> list[ThroughVerdict]:
    """Mark every through end writable or not, in place; returns the verdicts."""
    by_name = {e.name: e for e in entities}
    verdicts = []
    for e in entities:
        judged = []
        for r in e.relations:
            through = by_name.get(r.through) if r.through else None
            if through is not None:
                reason = read_only_reason(r, through)
                r = dataclasses.replace(r, through_writable=reason is None)
                verdicts.append(ThroughVerdict(r, through, reason))
            judged.append(r)
        e.relations = judged
    return verdicts
