"""One entity as every template sees it: model, API, admin and test facts."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from djsc.backends.django import naming
from djsc.backends.django.viewmodels import checks, sample_fit
from djsc.backends.django.viewmodels.field_samples import RANGED, TEXTUAL
from djsc.backends.django.viewmodels.fields import EnumVM, FieldVM, field_vm
from djsc.backends.django.viewmodels.paging import Pagination, pagination_of, total_ordering
from djsc.backends.django.viewmodels.relations import RelationVM
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir


@dataclass(frozen=True)
class CheckVM:
    name: str
    q: str
    message: str | None
    violation: checks.Violation | None


@dataclass
class EntityVM:
    name: str
    snake: str
    url: str  # "/api/posts/"
    basename: str
    doc: str
    fields: list[FieldVM]
    relations: list[RelationVM] = field(default_factory=list)
    ordering: list[str] = field(default_factory=list)  # Meta.ordering entries
    spec_ordering: list[str] = field(default_factory=list)  # the spec's `ordering`, as written
    indexes: list[str] = field(default_factory=list)  # models.Index(...) source
    constraints: list[str] = field(default_factory=list)
    checks: list[CheckVM] = field(default_factory=list)
    checked_fields: set[str] = field(default_factory=set)  # named by a `check`
    unique_groups: list[tuple[str, ...]] = field(default_factory=list)
    str_field: str | None = None
    soft_delete: bool = False
    pagination: Pagination | None = None
    inlines: list[RelationVM] = field(default_factory=list)  # owned children (cascade FKs)
    model_doc: str = ""  # the model's docstring (relations.model_docstring)
    untranslatable: list[ir.Expr] = field(default_factory=list)
    table: str | None = None  # the `table` option: Meta.db_table
    verbose_name: str | None = None  # the `verbose_name` option
    plural: str | None = None
    path: str | None = None  # the `path` option: the URL segment as written  # the `plural` option

    # ---------------------------------------------------------------- derived views

    @property
    def label(self) -> str:
        """`order line`: how the admin and the API docs name one row."""
        return self.verbose_name or naming.verbose(self.name)

    @property
    def plural_label(self) -> str:
        return self.plural or naming.plural(self.label)

    @property
    def a_label(self) -> str:
        """`an order line`: the verbose name with its indefinite article."""
        return naming.with_article(self.label)

    @property
    def meta_options(self) -> list[str]:
        """Meta lines for the naming options, only those the spec gives.

        A `verbose_name` alone also sets the plural: Django would append an `s`
        ("categorys") where the API docs say "categories".
        """
        out = []
        if self.table:
            out.append(f"db_table = {pyrepr(self.table)}")
        if self.verbose_name:
            out.append(f"verbose_name = {pyrepr(self.verbose_name)}")
        if self.plural or self.verbose_name:
            out.append(f"verbose_name_plural = {pyrepr(self.plural_label)}")
        return out

    @property
    def url_segment(self) -> str:
        return self.url.removeprefix("/api/").rstrip("/")

    @property
    def field_map(self) -> dict[str, FieldVM]:
        return {f.name: f for f in self.fields}

    @property
    def single(self) -> list[RelationVM]:
        """FK and O2O fields: nested on read, `select_related` in querysets."""
        return [r for r in self.relations if not r.many]

    @property
    def many(self) -> list[RelationVM]:
        return [r for r in self.relations if r.many]

    # ---------------------------------------------------------------- the primary key

    @property
    def shared_key(self) -> RelationVM | None:
        """The `one_to_one` end marked `{ primary }`: the row shares its target's key."""
        return next((r for r in self.relations if r.primary_key), None)

    @property
    def key_field(self) -> FieldVM | None:
        """The declared key field (`location_id: BigInt primary`, `id: UUID`)."""
        return next((f for f in self.fields if f.primary_key), None)

    @property
    def pk(self) -> str:
        """The key's model field: `id` unless the spec names another."""
        shared, declared = self.shared_key, self.key_field
        return shared.name if shared else declared.name if declared else "id"

    @property
    def pk_column(self) -> str:
        """The key as ordering and admin search name it: a shared key's column
        (`user_id`), as ordering by the relation would sort by the target's ordering."""
        shared = self.shared_key
        return f"{shared.name}_id" if shared else self.pk

    @property
    def pk_path(self) -> list[str]:
        """Where a row's key sits in the API's answer (`["user", "id"]` when shared)."""
        shared = self.shared_key
        return [shared.name, shared.target_key] if shared else [self.pk]

    def read_key(self, data: str) -> str:
        """Python source reading the key out of the API's answer `data`."""
        return data + "".join(f'["{name}"]' for name in self.pk_path)

    @property
    def create_only(self) -> list[str]:
        """Serializer fields taken on create and never changed: a new key would save
        a second row instead of changing this one."""
        declared, shared = self.key_field, self.shared_key
        found = [declared.name] if declared is not None and declared.writable else []
        return found + ([write_name(shared)] if shared else [])

    @property
    def own_fields(self) -> list[FieldVM]:
        """The fields besides a declared key, which the lists below name first anyway."""
        return [f for f in self.fields if not f.primary_key]

    @property
    def _key_first(self) -> list[str]:
        """The key leading the serializer's fields, unless a relation (shared) holds it."""
        return [] if self.shared_key else [self.pk]

    @property
    def read_only(self) -> list[str]:
        declared = self.key_field
        generated = declared is None or declared.read_only
        key = self._key_first if generated else []
        return key + [f.name for f in self.own_fields if f.read_only]

    @property
    def serializer_fields(self) -> list[str]:
        out = self._key_first + [f.name for f in self.own_fields]
        for r in self.relations:
            out.append(r.name)
            if r.writable:
                out.append(write_name(r))
        return out

    @property
    def search_fields(self) -> list[str]:
        return [
            f.name
            for f in self.fields
            if ir.ModifierKind.SEARCH in f.flags and f.category in TEXTUAL
        ]

    @property
    def filter_fields(self) -> list[FieldVM]:
        return [
            f
            for f in self.fields
            if ir.ModifierKind.FILTER in f.flags and f.category not in ("json", "file")
        ]

    def lookups(self, f: FieldVM) -> list[str]:
        """django-filter lookups of a `filter` field: ranges for ordered values (not for
        an enum or `choices`, whose numbers are codes), `isnull` where it can be null."""
        if f.category in RANGED and not f.is_choice:
            found = ["exact", "gte", "lte"]
        elif f.category == "bool":
            found = ["exact"]
        else:
            found = ["exact", "in"]
        return [*found, "isnull"] if f.optional else found

    @property
    def cursor(self) -> bool:
        return self.pagination is not None and self.pagination.kind == "cursor"

    @property
    def ordering_fields(self) -> list[FieldVM]:
        """`order` fields clients may sort by; cursor pages need non-null keys."""
        out = [
            f for f in self.own_fields if ir.ModifierKind.ORDER in f.flags and f.category != "json"
        ]
        return [f for f in out if not f.optional] if self.cursor else out

    @property
    def dropped_order_fields(self) -> list[FieldVM]:
        """`order` fields a cursor-paginated API cannot sort by: a null has no position."""
        if not self.cursor:
            return []
        return [
            f
            for f in self.fields
            if ir.ModifierKind.ORDER in f.flags and f.category != "json" and f.optional
        ]

    @property
    def cursor_ordering_blockers(self) -> list[str]:
        """Keys of the spec's `ordering` that cannot be cursor keys.

        A cursor records the first key's value of the last row, so every key must be a
        non-null column of this entity (not a relation or a path through one).
        """
        fmap = self.field_map
        found = []
        for key in self.spec_ordering:
            name = key.lstrip("-")
            f = fmap.get(name)
            if name not in (self.pk, self.pk_column, "pk") and (
                f is None or f.optional or f.category == "json"
            ):
                found.append(name)
        return found

    def sorts_uniquely(self, name: str) -> bool:
        """Whether no two rows share a value of `name` (null is never a cursor key)."""
        f = self.field_map.get(name)
        return f is not None and not f.optional and (f.unique or (name,) in self.unique_groups)

    @property
    def view_ordering(self) -> list[str]:
        """The list's default order: the spec's `ordering` and the primary key as the
        tie-breaker.

        Cursor pages use the spec's keys when every one can be a cursor key (otherwise,
        or with no `ordering` in the spec, the newest rows come first), and end them
        with the primary key in the first key's direction when no key is unique.
        """
        if not self.cursor:
            return self.ordering
        keys = [] if self.cursor_ordering_blockers else self.spec_ordering
        total = total_ordering(keys, self.pk_column, self.sorts_uniquely)
        return self.ordering if keys and total == keys else total

    @property
    def list_display(self) -> list[str]:
        shown = [f.name for f in self.own_fields if f.category not in ("text", "json", "file")]
        shown = shown[:5]
        ends = [r.name for r in self.single if r.name != self.pk][:2]
        return [self.pk, *shown, *ends]

    @property
    def list_filter(self) -> list[str]:
        # The admin has a calendar filter for dates, but would list every distinct
        # number of a numeric field as its own link: numbers stay the API's (ranges).
        calendar = {"date", "datetime"}
        return [
            f.name
            for f in self.fields
            if f.is_choice
            or f.category == "bool"
            or (ir.ModifierKind.FILTER in f.flags and f.category in calendar)
        ]

    @property
    def numbered(self) -> list[FieldVM]:
        """Fields `save()` numbers (`= sequence("PO-{:05}")`)."""
        return [f for f in self.fields if f.numbering is not None]

    @property
    def admin_search(self) -> list[str]:
        label = self.field_map.get(self.str_field or "")
        textual = label is not None and label.category in TEXTUAL
        found = self.search_fields or ([label.name] if textual else [])
        return found or [f"={self.pk_column}"]

    @property
    def str_code(self) -> str | None:
        """What `__str__` returns, as Python source over `self` (None: "Name #pk")."""
        label = self.field_map.get(self.str_field or "")
        if label is None:
            return None
        value = f"self.{label.name}"
        if label.category in TEXTUAL and label.enum is None and not label.optional:
            return value
        text = f"str({value})"
        if label.optional:
            return f'{text} if {value} is not None else f"{self.name} #{{self.pk}}"'
        return text

    @property
    def summary_fields(self) -> list[str]:
        return [self.pk] + (
            [self.str_field] if self.str_field and self.str_field != self.pk else []
        )


