"""Scalar entity fields → Django model fields, with sample and invalid values."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from djsc.analysis.sequences import sequence_format
from djsc.analysis.types import DEFAULT_DECIMAL, DEFAULT_STRING_LENGTH
from djsc.backends.base import ContractError
from djsc.backends.django import naming
from djsc.backends.django.viewmodels import temporal
from djsc.backends.django.viewmodels import values as v
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
    # Image is a FileField with an extension check, so projects need no Pillow.
    "Image": ("FileField", "file", None),
}


def django_field(type_name: str) -> tuple[str, str, int | None]:
    """(field class, value category, default max_length) of a scalar type."""
    found = DJANGO_FIELDS.get(type_name)
    if found is None:
        raise ContractError(f"scalar type `{type_name}` has no Django field")
    return found


TEXTUAL = frozenset({"string", "text", "slug", "email", "url"})
NUMERIC = frozenset({"int", "float", "decimal"})
RANGED = NUMERIC | {"date", "time", "datetime", "duration"}
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


@dataclass(frozen=True)
class Invalid:
    """A value that breaks one rule of a field, for a generated serializer test."""

    rule: str  # test-name suffix: max_length, min_value, pattern, choice, format …
    code: str


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


@dataclass
class _Rules:
    """What the spec says a field's values must satisfy."""

    max_length: int | None = None
    min_length: int | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    pattern: str | None = None
    choices: tuple[str, ...] = ()
    tlow: temporal.Bound | None = None  # `min`/`max` of a date, time or duration
    thigh: temporal.Bound | None = None


def _rules(
    f: ir.Field, max_length: int | None, bounds: dict[str, tuple], category: str = ""
) -> _Rules:
    rules = _Rules(max_length=max_length)
    for m in f.modifiers:
        nums = [v.number_text(a) for a in m.args]
        if m.kind in (ir.ModifierKind.MIN, ir.ModifierKind.MAX) and category in temporal.BOUNDED:
            found = temporal.bound(category, m.args[0]) if m.args else None
            if m.kind == ir.ModifierKind.MIN:
                rules.tlow = found
            else:
                rules.thigh = found
        elif m.kind == ir.ModifierKind.MIN and nums and nums[0]:
            rules.low = Decimal(nums[0])
        elif m.kind == ir.ModifierKind.MAX and nums and nums[0]:
            rules.high = Decimal(nums[0])
        elif m.kind == ir.ModifierKind.LENGTH and nums and nums[0]:
            rules.min_length = int(nums[0])
            if len(nums) > 1 and nums[1]:
                rules.max_length = min(rules.max_length or 10**9, int(nums[1]))
        elif m.kind == ir.ModifierKind.PATTERN and m.args:
            rules.pattern = v.string_value(m.args[0])
        elif m.kind == ir.ModifierKind.CHOICES:
            rules.choices = tuple(
                t for t in (v.string_value(a) or v.number_text(a) for a in m.args) if t
            )
    low, high = bounds.get(f.name.text, (None, None))
    if low is not None and (rules.low is None or low > rules.low):
        rules.low = low
    if high is not None and (rules.high is None or high < rules.high):
        rules.high = high
    return rules


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


def field_vm(f: ir.Field, enums: dict[str, EnumVM], bounds: dict[str, tuple]) -> FieldVM:
    """The model field for `f`; `bounds` are ranges implied by the entity's checks."""
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
    rules = _rules(f, max_length, bounds, category)
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
    elif ir.ModifierKind.UNIQUE in flags:
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
    _samples(vm, rules)
    return vm


def choice_code(choice: str, category: str) -> str:
    """A `choices(…)` value as the field's own type: `choices(1, 2)` on an Int are numbers,
    or DRF takes "1" and the model's range validators compare it with an int (a 500)."""
    if category in NUMERIC:
        try:
            return _num(Decimal(choice), category)
        except InvalidOperation:  # a check reports the mismatch; keep the text
            pass
    return pyrepr(choice)


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


def _validators(name: str, type_name: str, rules: _Rules, category: str) -> list[str]:
    out = []
    label = name.replace("_", " ")
    if rules.low is not None and category in NUMERIC:
        out.append(f"MinValueValidator({_num(rules.low, category)})")
    if rules.high is not None and category in NUMERIC:
        out.append(f"MaxValueValidator({_num(rules.high, category)})")
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


def _num(value: Decimal, category: str) -> str:
    if category == "decimal":
        return v.decimal_code(str(value))
    if category == "float":
        return str(float(value))
    return str(int(value))


