"""`<app>/filters.py`: a FilterSet per entity from `filter` fields and relations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.slots import Setting
from djsc.backends.django.viewmodels import EntityVM
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir


@dataclass(frozen=True)
class FilterSetVM:
    name: str
    fields: str  # the Meta.fields dict as source


def filter_lookups(e: EntityVM) -> dict[str, list[str]]:
    """Field → lookups: exact+in for choices/text/relations, exact+gte+lte for ranges,
    and isnull for what may be null."""
    out = {f.name: e.lookups(f) for f in e.filter_fields}
    for r in e.relations:
        out[r.name] = ["exact", "in", "isnull"] if r.optional and not r.many else ["exact", "in"]
    return out


def filterset_vm(e: EntityVM) -> FilterSetVM:
    items = ", ".join(
        f'"{name}": [{", ".join(pyrepr(x) for x in lookups)}]'
        for name, lookups in filter_lookups(e).items()
    )
    return FilterSetVM(e.name, f"{{{items}}}")


class FiltersFeature(TemplateFeature):
    name = "filters"
    requires = ("models",)
    contributes = ("settings.installed_apps", "settings.rest_framework", "project.dependencies")
    consumes = frozenset({"field.modifier.filter", "field.modifier.search"})

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        yield self.render_file(
            f"{p.app}/filters.py",
            "filters.py.j2",
            header=p.header(f"{p.app}/hooks.py"),
            model_names=", ".join(sorted(e.name for e in p.entities)),
            filtersets=[filterset_vm(e) for e in p.entities],
        )
        ctx.contribute("project.dependencies", "django-filter>=24.3,<27")
        ctx.contribute("settings.installed_apps", "django_filters")
        ctx.contribute(
            "settings.rest_framework",
            Setting(
                "DEFAULT_FILTER_BACKENDS", ["django_filters.rest_framework.DjangoFilterBackend"]
            ),
        )
