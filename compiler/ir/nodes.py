"""IR node classes.

The parser builds these directly (the surface syntax maps 1:1 onto them, so a separate
AST layer would only copy it); checks read them and lowering passes rewrite them with
`dataclasses.replace`.  Every node is frozen, holds tuples rather than lists, and
carries a span that takes no part in equality, so two programs that differ only in
layout compare equal.  Declarations keep their members in source order, which the
formatter needs; properties give typed views over them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from djsc.source import NO_SPAN, Span

__all__ = [
    "Node",
    "Ident",
    "Expr",
    "Literal",
    "Name",
    "Member",
    "Call",
    "Unary",
    "Binary",
    "ListExpr",
    "Conditional",
    "OptionValue",
    "Option",
    "Use",
    "App",
    "EnumMember",
    "Enum",
    "TypeRef",
    "Modifier",
    "Field",
    "Timestamps",
    "SoftDelete",
    "Permission",
    "Group",
    "CheckRule",
    "OrderKey",
    "Ordering",
    "Entity",
    "RelationEnd",
    "Relation",
    "InputBlock",
    "Require",
    "Assignment",
    "SetRule",
    "NamedArg",
    "Emit",
    "Command",
    "Event",
    "Where",
    "OrderRule",
    "Limit",
    "Query",
    "PathRule",
    "EventRef",
    "Broadcast",
    "Channel",
    "Program",
    "Decl",
    "path_of",
    "RelationKind",
    "ModifierKind",
    "RELATION_KINDS",
    "CRUD_OPS",
    "ENTITY_CHANGES",
]


class RelationKind(StrEnum):
    """The kinds a `relation` may have.  Members equal their text, so they compare
    directly with `Relation.kind.text`; a misspelt member is an AttributeError where a
    misspelt string would quietly never match."""

    ONE_TO_ONE = "one_to_one"
    MANY_TO_ONE = "many_to_one"
    ONE_TO_MANY = "one_to_many"
    MANY_TO_MANY = "many_to_many"


class ModifierKind(StrEnum):
    """`Modifier.kind`: the grammar's field modifiers (its `-> m_xxx` rules), then the
    ones lowering adds.  The lowered ones are neutral on purpose: each backend decides
    how to implement "set on create"."""

    UNIQUE = "unique"
    SEARCH = "search"
    FILTER = "filter"
    ORDER = "order"
    INDEX = "index"
    MIN = "min"
    MAX = "max"
    LENGTH = "length"
    PATTERN = "pattern"
    CHOICES = "choices"
    PRIMARY = "primary"
    WAS = "was"
    # added by lower_defaults, never written in a spec
    SET_ON_CREATE = "set_on_create"
    SET_ON_UPDATE = "set_on_update"
    DELETED_MARKER = "deleted_marker"


# Plain strings, for messages and suggestions.
RELATION_KINDS = tuple(k.value for k in RelationKind)
CRUD_OPS = ("read", "create", "update", "delete")
ENTITY_CHANGES = ("created", "updated", "deleted")


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Ident(Node):
    """An identifier as written, with its own span (for "defined here" labels)."""

    text: str

    def __str__(self) -> str:
        return self.text


# ---------------------------------------------------------------- expressions


@dataclass(frozen=True, slots=True, kw_only=True)
class Expr(Node):
    """Base of the small typed expression language (guards, effects, rules)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Literal(Expr):
    """`"text"`, `42`, `3.5`, `15m`; `kind` is string | number | duration.

    `text` is the literal as written, for the formatter and for messages; `value` is
    what it means: a string without its quotes and with its escapes decoded, which
    the parser does once so no consumer decodes again.  Other kinds mean their text.
    """

    kind: str
    text: str
    # Derived from `text`, so equality need not look at it.
    value: str = field(default=None, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        _settle_value(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Name(Expr):
    """A bare identifier: a field, an enum member, or a built-in like `self`."""

    name: Ident


@dataclass(frozen=True, slots=True, kw_only=True)
class Member(Expr):
    """`obj.name`: `author.user`, `input.at`, `auth.user`."""

    obj: Expr
    name: Ident


@dataclass(frozen=True, slots=True, kw_only=True)
class Call(Expr):
    """`now()`, `owner(author.user)`, `role(editor)`."""

    func: Ident
    args: tuple[Expr, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Unary(Expr):
    """`-x` or `not x`."""

    op: str
    operand: Expr


@dataclass(frozen=True, slots=True, kw_only=True)
class Binary(Expr):
    """`a op b` with op one of ?? or and == != < <= > >= in `not in` + - * / %."""

    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True, kw_only=True)
class ListExpr(Expr):
    """`[a, b, c]`, the right side of `in`."""

    items: tuple[Expr, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Conditional(Expr):
    """`if stock > 0 then available else sold_out`: both branches are evaluated lazily."""

    cond: Expr
    then: Expr
    otherwise: Expr


def path_of(expr: Expr) -> tuple[Ident, ...] | None:
    """`a.b.c` as identifiers, or None when `expr` is not a plain dotted path."""
    if isinstance(expr, Name):
        return (expr.name,)
    if isinstance(expr, Member):
        head = path_of(expr.obj)
        return None if head is None else (*head, expr.name)
    return None


# ---------------------------------------------------------------- options


@dataclass(frozen=True, slots=True, kw_only=True)
class OptionValue(Node):
    """One value of an option: kind is string | number | duration | rate | name.

    `text` and `value` as for `Literal`: a string's `value` is decoded by the parser.
    """

    kind: str
    text: str
    value: str = field(default=None, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        _settle_value(self)


def _settle_value(node: Literal | OptionValue) -> None:
    """Only a string's value differs from its text; that one the parser must give,
    as decoding belongs to the syntax, not to every place that builds a node."""
    if node.value is None:
        if node.kind == "string":
            raise ValueError(f"string {node.text} built without its decoded value")
        object.__setattr__(node, "value", node.text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Option(Node):
    """`name value, value { nested options }` in `app`, relation and entity bodies.

    auth jwt { access 15m  refresh 7d }
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
    """

    name: Ident
    values: tuple[OptionValue, ...] = ()
    block: tuple[Option, ...] | None = None

    def child(self, name: str) -> Option | None:
        for opt in self.block or ():
            if opt.name.text == name:
                return opt
        return None


def find_option(options: tuple[Option, ...], name: str) -> Option | None:
    for opt in options:
        if opt.name.text == name:
            return opt
    return None


# ---------------------------------------------------------------- declarations


@dataclass(frozen=True, slots=True, kw_only=True)
class Decl(Node):
    """A top-level declaration; `doc` holds its `///` comment, if any."""

    doc: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Use(Decl):
    """`use "common.djs"`: `path` is unquoted, relative to the using file."""

    path: str


@dataclass(frozen=True, slots=True, kw_only=True)
class App(Decl):
    name: Ident
    options: tuple[Option, ...] = ()

    def option(self, name: str) -> Option | None:
        return find_option(self.options, name)


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumMember(Node):
    """`draft` or `low = 1`."""

    name: Ident
    value: Literal | None = None
    doc: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Enum(Decl):
    name: Ident
    members: tuple[EnumMember, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeRef(Node):
    """`String(120)`, `Decimal(12, 2)`, `Text?`, `PostStatus`, `Post[]`."""

    name: Ident
    args: tuple[OptionValue, ...] = ()
    optional: bool = False
    many: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Modifier(Node):
    """A field modifier (see `ModifierKind`).  `args` holds the parenthesised
    expressions (`min(0)`), or for `was` a single `Name`."""

    kind: ModifierKind
    args: tuple[Expr, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Field(Node):
    """A typed attribute of an entity, an event payload or a command input.

    views: Int = 0 min(0)
    ^^^^^^^^^^^^^^^^^^^^^
    """

    name: Ident
    type: TypeRef
    default: Expr | None = None
    modifiers: tuple[Modifier, ...] = ()
    doc: str = ""

    @property
    def optional(self) -> bool:
        return self.type.optional

    def has(self, kind: ModifierKind) -> bool:
        for m in self.modifiers:  # a plain loop: this is among the hottest calls of a check
            if m.kind == kind:
                return True
        return False

    def modifier(self, kind: ModifierKind) -> Modifier | None:
        for m in self.modifiers:
            if m.kind == kind:
                return m
        return None

    @property
    def was(self) -> Ident | None:
        m = self.modifier(ModifierKind.WAS)
        if m is None:
            return None
        assert isinstance(m.args[0], Name)
        return m.args[0].name


@dataclass(frozen=True, slots=True, kw_only=True)
class Timestamps(Node):
    """`timestamps`: adds `created_at` and `updated_at`."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SoftDelete(Node):
    """`soft_delete`: deletes set `deleted_at` instead of removing the row."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Permission(Node):
    """`allow update, delete: owner(author) or role(editor)`; `ops` is empty in
    commands, queries and channels, where the rule guards the whole operation."""

    ops: tuple[Ident, ...] = ()
    expr: Expr


@dataclass(frozen=True, slots=True, kw_only=True)
class Group(Node):
    """`unique (a, b)` or `index (a, b)` at entity level; kind is unique | index."""

    kind: str
    fields: tuple[Ident, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckRule(Node):
    """`check views >= 0 else "views cannot be negative"` (a CheckConstraint)."""

    expr: Expr
    message: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderKey(Node):
    """`-published_at`: a field path, descending when `desc`."""

    path: tuple[Ident, ...]
    desc: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Ordering(Node):
    """`ordering -published_at, title`: the entity's default order."""

    keys: tuple[OrderKey, ...]


EntityMember = Field | Timestamps | SoftDelete | Permission | Group | CheckRule | Ordering | Option


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity(Decl):
    """`entity Post was Article sourced { … }`."""

    name: Ident
    was: Ident | None = None
    flags: tuple[Ident, ...] = ()
    members: tuple[EntityMember, ...] = ()

    # Typed views are asked for again and again by every pass; they are computed once
    # per (immutable) node.  Not a dataclass field: `replace` starts a fresh memo.
    _memo: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def _of(self, kind: type) -> tuple:
        found = self._memo.get(kind)
        if found is None:
            found = self._memo[kind] = tuple(m for m in self.members if isinstance(m, kind))
        return found

    @property
    def fields(self) -> tuple[Field, ...]:
        return self._of(Field)

    @property
    def permissions(self) -> tuple[Permission, ...]:
        return self._of(Permission)

    @property
    def groups(self) -> tuple[Group, ...]:
        return self._of(Group)

    @property
    def checks(self) -> tuple[CheckRule, ...]:
        return self._of(CheckRule)

    @property
    def options(self) -> tuple[Option, ...]:
        return self._of(Option)

    @property
    def ordering(self) -> tuple[OrderKey, ...]:
        found = self._of(Ordering)
        return found[0].keys if found else ()

    @property
    def timestamps(self) -> bool:
        return bool(self._of(Timestamps))

    @property
    def soft_delete(self) -> bool:
        return bool(self._of(SoftDelete))

    @property
    def sourced(self) -> bool:
        return any(f.text == "sourced" for f in self.flags)

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name.text == name:
                return f
        return None

    def option(self, name: str) -> Option | None:
        return find_option(self.options, name)


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationEnd(Node):
    """`Post.author?` (source) or `Author.posts` / `User` (target); `doc` holds the
    `///` comment on the line above the end, in a relation written over several lines."""

    entity: Ident
    field: Ident | None = None
    optional: bool = False
    doc: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Relation(Decl):
    """`relation many_to_one Post.author -> Author.posts { on_delete cascade }`.

    After lowering, `kind` is one of one_to_one, many_to_one, many_to_many (a
    one_to_many is flipped) and `implicit` marks relations made from a field typed
    with an entity (`owner: User`).  `doc` (the `///` above `relation`) documents
    both ends; an end's own `doc` takes its place for that end (`source_doc`).
    """

    kind: Ident
    source: RelationEnd
    target: RelationEnd
    options: tuple[Option, ...] = ()
    implicit: bool = False

    def option(self, name: str) -> Option | None:
        return find_option(self.options, name)

    @property
    def source_doc(self) -> str:
        """The source end's doc, or the whole relation's when the end has none."""
        return (self.source.doc or self.doc).strip()

    @property
    def target_doc(self) -> str:
        """The target end's doc, or the whole relation's when the end has none."""
        return (self.target.doc or self.doc).strip()

    @property
    def on_delete(self) -> str | None:
        opt = self.option("on_delete")
        return opt.values[0].value if opt and opt.values else None

    @property
    def was(self) -> str | None:
        """`{ was site }`: the old name of the end that holds the field."""
        opt = self.option("was")
        return opt.values[0].text if opt and opt.values else None

    @property
    def key_optional(self) -> bool:
        """The foreign key may be null: `?` on the end that holds it.  A `one_to_many`
        keeps its key on the target end (`-> Category.parent?`); its source end's `?`
        has meant the same since before the target could carry one."""
        if self.kind.text == RelationKind.ONE_TO_MANY:
            return self.source.optional or self.target.optional
        return self.source.optional

    @property
    def through(self) -> str | None:
        opt = self.option("through")
        return opt.values[0].value if opt and opt.values else None

    @property
    def through_links(self) -> tuple[str, str] | None:
        """`through X { links a, b }`: X's key to the source, then to the target."""
        opt = self.option("through")
        links = opt.child("links") if opt else None
        if links is None or len(links.values) != 2:
            return None
        return (links.values[0].text, links.values[1].text)


@dataclass(frozen=True, slots=True, kw_only=True)
class InputBlock(Node):
    """`input { at: DateTime? }`: the fields a command or query accepts."""

    fields: tuple[Field, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Require(Node):
    """`require status == draft else "only drafts can be published"`."""

    expr: Expr
    message: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Assignment(Node):
    """`published_at = input.at ?? now()` or `balance += amount`."""

    target: tuple[Ident, ...]
    op: str
    value: Expr


@dataclass(frozen=True, slots=True, kw_only=True)
class SetRule(Node):
    assignments: tuple[Assignment, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedArg(Node):
    name: Ident
    value: Expr


@dataclass(frozen=True, slots=True, kw_only=True)
class Emit(Node):
    """`emit PostPublished { post = self, at = published_at }`."""

    event: Ident
    args: tuple[NamedArg, ...] = ()


CommandItem = Permission | InputBlock | Require | SetRule | Emit


@dataclass(frozen=True, slots=True, kw_only=True)
class Command(Decl):
    """`command publish on Post { … }`; `many` for `on Order[]` (collection commands
    that create an instance)."""

    name: Ident
    entity: Ident
    many: bool = False
    items: tuple[CommandItem, ...] = ()

    def _of(self, kind: type) -> tuple:
        return tuple(i for i in self.items if isinstance(i, kind))

    @property
    def permission(self) -> Permission | None:
        found = self._of(Permission)
        return found[0] if found else None

    @property
    def inputs(self) -> tuple[Field, ...]:
        return tuple(f for block in self._of(InputBlock) for f in block.fields)

    @property
    def guards(self) -> tuple[Require, ...]:
        return self._of(Require)

    @property
    def effects(self) -> tuple[Assignment, ...]:
        return tuple(a for rule in self._of(SetRule) for a in rule.assignments)

    @property
    def emits(self) -> tuple[Emit, ...]:
        return self._of(Emit)


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Decl):
    """`event Deposited on Account { amount: Decimal(12, 2) } apply { balance += amount }`."""

    name: Ident
    entity: Ident | None = None
    fields: tuple[Field, ...] = ()
    apply: tuple[Assignment, ...] | None = None

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name.text == name:
                return f
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Where(Node):
    expr: Expr


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderRule(Node):
    keys: tuple[OrderKey, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Limit(Node):
    value: int


QueryItem = Permission | InputBlock | Where | OrderRule | Limit


@dataclass(frozen=True, slots=True, kw_only=True)
class Query(Decl):
    """`query recent_posts -> Post[] { where … order … allow … }`."""

    name: Ident
    entity: Ident
    many: bool = False
    items: tuple[QueryItem, ...] = ()

    def _of(self, kind: type) -> tuple:
        return tuple(i for i in self.items if isinstance(i, kind))

    @property
    def permission(self) -> Permission | None:
        found = self._of(Permission)
        return found[0] if found else None

    @property
    def inputs(self) -> tuple[Field, ...]:
        return tuple(f for block in self._of(InputBlock) for f in block.fields)

    @property
    def where(self) -> Expr | None:
        found = self._of(Where)
        return found[0].expr if found else None

    @property
    def order(self) -> tuple[OrderKey, ...]:
        found = self._of(OrderRule)
        return found[0].keys if found else ()

    @property
    def limit(self) -> int | None:
        found = self._of(Limit)
        return found[0].value if found else None


@dataclass(frozen=True, slots=True, kw_only=True)
class PathRule(Node):
    path: str


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRef(Node):
    """`PostPublished` (a declared event) or `Post.updated` (an entity change)."""

    entity: Ident | None
    name: Ident


@dataclass(frozen=True, slots=True, kw_only=True)
class Broadcast(Node):
    refs: tuple[EventRef, ...]


ChannelItem = Permission | PathRule | Broadcast


@dataclass(frozen=True, slots=True, kw_only=True)
class Channel(Decl):
    """`channel posts { path "/ws/posts/"  allow authenticated  broadcast … }`."""

    name: Ident
    items: tuple[ChannelItem, ...] = ()

    @property
    def path(self) -> str | None:
        found = [i for i in self.items if isinstance(i, PathRule)]
        return found[0].path if found else None

    @property
    def permission(self) -> Permission | None:
        found = [i for i in self.items if isinstance(i, Permission)]
        return found[0] if found else None

    @property
    def broadcasts(self) -> tuple[EventRef, ...]:
        return tuple(r for i in self.items if isinstance(i, Broadcast) for r in i.refs)


@dataclass(frozen=True, slots=True, kw_only=True)
class Program(Node):
    """Every declaration of a compilation (all `use`d files), in source order."""

    decls: tuple[Decl, ...] = ()

    # Typed views are asked for again and again by every pass; they are computed once
    # per (immutable) node.  Not a dataclass field: `replace` starts a fresh memo.
    _memo: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def _of(self, kind: type) -> tuple:
        found = self._memo.get(kind)
        if found is None:
            found = self._memo[kind] = tuple(m for m in self.decls if isinstance(m, kind))
        return found

    def _named(self, kind: type, name: str):
        table = self._memo.get((kind, "by-name"))
        if table is None:
            table = {}
            for decl in self._of(kind):
                table.setdefault(decl.name.text, decl)
            self._memo[(kind, "by-name")] = table
        return table.get(name)

    @property
    def app(self) -> App | None:
        found = self._of(App)
        return found[0] if found else None

    @property
    def uses(self) -> tuple[Use, ...]:
        return self._of(Use)

    @property
    def enums(self) -> tuple[Enum, ...]:
        return self._of(Enum)

    @property
    def entities(self) -> tuple[Entity, ...]:
        return self._of(Entity)

    @property
    def relations(self) -> tuple[Relation, ...]:
        return self._of(Relation)

    @property
    def commands(self) -> tuple[Command, ...]:
        return self._of(Command)

    @property
    def events(self) -> tuple[Event, ...]:
        return self._of(Event)

    @property
    def queries(self) -> tuple[Query, ...]:
        return self._of(Query)

    @property
    def channels(self) -> tuple[Channel, ...]:
        return self._of(Channel)

    def entity(self, name: str) -> Entity | None:
        return self._named(Entity, name)

    def enum(self, name: str) -> Enum | None:
        return self._named(Enum, name)

    def event(self, name: str) -> Event | None:
        return self._named(Event, name)
