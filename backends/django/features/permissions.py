"""`<app>/permissions.py`: the spec's `allow` rules and `roles`, compiled.

For every entity and CRUD operation the module holds a function: `post_read(user)`,
`post_update(user)` and `post_delete(user)` return a `Q` the viewset filters with (a
row the read rule hides is a 404, never a 403), `post_create(user, obj)` tests the
unsaved instance.  The rule compiler lives in `viewmodels/access*.py`; this feature
reports what it cannot compile (DJS0806, an error: a rule is never dropped) and
entities that belong to a user but let anyone signed in change them (DJS0807).
Roles are Django groups, created after `migrate` (`create_roles`, wired in apps.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django import codes
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.viewmodels import ProjectVM
from djsc.backends.django.viewmodels.access import (
    OPS,
    USER,
    EntityRules,
    app_roles,
    program_rules,
)
from djsc.backends.django.viewmodels.access_expect import anonymous_may
from djsc.backends.django.viewmodels.access_predicate import predicate_models, rule_predicate
from djsc.backends.django.viewmodels.access_q import models_used, rule_q
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir
from djsc.ir.exprs import expr_to_str


@dataclass(frozen=True)
class AccessVM:
    name: str
    snake: str
    constant: str  # post_access: the Access instance the viewset names
    rules: dict[str, str]  # op → the rule as written, for the docstrings
    read: str
    update: str
    delete: str
    create: str
    anonymous: list[str]  # writes an anonymous request may be allowed
    models: frozenset[str]  # the models its functions name


def access_vms(program: ir.Program, p: ProjectVM) -> list[AccessVM]:
    found = program_rules(program, p.entities)
    out = []
    for e in p.entities:
        rules = found[e.name]
        out.append(
            AccessVM(
                name=e.name,
                snake=e.snake,
                constant=f"{e.snake}_access",
                rules={op: expr_to_str(rules.exprs[op]) for op in OPS if op in rules.exprs},
                read=rule_q(rules.rules["read"], e.name),
                update=rule_q(rules.rules["update"], e.name),
                delete=rule_q(rules.rules["delete"], e.name),
                create=rule_predicate(rules.rules["create"]),
                anonymous=anonymous_may(rules),
                models=frozenset(
                    {
                        m
                        for op in ("read", "update", "delete")
                        for m in models_used(rules.rules[op], e.name)
                    }
                    | predicate_models(rules.rules["create"])
                ),
            )
        )
    return out


def report_rule_errors(program: ir.Program, rules: dict[str, EntityRules], ctx) -> None:
    for decl in program.entities:
        found = rules.get(decl.name.text)
        if found is None:
            continue
        for error in found.errors:
            op = next(
                (o for o in OPS if found.exprs.get(o) is not None and _within(error, found, o)),
                "allow",
            )
            ctx.diagnostics.report(
                codes.RULE_NOT_ENFORCEABLE.at(
                    error.expr.span,
                    "cannot be compiled",
                    op=op,
                    entity=decl.name.text,
                    backend="django",
                    reason=error.reason,
                ).with_help("see `djsc explain DJS0806` for what a rule may hold")
            )


def _within(error, rules: EntityRules, op: str) -> bool:
    expr = rules.exprs[op]
    span = error.expr.span
    return expr.span.file == span.file and expr.span.start <= span.start <= expr.span.end


def report_missing_owner_rules(program: ir.Program, ctx) -> None:
    """DJS0807: a direct user key, and update/delete left to the default."""
    users: dict[str, list[ir.Relation]] = {}
    for rel in program.relations:
        if rel.target.entity.text == USER and rel.kind.text != ir.RelationKind.MANY_TO_MANY:
            users.setdefault(rel.source.entity.text, []).append(rel)
    for decl in program.entities:
        rels = users.get(decl.name.text)
        if not rels:
            continue
        written = {
            op.text for rule in decl.permissions if not rule.span.synthetic for op in rule.ops
        }
        missing = [op for op in ("update", "delete") if op not in written]
        if not missing:
            continue
        key = rels[0].source.field.text if rels[0].source.field else "user"
        # An implicit relation's span is synthetic but still covers its field.
        where = rels[0].source.span
        diagnostic = codes.OWNER_RULE_MISSING.at(
            where if where.end > where.start else decl.name.span,
            "points at a user",
            entity=decl.name.text,
            path=key,
            ops=" and ".join(missing),
        )
        if where.end > where.start and where.start != decl.name.span.start:
            diagnostic = diagnostic.with_label(
                decl.name.span, "no `allow " + ", ".join(missing) + "` rule here"
            )
        ctx.diagnostics.report(
            diagnostic.with_help(
                f"add `allow {', '.join(missing)}: owner({key})`, or "
                f"`allow {', '.join(missing)}: authenticated` to keep the default on purpose"
            )
        )


class PermissionsFeature(TemplateFeature):
    name = "permissions"
    requires = ("models",)
    consumes = frozenset(
        {"entity.allow", "app.roles", "expr.call.owner", "expr.call.role", "expr.call.any"}
    )

    def check(self, program: ir.Program, ctx: EmitContext) -> None:
        p = self.vm(program, ctx)
        report_rule_errors(program, program_rules(program, p.entities), ctx)
        report_missing_owner_rules(program, ctx)

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        access = access_vms(program, p)
        body = "\n".join(a.read + a.update + a.delete + a.create for a in access)
        enums = sorted(x.name for x in p.enums if f"{x.name}." in body)
        models = {m for a in access for m in a.models}
        yield self.render_file(
            f"{p.app}/permissions.py",
            "permissions.py.j2",
            header=p.header(f"{p.app}/hooks.py"),
            access=access,
            roles=[pyrepr(r) for r in app_roles(program)],
            imports=", ".join(sorted({*enums, *models})),
            uses_f="models.F(" in body,
            uses_operator="operator." in body,
            uses_any="any_of(" in body,
            uses_holds="holds_on(" in body,
        )