def write_name(rel: RelationVM) -> str:
    """The write-only primary-key field beside a nested relation."""
    return f"{rel.name}_ids" if rel.many else f"{rel.name}_id"


def _segment(entity: ir.Entity) -> str:
    """The URL segment: the `path` option as written, else the kebab-case plural."""
    path = _text_option(entity, "path")
    return path or naming.url_segment(entity.name.text, _text_option(entity, "plural"))


def _name_option(entity: ir.Entity, name: str) -> str | None:
    opt = entity.option(name)
    return opt.values[0].text if opt and opt.values else None


def _text_option(entity: ir.Entity, name: str) -> str | None:
    """A string option's text; blank counts as not given (Django would ignore it)."""
    opt = entity.option(name)
    text = opt.values[0].value.strip() if opt and opt.values else ""
    return text or None


def entity_vm(
    entity: ir.Entity,
    enums: dict[str, EnumVM],
    relations: list[RelationVM],
    app: str,
    default_pagination: Pagination,
) -> EntityVM:
    bounds: dict = {}
    for rule in entity.checks:
        for name, (low, high) in checks.numeric_bounds(rule.expr).items():
            old_low, old_high = bounds.get(name, (None, None))
            bounds[name] = (
                low if old_low is None or (low is not None and low > old_low) else old_low,
                high if old_high is None or (high is not None and high < old_high) else old_high,
            )
    soft = any(m.kind == ir.ModifierKind.DELETED_MARKER for f in entity.fields for m in f.modifiers)
    fields = [field_vm(f, enums, bounds, soft) for f in entity.fields]
    name = entity.name.text
    vm = EntityVM(
        name=name,
        snake=naming.snake(name),
        url=f"/api/{_segment(entity)}/",
        basename=naming.basename(name),
        doc=entity.doc.strip(),
        fields=fields,
        relations=relations,
        soft_delete=any(ir.ModifierKind.DELETED_MARKER in f.flags for f in fields),
        table=_text_option(entity, "table"),
        verbose_name=_text_option(entity, "verbose_name"),
        plural=_text_option(entity, "plural"),
        path=_text_option(entity, "path"),
    )
    # The label of a row (`__str__`, admin search, nested summaries): the first
    # required short text that is not an enum, whose value would read "pending" for
    # every order.
    # `display <field>` names it; the spec's checks made it one of the entity's fields.
    vm.str_field = _name_option(entity, "display") or next(
        (
            f.name
            # A text key labels rows only when nothing else can: a name reads better.
            for f in sorted(fields, key=lambda f: f.primary_key)
            if f.category in TEXTUAL - {"text"} and not f.optional and f.enum is None
        ),
        None,
    )
    own = {f.name for f in fields} | {r.name for r in relations}
    vm.spec_ordering = [
        ("-" if k.desc else "") + "__".join(i.text for i in k.path) for k in entity.ordering
    ]
    vm.ordering = list(vm.spec_ordering)
    if not any(o.lstrip("-") in (vm.pk, vm.pk_column, "pk") for o in vm.ordering):
        vm.ordering.append(vm.pk_column)  # a total order keeps page boundaries stable
    pag = (
        pagination_of(entity.options, default_pagination, name)
        if entity.option("pagination")
        else None
    )
    if pag is not None and pag.same_as(default_pagination):
        pag = None
    vm.pagination = pag or default_pagination
    _indexes(vm, entity, app, own)
    _constraints(vm, entity, app)
    return vm


