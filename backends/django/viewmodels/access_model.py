"""The model `allow` rules are resolved against: entities' fields and relation ends
(both directions), and paths through them (`author.user`, `organization.memberships`).
"""

from __future__ import annotations

from dataclasses import dataclass

from djsc.backends.django import naming
from djsc.backends.django.viewmodels.entities import EntityVM
from djsc.backends.django.viewmodels.fields import FieldVM
from djsc.ir import nodes as ir

USER = "User"


class RuleError(Exception):
    """A rule (or part of one) the backend cannot enforce; `expr` is where."""

    def __init__(self, expr: ir.Node, reason: str):
        super().__init__(reason)
        self.expr = expr
        self.reason = reason


@dataclass(frozen=True)
class End:
    """A relation end as seen from the entity holding the name."""

    name: str
    target: str  # an entity name, or "User"
    many: bool  # a list: many-to-many or a reverse many-to-one
    forward: bool  # the field lives on this entity (a key or a many-to-many)
    optional: bool
    back: str = ""  # the name of the opposite end, "" when it has none
    kind: str = ""  # the relation's kind (ir.RelationKind)


@dataclass(frozen=True)
class Step:
    name: str
    end: End | None  # None: a scalar field (the last step)


@dataclass(frozen=True)
class Path:
    entity: str  # where the path starts
    steps: tuple[Step, ...]
    field: FieldVM | None = None  # the scalar at the end, if any

    @property
    def lookup(self) -> str:
        return "__".join(s.name for s in self.steps)

    @property
    def many(self) -> bool:
        return any(s.end is not None and s.end.many for s in self.steps)

    @property
    def attrs(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.steps)

    @property
    def text(self) -> str:
        return ".".join(s.name for s in self.steps)


class Model:
    """Entities' fields and relation ends (both directions), for resolving paths."""

    def __init__(self, program: ir.Program, entities: list[EntityVM]):
        self.entities = {e.name: e for e in entities}
        self.ends: dict[str, dict[str, End]] = {name: {} for name in self.entities}
        for rel in program.relations:
            source, target = rel.source.entity.text, rel.target.entity.text
            if source not in self.ends:
                continue
            kind = rel.kind.text
            name = rel.source.field.text if rel.source.field else naming.snake(target)
            many = kind == ir.RelationKind.MANY_TO_MANY
            back = rel.target.field.text if rel.target.field is not None else ""
            self.ends[source][name] = End(
                name, target, many, True, rel.source.optional or many, back, kind
            )
            if back and target in self.ends:
                back_many = kind != ir.RelationKind.ONE_TO_ONE
                self.ends[target][back] = End(back, source, back_many, False, True, name, kind)

    def path(self, entity: str, expr: ir.Expr) -> Path:
        """`author.user` from `entity`; RuleError when it does not resolve."""
        names = _names(expr)
        if names is None:
            raise RuleError(
                expr,
                "only field paths, values, `owner`, `role`, `any`, `not`, `and` and `or` "
                "are compiled",
            )
        steps: list[Step] = []
        here = entity
        for i, name in enumerate(names):
            last = i == len(names) - 1
            if here == USER:
                raise RuleError(expr, "paths cannot continue past a User")
            end = self.ends.get(here, {}).get(name)
            if end is not None:
                steps.append(Step(name, end))
                here = end.target
                continue
            found = self.entities[here].field_map.get(name) if here in self.entities else None
            if found is None or not last:
                raise RuleError(expr, f"`{name}` is not a field or relation of `{here}`")
            return Path(entity, (*steps, Step(name, None)), found)
        return Path(entity, tuple(steps))


def _names(expr: ir.Expr) -> list[str] | None:
    if isinstance(expr, ir.Name):
        return [expr.name.text]
    if isinstance(expr, ir.Member):
        head = _names(expr.obj)
        return None if head is None else [*head, expr.name.text]
    return None
