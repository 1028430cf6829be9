"""`<app>/admin.py`: list columns, search, filters, autocomplete and owned-child inlines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django import naming
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.viewmodels import EntityVM, ProjectVM, RelationVM
from djsc.backends.django.viewmodels.fields import AUTO_MODIFIERS
from djsc.ir import nodes as ir


@dataclass(frozen=True)
class InlineVM:
    class_name: str
    model: str
    fk_name: str
    autocomplete: list[str]


@dataclass(frozen=True)
class AdminVM:
    name: str
    list_display: list[str]
    search_fields: list[str]
    list_filter: list[str]
    autocomplete: list[str]
    readonly: list[str]
    inlines: list[str]
    soft_delete: bool = False  # lists deleted rows on request and restores them


def autocomplete_of(e: EntityVM, skip: str | None = None) -> list[str]:
    """Relations whose targets have an admin with search_fields (all of ours do)."""
    return [r.name for r in e.relations if r.admin_editable and r.name != skip]


def inline_vm(r: RelationVM, p: ProjectVM) -> InlineVM:
    child = p.entity(r.owner)
    assert child is not None
    return InlineVM(
        class_name=f"{r.owner}{naming.camel(r.name)}Inline",
        model=r.owner,
        fk_name=r.name,
        autocomplete=autocomplete_of(child, skip=r.name),
    )


def admin_vm(e: EntityVM, p: ProjectVM) -> AdminVM:
    return AdminVM(
        name=e.name,
        list_display=e.list_display,
        search_fields=e.admin_search,
        list_filter=e.list_filter,
        autocomplete=autocomplete_of(e),
        readonly=[f.name for f in e.fields if f.read_only and not f.flags & AUTO_MODIFIERS.keys()],
        inlines=[inline_vm(r, p).class_name for r in e.inlines],
        soft_delete=e.soft_delete,
    )


@dataclass(frozen=True)
class SoftDeleteCase:
    """A `soft_delete` entity's admin test; `unique` a value a live row can take."""

    name: str
    snake: str
    unique: str | None


def soft_delete_case(e: EntityVM) -> SoftDeleteCase:
    unique = next(
        (
            f.name
            for f in e.fields
            if f.unique and f.writable and not f.primary_key and f.numbering is None
        ),
        None,
    )
    return SoftDeleteCase(e.name, e.snake, unique)


class AdminFeature(TemplateFeature):
    name = "admin"
    requires = ("models",)

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        inlines = [inline_vm(r, p) for e in p.entities for r in e.inlines]
        yield self.render_file(
            f"{p.app}/admin.py",
            "admin.py.j2",
            header=p.header(f"{p.app}/hooks.py"),
            model_names=", ".join(sorted(e.name for e in p.entities)),
            inlines=inlines,
            admins=[admin_vm(e, p) for e in p.entities],
            soft_delete=any(e.soft_delete for e in p.entities),
        )
        cases = [soft_delete_case(e) for e in p.entities if e.soft_delete]
        if cases:
            yield self.render_file(
                f"{p.app}/tests/test_admin.py",
                "test_admin.py.j2",
                header=p.tests_header,
                app=p.app,
                cases=cases,
                models=sorted(c.name for c in cases),
                factories=sorted(f"{c.name}Factory" for c in cases),
            )
