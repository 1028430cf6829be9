"""The OpenAPI document, Swagger UI and ReDoc, served offline (drf-spectacular).

Descriptions come from the spec's `///` comments, which the models and views
features already put into help_text and docstrings.  Everything else this feature
needs from the project it contributes through slots (dependencies, installed apps,
the schema class, its settings section, URLs, a README section), so no other
feature's template knows that drf-spectacular exists.

The document tells the truth about the API: `config/openapi.py` (its schema class,
a filter extension and a postprocessing hook) documents every error an operation
answers, in problem+json, and what the strict input takes; the generated
`tests/test_openapi.py` proves it on the project itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.features.openapi_enums import enum_name_overrides
from djsc.backends.django.slots import ReadmeSection, Setting, SettingsSection
from djsc.ir import nodes as ir

SPECTACULAR_VIEWS = (
    "from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, "
    "SpectacularSwaggerView"
)
URL_PATTERNS = (
    'path("api/schema/", SpectacularAPIView.as_view(), name="schema")',
    'path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs")',
    'path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc")',
)
README = """\
Swagger UI is at http://127.0.0.1:8000/api/docs/ and ReDoc at http://127.0.0.1:8000/api/redoc/,
both served without a CDN; the OpenAPI document itself is at `/api/schema/`
(`python manage.py spectacular --file schema.yaml` writes it to a file)."""
DEFAULT_API_VERSION = "1.0.0"
SCHEMA_CLASS = "config.openapi.ProblemAutoSchema"
POSTPROCESSING_HOOKS = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "config.openapi.split_request_bodies",
]


def _app_text(program: ir.Program, name: str) -> str:
    opt = program.app.option(name) if program.app else None
    return opt.values[0].value if opt and opt.values else ""


class OpenApiFeature(TemplateFeature):
    name = "openapi"
    requires = ("views",)
    contributes = (
        "project.dependencies",
        "settings.installed_apps",
        "settings.rest_framework",
        "settings.sections",
        "urls.imports",
        "urls.patterns",
        "readme.sections",
    )
    consumes = frozenset({"app.title", "app.description", "app.version"})

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        ctx.contribute("project.dependencies", "drf-spectacular>=0.28,<1")
        ctx.contribute("project.dependencies", "drf-spectacular-sidecar>=2024.1.1")
        ctx.contribute("settings.installed_apps", "drf_spectacular")
        ctx.contribute("settings.installed_apps", "drf_spectacular_sidecar")
        ctx.contribute("settings.rest_framework", Setting("DEFAULT_SCHEMA_CLASS", SCHEMA_CLASS))
        # The spec's `description` wins over the app's doc comment, which wins over
        # the default sentence the view model makes from the title.
        settings = {
            "TITLE": p.title,
            "DESCRIPTION": _app_text(program, "description") or p.description,
            "VERSION": _app_text(program, "version") or DEFAULT_API_VERSION,
            "SERVE_INCLUDE_SCHEMA": False,
            "SWAGGER_UI_DIST": "SIDECAR",
            "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
            "REDOC_DIST": "SIDECAR",
            "COMPONENT_SPLIT_REQUEST": True,
            "POSTPROCESSING_HOOKS": POSTPROCESSING_HOOKS,
        }
        overrides = enum_name_overrides(p)
        if overrides:
            settings["ENUM_NAME_OVERRIDES"] = overrides
        ctx.contribute(
            "settings.sections",
            SettingsSection(
                "DRF-SPECTACULAR (OpenAPI)",
                "https://drf-spectacular.readthedocs.io/en/latest/settings.html",
                (Setting("SPECTACULAR_SETTINGS", settings),),
            ),
        )
        ctx.contribute("urls.imports", SPECTACULAR_VIEWS)
        for line in URL_PATTERNS:
            ctx.contribute("urls.patterns", line)
        ctx.contribute("readme.sections", ReadmeSection("API documentation", README))
        header = p.header("config/settings/custom.py (SPECTACULAR_SETTINGS)")
        yield self.render_file("config/openapi.py", "openapi.py.j2", header=header, app=p.app)
        yield self.render_file(
            f"{p.app}/tests/test_openapi.py",
            "test_openapi.py.j2",
            header=p.tests_header,
            app=p.app,
        )
