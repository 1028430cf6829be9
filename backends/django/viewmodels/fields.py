"""Scalar entity fields → Django model fields, with sample and invalid values."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from djsc.analysis.sequences import sequence_format
from djsc.analysis.types import DEFAULT_DECIMAL, DEFAULT_STRING_LENGTH
from djsc.backends.base import ContractError
from djsc.backends.django import naming
from djsc.backends.django.viewmodels import temporal
from djsc.backends.django.viewmodels import values as v
from djsc.backends.django.viewmodels.field_samples import (
    NUMERIC,
    TEXTUAL,
    Invalid,
    Rules,
    choice_code,
    num_code,
    rules_of,
    samples,
)
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

# spec type → (Django field class, value category, default max_length).  Exhaustive
# over the language's scalar types (a test compares the keys with SCALAR_TYPES), so a
# new type is an internal error here until it is mapped, never a silent CharField.
DJANGO_FIELDS: dict[str, tuple[str, str, int | None]] = {
    "String": ("CharField", "string", DEFAULT_STRING_LENGTH),
    "Text": ("TextField", "text", None),
    "Slug": ("SlugField", "slug", 50),
    "Email": ("EmailField", "email", 254),
    "URL": ("URLField", "url", 200),
    "Int": ("IntegerField", "int", None),
    "BigInt": ("BigIntegerField", "int", None),
    "Float": ("FloatField", "float", None),
    "Decimal": ("DecimalField", "decimal", None),
    "Bool": ("BooleanField", "bool", None),
    "Date": ("DateField", "date", None),
    "Time": ("TimeField", "time", None),
    "DateTime": ("DateTimeField", "datetime", None),
    "Duration": ("DurationField", "duration", None),
    "UUID": ("UUIDField", "uuid", None),
    "JSON": ("JSONField", "json", None),
    "File": ("FileField", "file", None),
    # Pillow reads an Image's upload, so a file that is not a picture is refused (400).
    "Image": ("ImageField", "file", None),
}


def django_field(type_name: str) -> tuple[str, str, int | None]:
    """(field class, value category, default max_length) of a scalar type."""
    found = DJANGO_FIELDS.get(type_name)
    if found is None:
        raise ContractError(f"scalar type `{type_name}` has no Django field")
    return found


# The lowered, backend-neutral modifiers Django implements itself, and how.
AUTO_MODIFIERS = {
    ir.ModifierKind.SET_ON_CREATE: "auto_now_add",
    ir.ModifierKind.SET_ON_UPDATE: "auto_now",
}


@dataclass(frozen=True)
class EnumVM:
    name: str
    base: str  # TextChoices | IntegerChoices
    members: tuple[tuple[str, str, str], ...]  # (ATTRIBUTE, value code, label code)
    values: tuple[str, ...]  # member values as query-string text
    max_length: int
    doc: str = ""
    spec_names: tuple[str, ...] = ()  # the members as the spec names them (`low`)


@dataclass
class FieldVM:
    """One scalar model field as the templates print it."""

    name: str
    category: str
    django: str  # "models.CharField(max_length=120)"
    optional: bool
    unique: bool
    read_only: bool  # set by Django (auto_now*) or by the soft-delete machinery
    has_default: bool
    enum: EnumVM | None
    doc: str
    max_length: int | None = None
    is_choice: bool = False
    choices: tuple[str, ...] = ()  # the values of `choices(…)`, as the spec writes them
    pattern: str | None = None
    flags: frozenset[ir.ModifierKind] = frozenset()  # the field's modifier kinds
    samples: tuple[v.Sample, ...] = ()  # two distinct valid values, ascending
    sequence: str | None = None  # factory expression yielding unique values
    invalid: tuple[Invalid, ...] = ()
    imports: set[str] = field(default_factory=set)
    primary_key: bool = False  # the declared key, see PRIMARY_KEYS
    numbering: str | None = None  # `= sequence("PO-{:05}")`: the format save() fills
    low: Decimal | None = None  # the range a number's validators allow
    high: Decimal | None = None

    @property
    def writable(self) -> bool:
        return not self.read_only and self.category != "file"

    @property
    def required(self) -> bool:
        return self.writable and not self.optional and not self.has_default


def enum_vm(enum: ir.Enum) -> EnumVM:
    ints = any(m.value is not None and m.value.kind == "number" for m in enum.members)
    members = []
    texts = []
    for m in enum.members:
        if ints:
            text = v.number_text(m.value) if m.value is not None else None
            text = text or str(len(members) + 1)
            code = text
        else:
            text = (v.string_value(m.value) if m.value is not None else None) or m.name.text
            code = pyrepr(text)
        members.append((naming.enum_member(m.name.text), code, pyrepr(naming.label(m.name.text))))
        texts.append(text)
    longest = max((len(t) for t in texts), default=1)
    return EnumVM(
        name=enum.name.text,
        base="IntegerChoices" if ints else "TextChoices",
        members=tuple(members),
        values=tuple(texts),
        max_length=max(32, longest),
        doc=enum.doc,
        spec_names=tuple(m.name.text for m in enum.members),
    )


# A declared key replaces Django's automatic one (DJS0205, DJS0215 allow only these types).
# Integer keys stay database-generated, as Django's own key is: a client creating a row
# could not know a free number, and `Int`/`BigInt` only choose the column's width.
# Text keys (`code: String(12) primary`) are given by the client, see `field_vm`.
PRIMARY_KEYS = {
    "UUID": "models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)",
    "Int": "models.AutoField(primary_key=True)",
    "BigInt": "models.BigAutoField(primary_key=True)",
}


def is_primary_key(f: ir.Field) -> bool:
    """The field is its entity's key: marked `primary`, or the older `id: UUID`."""
    if f.has(ir.ModifierKind.PRIMARY):
        return True
    return f.name.text == "id" and f.type.name.text in PRIMARY_KEYS and not f.optional


