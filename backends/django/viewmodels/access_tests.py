"""The permission matrix of one entity, and the actors the other API tests act as.

A row "owned" by a user points every `owner(…)` path of the entity's rules at that
user, built with the factories (`PostFactory(author=AuthorFactory(user=owner))`);
paths that cannot be built that way (reverse ends, lists in the middle) are left
out, and `access_expect` then knows the owner does not own the row through them.
Each cell's expected status comes from `access_expect.evaluate`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from djsc.backends.django.viewmodels.access import USER, EntityRules, Path
from djsc.backends.django.viewmodels.access_expect import (
    ANONYMOUS,
    OTHER,
    OWNER,
    STAFF,
    UNKNOWN,
    Actor,
    Row,
    actors,
    anonymous_may,
    evaluate,
    role_actor,
)
from djsc.backends.django.viewmodels.access_members import (
    blocks_delete,
    grant_lines,
    member_actors,
)
from djsc.backends.django.viewmodels.entities import EntityVM
from djsc.backends.django.viewmodels.relations import RelationVM

DENIED_ANONYMOUS = "(401, 403)"  # NotAuthenticated: 401 with a WWW-Authenticate scheme

Tree = dict  # step name → Tree | "user" | "users"


def owner_tree(paths: list[Path], relations: dict[str, dict[str, RelationVM]]) -> tuple[Tree, set]:
    """How to build a row whose owner paths all reach one user; the lookups it covers."""
    tree: Tree = {}
    covered: set[str] = set()
    for path in paths:
        node, ok = tree, True
        for i, step in enumerate(path.steps):
            end = step.end
            last = i == len(path.steps) - 1
            rel = relations.get(path.entity if i == 0 else path.steps[i - 1].end.target, {}).get(
                step.name
            )
            if end is None or not end.forward or rel is None:
                ok = False
                break
            if end.many and not (last and rel.writable and end.target == USER):
                ok = False
                break
            if last:
                node.setdefault(step.name, "users" if end.many else "user")
            else:
                child = node.setdefault(step.name, {})
                if not isinstance(child, dict):
                    ok = False
                    break
                node = child
        if ok:
            covered.add(path.lookup)
    return tree, covered


def _target(entity: str, name: str, relations: dict[str, dict[str, RelationVM]]) -> str:
    return relations[entity][name].target


def factory_kwargs(tree: Tree, entity: str, user: str, relations) -> str:
    parts = []
    for name, sub in tree.items():
        if sub == "user":
            parts.append(f"{name}={user}")
        elif sub == "users":
            parts.append(f"{name}=[{user}]")
        else:
            target = _target(entity, name, relations)
            inner = factory_kwargs(sub, target, user, relations)
            parts.append(f"{name}=made({target}Factory, {inner})")
    return ", ".join(parts)


def payload_overrides(tree: Tree, entity: str, user: str, relations) -> str:
    parts = []
    for name, sub in tree.items():
        if sub == "user":
            parts.append(f"{name}_id={user}.pk")
        elif sub == "users":
            parts.append(f"{name}_ids=[{user}.pk]")
        else:
            target = _target(entity, name, relations)
            inner = factory_kwargs(sub, target, user, relations)
            parts.append(f"{name}_id=made({target}Factory, {inner}).pk")
    return ", ".join(parts)


@dataclass(frozen=True)
class Cell:
    actor: str
    expected: str  # a tuple of statuses, as source: "(200,)"
    allowed: bool


@dataclass
class AccessTests:
    e: EntityVM
    owned_kwargs: str  # factory kwargs owning a row by `owner`
    payload_mine: str  # payload overrides naming `user` as the owner
    payload_theirs: str  # payload overrides naming `victim` as the owner
    fill: list[str]  # user keys filled from the signed-in user
    update_payload: str
    read: list[Cell] = field(default_factory=list)
    update: list[Cell] = field(default_factory=list)
    delete: list[Cell] = field(default_factory=list)
    create: list[Cell] = field(default_factory=list)
    create_theirs: list[Cell] = field(default_factory=list)
    fill_case: bool = False  # the owner may create with the user key left out
    # The actors the CRUD tests of test_api.py act as (None: no actor can).
    reader: Actor | None = None
    creator: Actor | None = None
    updater: Actor | None = None
    deleter: Actor | None = None
    linker: Actor | None = None  # creates a row, then updates its links
    anonymous: list[str] = field(default_factory=list)  # writes anonymous may try
    # member actors (`any(…)`): name → the lines making their rows for `obj` / `payload`
    members: list[tuple[str, list[str], list[str]]] = field(default_factory=list)

    def setup(self, actor: Actor | None, kwargs: str = "") -> list[str]:
        """Lines making `obj` (a row `actor` may act on) and `client` (as `actor`)."""
        if actor is OWNER:
            owned = ", ".join(x for x in (self.owned_kwargs, kwargs) if x)
            return [
                "owner = signed_in()",
                f"obj = {self.factory}({owned})",
                "client = client_of(owner)",
            ]
        return [f"obj = {self.factory}({kwargs})", f"client = client_of(actor({_q(actor)}))"]

    def client(self, actor: Actor | None) -> str:
        return f"client_of(actor({_q(actor)}))"

    def mine(self) -> str:
        """payload() overrides naming `user` as the owner."""
        return self.payload_mine

    @property
    def factory(self) -> str:
        return f"{self.e.name}Factory"

    @property
    def payload(self) -> str:
        return f"{self.e.snake}_payload"


def _q(actor: Actor | None) -> str:
    return f'"{actor.name if actor else "anonymous"}"'


def _status(op: str, actor: Actor, readable, allowed, anon_ok: bool) -> str | None:
    ok = {"read": "(200,)", "update": "(200,)", "delete": "(204,)", "create": "(201,)"}[op]
    if not actor.authenticated and op != "read" and not anon_ok:
        return DENIED_ANONYMOUS
    if op in ("update", "delete"):
        if readable is UNKNOWN:
            return None
        if not readable:
            return "(404,)"
    if allowed is UNKNOWN:
        return None
    if op == "read":
        return ok if allowed else "(404,)"
    if allowed:
        return ok
    return DENIED_ANONYMOUS if not actor.authenticated else "(403,)"


def access_tests(
    e: EntityVM,
    rules: EntityRules,
    entities: dict[str, EntityVM],
    relations: dict[str, dict[str, RelationVM]],
    update_payload: str,
) -> AccessTests:
    tree, covered = owner_tree(rules.owner_paths(), relations)
    owned = frozenset(covered)
    fill = [end.name for end in rules.fill_fields]
    t = AccessTests(
        e,
        owned_kwargs=factory_kwargs(tree, e.name, "owner", relations),
        payload_mine=payload_overrides(tree, e.name, "user", relations),
        payload_theirs=payload_overrides(tree, e.name, "victim", relations),
        fill=fill,
        update_payload=update_payload,
    )
    row = Row(entities, e.name)
    payload = Row(entities, e.name, payload=True)
    anon = anonymous_may(rules)
    members = member_actors(rules, entities)
    t.members = [
        (a.name, grant_lines(a, e, payload=False), grant_lines(a, e, payload=True)) for a in members
    ]
    everyone = actors(rules, bool(covered))
    everyone[-1:-1] = members  # before staff
    for actor in everyone:
        readable = evaluate(rules.rules["read"], actor, row, owned)
        for op, cells in (("read", t.read), ("update", t.update), ("delete", t.delete)):
            allowed = evaluate(rules.rules[op], actor, row, owned)
            status = _status(op, actor, readable, allowed, op in anon)
            if status == "(204,)" and blocks_delete(actor, entities):
                status = "(409,)"
            if status is not None:
                cells.append(Cell(actor.code, status, status.startswith("(2")))
        # create "as myself": the owner paths name the actor (a fresh user when anonymous)
        mine = owned if actor.authenticated else frozenset()
        me = dataclasses.replace(actor, owner=True)
        allowed = evaluate(rules.rules["create"], me, payload, mine)
        status = _status("create", actor, True, allowed, "create" in anon)
        # A member's own row of this entity would take the new row's unique values.
        same = any(g.target == e.name for g in actor.grants)
        if status is not None and actor is not OWNER and not same:
            t.create.append(Cell(actor.code, status, status.startswith("(2")))
        if covered and actor.authenticated and actor is not OWNER and not actor.grants:
            theirs = evaluate(rules.rules["create"], actor, payload, frozenset())
            status = _status("create", actor, True, theirs, True)
            if status is not None:
                t.create_theirs.append(Cell(actor.code, status, status.startswith("(2")))
    if fill:
        t.fill_case = evaluate(rules.rules["create"], OWNER, payload, owned) is True
    candidates = [*(role_actor(r) for r in rules.roles()), STAFF, OTHER, OWNER, ANONYMOUS]
    if not covered:
        candidates.remove(OWNER)

    # Actors the rule admits whatever the row holds come first: the CRUD tests of
    # test_api.py make rows of their own (filters, ordering, pages).
    def holds(op: str, actor: Actor, known_row: Row | None) -> bool:
        return evaluate(rules.rules[op], actor, known_row, owned) is True

    t.reader = _first(candidates, lambda a: holds("read", a, None))
    for op in ("update", "delete"):
        chosen = _first(candidates, lambda a, op=op: holds("read", a, None) and holds(op, a, None))
        chosen = chosen or _first(
            candidates, lambda a, op=op: holds("read", a, row) and holds(op, a, row)
        )
        setattr(t, f"{op}r", chosen)
    t.anonymous = anon
    t.creator = _first(
        [a for a in candidates if a is not OWNER],
        lambda a: (
            evaluate(
                rules.rules["create"],
                Actor(a.name, a.authenticated, a.roles, owner=True),
                payload,
                owned if a.authenticated else frozenset(),
            )
            is True
            and (a.authenticated or "create" in anon)
        ),
    )
    t.linker = _linker(t, rules)
    return t


def _linker(t: AccessTests, rules: EntityRules) -> Actor | None:
    a = t.creator
    if a is None or not a.authenticated:
        return None
    ok = all(evaluate(rules.rules[op], a, None, frozenset()) is True for op in ("read", "update"))
    return a if ok else None


def _first(candidates: list[Actor], test) -> Actor | None:
    for actor in candidates:
        if test(actor) is True:
            return actor
    return None
