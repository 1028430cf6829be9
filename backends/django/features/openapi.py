"""drf-spectacular wiring: schema at /api/schema/, Swagger UI and ReDoc served offline.

Descriptions come from the spec's `///` comments, which the models and views
features already put into help_text and docstrings; this feature contributes the
settings and URL lines only.
"""

from __future__ import annotations

from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.ir import nodes as ir

SPECTACULAR_VIEWS = (
    "from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, "
    "SpectacularSwaggerView"
)


class OpenApiFeature(TemplateFeature):
    name = "openapi"
    requires = ("views",)

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        ctx.contribute("settings.installed_apps", "drf_spectacular")
        ctx.contribute("settings.installed_apps", "drf_spectacular_sidecar")
        ctx.contribute(
            "settings.spectacular",
            {
                "TITLE": p.title,
                "DESCRIPTION": p.description,
                "VERSION": "1.0.0",
                "SERVE_INCLUDE_SCHEMA": False,
                "SWAGGER_UI_DIST": "SIDECAR",
                "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
                "REDOC_DIST": "SIDECAR",
                "COMPONENT_SPLIT_REQUEST": True,
            },
        )
        ctx.contribute("urls.imports", SPECTACULAR_VIEWS)
        for line in (
            'path("api/schema/", SpectacularAPIView.as_view(), name="schema")',
            'path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs")',
            'path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc")',
        ):
            ctx.contribute("urls.patterns", line)
        return iter(())