def _primary_key_vm(f: ir.Field) -> FieldVM:
    """A generated key: set by the database or by `uuid4`, so never written by clients.

    Only `filter` is kept of its modifiers: the views always let clients order by
    the key, and a key is unique and indexed by definition.
    """
    type_name = f.type.name.text
    _, category, _ = django_field(type_name)
    flags = frozenset(m.kind for m in f.modifiers) & {ir.ModifierKind.FILTER}
    django = PRIMARY_KEYS[type_name]
    if f.doc:
        django = django[:-1] + f", help_text={pyrepr(f.doc.strip())})"
    return FieldVM(
        name=f.name.text,
        category=category,
        django=django,
        optional=False,
        unique=True,
        read_only=True,
        has_default=True,
        enum=None,
        doc=f.doc.strip(),
        flags=flags,
        imports={"uuid"} if type_name == "UUID" else set(),
        primary_key=True,
    )


def field_vm(
    f: ir.Field, enums: dict[str, EnumVM], bounds: dict[str, tuple], soft_deleted: bool = False
) -> FieldVM:
    """The model field for `f`; `bounds` are ranges implied by the entity's checks.

    On a `soft_delete` entity a `unique` value is unique among live rows only: the
    entity's constraints say so (entities.py), not the column."""
    key = is_primary_key(f)
    if key and f.type.name.text in PRIMARY_KEYS:
        return _primary_key_vm(f)
    name = f.name.text
    enum = enums.get(f.type.name.text)
    if enum is not None:
        cls, category, default_len = "CharField", "string", None  # settled just below
    else:
        cls, category, default_len = django_field(f.type.name.text)
    args = [a.text for a in f.type.args]
    kwargs: list[str] = []
    imports: set[str] = set()
    max_length = None
    if enum is not None:
        cls = "IntegerField" if enum.base == "IntegerChoices" else "CharField"
        category = "int" if enum.base == "IntegerChoices" else "string"
        if cls == "CharField":
            max_length = enum.max_length
            kwargs.append(f"max_length={max_length}")
        kwargs.append(f"choices={enum.name}.choices")
    elif default_len is not None:
        max_length = int(args[0]) if args else default_len
        kwargs.append(f"max_length={max_length}")
    elif category == "decimal":
        digits, places = args[:2] if len(args) >= 2 else map(str, DEFAULT_DECIMAL)
        kwargs += [f"max_digits={digits}", f"decimal_places={places}"]
    elif category == "file":
        kwargs.append(f'upload_to="{naming.snake(name)}/"')
    rules = rules_of(f, max_length, bounds, category)
    if rules.choices:
        pairs = ", ".join(
            f"({choice_code(c, category)}, {pyrepr(naming.label(c))})" for c in rules.choices
        )
        kwargs.append(f"choices=[{pairs}]")
        if category == "decimal":
            imports.add("decimal")
    flags = frozenset(m.kind for m in f.modifiers)
    auto = next((AUTO_MODIFIERS[k] for k in AUTO_MODIFIERS if k in flags), None)
    if auto:
        kwargs.append(f"{auto}=True")
    numbering = sequence_format(f.default)
    default = None if numbering is not None else _default_code(f, enum, category, imports)
    if default is not None:
        kwargs.append(f"default={default}")
    if key:
        # A text key: unique by definition; numbered by save() or given on create.
        kwargs.append("primary_key=True")
        if numbering is not None:
            kwargs.append("editable=False")
    elif numbering is not None:
        # Numbered by the model's save(), never by a client or a form.
        kwargs += ["unique=True", "editable=False"]
    elif ir.ModifierKind.UNIQUE in flags and not soft_deleted:
        kwargs.append("unique=True")
    if f.optional:
        kwargs += ["null=True", "blank=True"]
    elif category == "json" and default is None:
        kwargs.append("default=dict")
    validators = _validators(name, f.type.name.text, rules, category)
    if validators:
        kwargs.append(f"validators=[{', '.join(validators)}]")
    if f.doc:
        kwargs.append(f"help_text={pyrepr(f.doc.strip())}")
    vm = FieldVM(
        name=name,
        category=category,
        django=f"models.{cls}({', '.join(kwargs)})",
        optional=f.optional,
        unique=key or ir.ModifierKind.UNIQUE in flags or numbering is not None,
        read_only=auto is not None
        or ir.ModifierKind.DELETED_MARKER in flags
        or numbering is not None,
        has_default=default is not None or (category == "json") or numbering is not None,
        enum=enum,
        doc=f.doc.strip(),
        max_length=rules.max_length,
        is_choice=enum is not None or bool(rules.choices),
        choices=rules.choices,
        pattern=rules.pattern,
        flags=flags,
        imports=imports,
        numbering=numbering,
        primary_key=key,
    )
    samples(vm, rules)
    return vm


