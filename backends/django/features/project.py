"""The project shell: manage.py, pyproject.toml, .env.example, config/{asgi,wsgi}.py,
and the root conftest.py with API-client fixtures."""

from __future__ import annotations

from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.features.settings import CUSTOM_SETTINGS
from djsc.ir import nodes as ir

_DATABASE_URLS = {
    "sqlite": "sqlite:///db.sqlite3",
    "postgres": "postgres://postgres@127.0.0.1:5432/{name}",
}


class ProjectFeature(TemplateFeature):
    name = "project"

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        header = p.header(CUSTOM_SETTINGS)
        yield self.render_file("manage.py", "manage.py.j2", header=header)
        yield self.render_file("config/__init__.py", "config_init.py.j2", header=header)
        yield self.render_file("config/wsgi.py", "wsgi.py.j2", header=header)
        yield self.render_file("config/asgi.py", "asgi.py.j2", header=header)
        # Fixtures of your own go into the tests package's conftest.py (a scaffold).
        yield self.render_file(
            "conftest.py", "conftest.py.j2", header=p.header(f"{p.app}/tests/conftest.py")
        )
        yield self.render_file(
            "pyproject.toml", "pyproject.toml.j2", p=p, description=toml_string(p.title)
        )
        yield self.render_file(
            ".env.example",
            "env.example.j2",
            p=p,
            database_url=_DATABASE_URLS[p.database].format(name=p.app),
        )


def toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
