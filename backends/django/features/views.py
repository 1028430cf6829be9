"""`<app>/views.py`, `pagination.py`, the `hooks.py` scaffold and `config/errors.py`.

Querysets join every relation the serializer nests (`select_related` for FK and
one-to-one, `prefetch_related` for many-to-many), so a list request costs the
same number of queries whatever the page size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from djsc.backends.base import EmitContext, EmittedFile, Ownership
from djsc.backends.django import naming
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.viewmodels import EntityVM, Pagination, ProjectVM
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

_BASES = {
    "page": "PageNumberPagination",
    "offset": "LimitOffsetPagination",
    "cursor": "CursorPagination",
}


@dataclass(frozen=True)
class PaginationVM:
    class_name: str
    kind: str
    size: int
    base: str


@dataclass(frozen=True)
class ViewVM:
    name: str
    snake: str
    doc: str
    label: str
    plural_label: str
    queryset: str
    pagination: str
    search_fields: list[str]
    ordering_fields: list[str]
    ordering: list[str]


def queryset_code(e: EntityVM) -> str:
    code = f"{e.name}.objects"
    if e.single:
        code += f".select_related({', '.join(pyrepr(r.name) for r in e.single)})"
    if e.many:
        code += f".prefetch_related({', '.join(pyrepr(r.name) for r in e.many)})"
    if not e.single and not e.many:
        code += ".all()"
    return code


def view_vm(e: EntityVM) -> ViewVM:
    assert e.pagination is not None
    label = naming.verbose(e.name)
    return ViewVM(
        name=e.name,
        snake=e.snake,
        doc=e.doc or f"Create, read, update and delete {naming.plural(label)}.",
        label=label,
        plural_label=naming.plural(label),
        queryset=queryset_code(e),
        pagination=e.pagination.class_name,
        search_fields=e.search_fields,
        ordering_fields=["id", *[f.name for f in e.ordering_fields]],
        ordering=e.view_ordering,
    )


def pagination_vms(p: ProjectVM) -> list[PaginationVM]:
    seen: dict[str, Pagination] = {p.pagination.class_name: p.pagination}
    for e in p.entities:
        assert e.pagination is not None
        seen.setdefault(e.pagination.class_name, e.pagination)
    return [PaginationVM(x.class_name, x.kind, x.size, _BASES[x.kind]) for x in seen.values()]


class ViewsFeature(TemplateFeature):
    name = "views"
    requires = ("models", "serializers", "filters")

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        header = p.header(f"{p.app}/hooks.py")
        names = sorted(e.name for e in p.entities)
        paginations = pagination_vms(p)
        views = [view_vm(e) for e in p.entities]
        yield self.render_file(
            f"{p.app}/views.py",
            "views.py.j2",
            header=header,
            views=views,
            model_names=", ".join(names),
            filter_names=", ".join(f"{n}Filter" for n in names),
            serializer_names=", ".join(
                sorted(["ProblemSerializer", *(f"{n}Serializer" for n in names)])
            ),
            pagination_names=", ".join(sorted({v.pagination for v in views})),
        )
        yield self.render_file(
            f"{p.app}/pagination.py", "pagination.py.j2", header=header, classes=paginations
        )
        yield self.render_file(f"{p.app}/hooks.py", "hooks.py.j2", Ownership.SCAFFOLD, p=p)
        yield self.render_file("config/errors.py", "errors.py.j2", header=header)
        ctx.contribute("settings.exception_handler", "config.errors.problem_exception_handler")
