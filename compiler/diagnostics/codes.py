"""The registry of every diagnostic djsc can report.

Ids are stable forever and never reused.  Ranges: 00xx syntax and files, 01xx names,
02xx types and fields, 03xx relations, 04xx commands/events/queries, 05xx channels,
06xx options, 07xx emit and regeneration, 08xx backend capability, 09xx internal.
The 08xx codes here are the ones any backend may report; a backend's own codes live
in its `codes` module (`djsc.backends.django.codes`), registered with `register`
when that module is imported, which `registry` and `lookup` do for the built-in
backends.
Messages say what is wrong (lowercase, no trailing period, identifiers in
backticks); how to fix it goes in the diagnostic's help line.
"""

from __future__ import annotations

import importlib
import string
from dataclasses import dataclass

from djsc.diagnostics.model import Diagnostic, Label, Severity
from djsc.source import Span

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, slots=True)
class Code:
    id: str
    name: str
    severity: Severity
    message: str

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f for _, f, _, _ in string.Formatter().parse(self.message) if f)

    def at(self, span: Span, label: str = "", **fmt: object) -> Diagnostic:
        """A diagnostic of this code at `span`; a missing format key is a KeyError."""
        missing = set(self.fields) - set(fmt)
        if missing:
            raise KeyError(f"{self.id} needs {sorted(missing)}")
        return Diagnostic(
            code=self.id,
            name=self.name,
            severity=self.severity,
            message=self.message.format(**fmt),
            primary=Label(span, label),
        )


REGISTRY: dict[str, Code] = {}


def _code(id: str, name: str, severity: Severity, message: str) -> Code:
    code = Code(id, name, severity, message)
    if id in REGISTRY:  # pragma: no cover - guarded by tests/diagnostics/test_codes.py
        raise ValueError(f"duplicate diagnostic id {id}")
    REGISTRY[id] = code
    return code


# What a backend's `codes` module defines its codes with.
register = _code


# 00xx: syntax and files
UNEXPECTED_TOKEN = _code("DJS0001", "unexpected-token", ERROR, "unexpected {found}")
INVALID_UTF8 = _code("DJS0002", "invalid-utf8", ERROR, "`{file}` is not valid UTF-8")
CANNOT_READ = _code("DJS0003", "cannot-read", ERROR, "cannot read `{file}`: {reason}")
FILE_TOO_LARGE = _code(
    "DJS0004", "file-too-large", ERROR, "`{file}` is {size} bytes, more than the {limit} allowed"
)
NESTING_TOO_DEEP = _code(
    "DJS0005", "nesting-too-deep", ERROR, "brackets are nested more than {limit} levels deep"
)
UNEXPECTED_CHARACTER = _code(
    "DJS0006", "unexpected-character", ERROR, "unexpected character {char}"
)
UNEXPECTED_EOF = _code("DJS0007", "unexpected-eof", ERROR, "unexpected end of file")
EMPTY_SPEC = _code("DJS0008", "empty-spec", ERROR, "`{file}` declares nothing")
USE_CYCLE = _code("DJS0009", "use-cycle", ERROR, "`use` cycle: {cycle}")
UNTERMINATED = _code("DJS0010", "unterminated", ERROR, "unterminated {what}")

