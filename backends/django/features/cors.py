"""`cors { origins "https://…", …  credentials true }`: django-cors-headers.

Browsers on the listed origins may call the API (`CORS_ALLOWED_ORIGINS`, exactly the
spec's origins; `"*"` alone is `CORS_ALLOW_ALL_ORIGINS`), with cookies when
`credentials true` (`CORS_ALLOW_CREDENTIALS`; the front end refuses `"*"` with
credentials, DJS0605).  Cookie-carrying writes from those origins must also pass
Django's CSRF check, so with credentials the origins are `CSRF_TRUSTED_ORIGINS` too.
Only `/api/` answers CORS requests.  The middleware goes before Django's
CommonMiddleware, which can answer (redirect) before any view, as the package asks.
The generated `tests/test_cors.py` sends preflights from an allowed origin and from
another one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.slots import Middleware, ReadmeSection, Setting, SettingsSection
from djsc.ir import nodes as ir

DEPENDENCY = "django-cors-headers>=4.7,<5"
MIDDLEWARE = Middleware(
    "corsheaders.middleware.CorsMiddleware", before="django.middleware.common.CommonMiddleware"
)
DOCS = "https://github.com/adamchainz/django-cors-headers#configuration"
API_ONLY = r"^/api/.*$"
# An origin no spec lists: the generated test's "other" origin.
OTHER_ORIGIN = "https://elsewhere.invalid"


@dataclass(frozen=True)
class Cors:
    origins: tuple[str, ...]  # () with every origin allowed
    every_origin: bool
    credentials: bool


def cors_of(program: ir.Program) -> Cors | None:
    opt = program.app.option("cors") if program.app else None
    if opt is None or opt.block is None:
        return None
    origins_opt = ir.find_option(opt.block, "origins")
    credentials = ir.find_option(opt.block, "credentials")
    origins = tuple(dict.fromkeys(v.value for v in (origins_opt.values if origins_opt else ())))
    return Cors(
        origins=tuple(o for o in origins if o != "*"),
        every_origin="*" in origins,
        credentials=credentials is not None and credentials.values[0].text == "true",
    )


def settings_of(cors: Cors) -> tuple[Setting, ...]:
    found = [Setting("CORS_URLS_REGEX", API_ONLY)]
    if cors.every_origin:
        found.append(Setting("CORS_ALLOW_ALL_ORIGINS", True))
    else:
        found.append(Setting("CORS_ALLOWED_ORIGINS", list(cors.origins)))
    found.append(Setting("CORS_ALLOW_CREDENTIALS", cors.credentials))
    if cors.credentials:
        found.append(Setting("CSRF_TRUSTED_ORIGINS", list(cors.origins)))
    return tuple(found)


def readme(cors: Cors) -> str:
    if cors.every_origin:
        who = "Browsers on any origin may call the API (`CORS_ALLOW_ALL_ORIGINS`)"
    else:
        who = "Browsers on " + ", ".join(f"`{o}`" for o in cors.origins) + " may call the API"
    how = (
        " with cookies (`CORS_ALLOW_CREDENTIALS`); these origins are also trusted for CSRF."
        if cors.credentials
        else ", without cookies."
    )
    return (
        f"{who}{how}\n"
        "CORS headers are sent for `/api/` only (django-cors-headers; the settings are in the\n"
        "CORS section of `config/settings/base.py`; override them in `config/settings/custom.py`)."
    )


class CorsFeature(TemplateFeature):
    name = "cors"
    requires = ("views",)
    contributes = (
        "project.dependencies",
        "settings.installed_apps",
        "settings.middleware",
        "settings.sections",
        "readme.sections",
    )
    consumes = frozenset({"app.cors", "app.cors.origins", "app.cors.credentials"})

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        cors = cors_of(program)
        if cors is None:
            return
        p = self.vm(program, ctx)
        ctx.contribute("project.dependencies", DEPENDENCY)
        ctx.contribute("settings.installed_apps", "corsheaders")
        ctx.contribute("settings.middleware", MIDDLEWARE)
        ctx.contribute(
            "settings.sections",
            SettingsSection("CORS (django-cors-headers)", DOCS, settings_of(cors)),
        )
        ctx.contribute("readme.sections", ReadmeSection("Browsers on other origins", readme(cors)))
        yield self.render_file(
            f"{p.app}/tests/test_cors.py",
            "test_cors.py.j2",
            header=p.tests_header,
            cors=cors,
            allowed=cors.origins[0] if cors.origins else "https://any.example",
            other=OTHER_ORIGIN,
        )
