"""A rule tree (viewmodels.access) → a Python expression over `user` and an unsaved `obj`.

`allow create` is decided on the instance about to be created (built from the
validated request), before it is saved: it has no primary key yet and no list
relations, so `access.entity_rules` refuses paths that start with one.  Paths are
followed attribute by attribute (`follow(obj, "author", "user")`), a missing row
reading as None; comparisons with None are false except `!=` and `not in`, as the
database's lookups treat NULL.  A path that reaches a list through a saved row
(`any(organization.memberships, …)`) is asked of the database on that row: the term
becomes the Q `access_q` makes for it, rooted at the row (`holds_on`).
"""

from __future__ import annotations

import dataclasses

from djsc.backends.django.viewmodels.access import (
    Both,
    Compare,
    Const,
    Flag,
    Not,
    Owner,
    Path,
    Rule,
    UserTerm,
    first_list,
)
from djsc.backends.django.viewmodels.access_q import models_used, rule_q, user_test, value_code
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

_OPERATOR = {"<": "lt", "<=": "le", ">": "gt", ">=": "ge"}


def rule_predicate(rule: Rule) -> str:
    if isinstance(rule, Const):
        return "True" if rule.value else "False"
    if isinstance(rule, UserTerm):
        return user_test(rule)
    if isinstance(rule, Not):
        return f"not {_wrapped(rule.inner)}"
    if isinstance(rule, Both):
        return f" {rule.op} ".join(_wrapped(x) for x in (rule.left, rule.right))
    rooted = _through_saved_row(rule)
    if rooted is not None:
        entity, prefix, term = rooted
        row = follow(Path(rule.path.entity, prefix))
        return f"holds_on({entity}, {row}, {rule_q(term, entity)})"
    if isinstance(rule, Owner):
        return f"is_user(user, {follow(rule.path)})"
    if isinstance(rule, Flag):
        return f"{follow(rule.path)} is True"
    if isinstance(rule, Compare):
        return _compare(rule)
    raise AssertionError(rule)


def _through_saved_row(rule: Rule):
    """(entity, steps to it, the term rooted there) for a term whose path crosses a
    list after a key to a saved row; None for a term about the new row alone."""
    path: Path | None = getattr(rule, "path", None)
    if path is None or not path.many:
        return None
    k = first_list(path)
    end = path.steps[k - 1].end
    assert k > 0 and end is not None  # access.entity_rules refuses the others
    rest = Path(end.target, path.steps[k:], path.field)
    return end.target, path.steps[:k], dataclasses.replace(rule, path=rest)


def predicate_models(rule: Rule) -> set[str]:
    """The models `rule_predicate(rule)` names (its imports)."""
    if isinstance(rule, Not):
        return predicate_models(rule.inner)
    if isinstance(rule, Both):
        return predicate_models(rule.left) | predicate_models(rule.right)
    rooted = _through_saved_row(rule)
    if rooted is None:
        return set()
    entity, _, term = rooted
    return {entity} | models_used(term, entity)


def _wrapped(rule: Rule) -> str:
    code = rule_predicate(rule)
    return f"({code})" if isinstance(rule, Both) else code


def follow(path: Path) -> str:
    return f"follow(obj, {', '.join(pyrepr(a) for a in path.attrs)})"


def _compare(rule: Compare) -> str:
    field = rule.path.field
    assert field is not None
    here = follow(rule.path)
    if rule.other is not None:
        value = follow(rule.other)
    elif isinstance(rule.value, ir.Name) and rule.value.name.text == "null":
        return f"{here} is {'' if rule.op == '==' else 'not '}None"
    elif isinstance(rule.value, ir.ListExpr):
        items = ", ".join(value_code(i, field) for i in rule.value.items)
        return f"{here} {rule.op} [{items}]"
    else:
        value = value_code(rule.value, field)
    if rule.op in ("==", "!="):
        return f"{here} {rule.op} {value}"
    return f"compare({here}, operator.{_OPERATOR[rule.op]}, {value})"
