"""Build the name tables and report names declared twice.

The first declaration of a name is the one later checks look up; the rejected ones are
kept aside (`Analysis.duplicates`), so that using a member only they declare is not
reported again.
"""

from __future__ import annotations

from djsc.analysis.types import USER_ENTITY
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.ir.walk import SOURCE, TARGET
from djsc.passes.context import PassContext

_KINDS: tuple[tuple[type, str], ...] = (
    (ir.Entity, "entity"),
    (ir.Enum, "enum"),
    (ir.Event, "event"),
    (ir.Command, "command"),
    (ir.Query, "query"),
    (ir.Channel, "channel"),
)


def resolve_names(program: ir.Program, ctx: PassContext) -> ir.Program:
    declarations_are_unique(program, ctx)
    only_one_app(program, ctx)
    members_are_unique(program, ctx)
    collect_relation_ends(program, ctx)
    ctx.analysis.roles = declared_roles(program)
    return program


def declared_roles(program: ir.Program) -> tuple[str, ...]:
    # Roles of every `app` block: a second block is reported once, by only_one_app,
    # not again at every `role(…)` naming one of its roles.
    roles: dict[str, None] = {}
    for app in (d for d in program.decls if isinstance(d, ir.App)):
        for option in app.options:
            if option.name.text == "roles":
                roles.update(dict.fromkeys(v.value for v in option.values))
    return tuple(roles)


def declarations_are_unique(program: ir.Program, ctx: PassContext) -> None:
    # Entities and enums share one namespace: both are usable as field types.  Source
    # order decides which declaration is the first, whatever their kinds.
    type_names: dict[str, ir.Decl] = {}
    tables = {kind: ctx.analysis.declared.setdefault(kind, {}) for _, kind in _KINDS}
    for decl in program.decls:
        kind = _kind_of(decl)
        if kind is None:
            continue
        table = tables[kind]
        name = decl.name  # type: ignore[attr-defined]
        first = table.get(name.text)
        if first is None and kind in ("entity", "enum"):
            first = type_names.get(name.text)
        if first is not None:
            ctx.report(
                codes.DUPLICATE_DECLARATION.at(
                    name.span, "defined again here", kind=kind, name=name.text
                )
                .with_label(first.name.span, "first defined here")  # type: ignore[attr-defined]
                .with_help(f"rename one of the two {kind} declarations")
            )
            _reject(decl, kind, name.text, ctx)
            continue
        if kind == "entity" and name.text == USER_ENTITY:
            ctx.report(
                codes.DUPLICATE_DECLARATION.at(
                    name.span, "`User` is built in", kind=kind, name=name.text
                ).with_help(
                    "relate to the built-in `User` instead, e.g. a `Profile` entity "
                    "with `relation one_to_one Profile.user -> User.profile`"
                )
            )
            _reject(decl, kind, name.text, ctx)
            continue
        table[name.text] = decl
        if kind in ("entity", "enum"):
            type_names[name.text] = decl


def _kind_of(decl: ir.Decl) -> str | None:
    for node_type, kind in _KINDS:
        if isinstance(decl, node_type):
            return kind
    return None


def _reject(decl: ir.Decl, kind: str, name: str, ctx: PassContext) -> None:
    ctx.analysis.duplicates.setdefault(kind, {}).setdefault(name, []).append(decl)


def only_one_app(program: ir.Program, ctx: PassContext) -> None:
    apps = [d for d in program.decls if isinstance(d, ir.App)]
    for extra in apps[1:]:
        ctx.report(
            codes.MULTIPLE_APPS.at(extra.name.span, "second `app` block")
            .with_label(apps[0].name.span, "first `app` block")
            .with_help("merge the two blocks into one")
        )


def members_are_unique(program: ir.Program, ctx: PassContext) -> None:
    for entity in program.entities:
        _unique(entity.fields, "field", entity.name.text, ctx)
    for event in program.events:
        _unique(event.fields, "field", event.name.text, ctx)
    for op in (*program.commands, *program.queries):
        _unique(op.inputs, "input", op.name.text, ctx)
    for enum in program.enums:
        _unique(enum.members, "member", enum.name.text, ctx)


def _unique(members, kind: str, owner: str, ctx: PassContext) -> None:
    seen: dict[str, ir.Node] = {}
    for member in members:
        name = member.name
        if name.text in seen:
            ctx.report(
                codes.DUPLICATE_MEMBER.at(
                    name.span, "defined again here", kind=kind, name=name.text, owner=owner
                ).with_label(seen[name.text].name.span, "first defined here")  # type: ignore[attr-defined]
            )
        else:
            seen[name.text] = member


def collect_relation_ends(program: ir.Program, ctx: PassContext) -> None:
    ends = ctx.analysis.relation_ends
    for rel in program.relations:
        if rel.source.field is not None:
            ends.setdefault(rel.source.entity.text, {}).setdefault(
                rel.source.field.text, (rel, SOURCE)
            )
        if rel.target.field is not None:
            ends.setdefault(rel.target.entity.text, {}).setdefault(
                rel.target.field.text, (rel, TARGET)
            )
