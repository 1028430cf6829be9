"""Member actors: the users an `any(list, rule)` term admits, made by adding a row.

For an `any(…)` term whose list is a reverse key of the row (`memberships`) or of a
row it points at (`organization.memberships`), and whose rule is a conjunction djsc
can make true (`user == auth.user`, a field equal to a value or in a list, a `Bool`
field), the permission matrix gets an actor `member:<n>`: before it acts, the test
adds that row (`MembershipFactory(organization=obj.organization, user=user,
role="admin")`).  A term of another form gets no member actor; the matrix then
proves who is refused, and the rule is still enforced.
"""

from __future__ import annotations

from djsc.backends.django.viewmodels.access import (
    Any,
    Both,
    Compare,
    Const,
    EntityRules,
    Flag,
    Owner,
    Rule,
    RuleError,
    UserTerm,
    first_list,
    leaves,
)
from djsc.backends.django.viewmodels.access_expect import (
    UNKNOWN,
    Actor,
    Grant,
    Row,
    evaluate,
    rule_value,
)
from djsc.backends.django.viewmodels.access_q import value_code
from djsc.backends.django.viewmodels.entities import EntityVM, write_name
from djsc.ir import nodes as ir


def _conjuncts(rule: Rule) -> list[Rule]:
    if isinstance(rule, Both) and rule.op == "and":
        return _conjuncts(rule.left) + _conjuncts(rule.right)
    return [rule]


def _own(rule: Owner | Compare | Flag) -> bool:
    """Whether the term is about a field or key of the listed row itself."""
    steps = rule.path.steps
    return len(steps) == 1 and (steps[0].end is None or steps[0].end.forward)


def grant_of(term: Any, entities: dict[str, EntityVM]) -> Grant | None:
    path = term.path
    k = first_list(path)
    many = path.steps[k].end
    if k != len(path.steps) - 1 or many is None or many.forward or not many.back:
        return None
    for step in path.steps[:k]:
        if step.end is None or not step.end.forward or step.end.many or step.end.optional:
            return None
    users: list[str] = []
    values: list[tuple[str, object]] = []
    sources: list[str] = []
    for part in _conjuncts(term.rule):
        if isinstance(part, Owner) and _own(part) and not part.path.many:
            users.append(part.path.steps[0].name)
        elif isinstance(part, Compare) and _own(part) and part.other is None:
            wanted = part.value
            if part.op == "in" and isinstance(wanted, ir.ListExpr) and wanted.items:
                wanted = wanted.items[0]
            elif part.op != "==":
                return None
            field = part.path.field
            value = rule_value(wanted, part.path)
            if value is UNKNOWN or isinstance(value, list) or field is None:
                return None
            try:
                code = value_code(wanted, field)
            except RuleError:
                return None
            values.append((field.name, value))
            sources.append(f"{field.name}={code}")
        elif isinstance(part, Flag) and _own(part) and part.path.field is not None:
            values.append((part.path.field.name, True))
            sources.append(f"{part.path.field.name}=True")
        elif not (isinstance(part, UserTerm) and part.kind == "authenticated") and part != Const(
            True
        ):
            return None
    grant = Grant(
        path.lookup,
        term.target,
        tuple(s.name for s in path.steps[:k]),
        many.back,
        tuple(users),
        tuple(values),
        tuple(sources),
    )
    me = Actor("member", owner=True)
    made = Row(entities, term.target, values=grant.values)
    return grant if evaluate(term.rule, me, made, frozenset(users)) is True else None


def member_actors(rules: EntityRules, entities: dict[str, EntityVM]) -> list[Actor]:
    grants: list[Grant] = []
    for op in ("read", "update", "delete", "create"):
        for leaf in leaves(rules.rules[op]):
            grant = grant_of(leaf, entities) if isinstance(leaf, Any) else None
            if grant is not None and grant not in grants:
                grants.append(grant)
    return [Actor(f"member:{i}", grants=(g,)) for i, g in enumerate(grants, 1)]


def grant_lines(actor: Actor, e: EntityVM, payload: bool) -> list[str]:
    """The source making `actor`'s rows in a test, `user` being the actor and `obj` the
    row (or `payload` the body of the row about to be created)."""
    out = []
    for g in actor.grants:
        holder = "obj" + "".join(f".{name}" for name in g.prefix)
        if payload:
            if not g.prefix:
                continue  # the new row's own lists: a create rule cannot read them
            r = next(r for r in e.relations if r.name == g.prefix[0])
            rest = "".join(f".{name}" for name in g.prefix[1:])
            holder = f'{r.target}._base_manager.get(pk=payload["{write_name(r)}"]){rest}'
        kwargs = [f"{g.back}={holder}", *(f"{u}=user" for u in g.users), *g.sources]
        out.append(f"{g.target}Factory({', '.join(kwargs)})")
    return out


def blocks_delete(actor: Actor, entities: dict[str, EntityVM]) -> bool:
    """Whether a row made for `actor` keeps the test row from being deleted: it points
    at it through a `protect`/`restrict` key (a 409, after the rules allowed it)."""
    for g in actor.grants:
        if g.prefix:
            continue
        e = entities.get(g.target)
        r = next((r for r in e.relations if r.name == g.back), None) if e else None
        if r is not None and r.on_delete in ("protect", "restrict"):
            return True
    return False
