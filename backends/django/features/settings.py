"""`config/settings/{__init__,base,local,production,test}.py`, env-driven.

Renders the `settings.*` contributions of earlier features, so it runs late.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile, Ownership
from djsc.backends.django.features.common import TemplateFeature
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

BASE_THIRD_PARTY = ("rest_framework", "django_filters")
# The user's settings module: a scaffold that base.py imports at its end.
CUSTOM_SETTINGS = "config/settings/custom.py"


def derived_key(seed: str, purpose: str) -> str:
    """A deterministic 64-character key for local and test settings (never production)."""
    return hashlib.sha256(f"{seed}:{purpose}".encode()).hexdigest()


class SettingsFeature(TemplateFeature):
    name = "settings"
    requires = ("openapi", "views")

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        header = p.header(CUSTOM_SETTINGS)
        third_party = list(
            dict.fromkeys(BASE_THIRD_PARTY + tuple(ctx.contributions("settings.installed_apps")))
        )
        spectacular: dict = {}
        for block in ctx.contributions("settings.spectacular"):
            spectacular.update(block)
        handlers = ctx.contributions("settings.exception_handler")
        base = "config/settings"
        yield self.render_file(f"{base}/__init__.py", "__init__.py.j2", header=header)
        yield self.render_file(
            f"{base}/base.py",
            "base.py.j2",
            p=p,
            header=header,
            third_party=third_party,
            spectacular=pyrepr(spectacular) if spectacular else "",
            exception_handler=handlers[-1] if handlers else "",
            default_database_url="sqlite:///" + "db.sqlite3",
        )
        yield self.render_file(
            f"{base}/local.py",
            "local.py.j2",
            header=header,
            local_key=derived_key(p.secret_seed, "local"),
        )
        yield self.render_file(
            f"{base}/test.py",
            "test.py.j2",
            header=header,
            test_key=derived_key(p.secret_seed, "test"),
        )
        yield self.render_file(f"{base}/production.py", "production.py.j2", header=header)
        yield self.render_file(CUSTOM_SETTINGS, "custom.py.j2", Ownership.SCAFFOLD)