def _indexes(vm: EntityVM, entity: ir.Entity, app: str, own: set[str]) -> None:
    single = [r.name for r in vm.single]
    wanted: list[tuple[str, ...]] = []
    for f in vm.fields:
        if ir.ModifierKind.INDEX in f.flags and not f.unique:
            wanted.append((f.name,))
    for g in entity.groups:
        if g.kind == "index":
            wanted.append(tuple(i.text for i in g.fields))
    seen = set()
    for cols in wanted:
        # ForeignKey columns are indexed by Django already.
        if cols in seen or (len(cols) == 1 and cols[0] in single) or not set(cols) <= own:
            continue
        seen.add(cols)
        cut = vm.snake if len(vm.snake) > 10 else ""
        idx = naming.short_name(app[:8], vm.snake[:10], *cols, suffix="idx", cut=cut)
        fields = ", ".join(f'"{c}"' for c in cols)
        vm.indexes.append(f'models.Index(fields=[{fields}], name="{idx}")')


# Soft-deleted rows keep their values but no longer hold them: uniqueness counts live rows.
LIVE = "models.Q(deleted_at__isnull=True)"


def _unique(vm: EntityVM, app: str, cols: tuple[str, ...]) -> str:
    cname = naming.short_name(app, vm.snake, *cols, suffix="uniq", limit=60)
    fields = ", ".join(f'"{c}"' for c in cols)
    live = ""
    if vm.soft_delete:
        # Django words a conditional constraint's violation generically and without the
        # "unique" code config/errors.py answers 409 for: give it both.
        names = " and ".join(naming.verbose(c) for c in cols)
        message = pyrepr(f"{naming.label(vm.label)} with this {names} already exists.")
        live = f', condition={LIVE}, violation_error_code="unique"'
        live += f", violation_error_message={message}"
    return f'models.UniqueConstraint(fields=[{fields}], name="{cname}"{live})'


