"""An entity's `cache D` needs a cache: DJS0606 under the app's `cache none`.

`cache none` says no answer is cached, so an entity asking for caching contradicts it;
which of the two the author meant only they know, so neither is silently dropped.
"""

from __future__ import annotations

from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.context import PassContext


def check_cache(program: ir.Program, ctx: PassContext) -> ir.Program:
    app = program.app
    app_cache = ir.find_option(app.options, "cache") if app else None
    if app_cache is None or [v.text for v in app_cache.values] != ["none"]:
        return program
    for entity in program.entities:
        opt = ir.find_option(entity.options, "cache")
        if opt is None:
            continue
        ctx.report(
            codes.CACHE_WITHOUT_APP_CACHE.at(opt.span, "asks for caching", entity=entity.name.text)
            .with_label(app_cache.span, "but the app caches nothing")
            .with_help(
                "remove the entity's `cache`, or give the app a cache: `cache redis { ttl 5m }`"
            )
        )
    return program