# 01xx: names and scopes
DUPLICATE_DECLARATION = _code(
    "DJS0101", "duplicate-declaration", ERROR, "{kind} `{name}` is defined more than once"
)
UNKNOWN_TYPE = _code("DJS0102", "unknown-type", ERROR, "unknown type `{name}`")
UNKNOWN_ENTITY = _code("DJS0103", "unknown-entity", ERROR, "unknown entity `{name}`")
UNKNOWN_ENUM_MEMBER = _code(
    "DJS0104", "unknown-enum-member", ERROR, "`{name}` is not a member of enum `{enum}`"
)
UNKNOWN_EVENT = _code("DJS0105", "unknown-event", ERROR, "unknown event `{name}`")
UNKNOWN_FIELD = _code("DJS0106", "unknown-field", ERROR, "`{owner}` has no field `{name}`")
DUPLICATE_MEMBER = _code(
    "DJS0107", "duplicate-member", ERROR, "{kind} `{name}` is defined more than once in `{owner}`"
)
RESERVED_NAME = _code("DJS0108", "reserved-name", ERROR, "`{name}` cannot be used as {what}")
INVALID_NAME = _code("DJS0109", "invalid-name", ERROR, "`{name}` is not a valid {what} name")
UNKNOWN_NAME = _code("DJS0110", "unknown-name", ERROR, "unknown name `{name}`")
UNKNOWN_ROLE = _code("DJS0111", "unknown-role", ERROR, "unknown role `{name}`")
UNKNOWN_FUNCTION = _code("DJS0112", "unknown-function", ERROR, "unknown function `{name}`")
UNUSED_ENUM = _code("DJS0120", "unused-enum", WARNING, "enum `{name}` is never used")
UNUSED_EVENT = _code("DJS0121", "unused-event", WARNING, "event `{name}` is never emitted")

# 02xx: types and fields
INVALID_TYPE_ARGUMENTS = _code(
    "DJS0201", "invalid-type-arguments", ERROR, "`{type}` takes {expected}"
)
INVALID_DEFAULT = _code(
    "DJS0202", "invalid-default", ERROR, "default value does not fit type `{type}`"
)
INVALID_MODIFIER = _code(
    "DJS0203", "invalid-modifier", ERROR, "`{modifier}` does not apply to type `{type}`"
)
DUPLICATE_MODIFIER = _code(
    "DJS0204", "duplicate-modifier", ERROR, "`{modifier}` is given more than once"
)
INVALID_ID_FIELD = _code(
    "DJS0205", "invalid-id-field", ERROR, "field `id` must be of type `UUID`, `Int` or `BigInt`"
)
INVALID_PATTERN = _code("DJS0206", "invalid-pattern", ERROR, "invalid regular expression: {reason}")
INVALID_BOUNDS = _code(
    "DJS0207", "invalid-bounds", ERROR, "lower bound is greater than upper bound"
)
TYPE_MISMATCH = _code("DJS0208", "type-mismatch", ERROR, "expected `{expected}`, found `{found}`")
INCOMPATIBLE_OPERANDS = _code(
    "DJS0209", "incompatible-operands", ERROR, "cannot apply `{op}` to `{left}` and `{right}`"
)
UNKNOWN_ENTITY_FLAG = _code("DJS0210", "unknown-entity-flag", ERROR, "unknown entity flag `{name}`")
INVALID_ARGUMENT_COUNT = _code(
    "DJS0211", "invalid-argument-count", ERROR, "`{name}` takes {expected}, found {found}"
)
MODIFIER_OUTSIDE_ENTITY = _code(
    "DJS0212", "modifier-outside-entity", ERROR, "`{modifier}` only applies to entity fields"
)
MIXED_ENUM_VALUES = _code(
    "DJS0213",
    "mixed-enum-values",
    ERROR,
    "the members of enum `{name}` must all be numbers or all be strings",
)
MULTIPLE_PRIMARY_KEYS = _code(
    "DJS0214", "multiple-primary-keys", ERROR, "entity `{entity}` has more than one primary key"
)
INVALID_PRIMARY_KEY = _code(
    "DJS0215", "invalid-primary-key", ERROR, "`{name}` cannot be the primary key: {reason}"
)
DUPLICATE_ENUM_VALUE = _code(
    "DJS0220",
    "duplicate-enum-value",
    ERROR,
    "members `{first}` and `{second}` of enum `{name}` store the same value",
)

