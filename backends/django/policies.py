"""Policies the front end decides once, mapped to DRF once.

Lowering gives every entity operation a rule (`DEFAULT_RULES` where the spec has
none); the viewsets enforce each entity's rules through `<app>/permissions.py`.  The
settings' default permission class, for any other view, enforces exactly the default
rules and is named here.
"""

from __future__ import annotations

from djsc.backends.base import ContractError
from djsc.passes.lower_defaults import DEFAULT_RULES

# The default rules, as the DRF permission class that enforces exactly them.
_ENFORCED_BY = {
    (
        ("create", "authenticated"),
        ("delete", "authenticated"),
        ("read", "anyone"),
        ("update", "authenticated"),
    ): "IsAuthenticatedOrReadOnly",
}


def default_permission_class() -> str:
    """The name in `rest_framework.permissions` that enforces `DEFAULT_RULES`."""
    found = _ENFORCED_BY.get(tuple(sorted(DEFAULT_RULES.items())))
    if found is None:
        raise ContractError(f"no DRF permission class enforces the default rules {DEFAULT_RULES}")
    return found
