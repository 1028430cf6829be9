"""Names a spec may not use because Django gives them a meaning.

Every .djs name becomes a Python identifier in the generated project (a model, a
field, a choices member, a query lookup), so a name that Django already defines on
the class it lands in would shadow it, and one its query syntax cannot address
would generate code that fails Django's system checks.  The language's own rules
(Python keywords, the fields `timestamps` adds) stay in the front end.
"""

from __future__ import annotations

# Attributes and methods Django defines on every model instance or class; a field
# or relation end of that name would shadow them.
MODEL_ATTRIBUTES: frozenset[str] = frozenset(
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

# Members Django's `Choices` classes define; an enum member of that name shadows them.
CHOICES_ATTRIBUTES: frozenset[str] = frozenset(
    {"choices", "labels", "values", "names", "label", "value"}
)

# The fields of `django.contrib.auth`'s user model, which the built-in `User` is: a
# relation end on `User` of one of these names would clash with it.
AUTH_USER_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "id",
        "password",
        "last_login",
        "is_superuser",
        "groups",
        "user_permissions",
        "username",
        "first_name",
        "last_name",
        "email",
        "is_staff",
        "is_active",
        "date_joined",
    }
)

# The attribute Django adds beside a foreign key `author`: `author_id`.
FOREIGN_KEY_COLUMN_SUFFIX = "_id"


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


def model_attribute_problem(name: str) -> str | None:
    """Why `name` cannot be a model attribute, or None."""
    if name in MODEL_ATTRIBUTES:
        return "Django defines it on every model"
    return None


def single_underscores(name: str) -> str:
    """`meta__data_` → `meta_data`: the name a lookup problem suggests instead."""
    while "__" in name:
        name = name.replace("__", "_")
    return name.rstrip("_") or "name"
