"""`README.md`: how to run the project, the endpoint table, where user code goes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django import slots
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.features.filters import filter_lookups
from djsc.backends.django.viewmodels import EntityVM
from djsc.ir import nodes as ir

_PAGINATION = {"page": "page number", "offset": "limit/offset", "cursor": "cursor"}


@dataclass(frozen=True)
class RowVM:
    name: str
    url: str
    filters: str
    search: str
    ordering: str
    pagination: str


def _codes(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names) or "—"


def row_vm(e: EntityVM) -> RowVM:
    params = []
    for name, lookups in filter_lookups(e).items():
        params += [name if lk == "exact" else f"{name}__{lk}" for lk in lookups]
    assert e.pagination is not None
    return RowVM(
        name=e.name,
        url=e.url,
        filters=_codes(params),
        search=_codes(e.search_fields),
        ordering=_codes([e.pk_column, *[f.name for f in e.ordering_fields]]),
        pagination=(
            f"{_PAGINATION[e.pagination.kind]}, {e.pagination.size} per page"
            if e.pagination.paginated
            else "none: one list of every row"
        ),
    )


class ReadmeFeature(TemplateFeature):
    name = "readme"
    requires = ("views", "filters")
    slots = (slots.README_SECTIONS,)

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        rows = [row_vm(e) for e in p.entities]
        sections = ctx.contributions("readme.sections")
        yield self.render_file("README.md", "README.md.j2", p=p, rows=rows, sections=sections)
