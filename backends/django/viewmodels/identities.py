"""Names one project may use only once: database tables and URL segments.

The `table` and `plural` options let a spec choose them.  Django would take a
clash without a word at build time (`manage.py check` fails later, or one entity's
routes shadow another's), so the features report these as DJS0801 errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from djsc.backends.django.viewmodels.entities import EntityVM

# What every generated project installs (admin, auth, contenttypes, sessions) keeps here.
DJANGO_TABLES = frozenset(
    {
        "auth_group",
        "auth_group_permissions",
        "auth_permission",
        "auth_user",
        "auth_user_groups",
        "auth_user_user_permissions",
        "django_admin_log",
        "django_content_type",
        "django_migrations",
        "django_session",
    }
)
# A name every database takes unquoted; PostgreSQL cuts names after 63 bytes.
TABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


@dataclass(frozen=True)
class Clash:
    """`entity`'s `option` gives `name`, which `other` already uses (or is unusable)."""

    entity: str
    option: str  # table | plural
    name: str
    other: str = ""  # the entity (or `Entity.end`, or Django) that has it too; "" = invalid


def default_table(app: str, e: EntityVM) -> str:
    """Django's own choice: `<app label>_<model name in lowercase>`."""
    return f"{app}_{e.name.lower()}"


def table_clashes(app: str, entities: list[EntityVM]) -> list[Clash]:
    """Every `table` option that is not a plain identifier or is someone else's table."""
    # Case folded: SQLite compares table names without case.
    owners: dict[str, list[str]] = {t: ["Django"] for t in DJANGO_TABLES}
    for e in entities:
        table = e.table or default_table(app, e)
        owners.setdefault(table.lower(), []).append(e.name)
        for r in e.many:
            if r.through is None:  # Django's join table: `<table>_<field>`
                owners.setdefault(f"{table}_{r.name}".lower(), []).append(f"{e.name}.{r.name}")
    found = []
    for e in entities:
        if not e.table:
            continue
        if not TABLE_NAME.fullmatch(e.table):
            found.append(Clash(e.name, "table", e.table))
            continue
        others = [o for o in owners[e.table.lower()] if o != e.name]
        if others:
            found.append(Clash(e.name, "table", e.table, others[0]))
    return found


# A `path` is one URL segment: lower-case words joined by hyphens or underscores.
URL_SEGMENT = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
# Segments the project serves itself under /api/ (the OpenAPI document and its viewers).
RESERVED_SEGMENTS = {"schema": "the OpenAPI document", "docs": "Swagger UI", "redoc": "ReDoc"}


def url_clashes(entities: list[EntityVM]) -> list[Clash]:
    """Entities whose routes would share one URL segment, or take one the project
    serves itself: the later one is unreachable.  A `path` must be a plain segment."""
    first: dict[str, str] = dict(RESERVED_SEGMENTS)
    found = []
    for e in entities:
        option = "path" if e.path else "plural"
        if e.path and not URL_SEGMENT.fullmatch(e.path):
            found.append(Clash(e.name, "path", e.path))
            continue
        other = first.setdefault(e.url_segment, e.name)
        if other != e.name:
            found.append(Clash(e.name, option, e.url, other))
    return found
