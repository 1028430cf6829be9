"""A rule tree (viewmodels.access) → a Python expression over `user` and an unsaved `obj`.

`allow create` is decided on the instance about to be created (built from the
validated request), before it is saved: it has no primary key yet and no list
relations, so `access.entity_rules` refuses list paths in create rules and this module
never meets one.  Paths are followed attribute by attribute (`follow(obj, "author",
"user")`), a missing row reading as None; comparisons with None are false except
`!=` and `not in`, as the database's lookups treat NULL.
"""

from __future__ import annotations

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
)
from djsc.backends.django.viewmodels.access_q import user_test, value_code
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
    if isinstance(rule, Owner):
        return f"is_user(user, {follow(rule.path)})"
    if isinstance(rule, Flag):
        return f"{follow(rule.path)} is True"
    if isinstance(rule, Compare):
        return _compare(rule)
    raise AssertionError(rule)


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
