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

# Names the generated models.py binds at module level (modules, helpers, validators):
# a class attribute of that name shadows it for the fields declared after it (a field
# `models` turns `models.CharField` into an attribute lookup on a field, DJS0707).
MODULE_NAMES: frozenset[str] = frozenset(
    {
        "models",
        "model_mixins",
        "uuid",
        "datetime",
        "decimal",
        "Decimal",
        "settings",
        "timezone",
        "MinValueValidator",
        "MaxValueValidator",
        "MinLengthValidator",
        "MaxLengthValidator",
        "RegexValidator",
        "FileExtensionValidator",
    }
)

# `self` is the instance in every generated method and a keyword of Q() and of the
# model's constructor, so `Q(self=...)` is a TypeError.
INSTANCE_NAMES: frozenset[str] = frozenset({"self"})

# Query parameters a generated list endpoint reads itself: DRF's format override,
# search and ordering, and the parameters of every pagination style.  A filter is
# addressed by the field's own name, so a filter named like one of them could never
# be used.  All styles count, whatever the spec paginates by now: a rename of the
# pagination should not turn a working spec into a refused one.
QUERY_PARAMETERS: dict[str, str] = {
    "format": "DRF's response format override",
    "search": "the search parameter",
    "ordering": "the ordering parameter",
    "page": "reserved for pagination",
    "page_size": "reserved for pagination",
    "cursor": "reserved for pagination",
    "limit": "reserved for pagination",
    "offset": "reserved for pagination",
}

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
    if name in INSTANCE_NAMES:
        return "the generated methods and queries name the model instance so"
    if name in MODULE_NAMES:
        return f"the generated models module imports `{name}`"
    return None


def query_parameter_problem(name: str) -> str | None:
    """Why a filter named `name` could not be used in a query string, or None."""
    meaning = QUERY_PARAMETERS.get(name)
    if meaning is None:
        return None
    return f"`?{name}=` is {meaning} in list queries"


def single_underscores(name: str) -> str:
    """`meta__data_` → `meta_data`: the name a lookup problem suggests instead."""
    while "__" in name:
        name = name.replace("__", "_")
    return name.rstrip("_") or "name"
