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
class SettingsSection:
    """A block of `config/settings/base.py` of its own: a title, a link, assignments."""

    title: str
    url: str
    settings: tuple[Setting, ...]


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
DEPENDENCIES = Slot("project.dependencies", str, "requirements of the generated project")
DEV_DEPENDENCIES = Slot("project.dev_dependencies", str, "requirements of its tests and lint")
ENV = Slot("project.env", EnvVar, "environment variables, documented in .env.example")
URL_IMPORTS = Slot("urls.imports", str, "import lines of config/urls.py")
URL_PATTERNS = Slot("urls.patterns", str, "`path(…)` entries of config/urls.py")
README_SECTIONS = Slot("readme.sections", ReadmeSection, "sections of the generated README")
