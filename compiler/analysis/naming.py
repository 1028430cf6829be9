"""Which identifiers a spec may not use, whatever backend compiles it.

A .djs name must be usable as an identifier by every backend, and each one so far
generates Python, so a Python keyword is refused here.  What a name would shadow in
one framework (a Django model's `objects`, the `<key>_id` column beside a foreign
key) is that backend's check: `djsc.backends.django.reserved`.
"""

from __future__ import annotations

import keyword
import re

# Soft keywords (`match`, `type`, `_`) stay usable as identifiers.
PYTHON_KEYWORDS: frozenset[str] = frozenset(keyword.kwlist)

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
