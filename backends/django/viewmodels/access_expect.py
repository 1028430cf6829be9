"""What each actor may do to a test row, decided by djsc when it writes the tests.

The generated permission tests must be able to fail, so their expectations are not
asked of the project's own `permissions.py`: the rule tree (viewmodels.access) is
evaluated here, at generation time, for an actor (anonymous, another signed-in user,
the owner, a member of a role, staff) and the row a factory makes (its samples are
known here).  The answer is three-valued: a cell whose outcome depends on something
unknown here (a unique sequence, a list path) is left out of the matrix, never guessed.

`any(list, rule)` is decided on the rows known to be in the list: a row the factories
make never lists another test row, except the row itself (a membership is among its
organization's memberships) and the rows made for a member actor (`Grant`, built by
`access_members`), each evaluated against `rule`.
"""

from __future__ import annotations

from dataclasses import dataclass

from djsc.backends.django.viewmodels.access import (
    USER,
    Any,
    Both,
    Compare,
    Const,
    EntityRules,
    Flag,
    Not,
    Owner,
    Path,
    Rule,
    UserTerm,
    first_list,
)
from djsc.backends.django.viewmodels.entities import EntityVM
from djsc.backends.django.viewmodels.sample_fit import COMPARE, UNKNOWN, literal_value, sample_value
from djsc.ir import nodes as ir


@dataclass(frozen=True)
class Grant:
    """A row of an `any(…)` list made for a member actor: `target` rows with `back`
    pointing at the row `prefix` reaches, the user keys `users` at the actor, and
    `values` set so the rule inside `any` holds."""

    lookup: str  # the list path, from the entity
    target: str
    prefix: tuple[str, ...]
    back: str
    users: tuple[str, ...]
    values: tuple[tuple[str, object], ...]  # field → its value, as evaluated here
    sources: tuple[str, ...] = ()  # the same, as factory keyword arguments


@dataclass(frozen=True)
class Actor:
    name: str  # anonymous | other | owner | staff | role:<name> | member:<n>
    authenticated: bool = True
    roles: frozenset[str] = frozenset()
    owner: bool = False  # the user the row's owner paths point at
    grants: tuple[Grant, ...] = ()

    @property
    def code(self) -> str:
        return self.name


ANONYMOUS = Actor("anonymous", authenticated=False)
OTHER = Actor("other")
OWNER = Actor("owner", owner=True)
STAFF = Actor("staff")


def role_actor(role: str) -> Actor:
    return Actor(f"role:{role}", roles=frozenset({role}))


# ------------------------------------------------------------------ the row


class Row:
    """The field values of the row a factory (or a payload) makes, by path."""

    def __init__(
        self,
        entities: dict[str, EntityVM],
        entity: str,
        payload: bool = False,
        values: tuple[tuple[str, object], ...] = (),
    ):
        self.entities = entities
        self.entity = entity
        self.payload = payload
        self.values = dict(values)  # set explicitly (a grant's row)
        self.granted = bool(values)

    def made_with(self, entity: str) -> set[str]:
        """The entities whose rows are made along with this one (factories' keys)."""
        found: set[str] = set()
        todo = [entity]
        while todo:
            e = self.entities.get(todo.pop())
            for r in e.relations if e is not None else ():
                take = not r.self_ref and (self.payload or not (r.many or r.optional))
                if take and r.target not in found:
                    found.add(r.target)
                    todo.append(r.target)
        return found

    def listed(self, rule: Any) -> list[Row] | None:
        """The rows known to be in `rule`'s list apart from grants; None: unknown."""
        if self.granted:
            return None
        path = rule.path
        if rule.target == self.entity and not self.payload:
            first, many = path.steps[0], path.steps[first_list(path)]
            assert many.end is not None
            if len(path.steps) == 2 and not many.end.forward and many.end.back == first.name:
                return [self]  # its own holder's list: the row itself is in it
            return None
        if rule.target in self.made_with(self.entity):
            return None
        return []

    def value(self, path: Path) -> object:
        here = self.entities.get(self.entity)
        for step in path.steps[:-1]:
            end = step.end
            if end is None or end.many or not end.forward or end.optional or end.target == USER:
                return UNKNOWN
            here = self.entities.get(end.target)
        field = path.field
        if here is None or field is None:
            return UNKNOWN
        if len(path.steps) == 1 and field.name in self.values:
            return self.values[field.name]
        own = len(path.steps) == 1 and self.payload
        return _field_value(here, field.name, payload=own)


def _field_value(e: EntityVM, name: str, payload: bool) -> object:
    f = e.field_map.get(name)
    if f is None or not f.writable or not f.samples:
        return UNKNOWN
    grouped = {n for group in e.unique_groups for n in group}
    needs_unique = f.unique or f.name in grouped
    if needs_unique and not payload and f.sequence:
        return UNKNOWN  # a factory sequence: different in every row
    sample = f.samples[-1] if needs_unique else f.samples[0]
    return sample_value(f, sample)


