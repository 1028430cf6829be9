"""A hypothesis strategy for random `.djs` specs that djsc's checks should accept.

`specs()` draws a whole spec as text: an optional `app` block, enums, entities with
fields of every scalar type (optional, defaulted, with every modifier), composite
`unique` / `index` groups, `check` rules, `ordering`, entity options, `timestamps`,
`soft_delete`, and relations of every kind (self relations, `through` entities,
optional ends, `on_delete` policies, ends on the built-in `User`).

The generator aims at valid specs, but its names are drawn to collide on purpose:
Python builtins, Django's and DRF's names, the class and module names of the
generated code, long names, names with `__` or a trailing `_`, entities with odd
plurals, names differing only in case.  Most draws pass the checks; the rest are
refused with a diagnostic, and the property test skips them (`assume`).  What the
checks accept must build into a project that lints and passes Django's checks.

Names that are refused today stay in the pools (at a low weight), so a rule that
stops refusing them is noticed by the property test too.

A construct that breaks the project because of a bug of the generator (not of a
name rule) is avoided only once the bug is known: each such place says
`KNOWN OPEN BUG`, with the failure, and should go when the bug is fixed (none today).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from djsc.analysis.types import SCALAR_TYPES
from djsc.backends.django import templates as django_templates

# ------------------------------------------------------------------ names
#
# Each pool is (weight, names).  Weights are relative within one draw.


def _names(*lines: str) -> list[str]:
    return [name for line in lines for name in line.split()]


APP_NAMES = [
    (
        40,
        _names(
            "shop blog inventory library crm events x MyShop HTTPApi bookings catalog",
            "warehouse school clinic ledger forum",
        ),
    ),
    # Python and Django module names the app package could shadow (refused), and the
    # project's own packages (renamed with `_app` by the backend).
    (
        1,
        _names(
            "models config django test tests site admin auth api core app settings users",
            "list type object class Meta User Group filters factory serializers views urls",
            "hooks search pagination errors manage conftest contenttypes sessions messages",
            "staticfiles rest_framework django_filters drf_spectacular pytest json uuid",
            "decimal datetime os re copy typing logging email http string time types",
            "collections enum abc io math random signal select socket queue code html",
            "secrets operator inspect token yaml attrs faker",
        ),
    ),
    # Long names (30, 37, 52, 51, 60, 63 and 64 characters), and names the
    # snake-casing has to clean up.
    (
        3,
        [
            "warehouse_inventory_management",
            "warehouse_inventory_management_system",
            "a_very_long_application_name_for_a_very_long_backend",
            "WarehouseInventoryManagementSystemForLargeCompanies",
            "x" * 60,
            "x" * 63,
            "x" * 64,
            *_names("app__name app_ _app _1 x1 Shop2"),
        ],
    ),
]

ENTITY_NAMES = [
    # Plain names, and ones whose plural is odd.
    (
        12,
        _names(
            "Post Author Tag Item Order Comment Product Invoice Category Person Child Mouse",
            "Datum Series Analysis Sheep Fish Criterion Ox Goose Bus Box Quiz Cactus Hero",
            "Photo Leaf Knife Life Wolf City Day Key Status News Data Info Media People Index",
            "Matrix Crisis Tooth Foot Octopus Alumnus Species Aircraft Equipment OrderLine",
            "FosterChild HTTPRequest URLRecord ABC X Y2K A1b2",
        ),
    ),
    # Python builtins and names of Django, DRF, django-filter, factory_boy; names of
    # the language's own types (`String`, `UUID`, …), which the checks refuse (DJS0108).
    (
        6,
        _names(
            "Type List Object Input Dict Str Set Tuple Exception Models Manager QuerySet",
            "Field Q F Count Serializer ModelSerializer ViewSet ModelViewSet Filter FilterSet",
            "Factory DjangoModelFactory Faker Response Request APIClient TestCase Group",
            "Permission ContentType Session LogEntry AbstractUser AppConfig Router Settings",
            "Pagination Admin Config Migration Hooks Problem Path Integer Page Ordering Search",
            "Cursor Format Limit Offset",
        ),
    ),
    # The language's own type names, which the checks refuse (DJS0108).
    (1, _names("String UUID DateTime Meta")),
    # Names of the generated code itself.
    (
        3,
        _names(
            "NoMixin SoftDeleteQuerySet NotDeletedManager SafeFilterSet IntegerFilter",
            "DateTimeFilter BoundedIntegerField BoundedDateTimeField ProblemSerializer",
            "UserSummary UserFactory FullTextSearchFilter FullTextSearch SoftDelete",
            "UserSummarySerializer PageNumberPagination CursorPagination LimitOffsetPagination",
            "DefaultPagination Default DefaultRouter HTTPStatus APIException",
            "StrictModelSerializer",
        ),
    ),
    # Lower-case entity names: module names of the generated project.
    (
        2,
        _names(
            "models settings timezone uuid datetime decimal pytest factory serializers",
            "viewsets filters admin forms copy mixin_of queryset_of item object type list",
            "api_settings permissions pagination hooks",
        ),
    ),
    # Long names, case and underscore games.
    (
        2,
        _names(
            "VeryLongEntityNameThatGoesOnAndOnAndOnForeverAndEverAmen",
            "AnEntityWhoseNameIsLongerThanSixtyThreeCharactersSoTablesGetLong",
            "BlogPost Blogpost BLOGPOST Blog_Post blog_post POST Order_ Old__Name _Private",
            "Thing_ __Dunder A_ A__B",
        ),
    ),
]

# Words of the test templates: an entity or enum so named once became an unused
# import of the generated tests (they looked at words, not at names the code reads).
TEST_TEMPLATE_WORDS = sorted(
    {
        word
        for template in (Path(django_templates.__file__).parent / "tests").glob("*.j2")
        for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", template.read_text(encoding="utf-8"))
        if word[:1].isupper() or word in ("get", "patch", "put", "delete")
    }
)
ENTITY_NAMES = [*ENTITY_NAMES, (1, TEST_TEMPLATE_WORDS)]

# Suffixes the generated code appends to an entity's name: an entity named like
# another's generated class (`Post` and `PostSerializer`) collides on purpose.
GENERATED_SUFFIXES = _names(
    "Serializer SummarySerializer Summary ViewSet Filter Factory Admin Mixin QuerySet",
    "Pagination Inline Api Tests SoftDeleteQuerySet Choices Manager s es",
)

FIELD_NAMES = [
    (
        30,
        _names(
            "name title body price qty note code amount rating starts_on due color size",
            "weight score slug email url summary position level kind label state count total",
            "opened closed public active payload attachment avatar uid ref starts_at ends_at",
            "duration alpha beta gamma x y z a1 b2",
        ),
    ),
    # Python builtins and words with a meaning in the generated code.
    (
        14,
        _names(
            "type list object input str int float bool bytes set map min max len sum",
            "hash id_x format page ordering search cursor limit offset page_size filter order",
            "index unique data json text date time datetime_at query queryset fields model",
            "serializer request response instance validated_data context initial errors",
            "partial many update status detail user users owner group",
            "groups permissions all values field faker client api_client attrs hook",
            "run_hook forms mixin_of",
            "NoMixin MAX_DB_INT copy api_settings admin viewsets",
            "filters pytest transaction IntegrityError Q F _private values_list",
            "get_absolute_url natural_key match case print super Serializer ViewSet",
            "Filter Factory uuid a_field_name_that_is_rather_long_but_still_fine",
            "an_even_longer_field_name_that_goes_on_past_sixty_three_characters_total",
        ),
    ),
    # Refused today: Python keywords, Django's model attributes, names Django's lookups
    # cannot address.  The generated modules' imports (`models`, `timezone`, `factory`, …)
    # are accepted now (aliased where a class body would shadow them) and stay drawn here.
    (
        1,
        _names(
            "class from None True Meta objects pk save delete check full_clean",
            "validate_constraints models settings self decimal datetime Decimal timezone",
            "__x x_ x__y _ hard_delete all_objects queryset_of l O I empty_values",
            "_connector _negated factory serializers dict create build stub validate _meta",
            "cls model_class",
        ),
    ),
]

# Relation ends draw field names: long ones (the API tests' filter lines) and `size`
# (factory_boy's `create_batch(size, …)`) included.
END_NAMES = FIELD_NAMES

ENUM_NAMES = [
    (20, _names("Color Size Priority Currency Mood Phase Level Grade")),
    (
        6,
        _names(
            "Status Kind Type State Choices TextChoices IntegerChoices Enum Q Problem",
            "Page",
        ),
    ),
    (1, _names("models settings copy Old__Enum Enum_ _Hidden Meta")),
]
ENUM_NAMES = [*ENUM_NAMES, (1, TEST_TEMPLATE_WORDS)]

MEMBER_NAMES = [
    (
        30,
        _names(
            "draft review published low normal high red green blue small medium large eur",
            "usd a b c x1 on off",
        ),
    ),
    (
        8,
        _names(
            "A Draft DRAFT draftMode draft_mode none true false null name mro items keys",
            "do_not_call_in_templates id pk type list self _hidden _x blank filter order",
            "index unique",
        ),
    ),
    # Refused today (keywords, `Choices` attributes, `__`, a trailing `_`).
    (1, _names("__y z_ label value names values labels None True if i o")),
]

# Ends on the built-in `User`: Django's user model already defines some of these.
USER_END_NAMES = [
    (20, _names("posts orders profile authored owned_items notes things")),
    (
        2,
        _names(
            "logentry logentry_set auth_token groups user_permissions password is_active",
            "objects pk id email username save check natural_key get_full_name",
            "get_username first_name is_authenticated is_anonymous USERNAME_FIELD",
            "EMAIL_FIELD REQUIRED_FIELDS backend set_password user_set",
        ),
    ),
]

STRING_ALPHABET = string.ascii_letters + string.digits + " _-.,:;!?/'{}%\"\\\néß€\t#@$"
TEXT_VALUES = st.text(alphabet=STRING_ALPHABET, max_size=12)
# A doc comment is one line of anything (quotes and backslashes reach docstrings),
# sometimes longer than a generated line may be.
DOC_TEXT = st.one_of(
    st.text(alphabet=STRING_ALPHABET.replace("\n", ""), min_size=1, max_size=30),
    st.text(alphabet=string.ascii_letters + ' "\\', min_size=90, max_size=160),
).map(str.strip)
LABEL_TEXT = st.text(alphabet=STRING_ALPHABET, max_size=12)
TITLE_TEXT = st.one_of(
    st.text(alphabet=STRING_ALPHABET, max_size=12),
    st.text(alphabet=string.ascii_letters + " ", min_size=90, max_size=140),
)

# `set_default` (once in 20) is refused (DJS0303): a relation end has no default.
ON_DELETE = ["cascade", "protect", "restrict", "set_null", "do_nothing"] * 4 + ["set_default"]
PAGINATION_KINDS = ["page", "offset", "cursor", "none"]


def pooled(pools) -> st.SearchStrategy[str]:
    """One name from weighted pools: a name of a pool of weight w is drawn w times as
    often as one of a pool of weight 1.

    One flat `sampled_from`, which shrinks towards the first pool's first name.  The
    first pool comes again at the end: hypothesis favours the ends of a range, and
    the rare pools must stay rare.
    """
    heaviest = max(pools, key=lambda pool: pool[0])[1]
    flat = [*heaviest]
    for weight, names in pools:
        flat += list(names) * weight
    return st.sampled_from([*flat, *heaviest])


def djs_string(value: str) -> str:
    """`value` as a .djs string literal (the escapes the lexer knows)."""
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


# ------------------------------------------------------------------ the model


@dataclass
class FieldSpec:
    name: str
    type: str  # the type as written, with its arguments
    category: str  # a SCALAR_TYPES category, "enum" or "entity"
    optional: bool = False
    default: str | None = None
    modifiers: list[str] = field(default_factory=list)
    target: str | None = None  # the entity an entity-typed field refers to
    doc: str | None = None

    def render(self) -> str:
        text = f"{self.name}: {self.type}{'?' if self.optional else ''}"
        if self.default is not None:
            text += f" = {self.default}"
        if self.modifiers:
            text += " " + " ".join(self.modifiers)
        if self.doc:
            return f"  /// {self.doc}\n  {text}"
        return "  " + text


@dataclass
class EntitySpec:
    name: str
    fields: list[FieldSpec] = field(default_factory=list)
    members: set[str] = field(default_factory=set)  # every attribute name taken
    keys: set[str] = field(default_factory=set)  # foreign-key ends this entity holds
    timestamps: bool = False
    soft_delete: bool = False
    was: str | None = None
    flags: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # unique / index / check / ordering / …
    options: list[str] = field(default_factory=list)
    doc: str | None = None

    def render(self) -> str:
        head = f"entity {self.name}"
        if self.was:
            head += f" was {self.was}"
        if self.flags:
            head += " " + " ".join(self.flags)
        lines = [f.render() for f in self.fields]
        if self.timestamps:
            lines.append("  timestamps")
        if self.soft_delete:
            lines.append("  soft_delete")
        lines += [f"  {r}" for r in self.rules]
        lines += [f"  {o}" for o in self.options]
        doc = f"/// {self.doc}\n" if self.doc else ""
        return doc + head + " {\n" + "\n".join(lines) + "\n}"


@dataclass
class RelationSpec:
    kind: str
    source: str
    source_end: str
    target: str
    target_end: str | None = None
    optional: bool = False
    options: list[str] = field(default_factory=list)

    def render(self) -> str:
        text = f"relation {self.kind} {self.source}.{self.source_end}"
        text += "?" if self.optional else ""
        text += f" -> {self.target}"
        if self.target_end:
            text += f".{self.target_end}"
        if self.options:
            text += " { " + "  ".join(self.options) + " }"
        return text


@dataclass
class Spec:
    """A drawn spec: its text, and the facts a failure report wants."""

    text: str
    app: str | None
    stem: str
    entities: list[str]

    def __repr__(self) -> str:  # hypothesis prints the falsifying example with this
        return f"Spec(stem={self.stem!r}, app={self.app!r}, text=\n{self.text}\n)"


# ------------------------------------------------------------------ values per type

STRING_TYPES = {"String": 255, "Text": None, "Slug": 50, "Email": 254, "URL": 200}


@st.composite
def scalar_field(draw, name: str) -> FieldSpec:
    """A field of a scalar type, with a default and modifiers that fit it."""
    type_name = draw(st.sampled_from(sorted(SCALAR_TYPES)))
    category = SCALAR_TYPES[type_name].category
    optional = draw(st.booleans())
    f = FieldSpec(name, type_name, category, optional)
    mods: list[str] = []
    if type_name in STRING_TYPES:
        limit = STRING_TYPES[type_name]
        if limit is not None and draw(st.booleans()):
            limit = draw(st.sampled_from([1, 2, 5, 20, 50, 120, 255, 300, 1000]))
            f.type = f"{type_name}({limit})"
        _string_extras(draw, f, limit, mods)
    elif category in ("int", "float", "decimal"):
        _number_extras(draw, f, type_name, mods)
    elif category == "bool":
        if draw(st.booleans()):
            f.default = draw(st.sampled_from(["true", "false"]))
        mods += draw(st.lists(st.sampled_from(["index", "filter", "order"]), unique=True))
    elif category in ("date", "datetime", "time", "duration"):
        _temporal_extras(draw, f, category, mods)
    elif category == "uuid":
        if draw(st.integers(0, 3)) == 0:
            f.default = djs_string(str(draw(st.uuids())))
        mods += draw(st.lists(st.sampled_from(["unique", "index", "filter", "order"]), unique=True))
    elif category == "json":
        if draw(st.booleans()):
            mods.append("index")
    # file: no modifier applies
    if optional and f.default is None and draw(st.integers(0, 5)) == 0:
        f.default = "null"
    if draw(st.integers(0, 9)) == 0:
        mods.append(f"was old_{name.strip('_') or 'x'}")
    f.modifiers = draw(st.permutations(mods)) if mods else []
    return f


def _string_extras(draw, f: FieldSpec, limit: int | None, mods: list[str]) -> None:
    storage = ["unique", "index", "search", "filter", "order"]
    mods += draw(st.lists(st.sampled_from(storage), unique=True, max_size=3))
    room = limit if limit is not None else 40
    low = draw(st.integers(0, min(room, 5)))
    if draw(st.integers(0, 3)) == 0:
        high = draw(st.integers(max(low, 1), room))
        mods.append(draw(st.sampled_from([f"length({low})", f"length({low}, {high})"])))
    if draw(st.integers(0, 4)) == 0:
        pattern = draw(
            st.sampled_from(
                [
                    "^[a-z]+$",
                    "^[A-Z0-9-]+$",
                    "\\d+",
                    '^a"b$',
                    "[/]",
                    "(?i)^x",
                    "^$",
                    ".*",
                    "^[a-z0-9_]+$",
                    "\\w{2,}",
                    "^\\S+@\\S+$",
                    "{",
                    "'",
                ]
            )
        )
        mods.append(f"pattern({djs_string(pattern)})")
    values = draw(st.lists(TEXT_VALUES.filter(lambda s: len(s) <= room), max_size=4, unique=True))
    choices = None
    if values and draw(st.integers(0, 3)) == 0:
        choices = values
        mods.append("choices(" + ", ".join(djs_string(c) for c in choices) + ")")
    if draw(st.integers(0, 2)) == 0:
        options = choices or [draw(TEXT_VALUES.filter(lambda s: len(s) <= room))]
        f.default = djs_string(draw(st.sampled_from(options)))


def _number_extras(draw, f: FieldSpec, type_name: str, mods: list[str]) -> None:
    storage = ["unique", "index", "filter", "order"]
    mods += draw(st.lists(st.sampled_from(storage), unique=True, max_size=2))
    if type_name == "Decimal":
        digits = draw(st.integers(1, 20))
        places = draw(st.integers(0, digits))
        f.type = f"Decimal({digits}, {places})"
        whole = 10 ** min(digits - places, 6) - 1

        def number(value: int) -> str:
            return str(value) if places == 0 else f"{value}.{'5' * min(places, 3)}"

        values = st.integers(-whole, whole)
    elif type_name == "Float":
        values = st.integers(-1000, 1000)

        def number(value: int) -> str:
            return f"{value}.25" if value % 2 else str(value)
    else:
        span = 2**62 if type_name == "BigInt" else 2**31 - 1
        values = st.one_of(st.integers(-100, 100), st.integers(-span, span))

        number = str

    bounds = sorted(draw(st.lists(values, min_size=2, max_size=2)))
    if draw(st.integers(0, 2)) == 0:
        mods.append(f"min({number(bounds[0])})")
    if draw(st.integers(0, 2)) == 0:
        mods.append(f"max({number(bounds[1])})")
    choices = None
    if draw(st.integers(0, 4)) == 0:
        choices = [number(v) for v in draw(st.lists(values, min_size=1, max_size=4, unique=True))]
        mods.append("choices(" + ", ".join(choices) + ")")
    if draw(st.integers(0, 2)) == 0:
        f.default = draw(st.sampled_from(choices)) if choices else number(draw(values))


def _temporal_extras(draw, f: FieldSpec, category: str, mods: list[str]) -> None:
    storage = ["unique", "index", "filter", "order"]
    mods += draw(st.lists(st.sampled_from(storage), unique=True, max_size=2))
    samples = {
        "date": (['"1999-12-31"', '"2020-01-01"', '"2024-02-29"'], ["now()", "today()"]),
        "datetime": (
            ['"2020-01-01T00:00"', '"2024-02-29T12:30:00"', '"2024-01-31T12:00:00+02:00"'],
            ["now()"],
        ),
        "time": (['"00:00"', '"12:30"', '"23:59:59"'], []),
        "duration": (["0s", "500ms", "15m", "2h", "7d", "1w"], []),
    }[category]
    literals, calls = samples
    if draw(st.integers(0, 2)) == 0:
        f.default = draw(st.sampled_from(literals + calls))
    if draw(st.integers(0, 3)) == 0:
        # The first literal of each list is the smallest.
        low, high = literals[0], literals[-1]
        if category == "datetime":
            high = literals[1]  # an aware and a naive time do not compare
        mods.append(f"min({low})")
        if draw(st.booleans()):
            mods.append(f"max({high})")
    elif calls and draw(st.integers(0, 5)) == 0:
        mods.append(f"min({calls[0]})")


# ------------------------------------------------------------------ declarations


@st.composite
def fresh(draw, pools, taken: set[str], *, fold: bool = False) -> str:
    """A name from `pools` not yet in `taken` (compared case-folded with `fold`)."""
    for _ in range(20):
        name = draw(pooled(pools))
        key = name.lower() if fold else name
        if key not in taken:
            taken.add(key)
            return name
    # The pools ran dry for this spec: a plain numbered name is always free.
    n = len(taken)
    while (f"n{n}".lower() if fold else f"n{n}") in taken:
        n += 1
    taken.add(f"n{n}")
    return f"n{n}"


@st.composite
def enum_decl(draw, name: str) -> tuple[str, list[str]]:
    taken: set[str] = set()
    members = [draw(fresh(MEMBER_NAMES, taken)) for _ in range(draw(st.integers(1, 5)))]
    style = draw(st.sampled_from(["bare", "bare", "int", "str"]))
    parts = []
    # Values are drawn distinct: two members storing one value are DJS0220, and
    # most drawn specs should pass the checks.
    if style == "int":
        values = draw(
            st.lists(
                st.integers(0, 2**31 - 1), min_size=len(members), max_size=len(members), unique=True
            )
        )
    elif style == "str":
        values = draw(
            st.lists(TEXT_VALUES, min_size=len(members), max_size=len(members), unique=True)
        )
    for i, member in enumerate(members):
        if style == "int":
            parts.append(f"{member} = {values[i]}")
        elif style == "str":
            parts.append(f"{member} = {djs_string(values[i])}")
        else:
            parts.append(member)
    sep = draw(st.sampled_from(["  ", ", ", "\n  "]))
    doc = f"/// {draw(DOC_TEXT)}\n" if draw(st.integers(0, 3)) == 0 else ""
    return doc + f"enum {name} {{ " + sep.join(parts) + " }", members


@st.composite
def specs(draw) -> Spec:
    """A whole spec; see the module's docstring."""
    type_names: set[str] = {"User"}
    parts: list[str] = []

    # The app block, or none (the project is then named after the spec file).
    app = None
    stem = draw(
        st.sampled_from(
            [
                "spec",
                "shop",
                "my-api",
                "2fast",
                "models",
                "a.b",
                "json",
                "warehouse_inventory_management_system_for_large_companies_ltd",
            ]
        )
    )
    if draw(st.integers(0, 4)):
        app = draw(pooled(APP_NAMES))
        parts.append(draw(app_block(app)))

    enums: dict[str, list[str]] = {}
    for _ in range(draw(st.integers(0, 2))):
        name = draw(fresh(ENUM_NAMES, type_names))
        text, members = draw(enum_decl(name))
        enums[name] = members
        parts.append(text)

    entities: list[EntitySpec] = []
    for _ in range(draw(st.integers(1, 4))):
        if entities and draw(st.integers(0, 15)) == 0:
            # Named like a class the generator makes for another entity.
            base = draw(st.sampled_from(entities)).name
            name = base + draw(st.sampled_from(GENERATED_SUFFIXES))
            if name in type_names:
                continue
        else:
            name = draw(fresh(ENTITY_NAMES, type_names))
        type_names.add(name)
        entities.append(EntitySpec(name))

    names = [e.name for e in entities]
    keys = RequiredKeys()
    for e in entities:
        draw(entity_fields(e, names, enums, keys))
    relations = draw(relations_between(entities, keys))
    # Every enum is used by some field, so no DJS0120 warning hides a real finding.
    for enum, members in enums.items():
        e = draw(st.sampled_from(entities))
        e.fields.append(draw(enum_field(e, enum, members)))
    by_name = {e.name: e for e in entities}
    roles = any("roles editor, moderator" in part for part in parts)
    for e in entities:
        draw(entity_rules(e, by_name))
        if draw(st.integers(0, 2)) == 0:
            draw(access_rules(e, by_name, relations, roles))

    for e in entities:
        parts.append(e.render())
    parts += [r.render() for r in relations]
    order = draw(st.permutations(parts))
    return Spec("\n\n".join(order) + "\n", app, stem, names)


