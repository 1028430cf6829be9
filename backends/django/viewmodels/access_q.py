"""A rule tree (viewmodels.access) → the source of a function body returning a `Q`.

User-only terms are decided in Python when the request comes (`when(user.is_authenticated)`),
instance terms become ORM lookups.  `ALL` and `NONE` are Q objects that match every row
and no row (not `Q()`: Django's `Q() | Q(x)` is `Q(x)`, which would narrow "anyone or
x" to x).  A term that crosses a list (a many-to-many or reverse end) is matched
inside a subquery on the primary key, so a row is never listed twice and no
`.distinct()` is needed.  `any(list, rule)` is the same subquery over the rows of
the list that meet `rule` (their default manager: a soft-deleted membership grants
nothing).
"""

from __future__ import annotations

from djsc.backends.django.viewmodels import checks
from djsc.backends.django.viewmodels.access import (
    Any,
    Both,
    Compare,
    Const,
    Flag,
    Not,
    Owner,
    Path,
    Rule,
    RuleError,
    UserTerm,
)
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

_LOOKUP = {"==": "", "<": "__lt", "<=": "__lte", ">": "__gt", ">=": "__gte"}


def rule_q(rule: Rule, model_name: str) -> str:
    """Python source of a Q over `model_name` rows, in terms of `user`."""
    if isinstance(rule, Const):
        return "ALL" if rule.value else "NONE"
    if isinstance(rule, UserTerm):
        return f"when({user_test(rule)})"
    if isinstance(rule, Not):
        return f"~{_wrapped(rule.inner, model_name)}"
    if isinstance(rule, Both):
        joiner = " & " if rule.op == "and" else " | "
        return joiner.join(_wrapped(x, model_name) for x in (rule.left, rule.right))
    if isinstance(rule, Owner):
        lookup = pyrepr(rule.path.lookup)
        if rule.path.many:
            return f"owned_within({model_name}, user, {lookup})"
        return f"owned(user, {lookup})"
    if isinstance(rule, Any):
        rows = f"{rule.target}.objects.filter({rule_q(rule.rule, rule.target)})"
        return f"any_of({model_name}, {pyrepr(rule.path.lookup)}, {rows})"
    if isinstance(rule, Flag):
        return _within(rule.path, f"Q({rule.path.lookup}=True)", model_name)
    if isinstance(rule, Compare):
        return _within(rule.path, compare_q(rule), model_name)
    raise AssertionError(rule)


def models_used(rule: Rule, model_name: str) -> set[str]:
    """The models `rule_q(rule, model_name)` names (its imports)."""
    if isinstance(rule, Any):
        return {model_name, rule.target} | models_used(rule.rule, rule.target)
    if isinstance(rule, Not):
        return models_used(rule.inner, model_name)
    if isinstance(rule, Both):
        return models_used(rule.left, model_name) | models_used(rule.right, model_name)
    path = getattr(rule, "path", None)
    return {model_name} if path is not None and path.many else set()


def user_test(term: UserTerm) -> str:
    if term.kind == "authenticated":
        return "user.is_authenticated"
    return f"has_role(user, {pyrepr(term.role)})"


def _wrapped(rule: Rule, model_name: str) -> str:
    code = rule_q(rule, model_name)
    return f"({code})" if isinstance(rule, Both) else code


def _within(path: Path, q: str, model_name: str) -> str:
    if not path.many:
        return q
    return f"within({model_name}, {q})"


def compare_q(rule: Compare) -> str:
    lookup, op = rule.path.lookup, rule.op
    field = rule.path.field
    assert field is not None
    if rule.other is not None:
        value = f'models.F("{rule.other.lookup}")'
    elif isinstance(rule.value, ir.Name) and rule.value.name.text == "null":
        return f"Q({lookup}__isnull={op == '=='})"
    elif isinstance(rule.value, ir.ListExpr):
        items = ", ".join(value_code(i, field) for i in rule.value.items)
        q = f"Q({lookup}__in=[{items}])"
        return q if op == "in" else f"~{q}"
    else:
        value = value_code(rule.value, field)
    if op == "!=":
        return f"~Q({lookup}={value})"
    return f"Q({lookup}{_LOOKUP[op]}={value})"


def value_code(expr: ir.Expr, field) -> str:
    """A literal, enum member or true/false as Python source for `field`."""
    if isinstance(expr, ir.Unary) and expr.op == "-":
        return f"-{value_code(expr.operand, field)}"
    try:
        return checks._value(expr, field, {})
    except checks.Untranslatable as exc:
        raise RuleError(expr, "not a value this field can hold") from exc
