"""Bad input is a 4xx, never a 500: the request-level guards of the generated API.

`config/parsers.py` is DRF's JSON parser with a nesting limit (a deeply nested body
would otherwise exhaust Python's recursion limit), and the default parser of every
view; views taking uploads add multipart beside it.  `config/guards.py` holds two
middleware: a method the resolved API view lacks is a 405 with `Allow` before
authentication runs, and a write to an address missing its trailing slash is a 308
(method and body kept) rather than Django's RuntimeError under DEBUG or a 301 that
turns it into a GET.  The other limits live where the input is read: search terms
in `search.py`, cursors in `pagination.py`, id lists in `strict.py`.
"""

from __future__ import annotations

from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.slots import Middleware, Setting
from djsc.ir import nodes as ir

JSON_PARSER = "config.parsers.JSONParser"
MIDDLEWARE = (
    Middleware(
        "config.guards.SlashRedirectMiddleware", before="django.middleware.common.CommonMiddleware"
    ),
    Middleware("config.guards.MethodNotAllowedMiddleware"),
)


class GuardsFeature(TemplateFeature):
    name = "guards"
    requires = ("views",)
    contributes = ("settings.rest_framework", "settings.middleware")

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        header = p.header(f"{p.app}/hooks.py")
        # JSON bodies only (uploads add multipart per view): a form cannot spell null.
        ctx.contribute("settings.rest_framework", Setting("DEFAULT_PARSER_CLASSES", [JSON_PARSER]))
        for middleware in MIDDLEWARE:
            ctx.contribute("settings.middleware", middleware)
        yield self.render_file("config/parsers.py", "parsers.py.j2", header=header)
        yield self.render_file("config/guards.py", "guards.py.j2", header=header)
        yield self.render_file("config/id_lists.py", "id_lists.py.j2", header=header)
        if p.entities:
            yield self.render_file(
                f"{p.app}/tests/test_guards.py",
                "test_guards.py.j2",
                header=p.tests_header,
                app=p.app,
                url=p.entities[0].url,
                cursor=any(e.cursor for e in p.entities),
                search=any(e.search_fields for e in p.entities),
            )