@st.composite
def app_block(draw, name: str) -> str:
    options = []
    if draw(st.booleans()):
        options.append(f"title {djs_string(draw(TITLE_TEXT))}")
    if draw(st.integers(0, 3)) == 0:
        options.append(f"description {djs_string(draw(TITLE_TEXT))}")
    if draw(st.integers(0, 3)) == 0:
        options.append(f'version "{draw(st.integers(0, 9))}.{draw(st.integers(0, 20))}.0"')
    if draw(st.booleans()):
        options.append(f"database {draw(st.sampled_from(['sqlite', 'postgres']))}")
    if draw(st.booleans()):
        options.append(draw(pagination_option()))
    if draw(st.integers(0, 4)) == 0:
        options.append(f"auth {draw(st.sampled_from(['session', 'none', 'jwt']))}")
    if draw(st.integers(0, 5)) == 0:
        options.append("roles editor, moderator")
    return f"app {name} {{\n  " + "\n  ".join(options) + "\n}"


@st.composite
def pagination_option(draw) -> str:
    kind = draw(st.sampled_from(PAGINATION_KINDS))
    if kind == "none":
        return "pagination none"  # no pages to size: a block is DJS0602
    block = []
    if draw(st.booleans()):
        block.append(f"size {draw(st.integers(1, 500))}")
    if draw(st.booleans()):
        block.append(f"max {draw(st.integers(1, 1000))}")
    text = f"pagination {kind}"
    return text + (" { " + "  ".join(block) + " }" if block else "")


