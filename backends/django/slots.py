"""The shared-file slots of the Django backend and the values they hold.

Each slot is declared by the feature that renders it (`SettingsFeature.slots`, …); a
feature that fills one names it in `contributes`.  Values are small frozen records,
so the owner's template renders any contribution without knowing who sent it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from djsc.backends.base import Slot


@dataclass(frozen=True)
class Setting:
    """`NAME = value` in a settings dict or section; `value` is a Python literal."""

    name: str
    value: Any


@dataclass(frozen=True)
class PyCode:
    """A setting value written as Python source (`datetime.timedelta(minutes=15)`)."""

    source: str

    def __repr__(self) -> str:  # pyrepr falls back to repr() for what it does not know
        return self.source


@dataclass(frozen=True)
class SettingsSection:
    """A block of `config/settings/base.py` of its own: a title, a link, assignments,
    and the standard-library modules its values need (`imports`: `import datetime`)."""

    title: str
    url: str
    settings: tuple[Setting, ...]
    imports: tuple[str, ...] = ()


@dataclass(frozen=True)
class DevSetting:
    """`name = code` in local.py and test.py, never in production; `uses` are the names
    of base.py the code reads, `doc` the comment above it."""

    name: str
    code: str
    doc: str
    uses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Middleware:
    """A middleware class path; `before` puts it ahead of a default one."""

    path: str
    before: str = ""


@dataclass(frozen=True)
class EnvVar:
    """A variable of `.env.example`: what it does, and its example value."""

    name: str
    value: str
    doc: str


@dataclass(frozen=True)
class ReadmeSection:
    """A `## title` section of the generated README (Markdown body)."""

    title: str
    body: str


INSTALLED_APPS = Slot("settings.installed_apps", str, "third-party apps, in order")
MIDDLEWARE = Slot("settings.middleware", Middleware, "middleware beyond Django's defaults")
REST_FRAMEWORK = Slot("settings.rest_framework", Setting, "entries of `REST_FRAMEWORK`")
SETTINGS_SECTIONS = Slot("settings.sections", SettingsSection, "blocks of settings of a feature")
PRODUCTION_SETTINGS = Slot(
    "settings.production",
    SettingsSection,
    "blocks of production.py only (logging, e-mail, static files)",
)
DEV_SETTINGS = Slot(
    "settings.development", DevSetting, "settings of local.py and test.py (never production)"
)
DEPENDENCIES = Slot("project.dependencies", str, "requirements of the generated project")
DEV_DEPENDENCIES = Slot("project.dev_dependencies", str, "requirements of its tests and lint")
STARTUP = Slot(
    "project.startup", str, "`module.function`s that wsgi, asgi and manage.py call at start-up"
)
ENV = Slot("project.env", EnvVar, "environment variables, documented in .env.example")
URL_IMPORTS = Slot("urls.imports", str, "import lines of config/urls.py")
URL_PATTERNS = Slot("urls.patterns", str, "`path(…)` entries of config/urls.py")
README_SECTIONS = Slot("readme.sections", ReadmeSection, "sections of the generated README")
