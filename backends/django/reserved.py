"""Names a spec may not use because Django gives them a meaning.

Every .djs name becomes a Python identifier in the generated project (a model, a
field, a choices member, a query lookup), so a name that Django already defines on
the class it lands in would shadow it, and one its query syntax cannot address
would generate code that fails Django's system checks.  The language's own rules
(Python keywords, the fields `timestamps` adds) stay in the front end.
"""

from __future__ import annotations

import builtins
import sys


def _words(*groups: str) -> frozenset[str]:
    """The whitespace-separated words of `groups`: long tables, compactly."""
    return frozenset(word for group in groups for word in group.split())


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

# What a `soft_delete` entity's model adds: the manager that still sees deleted rows
# and the delete that really deletes.  Refused on every entity, so that adding
# `soft_delete` cannot turn a working spec into a refused one.
SOFT_DELETE_ATTRIBUTES: frozenset[str] = frozenset({"all_objects", "hard_delete"})

# Names the generated models.py binds at module level by defining them: a class
# attribute of that name shadows them for the lines of its class body below it
# (`objects = MIXINS.get(…)` would read the field).  What the generated modules
# import (`models`, `timezone`, `uuid`, validators, …) is not refused: a module whose
# class body would read a shadowed import imports it under another name
# (`shadowing.unshadow`).
MODULE_NAMES: frozenset[str] = frozenset({"MIXINS", "NoMixin", "NotDeletedManager"})

# `self` is the instance in every generated method and a keyword of Q() and of the
# model's constructor, so `Q(self=...)` is a TypeError.
INSTANCE_NAMES: frozenset[str] = frozenset({"self"})

# Names the bodies of the generated classes use after the fields they declare: the
# factories call `factory.SubFactory(…)`, the serializers `serializers.…Field(…)` and
# `UserSummarySerializer(…)`, the models `default=dict`.  A field of that name would
# replace them for the lines below it (with the spec's entity and enum names, and the
# classes derived from them, see `django_rules.class_body_names`).
CLASS_BODY_NAMES: frozenset[str] = frozenset(
    {"dict", "User", "UserSummarySerializer", "UserFactory"}
)

# ruff refuses `l`, `O` and `I` as names of variables, attributes and classes (E741,
# E742): they read like `1` and `0`.
AMBIGUOUS_NAMES: frozenset[str] = frozenset({"l", "O", "I"})
AMBIGUOUS_PROBLEM = "ruff refuses it in the generated code (E741): it reads like `1` or `0`"

# DRF validates a field `x` with the serializer's method `validate_x` when there is
# one, and every serializer inherits `validate_empty_values` from DRF's `Field`.
SERIALIZER_VALIDATED_NAMES: frozenset[str] = frozenset({"empty_values"})

# Methods the generated serializers define below the relations they declare (a
# relation `validate` would be replaced by the method, F811).
SERIALIZER_METHODS: frozenset[str] = frozenset({"validate"})

# Parameters of factory_boy's class methods that also take the row's fields as
# keywords (`_adjust_kwargs(cls, **kwargs)`, `_create(cls, model_class, …, **kwargs)`):
# a field of that name is "multiple values for argument" when a factory builds a row.
FACTORY_ARGUMENTS: frozenset[str] = frozenset({"cls", "model_class"})

# What factory_boy's `DjangoModelFactory` defines: every field is an attribute of the
# entity's factory, so a field `create` or `build` replaces the method the generated
# tests call (`PostFactory()` is `PostFactory.create()`).
FACTORY_ATTRIBUTES: frozenset[str] = _words(
    "AssociatedClassError UnknownStrategy UnsupportedStrategy Params build build_batch",
    "create create_batch generate generate_batch reset_sequence simple_generate",
    "simple_generate_batch stub stub_batch _adjust_kwargs _after_postgeneration _build",
    "_counter _create _generate _get_manager _get_or_create _is_protocol",
    "_load_model_class _meta _options_class _original_params _setup_next_sequence",
)

# Keyword arguments of Django's `Q()` itself: the `check` constraints and query filters
# the backend generates pass fields as keywords, so `Q(_connector=…)` is a ValueError.
Q_ARGUMENTS: frozenset[str] = frozenset({"_connector", "_negated"})

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