def _taken_by_markers(e: EntitySpec) -> None:
    if e.timestamps:
        e.members.update({"created_at", "updated_at"})
    if e.soft_delete:
        e.members.add("deleted_at")


class RequiredKeys:
    """The required foreign keys drawn so far, as edges holder → target.

    Two entities that reference each other through required keys (`entity A { b: B }
    entity B { a: A }`) can store no first row, which the checks refuse (DJS0311); a
    key that would close such a cycle is drawn optional so most specs pass them.
    """

    def __init__(self) -> None:
        self.edges: dict[str, set[str]] = {}

    def closes_cycle(self, holder: str, target: str) -> bool:
        if holder == target:
            return True  # a required self reference: no first row (DJS0311)
        seen, todo = set(), [target]
        while todo:
            node = todo.pop()
            if node == holder:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(self.edges.get(node, ()))
        return False

    def optional(self, holder: str, target: str, optional: bool) -> bool:
        """`optional`, unless a required key here would close a cycle; records it."""
        if not optional and self.closes_cycle(holder, target):
            return True
        if not optional:
            self.edges.setdefault(holder, set()).add(target)
        return optional


@st.composite
def entity_fields(
    draw, e: EntitySpec, entities: list[str], enums: dict, keys: RequiredKeys
) -> None:
    e.timestamps = draw(st.integers(0, 3)) == 0
    e.soft_delete = draw(st.integers(0, 4)) == 0
    _taken_by_markers(e)
    if draw(st.integers(0, 5)) == 0:
        key = draw(st.sampled_from(["UUID", "Int", "BigInt"]))
        mods = " filter" if draw(st.booleans()) else ""
        e.fields.append(FieldSpec("id", key, "id", modifiers=[mods.strip()] if mods else []))
        e.members.add("id")
    else:
        e.members.add("id")
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 7)) == 0:
            name = draw(fresh(END_NAMES, e.members))
            target = draw(st.sampled_from([*entities, "User"]))
            optional = keys.optional(e.name, target, draw(st.booleans()))
            f = FieldSpec(name, target, "entity", optional, target=target)
            e.keys.add(name)
        else:
            f = draw(scalar_field(draw(fresh(FIELD_NAMES, e.members))))
        if draw(st.integers(0, 7)) == 0:
            f.doc = draw(DOC_TEXT)
        e.fields.append(f)
    if draw(st.integers(0, 9)) == 0:
        e.was = draw(st.sampled_from(["Old", "Article", "OldName", e.name + "Old"]))
    if draw(st.integers(0, 14)) == 0:
        e.flags.append(draw(st.sampled_from(["audited", "sourced"])))
    if draw(st.integers(0, 5)) == 0:
        e.doc = draw(DOC_TEXT)


