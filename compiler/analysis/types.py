"""The built-in field types of .djs and what their arguments mean."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScalarType:
    """A built-in field type.

    `args` names the parenthesised arguments (`String(120)` → max_length); `required`
    says how many must be given.  `category` is the expression type its values have.
    """

    name: str
    category: str
    args: tuple[str, ...] = ()
    required: int = 0


SCALAR_TYPES: dict[str, ScalarType] = {
    t.name: t
    for t in (
        ScalarType("String", "string", ("max_length",), 0),
        ScalarType("Text", "string"),
        ScalarType("Slug", "string", ("max_length",), 0),
        ScalarType("Email", "string", ("max_length",), 0),
        ScalarType("URL", "string", ("max_length",), 0),
        ScalarType("Int", "int"),
        ScalarType("BigInt", "int"),
        ScalarType("Float", "float"),
        ScalarType("Decimal", "decimal", ("max_digits", "decimal_places"), 2),
        ScalarType("Bool", "bool"),
        ScalarType("Date", "date"),
        ScalarType("Time", "time"),
        ScalarType("DateTime", "datetime"),
        ScalarType("Duration", "duration"),
        ScalarType("UUID", "uuid"),
        ScalarType("JSON", "json"),
        ScalarType("File", "file"),
        ScalarType("Image", "file"),
    )
}

DEFAULT_STRING_LENGTH = 255
NUMERIC_CATEGORIES = frozenset({"int", "float", "decimal"})
ORDERED_CATEGORIES = NUMERIC_CATEGORIES | {"string", "date", "time", "datetime", "duration"}

# The built-in user model every spec may relate to.
USER_ENTITY = "User"
USER_FIELDS: dict[str, str] = {
    "id": "int",
    "username": "string",
    "email": "string",
    "first_name": "string",
    "last_name": "string",
    "is_staff": "bool",
    "is_active": "bool",
    "date_joined": "datetime",
}