# 03xx: relations
INVALID_RELATION_KIND = _code(
    "DJS0301", "invalid-relation-kind", ERROR, "`{kind}` is not a relation kind"
)
RELATION_END_CLASH = _code(
    "DJS0302", "relation-end-clash", ERROR, "relation end `{entity}.{name}` clashes with {other}"
)
INVALID_ON_DELETE = _code(
    "DJS0303", "invalid-on-delete", ERROR, "`{policy}` is not an `on_delete` policy"
)
SET_NULL_ON_REQUIRED = _code(
    "DJS0304", "set-null-on-required", ERROR, "`on_delete {policy}` needs an optional relation end"
)
INVALID_THROUGH = _code(
    "DJS0305", "invalid-through", ERROR, "`{through}` cannot be the through entity of `{relation}`"
)
THROUGH_ON_NON_MANY = _code(
    "DJS0306", "through-on-non-many", ERROR, "`through` only applies to `many_to_many` relations"
)
REQUIRED_MANY_TO_MANY = _code(
    "DJS0307", "optional-many-to-many", WARNING, "`?` has no effect on a `many_to_many` end"
)
UNNAMED_MANY_SIDE = _code(
    "DJS0308",
    "unnamed-many-side",
    ERROR,
    "`one_to_many` needs a named end on `{entity}` to hold the foreign key",
)
USER_AS_SOURCE = _code(
    "DJS0309", "user-as-source", ERROR, "the built-in `User` cannot hold a relation's source end"
)
OPTIONAL_TARGET = _code(
    "DJS0310",
    "optional-target-end",
    ERROR,
    "`?` on the target end of a `{kind}` has no meaning: the key is on the source end",
)
REQUIRED_KEY_CYCLE = _code(
    "DJS0311",
    "required-key-cycle",
    ERROR,
    "no first row of `{entity}` can be created: {cycle}",
)
INVALID_SHARED_KEY = _code(
    "DJS0312",
    "invalid-shared-key",
    ERROR,
    "`{relation}` cannot share its target's primary key: {reason}",
)

# 04xx: commands, events and queries
INVALID_ASSIGNMENT = _code(
    "DJS0401", "invalid-assignment", ERROR, "cannot assign to `{name}`: {reason}"
)
MISSING_EVENT_FIELD = _code(
    "DJS0402", "missing-event-field", ERROR, "`emit {event}` does not give `{name}`"
)
DUPLICATE_CLAUSE = _code(
    "DJS0403", "duplicate-clause", ERROR, "`{clause}` is given more than once in `{owner}`"
)
INPUT_OUTSIDE_OPERATION = _code(
    "DJS0404", "input-outside-operation", ERROR, "`input` is only available in commands and queries"
)
INVALID_OPERATION = _code("DJS0405", "invalid-operation", ERROR, "`{name}` is not an operation")
APPLY_WITHOUT_SOURCED = _code(
    "DJS0406",
    "apply-without-sourced",
    ERROR,
    "event `{event}` applies to `{entity}`, which is not `sourced`",
)
SOURCED_WITHOUT_EVENTS = _code(
    "DJS0407",
    "sourced-without-events",
    WARNING,
    "sourced entity `{entity}` has no event that applies to it",
)
SELF_OUTSIDE_INSTANCE = _code(
    "DJS0408", "self-outside-instance", ERROR, "`self` is not available in {where}"
)
APPLY_WITHOUT_ENTITY = _code(
    "DJS0409", "apply-without-entity", ERROR, "event `{event}` has `apply` but no `on` entity"
)
NOT_IN_CHECK = _code("DJS0410", "not-in-check", ERROR, "`{name}` cannot be used in a `check` rule")
INVALID_LIMIT = _code("DJS0411", "invalid-limit", ERROR, "`limit` must be at least 1")

# 05xx: channels
UNKNOWN_ENTITY_CHANGE = _code(
    "DJS0501", "unknown-entity-change", ERROR, "`{name}` is not a change of entity `{entity}`"
)
INVALID_CHANNEL_PATH = _code(
    "DJS0502", "invalid-channel-path", ERROR, "invalid channel path `{path}`"
)
DUPLICATE_CHANNEL_PATH = _code(
    "DJS0503", "duplicate-channel-path", ERROR, "channel path `{path}` is used more than once"
)
EMPTY_CHANNEL = _code("DJS0504", "empty-channel", WARNING, "channel `{name}` broadcasts nothing")