@st.composite
def enum_field(draw, e: EntitySpec, enum: str, members: list[str]) -> FieldSpec:
    name = draw(fresh(FIELD_NAMES, e.members))
    f = FieldSpec(name, enum, "enum", draw(st.booleans()))
    if draw(st.booleans()):
        f.default = draw(st.sampled_from(members))
    f.modifiers = draw(
        st.lists(st.sampled_from(["unique", "index", "filter", "order"]), unique=True, max_size=2)
    )
    return f


@st.composite
def relations_between(draw, entities: list[EntitySpec], keys: RequiredKeys) -> list[RelationSpec]:
    out: list[RelationSpec] = []
    by_name = {e.name: e for e in entities}
    user = EntitySpec("User")
    user.members.update(
        {
            "id",
            "username",
            "email",
            "first_name",
            "last_name",
            "is_staff",
            "is_active",
            "date_joined",
        }
    )
    for _ in range(draw(st.integers(0, 3))):
        source = draw(st.sampled_from(entities))
        kind = draw(
            st.sampled_from(
                ["many_to_one", "many_to_one", "one_to_one", "one_to_many", "many_to_many"]
            )
        )
        target_name = draw(st.sampled_from([*by_name, "User"]))
        if kind == "one_to_many" and target_name == "User":
            kind = "many_to_one"  # the many side holds the key: it cannot be `User`
        target = by_name.get(target_name, user)
        rel = RelationSpec(kind, source.name, draw(fresh(END_NAMES, source.members)), target_name)
        pools = USER_END_NAMES if target_name == "User" else END_NAMES
        if kind == "one_to_many" or draw(st.booleans()):
            rel.target_end = draw(fresh(pools, target.members))
        if kind == "many_to_many":
            if target_name != "User" and draw(st.integers(0, 2)) == 0:
                rel.options.append(draw(through_entity(rel, entities, by_name, keys)))
        else:
            rel.optional = draw(st.booleans())
            if kind == "one_to_many":
                target.keys.add(rel.target_end)
                rel.optional = keys.optional(target_name, source.name, rel.optional)
            else:
                source.keys.add(rel.source_end)
                rel.optional = keys.optional(source.name, target_name, rel.optional)
            policies = [p for p in ON_DELETE if p != "set_null" or rel.optional]
            if draw(st.booleans()):
                rel.options.append(f"on_delete {draw(st.sampled_from(policies))}")
        out.append(rel)
    return out