# What else Django's user model and the apps every project installs put on `User`: its
# methods and constants (a relation end would replace `is_authenticated` or
# `set_password` with a related manager), and the admin log's reverse relation
# (`logentry_set`, queried as `logentry`: fields.E304 / E305).
AUTH_USER_METHODS: frozenset[str] = _words(
    "EMAIL_FIELD REQUIRED_FIELDS USERNAME_FIELD acheck_password aget_all_permissions",
    "aget_group_permissions aget_user_permissions ahas_module_perms ahas_perm ahas_perms",
    "check_password email_user get_all_permissions get_email_field_name get_full_name",
    "get_group_permissions get_next_by_date_joined get_previous_by_date_joined",
    "get_session_auth_fallback_hash get_session_auth_hash get_short_name",
    "get_user_permissions get_username has_module_perms has_perm has_perms",
    "has_usable_password is_anonymous is_authenticated natural_key normalize_username",
    "set_password set_unusable_password username_validator",
)
AUTH_USER_RELATIONS: frozenset[str] = frozenset({"logentry", "logentry_set"})

# The attribute Django adds beside a foreign key `author`: `author_id`.
FOREIGN_KEY_COLUMN_SUFFIX = "_id"


# Classes, functions, modules and constants the generated app binds at module level in
# the modules that import the spec's entities and enums by name (models, serializers,
# views, filters, pagination, admin and the tests): an entity or enum of that name
# would replace one of them, or be replaced.  Python's builtins count too (see
# `type_name_problem`).  tests/backends/django/test_django_rules.py builds a project
# using every feature and fails when the generated code binds a name missing here.
GENERATED_MODULE_NAMES: frozenset[str] = _words(
    # models.py
    "models model_mixins settings timezone uuid datetime decimal Decimal MinValueValidator",
    "MaxValueValidator MinLengthValidator MaxLengthValidator RegexValidator NoMixin",
    "FileExtensionValidator MIXINS defined_in SoftDeleteQuerySet NotDeletedManager",
    # serializers.py and strict.py
    "copy serializers serializer_hooks api_settings DjangoValidationError User",
    "SERIALIZER_HOOKS keep_attrs EntitySerializer refuse_cycle FormBooleanField empty",
    "validate_constraints ProblemSerializer UserSummarySerializer get_user_model",
    "StrictModelSerializer ExactDecimalField UNIQUE_CODES BOOLEAN_TEXT INTEGER_TEXT",
    "NUMBER_TEXT JSON_TYPES TEXT_FIELDS TEXT_FORMS TYPE_NAMES child_of decimal_pattern",
    "first_error json_types type_error html math re ExactDurationField",
    "BLANK ExactTimeField ExactURLField URL_PATTERN CountingStream StrictMultiPartParser",
    "parse_header_parameters ParseError BeyondSchemaMax BeyondSchemaMin TEMPORAL_FIELDS",
    "beyond_schema validators SignedInUser",
    # permissions.py
    "Q ALL NONE ROLES Access FollowsRules check_create compare create_roles follow",
    "has_role is_user owned owned_within roles_of when within operator rules",
    # views.py, pagination.py, search.py
    "filters parsers permissions pagination DjangoFilterBackend DefaultPagination",
    "EntityHooks EntityViewSet documented",
    "CursorPagination StrictCursorPagination StrictLimitOffsetPagination",
    "StrictPageNumberPagination ValidationError DIGITS MAX_QUERY_INT bounded_parameters",
    "query_int FullTextSearchFilter CONFIG INDEXES INDEX_SUFFIX connections",
    "create_search_indexes search_vector FieldDoesNotExist total_ordering",
    "JSONParser bounded_id_lists LOOKUP_SEP NotFound ordering_field valid_position",
    "MAX_SEARCH_LENGTH",
    # filters.py
    "forms MAX_DB_INT BoundedIntegerField IntegerFilter MAX_UTC_OFFSET SafeFilterSet",
    "BoundedDateTimeField DateTimeFilter _INTEGER_FIELDS BOOLEANS BooleanFilter INTEGER",
    "NUMBER NumberFilter NumberTextField StrictBooleanField check_spelling",
    # views.py imports caching.py's mixin (caching.py itself imports no entity)
    "CachedReads cache",
    # admin.py, urls.py
    "admin views DefaultRouter router app_name urlpatterns DeletedFilter SoftDeleteAdmin",
    # tests/
    "pytest pytestmark factory transaction IntegrityError connection UserFactory",
    "APIClient Group actor client_of made signed_in snapshot",
    "CaptureQueriesContext QueryDict RequestFactory ErrorDetail PROBLEM_JSON error_codes",
    "errors ids matches operations schema server_error validate_schema validation_status",
    "file_encoding split_request_bodies UserInput GENERATOR_STATS call_command rows",
    "authentication STATS reverse",
    # tests/test_auth.py
    "base64 json jwt_settings USER_PASSWORD b64 bearer forged post refused tokens",
)

# What the generated code names after each entity `Post`: `PostSerializer`, `PostFilter`,
# … (`PostPagination` only with a `pagination` option, but the name stays reserved so
# that adding the option cannot break a spec), and `TestPostApi`, `post_payload`.
GENERATED_CLASS_SUFFIXES = (
    "Serializer",
    "SummarySerializer",
    "ViewSet",
    "Filter",
    "Admin",
    "Factory",
    "Pagination",
    "SoftDeleteQuerySet",
)

