"""`allow` rules, resolved against the model: the shared front of the rule compiler.

An entity's rule (`status == published or owner(author.user) or role(editor)`) is
normalized here into a small tree whose leaves say what they need:

- `Const` — `anyone` / `nobody`;
- `UserTerm` — `authenticated` and `role(x)`, which only look at the signed-in user;
- `Owner` — `owner(path)`: the user at the end of `path` (through any chain of
  relations; a list path holds when the user is one of the users it reaches);
- `Compare` / `Flag` — a field of the instance or of a row a path reaches, compared
  with a literal, an enum member, `null` or a list.

Three compilers read the tree: `access_q` (a `Q` for querysets), `access_predicate`
(a Python test of an unsaved instance, for `create`) and `access_expect` (the outcome
a generated test expects, computed here and never by the project).  What none of them
can express raises `RuleError`, which the permissions feature reports: a rule is
never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from djsc.backends.django import naming
from djsc.backends.django.viewmodels.entities import EntityVM
from djsc.backends.django.viewmodels.fields import FieldVM
from djsc.ir import nodes as ir

OPS = ("read", "create", "update", "delete")
USER = "User"
_COMPARE = ("==", "!=", "<", "<=", ">", ">=", "in", "not in")
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


class RuleError(Exception):
    """A rule (or part of one) the backend cannot enforce; `expr` is where."""

    def __init__(self, expr: ir.Node, reason: str):
        super().__init__(reason)
        self.expr = expr
        self.reason = reason


# ------------------------------------------------------------------ the model


@dataclass(frozen=True)
class End:
    """A relation end as seen from the entity holding the name."""

    name: str
    target: str  # an entity name, or "User"
    many: bool  # a list: many-to-many or a reverse many-to-one
    forward: bool  # the field lives on this entity (a key or a many-to-many)
    optional: bool


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
            self.ends[source][name] = End(name, target, many, True, rel.source.optional or many)
            if rel.target.field is not None and target in self.ends:
                back_many = kind != ir.RelationKind.ONE_TO_ONE
                self.ends[target][rel.target.field.text] = End(
                    rel.target.field.text, source, back_many, False, True
                )

    def path(self, entity: str, expr: ir.Expr) -> Path:
        """`author.user` from `entity`; RuleError when it does not resolve."""
        names = _names(expr)
        if names is None:
            raise RuleError(
                expr,
                "only field paths, values, `owner`, `role`, `not`, `and` and `or` are compiled",
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
class Not:
    inner: Rule


@dataclass(frozen=True)
class Both:
    op: str  # and | or
    left: Rule
    right: Rule


Rule = Const | UserTerm | Owner | Compare | Flag | Not | Both


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


def _compare(expr: ir.Binary, entity: str, model: Model) -> Rule:
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
    if isinstance(rule, Not):
        return leaves(rule.inner)
    if isinstance(rule, Both):
        return leaves(rule.left) + leaves(rule.right)
    return [rule]


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
    create = rules["create"]
    for leaf in leaves(create):
        path = getattr(leaf, "path", None)
        if path is not None and path.many:
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