@st.composite
def through_entity(
    draw, rel: RelationSpec, entities: list[EntitySpec], by_name, keys: RequiredKeys
) -> str:
    """A new entity holding a key to each side; `links` names them for a self relation."""
    taken = set(by_name) | {"User"}
    name = draw(
        fresh([(1, ["Membership", "Link", "Enrollment", "Through", "Pair", "Edge"])], taken)
    )
    t = EntitySpec(name)
    t.members.update({"id", *taken})
    ends = []
    for side in (rel.source, rel.target):
        end = draw(fresh(END_NAMES, t.members))
        t.fields.append(FieldSpec(end, side, "entity", target=side))
        t.keys.add(end)
        keys.optional(name, side, False)  # new, so no key points at it yet
        ends.append(end)
    for _ in range(draw(st.integers(0, 2))):
        t.fields.append(draw(scalar_field(draw(fresh(FIELD_NAMES, t.members)))))
    entities.append(t)
    by_name[name] = t
    if rel.source == rel.target or draw(st.integers(0, 3)) == 0:
        return f"through {name} {{ links {ends[0]}, {ends[1]} }}"
    return f"through {name}"


ORDERABLE = {
    "string",
    "int",
    "float",
    "decimal",
    "bool",
    "date",
    "datetime",
    "time",
    "duration",
    "uuid",
    "enum",
}
NUMERIC = {"int", "float", "decimal"}