def self_parents(vm: EntityVM) -> list[RelationVM]:
    """Keys from a row to another row of its entity (`Taxon.parent`): a tree, so a row
    is never its own parent (a check constraint) nor its own ancestor (the serializer)."""
    many_to_one = ir.RelationKind.MANY_TO_ONE
    return [r for r in vm.relations if r.kind == many_to_one and r.target == vm.name]


def _constraints(vm: EntityVM, entity: ir.Entity, app: str) -> None:
    for f in vm.fields:
        if vm.soft_delete and ir.ModifierKind.UNIQUE in f.flags and not f.primary_key:
            if f.numbering is None:
                vm.constraints.append(_unique(vm, app, (f.name,)))
    for r in self_parents(vm):
        cname = naming.short_name(app, vm.snake, r.name, "not_self", suffix="chk", limit=60)
        itself = f"`{r.name}` cannot be the {vm.label} itself"
        message = pyrepr(f"{naming.label(vm.a_label)}'s {itself}.")
        vm.constraints.append(
            f'models.CheckConstraint(condition=~models.Q({r.name}=models.F("{vm.pk_column}")), '
            f'name="{cname}", violation_error_message={message})'
        )
    for g in entity.groups:
        if g.kind == "unique":
            cols = tuple(i.text for i in g.fields)
            alone = vm.field_map.get(cols[0]) if len(cols) == 1 else None
            if alone is not None and alone.unique:
                continue  # `unique (x)` beside `x: … unique` says it twice: one rule
            vm.unique_groups.append(cols)
            vm.constraints.append(_unique(vm, app, cols))
    fmap = vm.field_map
    translated = []
    for number, rule in enumerate(entity.checks, start=1):
        try:
            q = checks.check_q(rule.expr, fmap)
        except checks.Untranslatable as exc:
            vm.untranslatable.append(exc.expr)
            continue
        translated.append(rule.expr)
        vm.checked_fields |= sample_fit.names_in(rule.expr)
        cname = naming.short_name(app, vm.snake, f"check{number}", suffix="chk", limit=60)
        vm.checks.append(CheckVM(cname, q, rule.message, checks.violation(rule.expr, fmap)))
        message = f", violation_error_message={pyrepr(rule.message)}" if rule.message else ""
        vm.constraints.append(f'models.CheckConstraint(condition={q}, name="{cname}"{message})')
    # Test data must keep the checks; rows breaking them prove the database refuses.
    found = sample_fit.fit(vm.fields, translated)
    vm.checks = [
        c if c.violation is not None else dataclasses.replace(c, violation=breaking)
        for c, breaking in zip(vm.checks, found, strict=True)
    ]
