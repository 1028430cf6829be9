"""Rendering the Django backend's templates with djsc's shared Jinja2 environment.

Templates only print precomputed view models (see `viewmodels`), so the
environment is strict: an undefined name is an error, not an empty string.
"""

from __future__ import annotations

from djsc.emit.templating import environment

PACKAGE = "djsc.backends.django"


def render(template: str, **context) -> str:
    return environment(PACKAGE).get_template(template).render(**context)