@st.composite
def entity_rules(draw, e: EntitySpec, by_name: dict[str, EntitySpec]) -> None:
    """Composite unique / index groups, checks, ordering and options."""
    columns = [f.name for f in e.fields if f.category in ORDERABLE | {"id", "entity"}]
    columns += sorted(k for k in e.keys if k not in columns)
    if e.timestamps:
        columns += ["created_at", "updated_at"]
    if e.soft_delete:
        columns.append("deleted_at")
    if "id" not in columns:
        columns.append("id")
    for word in ("unique", "index"):
        if len(columns) >= 2 and draw(st.integers(0, 3)) == 0:
            group = draw(st.lists(st.sampled_from(columns), min_size=1, max_size=3, unique=True))
            e.rules.append(f"{word} ({', '.join(group)})")
    for _ in range(draw(st.integers(0, 2))):
        rule = draw(check_rule(e))
        if rule:
            e.rules.append(rule)
    if draw(st.integers(0, 2)) == 0:
        keys = draw(
            st.lists(st.sampled_from(_order_keys(e, by_name)), min_size=1, max_size=3, unique=True)
        )
        e.rules.append(
            "ordering " + ", ".join(("-" if draw(st.booleans()) else "") + k for k in keys)
        )
    if draw(st.integers(0, 3)) == 0:
        e.options.append(draw(pagination_option()))
    if draw(st.integers(0, 5)) == 0:
        e.options.append(f"cache {draw(st.sampled_from(['60s', '5m', '1h']))}")
    if draw(st.integers(0, 5)) == 0:
        table = draw(
            st.sampled_from(
                ["catalog_" + e.name.lower(), "t_" + e.name.lower(), e.name.lower(), "x" * 63]
            )
        )
        e.options.append(f"table {djs_string(table)}")
    if draw(st.integers(0, 5)) == 0:
        e.options.append(f"verbose_name {djs_string(draw(LABEL_TEXT))}")
    if draw(st.integers(0, 5)) == 0:
        e.options.append(f"plural {djs_string(draw(LABEL_TEXT))}")
    if draw(st.integers(0, 9)) == 0:
        e.rules.append("allow read: anyone")


