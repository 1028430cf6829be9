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
from djsc.backends.django.slots import Middleware, ReadmeSection, Setting, SettingsSection
from djsc.backends.django.viewmodels import ProjectVM
from djsc.ir import nodes as ir

JSON_PARSER = "config.parsers.JSONParser"
# The limits, rendered into the templates and the README from here.
MAX_JSON_DEPTH = 128
MAX_IDS = 1000
MAX_SEARCH_LENGTH = 256  # search.py (the views feature) reads it from here
MIDDLEWARE = (
    Middleware(
        "config.guards.SlashRedirectMiddleware", before="django.middleware.common.CommonMiddleware"
    ),
    Middleware("config.guards.MethodNotAllowedMiddleware"),
)

README = f"""\
Bad input is answered with a 4xx in problem+json, never a 500. The limits a client meets:

- a JSON body is nested at most {MAX_JSON_DEPTH} levels deep (`config/parsers.py`), else 400;
- a list of ids (`<relation>_ids`) holds at most {MAX_IDS:,} ids, looked up in one query
  (`config/id_lists.py`; `maxItems` in the schema), else 400; an id of no row is a 422;
- `?search=` is at most {MAX_SEARCH_LENGTH} characters (`maxLength` in the schema), else 400;
- a cursor is used as the API wrote it: one holding another value is a 404;
- a method an address does not take is a 405 with `Allow`, before any sign-in check;
- a write to an address without its trailing slash is a `308 Permanent Redirect` to
  the address with it (the method and body are kept); reads keep Django's 301."""


DJANGO_MAX_FIELDS = 1000  # Django's default DATA_UPLOAD_MAX_NUMBER_FIELDS


def max_form_fields(p: ProjectVM) -> int:
    """The most parts a schema-valid multipart form (an entity with files) holds:
    every field once, every list of ids full.  Django refuses a form of more parts
    than DATA_UPLOAD_MAX_NUMBER_FIELDS (a 400): a valid request, if the list is full."""
    uploads = [
        e for e in p.entities if any(f.category == "file" and not f.read_only for f in e.fields)
    ]
    most = max(
        (len(e.fields) + len(e.relations) + MAX_IDS * len(e.many) for e in uploads), default=0
    )
    return -(-most // 100) * 100  # rounded up to a hundred


class GuardsFeature(TemplateFeature):
    name = "guards"
    requires = ("views",)
    contributes = (
        "settings.rest_framework",
        "settings.middleware",
        "settings.sections",
        "readme.sections",
    )

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        header = p.header(f"{p.app}/hooks.py")
        # JSON bodies only (uploads add multipart per view): a form cannot spell null.
        ctx.contribute("settings.rest_framework", Setting("DEFAULT_PARSER_CLASSES", [JSON_PARSER]))
        for middleware in MIDDLEWARE:
            ctx.contribute("settings.middleware", middleware)
        ctx.contribute("readme.sections", ReadmeSection("Limits on input", README))
        fields = max_form_fields(p)
        if fields > DJANGO_MAX_FIELDS:
            ctx.contribute(
                "settings.sections",
                SettingsSection(
                    "REQUEST LIMITS (a multipart form may carry every list of ids full)",
                    "https://docs.djangoproject.com/en/5.2/ref/settings/#data-upload-max-number-fields",
                    (Setting("DATA_UPLOAD_MAX_NUMBER_FIELDS", fields),),
                ),
            )
        yield self.render_file(
            "config/parsers.py", "parsers.py.j2", header=header, max_depth=MAX_JSON_DEPTH
        )
        yield self.render_file("config/guards.py", "guards.py.j2", header=header)
        yield self.render_file(
            "config/id_lists.py", "id_lists.py.j2", header=header, max_ids=MAX_IDS
        )
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
