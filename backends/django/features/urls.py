"""`<app>/urls.py` (the router) and `config/urls.py` (mounts it and contributions)."""

from __future__ import annotations

from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django import slots
from djsc.backends.django.features.common import TemplateFeature
from djsc.ir import nodes as ir


class UrlsFeature(TemplateFeature):
    """Renders `urls.imports` / `urls.patterns` contributions, so it runs after them."""

    name = "urls"
    requires = ("views",)
    slots = (slots.URL_IMPORTS, slots.URL_PATTERNS)

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        header = p.header(f"{p.app}/hooks.py")
        yield self.render_file(f"{p.app}/urls.py", "app_urls.py.j2", p=p, header=header)
        imports = sorted(set(ctx.contributions("urls.imports")))
        # The project's own modules come after third-party ones, in a block of their own.
        local = [line for line in imports if line.startswith(("from config.", f"from {p.app}."))]
        yield self.render_file(
            "config/urls.py",
            "config_urls.py.j2",
            p=p,
            header=header,
            imports=[line for line in imports if line not in local],
            local_imports=local,
            patterns=ctx.contributions("urls.patterns"),
        )
