"""The project shell: manage.py, pyproject.toml, .env.example, config/{asgi,wsgi}.py,
and the root conftest.py with API-client fixtures."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django import slots
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.features.settings import CUSTOM_SETTINGS
from djsc.backends.django.slots import EnvVar, ReadmeSection
from djsc.ir import nodes as ir

_DATABASE_URLS = {
    "sqlite": "sqlite:///db.sqlite3",
    "postgres": "postgres://postgres@127.0.0.1:5432/{name}",
}


# What every generated project needs, whatever its features add.
BASE_DEPENDENCIES = (
    "Django>=5.2,<5.3",
    "djangorestframework>=3.15,<4",
    "dj-database-url>=2.2,<4",
    "psycopg[binary]>=3.2,<4",
)
BASE_DEV_DEPENDENCIES = (
    "pytest>=8,<10",
    "pytest-django>=4.9,<5",
    "factory-boy>=3.3,<4",
    "coverage>=7.4,<8",
    "ruff>=0.6,<1",
)


_DATABASE_DOCS = {
    "postgres": "PostgreSQL is the default; sqlite:///db.sqlite3 moves the data to SQLite.",
    "sqlite": "SQLite is the default; set a PostgreSQL URL to move the data there.",
}


def base_env(database: str, url: str) -> tuple[EnvVar, ...]:
    """The variables config/settings/base.py and production.py read themselves."""
    return (
        EnvVar("DATABASE_URL", url, _DATABASE_DOCS[database]),
        EnvVar(
            "DATABASE_CONN_MAX_AGE",
            "60",
            "Seconds a database connection is kept for the next request (0: one per request).",
        ),
        EnvVar(
            "DJANGO_SECRET_KEY",
            "",
            "Required in production: a random value of at least 50 characters; local/test "
            "settings have a fixed key.",
        ),
        EnvVar(
            "DJANGO_ALLOWED_HOSTS",
            "localhost,127.0.0.1",
            "Required in production: the host names the site is served at, comma-separated.",
        ),
        EnvVar(
            "DJANGO_DEBUG",
            "false",
            "Read by base.py only: local settings always debug, test and production never.",
        ),
    )


ENV_README = """\
Every variable the settings and the server read, with the example value of `.env.example`.
Settings read a `.env` file beside `manage.py`; variables of the real environment win over it.
`DJANGO_SETTINGS_MODULE` picks the settings (`manage.py` defaults to `config.settings.local`,
`config/wsgi.py` and `config/asgi.py` to `config.settings.production`); it must be set in the
real environment, since `.env` is read by the settings themselves.

| Variable | Example | What it does |
|---|---|---|
"""


def env_table(variables: list[EnvVar]) -> str:
    rows = [
        f"| `{v.name}` | {f'`{v.value}`' if v.value else '(empty)'} | {v.doc} |" for v in variables
    ]
    return ENV_README + "\n".join(rows)


class ProjectFeature(TemplateFeature):
    name = "project"
    slots = (slots.DEPENDENCIES, slots.DEV_DEPENDENCIES, slots.ENV, slots.STARTUP)
    # The README lists every variable of .env.example, so it renders after this.
    contributes = ("readme.sections",)
    consumes = frozenset({"decl.app"})

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        header = p.header(CUSTOM_SETTINGS)
        # Start-up hooks (tracing) run after the settings module is chosen and before
        # Django loads the middleware: (module, function) pairs.
        startup = [tuple(s.rsplit(".", 1)) for s in ctx.contributions("project.startup")]
        yield self.render_file("manage.py", "manage.py.j2", header=header, startup=startup)
        yield self.render_file("config/__init__.py", "config_init.py.j2", header=header)
        yield self.render_file("config/wsgi.py", "wsgi.py.j2", header=header, startup=startup)
        yield self.render_file("config/asgi.py", "asgi.py.j2", header=header, startup=startup)
        # Fixtures of your own go into the tests package's conftest.py (a scaffold).
        yield self.render_file(
            "conftest.py", "conftest.py.j2", header=p.header(f"{p.app}/tests/conftest.py")
        )
        yield self.render_file(
            "pyproject.toml",
            "pyproject.toml.j2",
            p=p,
            description=toml_string(p.title),
            dependencies=_unique(BASE_DEPENDENCIES, ctx.contributions("project.dependencies")),
            dev_dependencies=_unique(
                BASE_DEV_DEPENDENCIES, ctx.contributions("project.dev_dependencies")
            ),
        )
        url = _DATABASE_URLS[p.database].format(name=p.app)
        variables = list(
            {
                v.name: v for v in (*base_env(p.database, url), *ctx.contributions("project.env"))
            }.values()
        )
        section = ReadmeSection("Environment variables", env_table(variables))
        ctx.contribute("readme.sections", section)
        documented = [(textwrap.wrap(v.doc, 96), v) for v in variables]
        yield self.render_file(".env.example", "env.example.j2", p=p, variables=documented)


def _unique(base: tuple[str, ...], extra: list[str]) -> list[str]:
    return list(dict.fromkeys((*base, *extra)))


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, except that TOML also wants
    DEL escaped (and a raw newline or tab would end or break the line)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")
