"""Which identifiers a spec may not use, because Python or Django gives them a meaning.

Every .djs name becomes a Python identifier in generated code (a model, a field, a
serializer attribute), so a name that is a keyword, or that shadows an attribute
Django puts on every model, would generate code that does not import or silently
misbehaves.
"""

from __future__ import annotations

import keyword
import re

# Soft keywords (`match`, `type`, `_`) stay usable as identifiers.
PYTHON_KEYWORDS: frozenset[str] = frozenset(keyword.kwlist)

# Attributes and methods Django defines on every model instance or class; a field of
# that name would shadow them.
DJANGO_MODEL_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "pk",
        "objects",
        "DoesNotExist",
        "MultipleObjectsReturned",
        "Meta",
        "save",
        "save_base",
        "delete",
        "clean",
        "clean_fields",
        "full_clean",
        "validate_unique",
        "validate_constraints",
        "refresh_from_db",
        "from_db",
        "serializable_value",
        "get_deferred_fields",
        "check",
    }
)

# Fields that `timestamps` and `soft_delete` add.
TIMESTAMP_FIELDS = ("created_at", "updated_at")
SOFT_DELETE_FIELD = "deleted_at"

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def is_identifier(name: str) -> bool:
    """True when `name` is an ASCII identifier that is not a Python keyword."""
    return bool(_IDENTIFIER.match(name)) and name not in PYTHON_KEYWORDS


def keyword_problem(name: str) -> str | None:
    """Why `name` cannot be any generated identifier, or None."""
    if name in PYTHON_KEYWORDS:
        return "it is a Python keyword"
    return None


def model_field_problem(name: str) -> str | None:
    """Why `name` cannot be a model attribute (beyond being a keyword), or None."""
    if name in DJANGO_MODEL_ATTRIBUTES:
        return "Django defines it on every model"
    return None


def lookup_problem(name: str) -> str | None:
    """Why Django's query syntax cannot address `name`, or None.

    `__` separates lookups (`author__name__icontains`) and a trailing `_` is refused
    by Django's system checks (fields.E001), so neither may appear in a field name.
    """
    if "__" in name:
        return "`__` separates lookups in Django queries"
    if name.endswith("_"):
        return "Django field names cannot end with `_`"
    return None
