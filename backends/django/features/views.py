"""`<app>/views.py`, `pagination.py`, the `hooks.py` scaffold and `config/errors.py`.

Querysets join every relation the serializer nests (`select_related` for FK and
one-to-one, `prefetch_related` for many-to-many), so a list request costs the
same number of queries whatever the page size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from djsc.backends.base import EmitContext, EmittedFile, Ownership
from djsc.backends.django import codes, naming
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.features.guards import MAX_SEARCH_LENGTH
from djsc.backends.django.features.models import report_clashes
from djsc.backends.django.slots import Setting, SettingsSection
from djsc.backends.django.viewmodels import EntityVM, Pagination, ProjectVM
from djsc.backends.django.viewmodels.caching import cache_plan
from djsc.backends.django.viewmodels.identities import url_clashes
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
    max_size: int


@dataclass(frozen=True)
class ViewVM:
    name: str
    snake: str
    doc: str
    label: str
    a_label: str
    plural_label: str
    queryset: str
    pagination: str
    search_fields: list[str]
    ordering_fields: list[str]
    ordering: list[str]
    filter_backends: list[str]
    uploads: bool  # has file fields: takes multipart bodies besides JSON
    cached: bool = False  # list and detail answers come from caching.CachedReads

    @property
    def constant(self) -> str:
        """The `permissions.<X>` Access instance holding this entity's rules."""
        return f"{self.snake}_access"


def queryset_code(e: EntityVM) -> str:
    code = f"{e.name}.objects"
    if e.single:
        code += f".select_related({', '.join(pyrepr(r.name) for r in e.single)})"
    if e.many:
        code += f".prefetch_related({', '.join(pyrepr(r.name) for r in e.many)})"
    if not e.single and not e.many:
        code += ".all()"
    return code


def view_vm(e: EntityVM, cached: bool = False) -> ViewVM:
    assert e.pagination is not None
    return ViewVM(
        name=e.name,
        snake=e.snake,
        doc=e.doc or f"Create, read, update and delete {e.plural_label}.",
        label=e.label,
        a_label=e.a_label,
        plural_label=e.plural_label,
        queryset=queryset_code(e),
        pagination=e.pagination.view_class,
        search_fields=e.search_fields,
        ordering_fields=[e.pk_column, *[f.name for f in e.ordering_fields]],
        ordering=e.view_ordering,
        filter_backends=filter_backends(e),
        uploads=any(f.category == "file" and not f.read_only for f in e.fields),
        cached=cached,
    )


def filter_backends(e: EntityVM) -> list[str]:
    """Only backends with something to do, so the schema advertises no dead parameters.

    Full-text search runs after OrderingFilter: it puts the best matches first and
    keeps the requested or default order as the tie-breaker.
    """
    found = ["DjangoFilterBackend", "filters.OrderingFilter"]
    if e.search_fields:
        found.append("FullTextSearchFilter")
    return found


def search_indexes(p: ProjectVM) -> dict[str, tuple[str, list[str]]]:
    """Model → (GIN index name, search fields); the name changes with the fields."""
    return {
        e.name: (
            naming.short_name(p.app, e.snake, *e.search_fields, suffix="fts", limit=63),
            e.search_fields,
        )
        for e in p.entities
        if e.search_fields
    }


def check_cursor_ordering(program: ir.Program, p: ProjectVM, ctx: EmitContext) -> None:
    """DJS0802 for each ordering key that a cursor-paginated list has to leave out."""
    for decl in program.entities:
        e = p.entity(decl.name.text)
        if e is None or not e.cursor:
            continue
        for f in e.dropped_order_fields:
            source = decl.field(f.name)
            ctx.diagnostics.report(
                codes.CURSOR_ORDERING_DROPPED.at(
                    source.span if source else decl.name.span,
                    "optional, so a cursor cannot point at it",
                    entity=e.name,
                    field=f.name,
                    effect="`?ordering=` will not offer it",
                ).with_help(_CURSOR_HELP.format(field=f.name, entity=e.name))
            )
        blockers = set(e.cursor_ordering_blockers)
        for key in decl.ordering:
            name = "__".join(i.text for i in key.path)
            if name in blockers:
                ctx.diagnostics.report(
                    codes.CURSOR_ORDERING_DROPPED.at(
                        key.span,
                        "not a required field of this entity",
                        entity=e.name,
                        field=".".join(i.text for i in key.path),
                        effect=f"the list is ordered newest first (`-{e.pk_column}`) instead",
                    ).with_help(_CURSOR_HELP.format(field=name, entity=e.name))
                )


