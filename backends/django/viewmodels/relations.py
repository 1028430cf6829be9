"""Lowered relations → ForeignKey / OneToOneField / ManyToManyField declarations.

After lowering every relation is one_to_one, many_to_one or many_to_many, and
every one_to_one / many_to_one carries an `on_delete` option; the field lives on
the source end's entity.
"""

from __future__ import annotations

from dataclasses import dataclass

from djsc.analysis.keys import is_shared_key
from djsc.backends.base import ContractError
from djsc.backends.django import naming
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

ON_DELETE = {
    "cascade": "CASCADE",
    "protect": "PROTECT",
    "set_null": "SET_NULL",
    "restrict": "RESTRICT",
    "do_nothing": "DO_NOTHING",
}


def django_on_delete(policy: str | None) -> str:
    """The `models.<X>` of a policy.  Lowering decides every key's policy (the
    default included), so a missing or unknown one is a bug, not a fallback."""
    if policy not in ON_DELETE:
        raise ContractError(f"relation reached the backend with on_delete {policy!r}")
    return ON_DELETE[policy]


_FIELD_CLASS = {
    ir.RelationKind.MANY_TO_ONE: "ForeignKey",
    ir.RelationKind.ONE_TO_ONE: "OneToOneField",
    ir.RelationKind.MANY_TO_MANY: "ManyToManyField",
}


@dataclass(frozen=True)
class RelationVM:
    """A relation field on the entity that holds it (the source end)."""

    name: str
    kind: str  # many_to_one | one_to_one | many_to_many
    owner: str
    target: str  # entity name, or "User"
    target_is_user: bool
    django: str
    optional: bool
    on_delete: str  # spec name: cascade, protect, …
    related_name: str
    through: str | None
    doc: str = ""  # the key end's: help_text, and the API fields' description
    reverse_doc: str = ""  # the target end's (`Author.posts`), when it is named
    # Whether the API may create `through` rows from a list of ids (viewmodels.through).
    through_writable: bool = False
    # `through X { links a, b }`: X's keys to the owner and to the target.
    through_links: tuple[str, str] | None = None
    # `{ primary }`: this end is the owner's primary key (it shares the target's).
    primary_key: bool = False
    target_key: str = "id"  # the target's primary key, as its API names it
    target_key_text: bool = False  # the target is keyed by a `String`/`Slug` (any text is valid)

    @property
    def many(self) -> bool:
        return self.kind == ir.RelationKind.MANY_TO_MANY

    @property
    def writable(self) -> bool:
        """The API accepts target ids for this end (`author_id`, `tags_ids`)."""
        return self.through is None or self.through_writable

    @property
    def admin_editable(self) -> bool:
        # The admin's form leaves out a many-to-many with its own through model.
        return self.through is None

    @property
    def self_ref(self) -> bool:
        return self.owner == self.target


def relation_vm(
    rel: ir.Relation, entities: frozenset[str], keys: dict[str, tuple[str, bool]]
) -> RelationVM:
    """`keys` maps each entity to its key's name and whether the key is a text."""
    owner = rel.source.entity.text
    target = rel.target.entity.text
    kind = rel.kind.text
    name = rel.source.field.text if rel.source.field else naming.snake(target)
    related = rel.target.field.text if rel.target.field else "+"
    ref = naming.model_ref(target, entities, owner)
    kwargs = [ref]
    on_delete = rel.on_delete
    through = rel.through
    if kind == ir.RelationKind.MANY_TO_MANY:
        if through:
            kwargs.append(f'through="{through}"')
        if rel.through_links:
            kwargs.append(f"through_fields={rel.through_links!r}")
        if owner == target:
            # Links are one-way, as the two ends say (and Django ignores a
            # related_name on a symmetrical relation: fields.W345).
            kwargs.append("symmetrical=False")
        kwargs.append(f'related_name="{related}"')
        kwargs.append("blank=True")
    else:
        if is_shared_key(rel):
            kwargs.append("primary_key=True")
        kwargs.append(f"on_delete=models.{django_on_delete(on_delete)}")
        kwargs.append(f'related_name="{related}"')
        if rel.source.optional:
            kwargs += ["null=True", "blank=True"]
    # The key end's own `///`, else the relation's: the field's help_text, which
    # migrations record and drf-spectacular reads as the description.
    doc = rel.source_doc
    if doc:
        kwargs.append(f"help_text={pyrepr(doc)}")
    return RelationVM(
        name=name,
        kind=kind,
        owner=owner,
        target=target,
        target_is_user=ref == naming.AUTH_USER_MODEL,
        django=f"models.{_FIELD_CLASS.get(kind, 'ForeignKey')}({', '.join(kwargs)})",
        optional=rel.source.optional or kind == ir.RelationKind.MANY_TO_MANY,
        on_delete=on_delete,
        related_name=related,
        through=through,
        doc=doc,
        reverse_doc=rel.target_doc if rel.target.field else "",
        through_links=rel.through_links,
        primary_key=is_shared_key(rel),
        target_key=keys.get(target, ("id", False))[0],
        target_key_text=keys.get(target, ("id", False))[1],
    )


def model_docstring(doc: str, entity: str, rels: list[RelationVM]) -> str:
    """The docstring of `entity`'s model: its doc, then the documented accessors other
    models' keys give it (`Author.posts`), which no field of its own can describe."""
    ends = [r for r in rels if r.target == entity and r.reverse_doc]
    if not ends:
        return doc
    lines = [doc, "", "    Reverse relations:"]
    for r in ends:
        text = " ".join(r.reverse_doc.split())
        lines.append(f"    - {r.related_name} ({r.owner}.{r.name}): {text}")
    return "\n".join(lines) + "\n    "