def _samples(vm: FieldVM, rules: _Rules) -> None:
    """Fill the valid samples, the unique sequence and the invalid values of `vm`."""
    c = vm.category
    name = vm.name
    if vm.enum is not None:
        codes = [f"{vm.enum.name}.{m[0]}" for m in vm.enum.members]
        pairs = zip(codes, vm.enum.values, strict=True)
        vm.samples = tuple(v.Sample(code, q) for code, q in pairs)[:2]
        bad = "999999" if vm.enum.base == "IntegerChoices" else '"not-a-choice"'
        vm.invalid = (Invalid("choice", bad),)
        return
    if rules.choices:
        vm.samples = tuple(v.Sample(choice_code(ch, c), ch) for ch in rules.choices[:2])
        vm.invalid = (Invalid("choice", '"not-a-choice"'),)
        return
    if c in TEXTUAL:
        _text_samples(vm, rules)
    elif c in NUMERIC:
        _number_samples(vm, rules)
    elif c == "bool":
        vm.samples = (v.Sample("False", "false"), v.Sample("True", "true"))
    elif c in ("date", "datetime", "time", "duration"):
        vm.imports.add("datetime")
        vm.samples = temporal.samples(c, rules.tlow, rules.thigh)
        vm.invalid = (Invalid("format", '"not-a-value"'),)
        for rule, found, below in (
            ("min_value", rules.tlow, True),
            ("max_value", rules.thigh, False),
        ):
            bad = temporal.outside(c, found, below) if found is not None else None
            if bad is not None:
                vm.invalid += (Invalid(rule, bad),)
    elif c == "uuid":
        vm.imports.add("uuid")
        vm.samples = tuple(
            v.Sample(f'uuid.UUID("{u}")', u)
            for u in (
                "00000000-0000-4000-8000-000000000001",
                "00000000-0000-4000-8000-000000000002",
            )
        )
        vm.sequence = "factory.Sequence(lambda n: uuid.UUID(int=n + 1000))"
    elif c == "json":
        vm.samples = (v.Sample('{"key": "value"}', ""),)
    if vm.unique and vm.sequence is None and c in TEXTUAL:
        sample = vm.samples[0].query if vm.samples else None
        vm.sequence = v.unique_text_sequence(
            name, rules.max_length, rules.pattern, sample, rules.min_length or 0
        )
    del name


def _fit(text: str, rules: _Rules) -> str:
    if rules.min_length and len(text) < rules.min_length:
        text = text + "x" * (rules.min_length - len(text))
    if rules.max_length:
        text = text[: rules.max_length]
    return text


def _text_samples(vm: FieldVM, rules: _Rules) -> None:
    c, name = vm.category, vm.name
    if rules.pattern is not None:
        sample = v.regex_sample(rules.pattern)
        if sample is not None and rules.min_length and len(sample) < rules.min_length:
            sample = v.resized(sample, rules.pattern, rules.min_length) or sample
        if sample is not None:
            vm.samples = (v.Sample(pyrepr(sample), sample),)
        bad = v.regex_counterexample(rules.pattern)
        if bad is not None:
            vm.invalid += (Invalid("pattern", pyrepr(bad)),)
        _length_cases(vm, rules, sample)
        return
    else:
        bases = {
            "email": ("alice@example.com", "bob@example.com"),
            "url": ("https://example.com/a", "https://example.com/b"),
            "slug": ("alpha", "beta"),
        }.get(c, (f"a {name}", f"b {name}"))
        fitted = [_fit(b, rules) for b in bases]
        vm.samples = tuple(v.Sample(pyrepr(t), t) for t in dict.fromkeys(fitted))
        seq = {
            "email": 'f"user{n}@example.com"',
            "url": 'f"https://example.com/{n}"',
            "slug": 'f"slug-{n}"',
        }.get(c, f'f"{name} {{n}}"')
        if rules.max_length is None or rules.max_length >= 24:
            vm.sequence = f"factory.Sequence(lambda n: {seq})"
        bad_format = {"email": '"not-an-email"', "url": '"not a url"', "slug": '"not a slug!"'}
        if c in bad_format:
            vm.invalid += (Invalid("format", bad_format[c]),)
    _length_cases(vm, rules, None)


def _length_cases(vm: FieldVM, rules: _Rules, sample: str | None) -> None:
    """Values one character too long or too short.  With a pattern they are made from
    a matching sample, so the length rule alone refuses them; when the pattern allows
    no such length, the pattern already enforces it and the case is left out."""
    for rule, length, wanted in (
        ("max_length", (rules.max_length or 0) + 1, bool(rules.max_length)),
        ("min_length", (rules.min_length or 0) - 1, (rules.min_length or 0) > 1),
    ):
        if not wanted:
            continue
        if rules.pattern is None:
            vm.invalid += (Invalid(rule, f'"x" * {length}'),)
            continue
        bad = v.resized(sample, rules.pattern, length) if sample else None
        if bad is not None:
            vm.invalid += (Invalid(rule, pyrepr(bad)),)


def _number_samples(vm: FieldVM, rules: _Rules) -> None:
    c = vm.category
    vm.low, vm.high = rules.low, rules.high
    first = v.clamp(Decimal(1), rules.low, rules.high)
    second = v.clamp(first + 1, rules.low, rules.high)
    points = [first] if second == first else [first, second]
    vm.samples = tuple(v.Sample(_num(p, c), _num_query(p, c)) for p in points)
    if c == "decimal":
        vm.imports.add("decimal")
    if rules.low is not None:
        vm.invalid += (Invalid("min_value", _num(rules.low - 1, c)),)
    if rules.high is not None:
        vm.invalid += (Invalid("max_value", _num(rules.high + 1, c)),)
    if vm.unique and c == "int":
        vm.sequence = f"factory.Sequence(lambda n: {int(first)} + n)"


def _num_query(value: Decimal, category: str) -> str:
    return (
        str(float(value)) if category == "float" else str(int(value) if value % 1 == 0 else value)
    )