# 06xx: options and configuration
UNKNOWN_OPTION = _code("DJS0601", "unknown-option", ERROR, "unknown option `{name}` in {where}")
INVALID_OPTION_VALUE = _code(
    "DJS0602", "invalid-option-value", ERROR, "invalid value for `{name}`: expected {expected}"
)
CONFLICTING_OPTIONS = _code(
    "DJS0603", "conflicting-options", ERROR, "`{name}` is set more than once in {where}"
)
MULTIPLE_APPS = _code("DJS0604", "multiple-apps", ERROR, "only one `app` block is allowed")
CORS_WILDCARD_CREDENTIALS = _code(
    "DJS0605",
    "cors-wildcard-with-credentials",
    ERROR,
    '`cors` allows every origin (`"*"`) and sends credentials',
)
CACHE_WITHOUT_APP_CACHE = _code(
    "DJS0606",
    "entity-cache-under-cache-none",
    ERROR,
    "entity `{entity}` is cached, but the app's `cache` is `none`",
)

# 07xx: emit and regeneration
OUTPUT_NOT_A_PROJECT = _code(
    "DJS0701", "output-not-a-project", ERROR, "`{path}` is not empty and was not written by djsc"
)
EDITED_FILE_CONFLICT = _code(
    "DJS0702", "edited-file-conflict", ERROR, "`{path}` was edited since djsc wrote it"
)
STALE_FILE_KEPT = _code(
    "DJS0703",
    "stale-file-kept",
    WARNING,
    "`{path}` is no longer generated but was edited, so it is kept",
)
DATA_LOSS = _code("DJS0704", "data-loss", ERROR, "this change would {what}")
STALE_OUTPUT = _code("DJS0705", "stale-output", ERROR, "`{path}` is out of date with the spec")
INVALID_OUTPUT_DIR = _code(
    "DJS0706", "invalid-output-dir", ERROR, "cannot write to `{path}`: {reason}"
)
MIGRATIONS_FAILED = _code(
    "DJS0707", "migrations-failed", ERROR, "could not generate migrations: {reason}"
)

# 08xx: backend capability
UNSUPPORTED_FEATURE = _code(
    "DJS0801", "unsupported-feature", ERROR, "{feature} is not supported by backend `{backend}`"
)
# DJS0802 is the Django backend's: djsc.backends.django.codes.
NOT_COMPILED_YET = _code(
    "DJS0803",
    "not-compiled-yet",
    WARNING,
    "{what} not compiled by backend `{backend}` yet; {effect}",
)
ACCESS_NOT_ENFORCED = _code(
    "DJS0804",
    "access-not-enforced",
    ERROR,
    "{what} not enforced by backend `{backend}` yet; {effect}",
)
# DJS0805 is the Django backend's: djsc.backends.django.codes.

# 09xx: internal
INTERNAL_ERROR = _code("DJS0900", "internal-error", ERROR, "internal compiler error: {reason}")


def _load_backend_codes() -> None:
    """Import each built-in backend's `codes` module, which registers its codes."""
    from djsc.backends import BUILTIN  # backends build on this module: import late

    for target in BUILTIN.values():
        module = target.partition(":")[0] + ".codes"
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name != module:
                raise  # a backend without codes of its own is fine; a broken one is not


def registry() -> dict[str, Code]:
    """Every code, the built-in backends' included, by id."""
    _load_backend_codes()
    return REGISTRY


def lookup(code: str) -> Code | None:
    """The code by id (`DJS0101`) or kebab name (`duplicate-declaration`), the
    built-in backends' codes included."""
    codes = registry()
    code = code.strip()
    if code.upper() in codes:
        return codes[code.upper()]
    for c in codes.values():
        if c.name == code:
            return c
    return None
