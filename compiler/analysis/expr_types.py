"""The types of the expression language and the scopes expressions are checked in.

A `Ty` is a value, not a node: two `Ty("enum", "PostStatus")` are equal.  The
`unknown` type stands for "already reported": every rule accepts it, so one mistake
gives one diagnostic instead of a cascade.  Inference lives in
`djsc.analysis.expr_infer` (built-in functions in `expr_calls`); `infer` is re-exported
here, imported lazily because expr_infer builds on this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from djsc.analysis.keys import AUTO_KEY, primary_key
from djsc.analysis.types import NUMERIC_CATEGORIES, SCALAR_TYPES, USER_ENTITY, USER_FIELDS
from djsc.ir import nodes as ir
from djsc.ir.walk import SOURCE

__all__ = [
    "Ty",
    "Scope",
    "UNKNOWN",
    "NULL",
    "BOOL",
    "STRING",
    "INT",
    "FLOAT",
    "DECIMAL",
    "DATE",
    "DATETIME",
    "DURATION",
    "DATE_KINDS",
    "MemberInfo",
    "scalar",
    "enum_ty",
    "entity_ty",
    "list_of",
    "field_ty",
    "entity_members",
    "member_ty",
    "is_numeric",
    "is_ordered",
    "compatible",
    "fits",
    "common",
    "infer",
]

_DISPLAY = {
    "string": "String",
    "int": "Int",
    "float": "Float",
    "decimal": "Decimal",
    "bool": "Bool",
    "date": "Date",
    "time": "Time",
    "datetime": "DateTime",
    "duration": "Duration",
    "uuid": "UUID",
    "json": "JSON",
    "file": "File",
    "null": "null",
    "unknown": "unknown",
}


@dataclass(frozen=True, slots=True)
class Ty:
    """kind is a scalar category (see analysis/types.py), enum, entity, list, null,
    unknown, or namespace (`auth`, `input` used bare); `name` names the enum, entity
    or namespace; `elem` is the element type of a list."""

    kind: str
    name: str = ""
    elem: Ty | None = None

    def __str__(self) -> str:
        if self.kind in ("enum", "entity", "namespace"):
            return self.name
        if self.kind == "list":
            return f"{self.elem}[]"
        return _DISPLAY.get(self.kind, self.kind)

    @property
    def is_unknown(self) -> bool:
        return self.kind == "unknown"


def scalar(category: str) -> Ty:
    return Ty(category)


def enum_ty(name: str) -> Ty:
    return Ty("enum", name)


def entity_ty(name: str) -> Ty:
    return Ty("entity", name)


def list_of(elem: Ty) -> Ty:
    return Ty("list", elem=elem)


UNKNOWN = Ty("unknown")
NULL = Ty("null")
BOOL = Ty("bool")
STRING = Ty("string")
INT = Ty("int")
FLOAT = Ty("float")
DECIMAL = Ty("decimal")
DATE = Ty("date")
DATETIME = Ty("datetime")
DURATION = Ty("duration")

_ORDERED = NUMERIC_CATEGORIES | {"string", "date", "time", "datetime", "duration"}
DATE_KINDS = frozenset({"date", "datetime"})


def is_numeric(ty: Ty) -> bool:
    return ty.kind in NUMERIC_CATEGORIES


def is_ordered(ty: Ty) -> bool:
    return ty.kind in _ORDERED or ty.is_unknown


def compatible(a: Ty, b: Ty) -> bool:
    """Whether `a == b` makes sense: numbers mix, dates mix, null meets anything."""
    if a.is_unknown or b.is_unknown or a.kind == "null" or b.kind == "null":
        return True
    if is_numeric(a) and is_numeric(b):
        return True
    if a.kind in DATE_KINDS and b.kind in DATE_KINDS:
        return True
    if a.kind == "list" and b.kind == "list":
        return compatible(a.elem or UNKNOWN, b.elem or UNKNOWN)
    return a == b


def fits(value: Ty, target: Ty) -> bool:
    """Whether a value of type `value` may be stored in a field of type `target`.

    Numbers widen (an `Int` fits a `Decimal` field) but never narrow; null fits any
    type here, optionality is the caller's concern; a `JSON` field takes any scalar.
    """
    if value.is_unknown or target.is_unknown or value.kind == "null":
        return True
    if is_numeric(value) and is_numeric(target):
        return target.kind != "int" or value.kind == "int"
    if target.kind == "json":
        return value.kind not in ("entity", "namespace")
    if target.kind == "list" and value.kind == "list":
        return fits(value.elem or UNKNOWN, target.elem or UNKNOWN)
    return value == target


def common(a: Ty, b: Ty) -> Ty | None:
    """The type both `a` and `b` widen to (for `??` and list literals), or None."""
    if a.is_unknown or b.kind == "null":
        return b if a.is_unknown else a
    if b.is_unknown or a.kind == "null":
        return a if b.is_unknown else b
    if is_numeric(a) and is_numeric(b):
        for kind in ("decimal", "float", "int"):
            if kind in (a.kind, b.kind):
                return Ty(kind)
    if a.kind in DATE_KINDS and b.kind in DATE_KINDS:
        return DATETIME if DATETIME in (a, b) else DATE
    return a if a == b else None


def field_ty(type_ref: ir.TypeRef, analysis) -> Ty:
    """The expression type of values of a declared field type; unknown if it is
    unresolved or badly written (reported by check_types) or if both an entity and an
    enum have its name (reported by resolve_names)."""
    name = type_ref.name.text
    declared = analysis.declared
    if type_ref in analysis.badly_typed or analysis.is_ambiguous_type(name):
        return UNKNOWN
    if name in SCALAR_TYPES:
        ty = scalar(SCALAR_TYPES[name].category)
    elif name in declared.get("enum", {}):
        ty = enum_ty(name)
    elif name in declared.get("entity", {}) or name == USER_ENTITY:
        ty = entity_ty(name)
    else:
        return UNKNOWN  # reported by check_types
    return list_of(ty) if type_ref.many else ty


# Which side of a relation holds many objects, by kind: (seen from source, from target).
_MANY_SIDE = {
    ir.RelationKind.ONE_TO_ONE: (False, False),
    ir.RelationKind.MANY_TO_ONE: (False, True),
    ir.RelationKind.ONE_TO_MANY: (True, False),
    ir.RelationKind.MANY_TO_MANY: (True, True),
}


@dataclass(frozen=True, slots=True)
class MemberInfo:
    """What a name on an entity is: its type, and how it may be used.

    `kind` is field | relation | auto (id and timestamps, set by the database);
    `many` marks relation ends holding many objects; `optional` mirrors `?`."""

    ty: Ty
    kind: str
    many: bool = False
    optional: bool = False
    span: object = None


def entity_members(entity: str, ctx) -> dict[str, MemberInfo]:
    """Every name an instance of `entity` has before lowering: declared fields, the
    implicit id and timestamp fields, and the relation ends that land on it.
    Callers must not mutate the result: it is shared through the analysis memo."""
    key = ("entity_members", entity)
    found = ctx.analysis.memo.get(key)
    if found is None:
        found = ctx.analysis.memo[key] = _entity_members(entity, ctx)
    return found


def _entity_members(entity: str, ctx) -> dict[str, MemberInfo]:
    declared = ctx.analysis.declared
    out: dict[str, MemberInfo] = {}
    if entity == USER_ENTITY:
        for name, category in USER_FIELDS.items():
            out[name] = MemberInfo(scalar(category), "auto" if name == "id" else "field")
    # A declaration rejected as a duplicate only adds names: its members must not
    # be reported as unknown, but the accepted declaration decides their types.
    for i, decl in enumerate(ctx.analysis.declarations("entity", entity)):
        if not isinstance(decl, ir.Entity):
            continue
        members = _declared_members(decl, ctx.analysis)
        if i == 0:
            out.update(members)
        else:
            out.update({k: v for k, v in members.items() if k not in out})
    for end, (rel, side) in ctx.analysis.relation_ends.get(entity, {}).items():
        if end in out:
            if out[end].kind == "field":
                # A clash with a field, reported by check_relations: which of the
                # two the name means is unknown, so its uses are not judged.
                out[end] = MemberInfo(UNKNOWN, "field", span=out[end].span)
            continue
        sides = _MANY_SIDE.get(rel.kind.text)
        other = rel.target.entity.text if side == SOURCE else rel.source.entity.text
        if sides is None:
            out[end] = MemberInfo(UNKNOWN, "relation")
            continue
        many = sides[0] if side == SOURCE else sides[1]
        known = other == USER_ENTITY or other in declared.get("entity", {})
        ty = entity_ty(other) if known else UNKNOWN  # an unknown end is check_relations'
        optional = rel.source.optional if side == SOURCE else True
        out[end] = MemberInfo(list_of(ty) if many and known else ty, "relation", many, optional)
    return out


def _declared_members(decl: ir.Entity, analysis) -> dict[str, MemberInfo]:
    # The automatic `id` exists only when no field or shared end is the key.
    ends = analysis.relation_ends.get(decl.name.text, {}).values()
    key = primary_key(decl, [rel for rel, _ in ends])
    out = {AUTO_KEY: MemberInfo(INT, "auto")} if key.automatic else {}
    if decl.timestamps:
        out["created_at"] = MemberInfo(DATETIME, "auto")
        out["updated_at"] = MemberInfo(DATETIME, "auto")
    if decl.soft_delete:
        out["deleted_at"] = MemberInfo(DATETIME, "auto", optional=True)
    for f in decl.fields:
        ty = field_ty(f.type, analysis)
        previous = out.get(f.name.text)
        if previous is not None and previous.kind == "field":
            ty = UNKNOWN  # declared twice, reported by resolve_names: which is meant?
        kind = "auto" if f is key.field else "field"  # a key is never assigned
        out[f.name.text] = MemberInfo(ty, kind, optional=f.optional, span=f.name.span)
    return out


def member_ty(owner: Ty, name: str, ctx) -> Ty | None:
    """The type of `owner.name`, None when `owner` has no such member; a member of a
    list of entities is the list of the members (`tags.name` is `String[]`)."""
    if owner.kind == "entity":
        info = entity_members(owner.name, ctx).get(name)
        return info.ty if info else None
    if owner.kind == "list" and owner.elem is not None and owner.elem.kind == "entity":
        inner = member_ty(owner.elem, name, ctx)
        if inner is None:
            return None
        return inner if inner.kind == "list" or inner.is_unknown else list_of(inner)
    return None


@dataclass
class Scope:
    """What names mean where an expression appears.

    `entity` supplies bare field names (None in channels); `instance` allows `self`
    (`where` says, for the error, what kind of place this is); `permission` allows
    `anyone`/`authenticated`; `inputs` is None where `input` does not exist; `extra`
    holds further names (an event's payload in `apply`), which shadow fields;
    `local_only` restricts to the entity's own columns (database check constraints).
    """

    entity: str | None = None
    instance: bool = True
    permission: bool = False
    inputs: dict[str, ir.Field] | None = None
    extra: dict[str, Ty] = field(default_factory=dict)
    where: str = "this expression"
    local_only: bool = False


def infer(expr: ir.Expr, scope: Scope, ctx, expected: Ty | None = None) -> Ty:
    from djsc.analysis.expr_infer import infer as _infer

    return _infer(expr, scope, ctx, expected)