def _user_keys(name: str, entities_fields: list[FieldSpec], relations) -> list[str]:
    keys = [f.name for f in entities_fields if f.category == "entity" and f.target == "User"]
    for r in relations:
        if r.source == name and r.target == "User" and r.kind in ("many_to_one", "one_to_one"):
            keys.append(r.source_end)
    return keys


def _lists(name: str, relations) -> list[tuple[str, str]]:
    """(list end of `name`, the entity listed) through a reverse key."""
    found = []
    for r in relations:
        if r.kind == "many_to_one" and r.target == name and r.target_end:
            found.append((r.target_end, r.source))
        elif r.kind == "one_to_many" and r.source == name and r.target != "User":
            found.append((r.source_end, r.target))
    return found


def _key_ends(e: EntitySpec, relations) -> list[tuple[str, str]]:
    """(key of `e`, the entity it points at), for entities of the spec."""
    found = [(f.name, f.target) for f in e.fields if f.category == "entity" and f.target]
    for r in relations:
        if r.source == e.name and r.kind in ("many_to_one", "one_to_one"):
            found.append((r.source_end, r.target))
        elif r.kind == "one_to_many" and r.target == e.name and r.target_end:
            found.append((r.target_end, r.source))
    return [(k, t) for k, t in found if t != "User"]