def rule_value(expr: ir.Expr, path: Path) -> object:
    if isinstance(expr, ir.ListExpr):
        return [rule_value(i, path) for i in expr.items]
    if isinstance(expr, ir.Unary) and expr.op == "-":
        inner = rule_value(expr.operand, path)
        return UNKNOWN if inner is UNKNOWN or inner is None else -inner  # type: ignore[operator]
    if isinstance(expr, ir.Name):
        word = expr.name.text
        if word in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[word]
        if path.field is not None and path.field.enum is not None:
            return word  # an enum member: rows hold members by their spec names
        return UNKNOWN
    if isinstance(expr, ir.Literal):
        return literal_value(expr)
    return UNKNOWN


# ------------------------------------------------------------------ evaluation


def evaluate(rule: Rule, actor: Actor, row: Row | None, owned: frozenset[str]) -> object:
    """True / False / UNKNOWN: does `rule` hold for `actor` on `row`?  `owned` holds the
    owner paths (lookups) the row points at the owner with; `row` None: unknown row."""
    if isinstance(rule, Const):
        return rule.value
    if isinstance(rule, UserTerm):
        return actor.authenticated if rule.kind == "authenticated" else rule.role in actor.roles
    if isinstance(rule, Owner):
        if not actor.authenticated:
            return False
        if row is None:
            return UNKNOWN
        return actor.owner and rule.path.lookup in owned
    if isinstance(rule, Not):
        inner = evaluate(rule.inner, actor, row, owned)
        return UNKNOWN if inner is UNKNOWN else not inner
    if isinstance(rule, Both):
        a = evaluate(rule.left, actor, row, owned)
        b = evaluate(rule.right, actor, row, owned)
        decided = rule.op == "or"
        if a is decided or b is decided:
            return decided
        if a is UNKNOWN or b is UNKNOWN:
            return UNKNOWN
        return not decided
    if isinstance(rule, Any):
        return _any(rule, actor, row, owned)
    if row is None:
        return UNKNOWN
    if isinstance(rule, Flag):
        value = row.value(rule.path)
        return UNKNOWN if value is UNKNOWN else value is True
    if isinstance(rule, Compare):
        return _compare(rule, row)
    raise AssertionError(rule)


def _any(rule: Any, actor: Actor, row: Row | None, owned: frozenset[str]) -> object:
    if row is None:
        # No row of the list can hold when the rule fails whatever the row (anonymous).
        return False if evaluate(rule.rule, actor, None, frozenset()) is False else UNKNOWN
    listed = row.listed(rule)
    if listed is None:
        return UNKNOWN
    # the only row ever listed is the row itself, whose owner paths are `owned`
    results = [evaluate(rule.rule, actor, r, owned) for r in listed]
    for g in actor.grants:
        if g.target != rule.target:
            continue
        if g.lookup != rule.path.lookup:
            return UNKNOWN  # a row made for another path may be in this list too
        made = Row(row.entities, g.target, values=g.values)
        me = Actor(actor.name, actor.authenticated, actor.roles, owner=True)
        results.append(evaluate(rule.rule, me, made, frozenset(g.users)))
    if True in results:
        return True
    return UNKNOWN if UNKNOWN in results else False


def _compare(rule: Compare, row: Row) -> object:
    if rule.path.many or rule.other is not None:
        return UNKNOWN
    value = row.value(rule.path)
    wanted = rule_value(rule.value, rule.path)
    if value is UNKNOWN or wanted is UNKNOWN:
        return UNKNOWN
    if rule.op in ("in", "not in"):
        assert isinstance(wanted, list)
        if UNKNOWN in wanted:
            return UNKNOWN
        return (value in wanted) == (rule.op == "in")
    if wanted is None or value is None:
        if rule.op in ("==", "!="):
            return (value is wanted) == (rule.op == "==")
        return False  # NULL compared: the lookup matches nothing
    try:
        return COMPARE[rule.op](value, wanted)
    except TypeError:
        return UNKNOWN


def anonymous_may(rules: EntityRules) -> list[str]:
    """The writes an anonymous request may be allowed (for some row): the others are
    refused before the row is looked up or the body is read."""
    return [
        op
        for op in ("create", "update", "delete")
        if evaluate(rules.rules[op], ANONYMOUS, None, frozenset()) is not False
    ]


def actors(rules: EntityRules, ownable: bool) -> list[Actor]:
    found = [ANONYMOUS, OTHER]
    if ownable:
        found.append(OWNER)
    found += [role_actor(r) for r in rules.roles()]
    found.append(STAFF)
    return found
