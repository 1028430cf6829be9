"""Code-generation backends and their registry.

Built-in backends are named here; others are found through the `djsc.backends`
entry-point group (`[project.entry-points."djsc.backends"] name = "pkg.mod:BACKEND"`).
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from djsc.backends.base import Backend

BUILTIN: dict[str, str] = {"django": "djsc.backends.django:BACKEND"}
# Backends whose projects carry database migrations, and the function making them
# (see djsc.backends.django.migrations.make_migrations for its signature).
MIGRATORS: dict[str, str] = {"django": "djsc.backends.django.migrations:make_migrations"}
ENTRY_POINT_GROUP = "djsc.backends"

_registered: dict[str, Backend] = {}


def register(backend: Backend) -> None:
    """Make `backend` available by name in this process (tests, embedding tools)."""
    _registered[backend.name] = backend


def unregister(name: str) -> None:
    _registered.pop(name, None)


def _load(target: str):
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def available() -> list[str]:
    """Every backend name, sorted."""
    names = set(BUILTIN) | set(_registered)
    names |= {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return sorted(names)


def get_backend(name: str) -> Backend | None:
    """The backend called `name`, or None when no backend has that name."""
    if name in _registered:
        return _registered[name]
    if name in BUILTIN:
        return _load(BUILTIN[name])
    for ep in entry_points(group=ENTRY_POINT_GROUP, name=name):
        backend = ep.load()
        if isinstance(backend, Backend):
            return backend
    return None


def migrator(backend: Backend):
    """The migration maker of `backend`, or None when its output has no migrations."""
    target = MIGRATORS.get(backend.name)
    return _load(target) if target else None
