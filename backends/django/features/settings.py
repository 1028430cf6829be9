"""`config/settings/{__init__,base,local,production,test}.py`, env-driven.

Owns the settings slots (installed apps, middleware, `REST_FRAMEWORK` entries, whole
sections, settings of development and tests only) and renders whatever other features
put in them, so it runs after them.  How clients authenticate is the `auth` feature's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile, Ownership
from djsc.backends.django import slots
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.policies import default_permission_class
from djsc.backends.django.slots import EnvVar, Middleware, ReadmeSection, Setting
from djsc.backends.django.viewmodels.caching import app_cache
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

# The user's settings module: a scaffold that base.py imports at its end.
CUSTOM_SETTINGS = "config/settings/custom.py"
DJANGO_MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)


def derived_key(seed: str, purpose: str) -> str:
    """A deterministic 64-character key for local and test settings (never production)."""
    return hashlib.sha256(f"{seed}:{purpose}".encode()).hexdigest()


def middleware_order(extra: list[Middleware]) -> list[str]:
    """Django's defaults with each contribution placed before the one it names."""
    order = list(DJANGO_MIDDLEWARE)
    for m in extra:
        at = order.index(m.before) if m.before in order else len(order)
        order.insert(at, m.path)
    return list(dict.fromkeys(order))


def rest_framework(settings: list[Setting]) -> str:
    """The `REST_FRAMEWORK` dict as Python source, one entry per setting name."""
    permissions = Setting(
        "DEFAULT_PERMISSION_CLASSES",
        [f"rest_framework.permissions.{default_permission_class()}"],
    )
    merged: dict = {}
    for s in (permissions, *settings):
        merged[s.name] = s.value
    return pyrepr(merged)


# What config/settings/production.py reads beyond base.py's variables (.env.example).
PRODUCTION_ENV = (
    EnvVar(
        "DJANGO_SECURE_SSL_REDIRECT",
        "true",
        "Production: redirect plain HTTP to HTTPS (false only when the proxy does it).",
    ),
    EnvVar(
        "DJANGO_SECURE_HSTS_SECONDS",
        "31536000",
        "Production: how long browsers keep to HTTPS (HSTS); lower it while trying HTTPS out.",
    ),
    EnvVar(
        "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "true",
        "Production: HSTS covers every subdomain too.",
    ),
    EnvVar(
        "DJANGO_SECURE_HSTS_PRELOAD",
        "true",
        "Production: HSTS allows the browsers' preload list (false if you will not submit it).",
    ),
)
PRODUCTION_README = """\
Run with `DJANGO_SETTINGS_MODULE=config.settings.production` behind a proxy that terminates TLS
and sets `X-Forwarded-Proto`. These settings stop start-up (ImproperlyConfigured) unless:

- `DJANGO_SECRET_KEY` is a random value of at least 50 characters;
- `DJANGO_ALLOWED_HOSTS` names the host names the site is served at, comma-separated.

```sh
python -c 'from django.core.management.utils import get_random_secret_key as k; print(k())'
```

`DATABASE_URL` picks the database and `REDIS_URL` a shared cache. DEBUG is always off and a
failure answers with a problem+json 500 (the traceback goes to the log, never to the client).
Plain HTTP is redirected to HTTPS (`DJANGO_SECURE_SSL_REDIRECT`), cookies are sent over HTTPS
only, and HSTS keeps browsers on HTTPS for a year, subdomains included, with the `preload`
directive: `DJANGO_SECURE_HSTS_SECONDS`, `DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS` and
`DJANGO_SECURE_HSTS_PRELOAD` change that (lower the seconds while trying HTTPS out; the domain
joins the preload list only when you submit it at hstspreload.org). With these variables set,
`python manage.py check --deploy` reports nothing."""


# `database postgres` is the database the project runs on without a DATABASE_URL;
# the test settings still swap in SQLite in memory unless DATABASE_URL is set.
DEFAULT_DATABASE_URLS = {
    "sqlite": "sqlite:///db.sqlite3",
    "postgres": "postgres://postgres@127.0.0.1:5432/{name}",
}


class SettingsFeature(TemplateFeature):
    name = "settings"
    slots = (
        slots.INSTALLED_APPS,
        slots.MIDDLEWARE,
        slots.REST_FRAMEWORK,
        slots.SETTINGS_SECTIONS,
        slots.DEV_SETTINGS,
        slots.PRODUCTION_SETTINGS,
    )
    contributes = ("project.env", "readme.sections")
    consumes = frozenset(
        {
            "app.database",
            "app.database=sqlite",
            "app.database=postgres",
        }
    )

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        header = p.header(CUSTOM_SETTINGS)
        for variable in PRODUCTION_ENV:
            ctx.contribute("project.env", variable)
        ctx.contribute("readme.sections", ReadmeSection("Production", PRODUCTION_README))
        third_party = list(
            dict.fromkeys(("rest_framework", *ctx.contributions("settings.installed_apps")))
        )
        contributed = ctx.contributions("settings.sections")
        sections = [
            (s.title, s.url, [(x.name, pyrepr(x.value)) for x in s.settings]) for s in contributed
        ]
        imports = sorted({line for s in contributed for line in s.imports})
        development = ctx.contributions("settings.development")
        uses = sorted({name for d in development for name in d.uses})
        base = "config/settings"
        yield self.render_file(f"{base}/__init__.py", "__init__.py.j2", header=header)
        yield self.render_file(
            f"{base}/base.py",
            "base.py.j2",
            p=p,
            header=header,
            third_party=third_party,
            middleware=middleware_order(ctx.contributions("settings.middleware")),
            rest_framework=rest_framework(ctx.contributions("settings.rest_framework")),
            sections=sections,
            imports=imports,
            default_database_url=DEFAULT_DATABASE_URLS[p.database].format(name=p.app),
            cache_locmem=app_cache(program)[0] == "locmem",
        )
        yield self.render_file(
            f"{base}/local.py",
            "local.py.j2",
            header=header,
            local_key=derived_key(p.secret_seed, "local"),
            development=development,
            uses=uses,
        )
        yield self.render_file(
            f"{base}/test.py",
            "test.py.j2",
            header=header,
            test_key=derived_key(p.secret_seed, "test"),
            development=development,
            uses=uses,
        )
        production = ctx.contributions("settings.production")
        yield self.render_file(
            f"{base}/production.py",
            "production.py.j2",
            header=header,
            sections=[
                (s.title, s.url, [(x.name, pyrepr(x.value)) for x in s.settings])
                for s in production
            ],
            imports=sorted({line for s in production for line in s.imports}),
        )
        yield self.render_file(CUSTOM_SETTINGS, "custom.py.j2", Ownership.SCAFFOLD)