# The builtins Python code may use anywhere: a class of that name at module level would
# hide one the generated code calls (`getattr`, `type`, `str`, `Exception`, …).
BUILTIN_NAMES: frozenset[str] = frozenset(n for n in dir(builtins) if not n.startswith("_"))

# Top-level modules an app package must not hide: the project's root sits first on
# `sys.path`, so an app named `json` or `yaml` would be imported in place of the module
# (Python's own, or one of the project's dependencies).  The project's own packages
# (`config`, …) are renamed by `naming.app_name` instead.
DEPENDENCY_MODULES: frozenset[str] = _words(
    "django rest_framework django_filters dj_database_url psycopg psycopg_binary asgiref",
    "drf_spectacular drf_spectacular_sidecar sqlparse inflection jsonschema referencing",
    "jsonschema_specifications rpds attr attrs uritemplate yaml tzdata typing_extensions",
    "pytest _pytest pytest_django pluggy iniconfig packaging factory faker dateutil six",
    "coverage ruff setuptools pkg_resources pip corsheaders redis",
)
# App labels Django's and the project's other apps hold: labels must be unique.
INSTALLED_APP_LABELS: frozenset[str] = _words(
    "admin auth contenttypes sessions messages staticfiles rest_framework django_filters",
    "drf_spectacular drf_spectacular_sidecar corsheaders",
)
# PostgreSQL names hold at most 63 bytes (longer ones are cut, so two can become one):
# the app name is the default database's name and the prefix of every table, and a
# field's name is its column's (Django's models.E018 on PostgreSQL).
MAX_APP_NAME = 63
MAX_ATTRIBUTE_NAME = 63


def app_name_problem(label: str) -> str | None:
    """Why an app package and label `label` would break the project, or None."""
    if len(label) > MAX_APP_NAME:
        return f"longer than {MAX_APP_NAME} characters, the most a PostgreSQL name holds"
    if label in INSTALLED_APP_LABELS:
        return f"Django's `{label}` app has this label already"
    if label in sys.stdlib_module_names:
        return f"the app's package would hide Python's `{label}` module"
    if label in DEPENDENCY_MODULES:
        return f"the app's package would hide the `{label}` module the project depends on"
    return None


def model_name_problem(name: str) -> str | None:
    """Why Django refuses `name` as a model name (models.E023, E024), or None."""
    if "__" in name:
        return "`__` separates lookups in Django queries"
    if name.startswith("_") or name.endswith("_"):
        return "Django model names cannot start or end with `_`"
    return None


def type_name_problem(name: str) -> str | None:
    """Why an entity or enum may not be called `name` (a module-level class of the
    generated code), or None."""
    if name in AMBIGUOUS_NAMES:
        return AMBIGUOUS_PROBLEM
    if name in GENERATED_MODULE_NAMES:
        return f"the generated code defines `{name}` beside the models"
    if name in BUILTIN_NAMES:
        return f"it would hide Python's builtin `{name}` in the generated code"
    if name == "Meta":
        # A factory's or serializer's own `class Meta` comes before its fields, so
        # `Meta.DRAFT` in a field would read that inner class.
        return "the generated classes define an inner `Meta` that would hide it"
    return None


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
    if len(name) > MAX_ATTRIBUTE_NAME:
        return f"longer than {MAX_ATTRIBUTE_NAME} characters, the most a PostgreSQL column holds"
    if name in AMBIGUOUS_NAMES:
        return AMBIGUOUS_PROBLEM
    if name in MODEL_ATTRIBUTES:
        return "Django defines it on every model"
    if name in SOFT_DELETE_ATTRIBUTES:
        return "the models of `soft_delete` entities define it"
    if name in INSTANCE_NAMES:
        return "the generated methods and queries name the model instance so"
    if name in Q_ARGUMENTS:
        return "Django's `Q()` takes an argument of this name, so no query could use it"
    if name in MODULE_NAMES:
        return f"the generated models module defines `{name}`"
    if name in CLASS_BODY_NAMES:
        return f"the generated classes use `{name}` below their fields"
    if name in SERIALIZER_VALIDATED_NAMES:
        return f"DRF would validate it with its own `validate_{name}`"
    if name in SERIALIZER_METHODS:
        return f"the generated serializers define a method `{name}`"
    if name in FACTORY_ATTRIBUTES:
        return f"the generated factories inherit `{name}` from factory_boy"
    if name in FACTORY_ARGUMENTS:
        return f"factory_boy takes an argument `{name}` beside the fields of a row"
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
