"""`allow` rules, resolved against the model: the shared front of the rule compiler.

An entity's rule (`status == published or owner(author.user) or role(editor)`) is
normalized here into a small tree whose leaves say what they need:

- `Const` — `anyone` / `nobody`;
- `UserTerm` — `authenticated` and `role(x)`, which only look at the signed-in user;
- `Owner` — `owner(path)`: the user at the end of `path` (through any chain of
  relations; a list path holds when the user is one of the users it reaches);
- `Compare` / `Flag` — a field of the instance or of a row a path reaches, compared
  with a literal, an enum member, `null` or a list;
- `Any` — `any(list_path, condition)`: some row of the list meets a rule of its own
  (roles within a tenant: `any(organization.memberships, user == auth.user and role
  == admin)`).

`x == auth.user` (and `auth.user in xs`) is `owner(x)`; `x != auth.user` is its negation.

Three compilers read the tree: `access_q` (a `Q` for querysets), `access_predicate`
(a Python test of an unsaved instance, for `create`) and `access_expect` (the outcome
a generated test expects, computed here and never by the project).  What none of them
can express raises `RuleError`, which the permissions feature reports: a rule is
never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from djsc.backends.django.viewmodels.access_model import (
    USER,
    End,
    Model,
    Path,
    RuleError,
)
from djsc.backends.django.viewmodels.entities import EntityVM
from djsc.ir import nodes as ir

OPS = ("read", "create", "update", "delete")
_COMPARE = ("==", "!=", "<", "<=", ">", ">=", "in", "not in")
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


# ------------------------------------------------------------------ the tree


@dataclass(frozen=True)
class Const:
    value: bool


@dataclass(frozen=True)
class UserTerm:
    kind: str  # authenticated | role
    role: str = ""


@dataclass(frozen=True)
class Owner:
    path: Path


@dataclass(frozen=True)
class Compare:
    path: Path
    op: str
    value: ir.Expr  # a literal, an enum member, true/false, null, or a list of them
    other: Path | None = None  # a field compared with another field


@dataclass(frozen=True)
class Flag:
    path: Path  # a Bool field, true when set


@dataclass(frozen=True)
class Any:
    path: Path  # a list path, ending at an entity's rows
    rule: Rule  # over those rows (`path.target`)

    @property
    def target(self) -> str:
        end = self.path.steps[-1].end
        assert end is not None
        return end.target


@dataclass(frozen=True)
class Not:
    inner: Rule


@dataclass(frozen=True)
class Both:
    op: str  # and | or
    left: Rule
    right: Rule


Rule = Const | UserTerm | Owner | Compare | Flag | Any | Not | Both


def normalize(expr: ir.Expr, entity: str, model: Model) -> Rule:
    """The rule tree of `expr`, with constants folded; RuleError if not enforceable."""
    if isinstance(expr, ir.Name) and expr.name.text in ("anyone", "nobody", "true", "false"):
        return Const(expr.name.text in ("anyone", "true"))
    if isinstance(expr, ir.Name) and expr.name.text == "authenticated":
        return UserTerm("authenticated")
    if isinstance(expr, ir.Call) and expr.func.text == "role" and len(expr.args) == 1:
        arg = expr.args[0]
        role = arg.name.text if isinstance(arg, ir.Name) else getattr(arg, "value", None)
        if not role:
            raise RuleError(expr, "not a role name")
        return UserTerm("role", role)
    if isinstance(expr, ir.Call) and expr.func.text == "owner" and len(expr.args) == 1:
        path = model.path(entity, expr.args[0])
        last = path.steps[-1].end if path.steps else None
        if last is None or last.target != USER:
            raise RuleError(expr, "`owner(…)` must name a path ending at a User")
        return Owner(path)
    if isinstance(expr, ir.Call) and expr.func.text == "any" and len(expr.args) == 2:
        return _any(expr, entity, model)
    if isinstance(expr, ir.Unary) and expr.op == "not":
        return negate(normalize(expr.operand, entity, model))
    if isinstance(expr, ir.Binary) and expr.op in ("and", "or"):
        left = normalize(expr.left, entity, model)
        right = normalize(expr.right, entity, model)
        return combine(expr.op, left, right)
    if isinstance(expr, ir.Binary) and expr.op in _COMPARE:
        return _compare(expr, entity, model)
    if isinstance(expr, ir.Name | ir.Member):
        path = model.path(entity, expr)
        if path.field is None or path.field.category != "bool":
            raise RuleError(expr, "only a Bool field can stand alone as a condition")
        return Flag(path)
    raise RuleError(expr, "this expression has no database equivalent in a permission")


def negate(rule: Rule) -> Rule:
    if isinstance(rule, Const):
        return Const(not rule.value)
    if isinstance(rule, Not):
        return rule.inner
    return Not(rule)


def combine(op: str, left: Rule, right: Rule) -> Rule:
    absorbing, neutral = (False, True) if op == "and" else (True, False)
    for a, b in ((left, right), (right, left)):
        if isinstance(a, Const):
            return a if a.value == absorbing else b
    if left == right:
        return left
    return Both(op, left, right)


def _is_value(expr: ir.Expr, fields: dict) -> bool:
    if isinstance(expr, ir.Literal):
        return True
    if isinstance(expr, ir.ListExpr):
        return all(_is_value(i, fields) for i in expr.items)
    if isinstance(expr, ir.Unary) and expr.op == "-":
        return isinstance(expr.operand, ir.Literal)
    return isinstance(expr, ir.Name) and expr.name.text not in fields


def _any(expr: ir.Call, entity: str, model: Model) -> Rule:
    path = model.path(entity, expr.args[0])
    last = path.steps[-1].end if path.steps else None
    if path.field is not None or last is None or not path.many:
        raise RuleError(expr.args[0], "`any` takes a list path through a `many` end")
    if last.target not in model.entities:
        raise RuleError(
            expr.args[0],
            f"`any` reads rows of the spec's entities; for a list of users write "
            f"`owner({path.text})`",
        )
    inner = normalize(expr.args[1], last.target, model)
    if inner == Const(False):
        return inner  # no row can meet it; `any(xs, true)` still asks for a row
    return Any(path, inner)


def _is_auth_user(expr: ir.Expr) -> bool:
    return (
        isinstance(expr, ir.Member)
        and expr.name.text == "user"
        and isinstance(expr.obj, ir.Name)
        and expr.obj.name.text == "auth"
    )


def _auth_user(expr: ir.Binary, entity: str, model: Model) -> Rule:
    """`author == auth.user`, `auth.user in members` and their negations: `owner(…)`."""
    if expr.op not in ("==", "!=", "in", "not in") or (
        expr.op in ("in", "not in") and not _is_auth_user(expr.left)
    ):
        raise RuleError(expr, "compare `auth.user` with `==`, `!=`, `in` or `not in`")
    other = expr.right if _is_auth_user(expr.left) else expr.left
    if _is_auth_user(other):
        raise RuleError(expr, "compare `auth.user` with a path that ends at a User")
    path = model.path(entity, other)
    last = path.steps[-1].end if path.steps else None
    if last is None or last.target != USER or path.field is not None:
        raise RuleError(other, "compare `auth.user` with a path that ends at a User")
    if path.many != (expr.op in ("in", "not in")):
        word = "`in`" if path.many else "`==`"
        raise RuleError(
            other, f"`{path.text}` is {'a list' if path.many else 'one user'}: use {word}"
        )
    owner = Owner(path)
    return owner if expr.op in ("==", "in") else Not(owner)


def _compare(expr: ir.Binary, entity: str, model: Model) -> Rule:
    if _is_auth_user(expr.left) or _is_auth_user(expr.right):
        return _auth_user(expr, entity, model)
    left, op, right = expr.left, expr.op, expr.right
    own = model.entities[entity].field_map if entity in model.entities else {}
    if op not in ("in", "not in") and _is_value(left, own) and not _is_value(right, own):
        left, right, op = right, left, _FLIP[op]
    path = model.path(entity, left)
    if path.field is None:
        raise RuleError(left, "compare a field, not a relation (use `owner(…)` for users)")
    if op in ("in", "not in") and not isinstance(right, ir.ListExpr):
        raise RuleError(right, "`in` takes a list of values here")
    if _is_value(right, own):
        if isinstance(right, ir.Name) and right.name.text == "null" and op not in ("==", "!="):
            raise RuleError(expr, "only `==` and `!=` compare with null")
        return Compare(path, op, right)
    other = model.path(entity, right)
    if other.field is None or other.many or path.many:
        raise RuleError(right, "compare a field with a value or another field of the row")
    return Compare(path, op, right, other)


# ------------------------------------------------------------------ per entity


@dataclass(frozen=True)
class EntityRules:
    entity: str
    rules: dict[str, Rule]  # op → rule (every op has one after lowering)
    exprs: dict[str, ir.Expr]  # op → the rule as written
    errors: tuple[RuleError, ...] = ()

    def owner_paths(self, op: str | None = None) -> list[Path]:
        ops = [op] if op else list(OPS)
        found: list[Path] = []
        for o in ops:
            for leaf in leaves(self.rules[o]):
                if isinstance(leaf, Owner) and leaf.path not in found:
                    found.append(leaf.path)
        return found

    def roles(self, op: str | None = None) -> list[str]:
        ops = [op] if op else list(OPS)
        found: list[str] = []
        for o in ops:
            for leaf in leaves(self.rules[o]):
                if isinstance(leaf, UserTerm) and leaf.kind == "role" and leaf.role not in found:
                    found.append(leaf.role)
        return found

    @property
    def fill_fields(self) -> list[End]:
        """User keys an `owner(…)` rule names directly: filled from the signed-in user on
        create when the client leaves them out, and read-only on update."""
        out: list[End] = []
        for path in self.owner_paths():
            end = path.steps[0].end
            if len(path.steps) == 1 and end and end.forward and not end.many and end not in out:
                out.append(end)
        return out


def leaves(rule: Rule) -> list[Rule]:
    """The terms of `rule` about this row (an `Any` is one: its rule is about others)."""
    if isinstance(rule, Not):
        return leaves(rule.inner)
    if isinstance(rule, Both):
        return leaves(rule.left) + leaves(rule.right)
    return [rule]


def first_list(path: Path) -> int:
    """The index of the first step of `path` that crosses a list."""
    return next(i for i, s in enumerate(path.steps) if s.end is not None and s.end.many)


def _through_saved_row(path: Path) -> bool:
    """Whether a create rule can follow `path`: a key of the new row first, to a row
    that exists, and only then a list."""
    first = path.steps[0].end
    return first_list(path) > 0 and first is not None and first.forward


def entity_rules(decl: ir.Entity, model: Model) -> EntityRules:
    rules: dict[str, Rule] = {}
    exprs: dict[str, ir.Expr] = {}
    errors: list[RuleError] = []
    for permission in decl.permissions:
        for op in permission.ops:
            if op.text not in OPS or op.text in rules:
                continue
            exprs[op.text] = permission.expr
            try:
                rules[op.text] = normalize(permission.expr, decl.name.text, model)
            except RuleError as exc:
                errors.append(exc)
                rules[op.text] = Const(False)  # refused until fixed: never wider
    for op in OPS:
        rules.setdefault(op, Const(False))
    for leaf in leaves(rules["create"]):
        path = getattr(leaf, "path", None)
        if path is not None and path.many and not _through_saved_row(path):
            # Lists reached through a saved row (`organization.memberships`) exist; the
            # new row's own lists do not yet.
            errors.append(
                RuleError(
                    exprs["create"],
                    f"`{path.text}` is a list, which a row about to be created does not have yet",
                )
            )
            rules["create"] = Const(False)
            break
    return EntityRules(decl.name.text, rules, exprs, tuple(errors))


def program_rules(program: ir.Program, entities: list[EntityVM]) -> dict[str, EntityRules]:
    model = Model(program, entities)
    return {d.name.text: entity_rules(d, model) for d in program.entities}


def app_roles(program: ir.Program) -> list[str]:
    app = program.app
    opt = app.option("roles") if app else None
    return [v.text for v in opt.values] if opt else []
