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
        ScalarType("Decimal", "decimal", ("max_digits", "decimal_places")),
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
# `Decimal` written without arguments: up to 9,999,999,999.99, enough for most money.
DEFAULT_DECIMAL = (12, 2)
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

# Type names from other languages and databases, lower-cased, with the .djs type that
# means the same.  Edit distance alone misses them (`Integer` is four edits from `Int`)
# or finds a wrong neighbour (`Long` is two from `Slug`); a .djs name in another case
# (`int`, `datetime`) needs no entry, and Django's field classes (`CharField`) are
# looked up without their `Field` suffix.
FOREIGN_TYPE_NAMES: dict[str, str] = {
    **dict.fromkeys(("integer", "int32", "i32", "short", "smallint", "tinyint"), "Int"),
    **dict.fromkeys(("smallinteger", "positiveinteger", "positivesmallinteger"), "Int"),
    **dict.fromkeys(("long", "int64", "i64", "biginteger", "bigserial"), "BigInt"),
    **dict.fromkeys(("boolean", "nullboolean"), "Bool"),
    **dict.fromkeys(("str", "varchar", "nvarchar", "char", "character"), "String"),
    **dict.fromkeys(("clob", "longtext"), "Text"),
    **dict.fromkeys(("double", "real", "float32", "float64", "f64", "number"), "Float"),
    **dict.fromkeys(("numeric", "money", "bigdecimal", "currency"), "Decimal"),
    **dict.fromkeys(("timestamp", "timestamptz", "instant", "localdatetime"), "DateTime"),
    **dict.fromkeys(("localdate",), "Date"),
    **dict.fromkeys(("localtime",), "Time"),
    **dict.fromkeys(("interval", "timedelta", "timespan"), "Duration"),
    **dict.fromkeys(("guid",), "UUID"),
    **dict.fromkeys(("jsonb", "dict", "map", "hash", "object"), "JSON"),
    **dict.fromkeys(("uri",), "URL"),
    **dict.fromkeys(("blob",), "File"),
}
_SCALAR_BY_LOWER_NAME = {name.lower(): name for name in SCALAR_TYPES}
# A field holds one value: many values are rows of a relation, or one `JSON` value.
FOREIGN_LIST_NAMES = frozenset({"list", "array", "vec", "vector", "set", "sequence", "slice"})
# A reference is typed with the entity itself.
FOREIGN_REFERENCE_NAMES = frozenset({"foreignkey", "reference", "ref", "onetoone", "manytomany"})


def _lower_without_field(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith("field") and lowered != "field":
        return lowered[: -len("field")]
    return lowered


def foreign_type(name: str) -> str | None:
    """The built-in .djs type another language's type name means, or None."""
    lowered = _lower_without_field(name)
    return FOREIGN_TYPE_NAMES.get(lowered) or _SCALAR_BY_LOWER_NAME.get(lowered)


def foreign_type_help(name: str) -> str | None:
    """A help line for a type name borrowed from another language, or None."""
    found = foreign_type(name)
    if found is not None:
        return f"did you mean `{found}`?"
    lowered = _lower_without_field(name)
    if lowered in FOREIGN_LIST_NAMES:
        return "a field holds one value: relate many rows with a `relation`, or use `JSON`"
    if lowered in FOREIGN_REFERENCE_NAMES:
        return "type a reference with the entity (`author: Author`), or declare a `relation`"
    return None
