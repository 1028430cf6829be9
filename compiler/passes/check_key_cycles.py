"""Required foreign keys that go round in a circle: no first row could ever exist.

`relation one_to_many Category.children -> Category.parent` makes every category
need a parent category, so the table stays empty forever; so do `Team.lead: Person`
and `Person.team: Team` together.  Databases check each key when its row is written,
so some key of the circle must be optional (`?`) for a first row to be inserted.
"""

from __future__ import annotations

from dataclasses import dataclass

from djsc.analysis.types import USER_ENTITY
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.ir.walk import key_ends
from djsc.passes.check_types import resolve_type
from djsc.passes.context import PassContext


@dataclass(frozen=True)
class Key:
    """A required foreign key: `owner.name` references a row of `target`."""

    owner: str
    name: str
    target: str
    span: object  # Span of the end or field that declares it
    field: bool = False  # a field typed with the entity, not a relation end

    @property
    def optional_form(self) -> str:
        return f"`{self.name}: {self.target}?`" if self.field else f"`{self.owner}.{self.name}?`"


def check_key_cycles(program: ir.Program, ctx: PassContext) -> ir.Program:
    keys = required_keys(program, ctx)
    edges: dict[str, list[Key]] = {}
    for key in keys:
        edges.setdefault(key.owner, []).append(key)
    for component in _cycles(edges):
        inside = [k for k in keys if k.owner in component and k.target in component]
        _report(inside, ctx)
    return program


def required_keys(program: ir.Program, ctx: PassContext) -> list[Key]:
    """Every non-null foreign key between declared entities, in source order."""
    found: list[Key] = []
    for entity in program.entities:
        for field in entity.fields:
            if field.type.optional or field.type.many:
                continue
            ftype = resolve_type(field.type.name.text, ctx)
            if ftype is not None and ftype.entity and _declared(ftype.entity, ctx):
                found.append(
                    Key(entity.name.text, field.name.text, ftype.entity, field.span, field=True)
                )
    for rel in program.relations:
        # A `?` on the wrong end (DJS0310) still says the author wants the key optional.
        if rel.kind.text not in ir.RELATION_KINDS or rel.key_optional or rel.target.optional:
            continue
        ends = key_ends(rel)
        if ends is None or ends[0].field is None:
            continue
        holder, target = ends
        if _declared(holder.entity.text, ctx) and _declared(target.entity.text, ctx):
            found.append(
                Key(holder.entity.text, holder.field.text, target.entity.text, holder.span)
            )
    return found


def _declared(name: str, ctx: PassContext) -> bool:
    # `User` is Django's: its rows never need ours, so no circle passes through it.
    return name != USER_ENTITY and ctx.analysis.entity(name) is not None


def _cycles(edges: dict[str, list[Key]]) -> list[set[str]]:
    """Strongly connected sets of entities with a circle of required keys, in the
    order their first entity is declared.  Tarjan's algorithm, iteratively: a chain
    of a thousand entities must not exhaust Python's recursion limit."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, pending = work[-1]
            key = next(pending, None)
            if key is not None:
                if key.target not in index:
                    index[key.target] = low[key.target] = len(index)
                    stack.append(key.target)
                    on_stack.add(key.target)
                    work.append((key.target, iter(edges.get(key.target, ()))))
                elif key.target in on_stack:
                    low[node] = min(low[node], index[key.target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] != index[node]:
                continue
            component = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.add(top)
                if top == node:
                    break
            looped = any(k.target == node for k in edges.get(node, ()))
            if len(component) > 1 or looped:
                found.append(component)
    order = {name: i for i, name in enumerate(edges)}
    return sorted(found, key=lambda c: min(order.get(n, len(order)) for n in c))


def _report(keys: list[Key], ctx: PassContext) -> None:
    first, rest = keys[0], keys[1:]
    if not rest:
        cycle = f"each `{first.owner}` needs another `{first.target}` through `{first.name}`"
    else:
        cycle = ", and ".join(f"`{k.owner}.{k.name}` needs a `{k.target}`" for k in keys)
    diagnostic = codes.REQUIRED_KEY_CYCLE.at(
        first.span, "a required reference", entity=first.owner, cycle=cycle
    )
    for key in rest:
        diagnostic = diagnostic.with_label(key.span, "required too")
    names = " or ".join(k.optional_form for k in keys[:3])
    ctx.report(diagnostic.with_help(f"make a reference of the circle optional: {names}"))
