"""One schema component name per choice set: drf-spectacular's ENUM_NAME_OVERRIDES.

drf-spectacular names an enum after the field that holds it (`status` → `StatusEnum`),
and warns when it cannot do so well: two `status` fields with other choices on several
components (W001, then a name with a hash in it), or one choice set under two field
names (`level`, `backup_level`).  It also registers an enum's component only when no
component has its name yet, so an enum named `PatchedPostRequest` would be documented
as Post's patch body.  The generated settings name every choice set instead: an enum
by its own name, a field's `choices(…)` by its entity and field (`PostStatus`), each
moved on (`…Enum`, `…Enum2`) past a name a serializer's component or another choice
set already has.

drf-spectacular matches an override to a field by the hash of its (value, label) pairs,
so one choice set gets one name: the first enum, or field, that has it.
"""

from __future__ import annotations

import ast
import json
from decimal import Decimal, InvalidOperation

from djsc.backends.django import naming
from djsc.backends.django.viewmodels import ProjectVM
from djsc.backends.django.viewmodels.field_samples import NUMERIC
from djsc.backends.django.viewmodels.fields import FieldVM

# The components every generated schema may have besides the entities' own: error
# bodies, the built-in user's summary, and the blank and null choices drf-spectacular
# adds beside an enum a field may leave empty (ENUM_ADD_EXPLICIT_BLANK_NULL_CHOICE).
FIXED_COMPONENTS = frozenset(
    {"Problem", "User", "UserSummary", "BlankEnum", "NullEnum"}
    | {
        f"{patched}UserSummary{form}Request"
        for patched in ("", "Patched")
        for form in ("", "Multipart")
    }
)


def entity_components(entity: str) -> set[str]:
    """The components drf-spectacular makes of an entity's serializers: `Post`,
    `PostRequest`, `PatchedPostRequest`, `PaginatedPostList`, the summary's, and the
    multipart copies of request bodies (config/openapi.py's `split_request_bodies`)."""
    names = {entity, f"{entity}Summary", f"Paginated{entity}List"}
    for base in (entity, f"{entity}Summary"):
        for patched in ("", "Patched"):
            for form in ("", "Multipart"):
                names.add(f"{patched}{base}{form}Request")
    return names


def choice_value(text: str, category: str) -> object:
    """A `choices(…)` value as the serializer's choices hold it, in the JSON that
    drf-spectacular hashes (its encoder writes a Decimal as a float)."""
    if category in NUMERIC:
        try:
            number = Decimal(text)
        except InvalidOperation:
            return text
        return int(number) if category == "int" else float(number)
    return text


def field_choices(f: FieldVM) -> list[tuple[object, str]]:
    return [(choice_value(c, f.category), naming.label(c)) for c in f.choices]


def enum_name_overrides(p: ProjectVM) -> dict[str, str | list[tuple[object, str]]]:
    """ENUM_NAME_OVERRIDES: component name → the choices class's import path (an
    enum) or the (value, label) pairs (a field's `choices(…)`)."""
    taken = set(FIXED_COMPONENTS)
    for e in p.entities:
        taken |= entity_components(e.name)
    named: set[str] = set()  # the choice sets, as drf-spectacular hashes them
    overrides: dict[str, str | list[tuple[object, str]]] = {}

    def claim(base: str, pairs: list[tuple[object, str]], value) -> None:
        key = json.dumps(sorted(pairs))
        if key in named:
            return
        named.add(key)
        name = next(
            n
            for n in (base, f"{base}Enum", *(f"{base}Enum{i}" for i in range(2, 999)))
            if n not in taken
        )
        taken.add(name)
        overrides[name] = value

    for enum in p.enums:
        pairs = [
            (ast.literal_eval(value), ast.literal_eval(label)) for _, value, label in enum.members
        ]
        claim(enum.name, pairs, f"{p.app}.models.{enum.name}")
    for e in p.entities:
        for f in e.fields:
            if f.enum is None and f.choices:
                pairs = field_choices(f)
                claim(f"{e.name}{naming.camel(f.name)}", pairs, pairs)
    return overrides