@st.composite
def access_rules(draw, e: EntitySpec, by_name: dict[str, EntitySpec], relations, roles: bool):
    """`allow` rules of every form the permission compiler takes: user terms, owner
    keys (`owner(x)`, `x == auth.user`), field tests, and `any(list, …)` through the
    row's own lists or a key's; a create rule never reads the new row's own lists."""
    fields = {name: x.fields for name, x in by_name.items()}
    row_terms = ["anyone", "authenticated", "nobody"]
    if roles:
        row_terms += ["role(editor)", "role(moderator)"]
    for key in _user_keys(e.name, e.fields, relations):
        row_terms += [f"owner({key})", f"{key} == auth.user", f"auth.user != {key}"]
    for f in e.fields:
        if f.category == "bool":
            row_terms += [f.name, f"not {f.name}"]
        elif f.category in ("int", "decimal") and not f.optional:
            row_terms.append(f"{f.name} >= 0")
    own_lists = []
    for end, listed in _lists(e.name, relations):
        for key in _user_keys(listed, fields.get(listed, []), relations):
            own_lists.append(f"any({end}, {key} == auth.user)")
    key_lists = []
    for name, target in _key_ends(e, relations):
        for end, listed in _lists(target, relations):
            for key in _user_keys(listed, fields.get(listed, []), relations):
                key_lists.append(f"any({name}.{end}, {key} == auth.user)")
    everything = row_terms + own_lists + key_lists
    for ops in (["read"], ["update", "delete"], ["create"]):
        if draw(st.booleans()):
            continue
        pool = everything if ops != ["create"] else row_terms + key_lists
        a, b = draw(st.sampled_from(pool)), draw(st.sampled_from(pool))
        shape = draw(st.sampled_from(["{a}", "{a} or {b}", "{a} and {b}", "not ({a})"]))
        e.rules.append(f"allow {', '.join(ops)}: " + shape.format(a=a, b=b))


def _order_keys(e: EntitySpec, by_name: dict[str, EntitySpec]) -> list[str]:
    keys = ["id"] + [f.name for f in e.fields if f.category in ORDERABLE]
    if e.timestamps:
        keys.append("created_at")
    for f in e.fields:
        target = by_name.get(f.target or "")
        if f.category == "entity":
            keys.append(f.name)
            if target is not None:
                keys += [f"{f.name}.{t.name}" for t in target.fields if t.category in ORDERABLE]
            elif f.target == "User":
                keys.append(f"{f.name}.username")
    return keys


@st.composite
def check_rule(draw, e: EntitySpec) -> str | None:
    numbers = [f for f in e.fields if f.category in NUMERIC]
    strings = [f for f in e.fields if f.category == "string"]
    bools = [f for f in e.fields if f.category == "bool"]
    choices = []
    if numbers:
        choices.append("number")
    if len(numbers) >= 2:
        choices.append("pair")
    if strings:
        choices.append("string")
    if bools:
        choices.append("bool")
    if not choices:
        return None
    kind = draw(st.sampled_from(choices))
    if kind == "number":
        f = draw(st.sampled_from(numbers))
        op = draw(st.sampled_from([">=", ">", "<=", "<", "==", "!="]))
        expr = f"{f.name} {op} {draw(st.integers(-5, 100))}"
        if f.optional:
            expr = f"{f.name} == null or {expr}"
    elif kind == "pair":
        a, b = draw(st.lists(st.sampled_from(numbers), min_size=2, max_size=2, unique_by=id))
        expr = f"{a.name} {draw(st.sampled_from(['<=', '<', '!=']))} {b.name}"
    elif kind == "string":
        f = draw(st.sampled_from(strings))
        expr = draw(
            st.sampled_from(
                [f'{f.name} != ""', f"{f.name} != {djs_string('x')}", f'not ({f.name} == "banned")']
            )
        )
    else:
        f = draw(st.sampled_from(bools))
        expr = draw(st.sampled_from([f"{f.name} == true", f"not ({f.name} == false)"]))
    if draw(st.booleans()):
        return f"check {expr} else {djs_string(draw(TEXT_VALUES))}"
    return f"check {expr}"