def _default_code(f: ir.Field, enum: EnumVM | None, category: str, imports: set) -> str | None:
    expr = f.default
    if expr is None:
        return None
    num = v.number_text(expr)
    if num is not None:
        if category == "decimal":
            imports.add("decimal")
            return v.decimal_code(num)
        return num if category != "float" or "." in num else num + ".0"
    text = v.string_value(expr)
    if text is not None and category in temporal.PARSERS:
        # A typed value, so a new instance holds what a saved one reads back.
        imports.add("datetime")
        return temporal.code(temporal.value(category, text))
    if text is not None:
        return pyrepr(text)
    if isinstance(expr, ir.Literal) and expr.kind == "duration":
        imports.add("datetime")
        return v.duration_code(expr.text)
    if isinstance(expr, ir.Name):
        word = expr.name.text
        if enum is not None:
            return f"{enum.name}.{naming.enum_member(word)}"
        return {"true": "True", "false": "False", "null": "None"}.get(word)
    if isinstance(expr, ir.Call) and not expr.args:
        # `now()` also fits a Date (docs/language.md): today's date, never a datetime,
        # which DRF refuses to show as a date (a 500 on every create leaving it out).
        func = "today" if category == "date" and expr.func.text == "now" else expr.func.text
        found = v.call_default(func)
        if found is not None:
            imports.add(found[0])
            return found[1]
    return None


def _validators(name: str, type_name: str, rules: Rules, category: str) -> list[str]:
    out = []
    label = name.replace("_", " ")
    if rules.low is not None and category in NUMERIC:
        out.append(f"MinValueValidator({num_code(rules.low, category)})")
    if rules.high is not None and category in NUMERIC:
        out.append(f"MaxValueValidator({num_code(rules.high, category)})")
    if rules.tlow is not None:
        out.append(f"MinValueValidator({rules.tlow.validator_arg})")
    if rules.thigh is not None:
        out.append(f"MaxValueValidator({rules.thigh.validator_arg})")
    if rules.min_length and category in TEXTUAL:
        out.append(f"MinLengthValidator({rules.min_length})")
    if rules.max_length and category == "text":
        out.append(f"MaxLengthValidator({rules.max_length})")
    if rules.pattern is not None and category in TEXTUAL:
        msg = f"{label} must match the pattern {rules.pattern}"
        out.append(f"RegexValidator({pyrepr(rules.pattern)}, message={pyrepr(msg)})")
    if type_name == "Image":
        exts = '["png", "jpg", "jpeg", "gif", "webp"]'
        out.append(f"FileExtensionValidator(allowed_extensions={exts})")
    return out
