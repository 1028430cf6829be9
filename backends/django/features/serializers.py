"""`<app>/serializers.py`: one ModelSerializer per entity plus summary serializers.

Relations read as small nested objects (`author: {id, name}`) and write by
primary key through a separate write-only field (`author_id`, `tags_ids`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from djsc.backends.base import EmitContext, EmittedFile, Ownership
from djsc.backends.django import codes, naming
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.viewmodels import (
    EntityVM,
    ProjectVM,
    RelationVM,
    ThroughVerdict,
    write_name,
)
from djsc.backends.django.viewmodels.access import program_rules
from djsc.backends.django.viewmodels.entities import self_parents
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir
from djsc.source import Span


@dataclass(frozen=True)
class SerializerVM:
    name: str
    snake: str
    doc: str
    declarations: list[str]
    fields: list[str]
    read_only: list[str]
    extra_kwargs: str
    create_only: list[str]
    filled: list[str]  # user keys filled from the signed-in user, read-only on update
    # Keys to a row of the same entity, as (API field, model field, message): never a cycle.
    parents: list[tuple[str, str, str]] = field(default_factory=list)


def nested_declarations(e: EntityVM, filled: frozenset[str] = frozenset()) -> list[str]:
    out = []
    grouped = {name for group in e.unique_groups for name in group}
    for r in e.relations:
        # An optional to-one end reads as null when unset, and the schema must say so.
        extra = ", many=True" if r.many else ", allow_null=True" if r.optional else ""
        # A declared field does not inherit the model field's help_text: pass it on.
        extra += f", help_text={pyrepr(r.doc)}" if r.doc else ""
        out.append(f"{r.name} = {summary_of(r)}(read_only=True{extra})")
        if r.writable:
            out.append(f"{write_name(r)} = {write_field(r, r.name in grouped, r.name in filled)}")
    return out


def summary_of(r: RelationVM) -> str:
    return "UserSummarySerializer" if r.target_is_user else f"{r.target}SummarySerializer"


def write_field(r: RelationVM, grouped: bool = False, filled: bool = False) -> str:
    """The `<end>_id` field.  An optional end in a `unique (…)` group defaults to null:
    DRF's unique-together validator would otherwise demand it, though a null never
    collides.  A user key an `owner(…)` rule names defaults to the signed-in user."""
    model = "User" if r.target_is_user else r.target
    args = [f'source="{r.name}"', f"queryset={model}.objects.all()", "write_only=True"]
    if filled:
        args += ["default=SignedInUser()"] + (["allow_null=True"] if r.optional else [])
    elif r.many:
        args += ["many=True", "required=False"]
    elif r.optional:
        args += ["default=None" if grouped else "required=False", "allow_null=True"]
    if r.doc:
        args.append(f"help_text={pyrepr(r.doc)}")
    return f"serializers.PrimaryKeyRelatedField({', '.join(args)})"


def serializer_vm(e: EntityVM, filled: list[str] | None = None) -> SerializerVM:
    files = [f.name for f in e.fields if f.category == "file"]
    extra = ", ".join(f'"{n}": {{"required": False}}' for n in files)
    return SerializerVM(
        name=e.name,
        snake=e.snake,
        doc=e.doc or f"A {e.name}.",
        declarations=nested_declarations(e, frozenset(filled or ())),
        fields=e.serializer_fields,
        read_only=e.read_only,
        extra_kwargs=f"{{{extra}}}" if extra else "",
        create_only=e.create_only,
        filled=list(filled or ()),
        parents=[
            (write_name(r), r.name, _cycle_message(e, r)) for r in self_parents(e) if r.writable
        ],
    )


def _cycle_message(e: EntityVM, r: RelationVM) -> str:
    below = "descendants" if r.related_name == "+" else naming.verbose(r.related_name)
    return f"{naming.label(e.a_label)} cannot be placed under itself or one of its {below}."


def _cause_span(program: ir.Program, verdict: ThroughVerdict) -> Span | None:
    """Where the through entity declares what keeps the end read-only."""
    reason, x = verdict.reason, verdict.through.name
    entity = next((e for e in program.entities if e.name.text == x), None)
    if reason is None or entity is None:
        return None
    if reason.where == "field":
        found = entity.field(reason.member)
        return found.span if found else None
    if reason.where == "end":
        for rel in program.relations:
            end = rel.source
            if end.entity.text == x and end.field and end.field.text == reason.member:
                return end.span
        return None
    if reason.where == "unique":
        return next(
            (
                g.span
                for g in entity.groups
                if g.kind == "unique" and ",".join(i.text for i in g.fields) == reason.member
            ),
            None,
        )
    if reason.where == "check":
        return entity.checks[0].span if entity.checks else None
    return entity.name.span


def report_read_only_through_ends(program: ir.Program, p: ProjectVM, ctx: EmitContext) -> None:
    """DJS0805 for each through end the API cannot write (see viewmodels.through)."""
    for verdict in p.through_verdicts:
        reason, r = verdict.reason, verdict.relation
        if reason is None:
            continue
        decl = next(
            (
                rel
                for rel in program.relations
                if rel.source.entity.text == r.owner
                and rel.source.field is not None
                and rel.source.field.text == r.name
            ),
            None,
        )
        if decl is None:
            continue
        diagnostic = codes.READ_ONLY_THROUGH.at(
            decl.span,
            f"no `{write_name(r)}` in the API",
            relation=f"{r.owner}.{r.name}",
            backend="django",
            reason=reason.text,
        )
        cause = _cause_span(program, verdict)
        # An implicit relation's span is synthetic but still covers the field it was made from.
        if cause is not None and cause.end > cause.start:
            diagnostic = diagnostic.with_label(cause, reason.label)
        fix = f", or {reason.fix}" if reason.fix else ""
        ctx.diagnostics.report(
            diagnostic.with_help(
                f"create `{verdict.through.name}` rows through `{verdict.through.url}`{fix}"
            )
        )


class SerializersFeature(TemplateFeature):
    name = "serializers"
    requires = ("models",)

    def check(self, program: ir.Program, ctx: EmitContext) -> None:
        report_read_only_through_ends(program, self.vm(program, ctx), ctx)

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        rules = program_rules(program, p.entities)
        filled = {
            e.name: [end.name for end in rules[e.name].fill_fields]
            for e in p.entities
            if e.name in rules
        }
        yield self.render_file(
            f"{p.app}/serializers.py",
            "serializers.py.j2",
            p=p,
            header=p.header(f"{p.app}/serializer_hooks.py"),
            model_names=", ".join(sorted(e.name for e in p.entities)),
            serializers=(vms := [serializer_vm(e, filled.get(e.name)) for e in p.entities]),
            fills=any(filled.values()),
            trees=any(s.parents for s in vms),
        )
        trees = [(e, s) for e, s in zip(p.entities, vms, strict=True) if s.parents]
        if trees:
            cases = [
                {"name": e.name, "snake": e.snake, "api": api, "key": key}
                for e, s in trees
                for api, key, _ in s.parents
            ]
            yield self.render_file(
                f"{p.app}/tests/test_trees.py",
                "test_trees.py.j2",
                header=p.tests_header,
                app=p.app,
                cases=cases,
                serializers=sorted({f"{c['name']}Serializer" for c in cases}),
                factories=sorted({f"{c['name']}Factory" for c in cases}),
            )
        yield self.render_file(
            f"{p.app}/serializer_hooks.py", "serializer_hooks.py.j2", Ownership.SCAFFOLD, p=p
        )
        yield self.render_file(
            f"{p.app}/strict.py", "strict.py.j2", header=p.header(f"{p.app}/serializer_hooks.py")
        )