_CURSOR_HELP = (
    "make `{field}` required, or give `{entity}` page-number or limit/offset pagination "
    "(`pagination page` inside the entity)"
)


def pagination_vms(p: ProjectVM) -> list[PaginationVM]:
    """The classes to define: the app default and each entity's own, none for
    `pagination none` (its views say `pagination_class = None`)."""
    seen: dict[str, Pagination] = {p.pagination.class_name: p.pagination}
    for e in p.entities:
        assert e.pagination is not None
        seen.setdefault(e.pagination.class_name, e.pagination)
    return [
        PaginationVM(x.class_name, x.kind, x.size, _BASES[x.kind], x.max_size)
        for x in seen.values()
        if x.paginated
    ]


class ViewsFeature(TemplateFeature):
    name = "views"
    requires = ("models", "serializers", "filters", "permissions")
    contributes = ("settings.rest_framework", "settings.sections")
    consumes = frozenset(
        {
            "field.modifier.order",
            "app.pagination",
            "app.pagination=page",
            "app.pagination=offset",
            "app.pagination=cursor",
            "app.pagination=none",
            "app.pagination.size",
            "app.pagination.max",
            "entity.option.pagination",
            "entity.option.pagination=page",
            "entity.option.pagination=offset",
            "entity.option.pagination=cursor",
            "entity.option.pagination=none",
            "entity.option.pagination.size",
            "entity.option.pagination.max",
        }
    )

    def check(self, program: ir.Program, ctx: EmitContext) -> None:
        p = self.vm(program, ctx)
        check_cursor_ordering(program, p, ctx)
        report_clashes(program, url_clashes(p.entities), ctx)

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        header = p.header(f"{p.app}/hooks.py")
        names = sorted(e.name for e in p.entities)
        paginations = pagination_vms(p)
        plan = cache_plan(program, p.entities)
        cached = plan.ttls if plan else {}
        views = [view_vm(e, e.name in cached) for e in p.entities]
        yield self.render_file(
            f"{p.app}/views.py",
            "views.py.j2",
            header=header,
            views=views,
            model_names=", ".join(names),
            filter_names=", ".join(f"{n}Filter" for n in names),
            serializer_names=", ".join(f"{n}Serializer" for n in names),
            pagination_names=", ".join(sorted({v.pagination for v in views} - {"None"})),
            full_text=any(v.search_fields for v in views),
            uploads=any(v.uploads for v in views),
            cached=any(v.cached for v in views),
        )
        yield self.render_file(f"{p.app}/core.py", "core.py.j2", header=header)
        yield self.render_file(
            f"{p.app}/pagination.py", "pagination.py.j2", header=header, classes=paginations
        )
        yield self.render_file(f"{p.app}/hooks.py", "hooks.py.j2", Ownership.SCAFFOLD, p=p)
        yield self.render_file("config/errors.py", "errors.py.j2", header=header)
        indexes = search_indexes(p)
        if indexes:
            yield self.render_file(
                f"{p.app}/search.py",
                "search.py.j2",
                header=header,
                app=p.app,
                indexes=indexes,
                max_search_length=MAX_SEARCH_LENGTH,
            )
        ctx.contribute(
            "settings.sections",
            SettingsSection(
                "CSRF (an API client's failed check answers problem+json)",
                "https://docs.djangoproject.com/en/5.2/ref/settings/#csrf-failure-view",
                (Setting("CSRF_FAILURE_VIEW", "config.errors.csrf_failure"),),
            ),
        )
        for setting in (
            Setting("EXCEPTION_HANDLER", "config.errors.problem_exception_handler"),
            *_paging_settings(p),
        ):
            ctx.contribute("settings.rest_framework", setting)


def _paging_settings(p: ProjectVM) -> list[Setting]:
    """The default class and size; an app with `pagination none` sets neither (DRF's
    default is no pagination, and a PAGE_SIZE without a class is its warning W001)."""
    if not p.pagination.paginated:
        return []
    return [
        Setting("DEFAULT_PAGINATION_CLASS", f"{p.app}.pagination.{p.pagination.class_name}"),
        Setting("PAGE_SIZE", p.pagination.size),
    ]
