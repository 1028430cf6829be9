"""Options of the `app` block, entities and relations: known keys, value shapes, conflicts.

Options share one generic grammar (`name value, value { nested }`), so what each may
hold is data here: a table of `Shape`s per place.  `on_delete` and `through` values
are only shape-checked; `check_relations` judges their meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from djsc.analysis.types import SCALAR_TYPES, USER_ENTITY, foreign_type
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.check_types import resolve_type
from djsc.passes.context import PassContext
from djsc.source import Span
from djsc.suggest import did_you_mean


@dataclass(frozen=True)
class Shape:
    """What one option may hold.

    `kind` is the value kind (string | number | duration | rate | name | bool) or None
    for options that take no values; `choices` limits names; `many` allows a list;
    `optional` allows the values to be left out; `block` lists nested options, which
    the `bare` choices (`pagination none`) have nothing to apply to.
    """

    kind: str | None = None
    choices: tuple[str, ...] = ()
    many: bool = False
    optional: bool = False
    block: dict[str, Shape] = field(default_factory=dict)
    expected: str = ""
    bare: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.expected:
            return self.expected
        if self.choices:
            return "one of " + ", ".join(f"`{c}`" for c in self.choices)
        return {
            "string": 'a string like `"text"`',
            "number": "a positive whole number",
            "duration": "a duration like `15m` or `7d`",
            "rate": "a rate like `100/hour`",
            "name": "a name",
            "bool": "`true` or `false`",
        }.get(self.kind or "", "no value")


_PAGE = {"size": Shape("number"), "max": Shape("number")}
# `none`: the list answers every row as one JSON array, so there is no page to size.
_PAGINATION = Shape("name", ("page", "offset", "cursor", "none"), block=_PAGE, bare=("none",))
FEATURES = ("graphql", "metrics", "tracing", "versioning", "celery")

APP_OPTIONS: dict[str, Shape] = {
    "title": Shape("string"),
    "description": Shape("string"),
    "version": Shape("string"),
    "database": Shape("name", ("sqlite", "postgres")),
    "auth": Shape(
        "name",
        ("jwt", "session", "none"),
        block={"access": Shape("duration"), "refresh": Shape("duration")},
        bare=("session", "none"),
    ),
    "pagination": _PAGINATION,
    "roles": Shape("name", many=True, expected="a list of role names like `editor, moderator`"),
    "cache": Shape(
        "name", ("none", "locmem", "redis"), block={"ttl": Shape("duration")}, bare=("none",)
    ),
    "cors": Shape(
        None,
        block={
            "origins": Shape(
                "string",
                many=True,
                expected='origins like `"https://app.example.com"`, or `"*"` alone',
            ),
            "credentials": Shape("bool"),
        },
    ),
    "throttle": Shape(None, block={"anon": Shape("rate"), "user": Shape("rate")}),
    "features": Shape(
        "name", FEATURES, many=True, expected="a list of " + ", ".join(f"`{f}`" for f in FEATURES)
    ),
}
ENTITY_OPTIONS: dict[str, Shape] = {
    "cache": Shape("duration"),
    "display": Shape("name", expected="the name of one of the entity's own fields"),
    "pagination": _PAGINATION,
    "table": Shape("string"),
    "verbose_name": Shape("string"),
    "plural": Shape("string"),
    "path": Shape("string", expected='a URL segment like `"points"`'),
}
RELATION_OPTIONS: dict[str, Shape] = {
    # `{ primary }`: the source's key is the target's (check_primary_keys).
    "primary": Shape(None),
    "on_delete": Shape("name", expected="a policy like `cascade` or `set_null`"),
    # The old name of the end that holds the field (the key, or a many_to_many's source).
    "was": Shape("name", expected="the old name of the relation's field"),
    "through": Shape(
        "name",
        expected="the name of an entity",
        block={
            "links": Shape(
                "name",
                many=True,
                expected="the through entity's key to the source, then its key to the target",
            )
        },
    ),
}


def check_options(program: ir.Program, ctx: PassContext) -> ir.Program:
    app = program.app
    app_pagination = ir.find_option(app.options, "pagination") if app else None
    for decl in program.decls:
        if isinstance(decl, ir.App):
            options_fit(decl.options, APP_OPTIONS, "the `app` block", ctx)
            cors_is_sound(decl, ctx)
        elif isinstance(decl, ir.Entity):
            where = f"entity `{decl.name.text}`"
            options_fit(decl.options, ENTITY_OPTIONS, where, ctx)
            display_names_a_field(decl, ctx)
            page_block_has_pages(decl, app_pagination, ctx)
        elif isinstance(decl, ir.Relation):
            where = f"the relation `{decl.source.entity.text}.{decl.source.field}`"
            options_fit(decl.options, RELATION_OPTIONS, where, ctx)
            on_delete_applies(decl, ctx)
    return program


def options_fit(
    options: tuple[ir.Option, ...], shapes: dict[str, Shape], where: str, ctx: PassContext
) -> None:
    """Every option is known, given once and shaped as its `Shape` says."""
    seen: dict[str, ir.Option] = {}
    for opt in options:
        name = opt.name.text
        shape = shapes.get(name)
        if shape is None:
            option_is_known(opt, shapes, where, ctx)
            continue
        first = seen.setdefault(name, opt)
        if first is not opt:
            ctx.report(
                codes.CONFLICTING_OPTIONS.at(
                    opt.name.span, "set again here", name=name, where=where
                )
                .with_label(first.name.span, "first set here")
                .with_help("keep one of the two")
            )
            continue
        values_fit(opt, shape, ctx)
        if opt.block is not None:
            bare = next((v for v in opt.values if v.text in shape.bare), None)
            if bare is not None:
                ctx.report(_block_after_bare(opt, shape, bare))
                continue
            if not shape.block:
                ctx.report(
                    codes.INVALID_OPTION_VALUE.at(
                        opt.span, "takes no `{ … }` block", name=name, expected=shape.describe()
                    )
                )
                continue
            options_fit(opt.block, shape.block, f"`{name}`", ctx)


def option_is_known(opt: ir.Option, shapes: dict[str, Shape], where: str, ctx: PassContext) -> None:
    """Reports an unknown option, spotting a field written without its colon."""
    name = opt.name.text
    diag = codes.UNKNOWN_OPTION.at(opt.name.span, "unknown option", name=name, where=where)
    value = opt.values[0] if len(opt.values) == 1 and opt.block is None else None
    if where.startswith("entity") and value is not None and _is_type(value, ctx):
        ctx.report(diag.with_help(f"a field needs a colon: `{name}: {value.text}`"))
        return
    if where.startswith("entity") and value is not None and value.kind == "name":
        builtin = foreign_type(value.text)
        if builtin is not None:
            ctx.report(
                diag.with_help(f"a field needs a colon and a .djs type: `{name}: {builtin}`")
            )
            return
    known = ", ".join(f"`{k}`" for k in shapes)
    ctx.report(diag.with_help(did_you_mean(name, shapes) or f"the options here are {known}"))


def _is_type(value: ir.OptionValue, ctx: PassContext) -> bool:
    text = value.text
    return value.kind == "name" and (
        text in SCALAR_TYPES
        or text == USER_ENTITY
        or ctx.analysis.enum(text) is not None
        or ctx.analysis.entity(text) is not None
    )


def _value_fits(value: ir.OptionValue, shape: Shape) -> bool:
    if shape.kind == "bool":
        return value.kind == "name" and value.text in ("true", "false")
    if value.kind != shape.kind:
        return False
    if shape.kind == "number":
        return value.text.isdigit() and int(value.text) > 0
    if shape.kind == "rate":  # the lexer admits only `N/period`; N must let a request through
        return int(value.text.partition("/")[0]) > 0
    return not shape.choices or value.text in shape.choices


def values_fit(opt: ir.Option, shape: Shape, ctx: PassContext) -> None:
    name = opt.name.text
    values = opt.values
    expected = shape.describe()
    if shape.kind is None:
        if values:
            span = Span(values[0].span.file, values[0].span.start, values[-1].span.end)
            label = "takes only a `{ … }` block"
            ctx.report(
                codes.INVALID_OPTION_VALUE.at(span, label, name=name, expected="a `{ … }` block")
            )
        return
    if not values:
        if opt.block is None and not shape.optional:
            ctx.report(
                codes.INVALID_OPTION_VALUE.at(
                    opt.span, "missing value", name=name, expected=expected
                )
            )
        return
    if len(values) > 1 and not shape.many:
        ctx.report(
            codes.INVALID_OPTION_VALUE.at(
                values[1].span, "only one value is allowed", name=name, expected=expected
            )
        )
        return
    for value in values:
        if _value_fits(value, shape):
            continue
        hint = did_you_mean(value.text, shape.choices) if shape.choices else None
        if shape.kind == "rate" and value.kind == "rate":
            period = value.text.partition("/")[2]
            hint = f"a rate of 0 refuses every request; allow at least one: `1/{period}`"
        ctx.report(
            codes.INVALID_OPTION_VALUE.at(
                value.span, "does not fit", name=name, expected=expected
            ).with_help(hint)
        )


def _block_span(opt: ir.Option, fallback: Span) -> Span:
    block = opt.block or ()
    return Span(block[0].span.file, block[0].span.start, block[-1].span.end) if block else fallback


def _block_after_bare(opt: ir.Option, shape: Shape, bare: ir.Expr):
    """DJS0602 for a block after a choice it means nothing to (`auth session { access
    5m }`: lifetimes are JWT's), which would otherwise be dropped silently."""
    if opt.name.text == "pagination":
        return _block_without_pages(opt, bare.span, "unpaginated here")
    other = next(c for c in shape.choices if c not in shape.bare)
    return (
        codes.INVALID_OPTION_VALUE.at(
            _block_span(opt, bare.span),
            "nothing here to apply to",
            name=opt.name.text,
            expected=f"no `{{ … }}` block after `{bare.text}`",
        )
        .with_label(bare.span, f"`{bare.text}` takes no settings")
        .with_help(f"remove the block, or write `{opt.name.text} {other} {{ … }}`")
    )


def _block_without_pages(opt: ir.Option, none: Span, label: str):
    """DJS0602 for `{ size … max … }` under `none`, which has no pages to size."""
    return (
        codes.INVALID_OPTION_VALUE.at(
            _block_span(opt, none),
            "no page to size: the list answers every row at once",
            name=opt.name.text,
            expected="no `{ … }` block after `none`",
        )
        .with_label(none, label)
        .with_help("remove the block, or page the list: `pagination page { size 20  max 100 }`")
    )


def page_block_has_pages(
    entity: ir.Entity, app_pagination: ir.Option | None, ctx: PassContext
) -> None:
    """`pagination { max 50 }` keeps the app's strategy: under `pagination none` it
    would size pages that do not exist."""
    opt = entity.option("pagination")
    if opt is None or opt.values or opt.block is None or app_pagination is None:
        return
    inherited = app_pagination.values[0] if app_pagination.values else None
    if inherited is None or inherited.text not in _PAGINATION.bare:
        return
    ctx.report(_block_without_pages(opt, inherited.span, "the app's lists are unpaginated here"))


# An origin as browsers send it: a scheme, `://`, a host and maybe a port; no path.
_ORIGIN = re.compile(r"[a-z][a-z0-9+.-]*://[^/\s?#@]+", re.IGNORECASE)


def _origin_help(text: str) -> str:
    if _ORIGIN.fullmatch(text.rstrip("/")):
        return f'an origin ends before any path: `"{text.rstrip("/")}"`'
    if "://" not in text:
        return f'an origin starts with its scheme: `"https://{text}"`'
    return "an origin is a scheme, a host and maybe a port, without a path"


def cors_is_sound(app: ir.App, ctx: PassContext) -> None:
    """`cors { origins … credentials … }`: real origins, and `*` only without credentials.

    Browsers refuse credentials for a wildcard origin, and a server that reflects any
    origin instead would hand every site the user's session: DJS0605.
    """
    cors = app.option("cors")
    if cors is None or cors.block is None:
        return
    origins = ir.find_option(cors.block, "origins")
    credentials = ir.find_option(cors.block, "credentials")
    values = [v for v in (origins.values if origins else ()) if v.kind == "string"]
    wildcard = next((v for v in values if v.value == "*"), None)
    expected = APP_OPTIONS["cors"].block["origins"].describe()
    if origins is None:
        ctx.report(
            codes.INVALID_OPTION_VALUE.at(
                cors.name.span, "no `origins`", name="cors", expected=expected
            ).with_help(
                'name the origins browsers may call from: `origins "https://app.example.com"`'
            )
        )
    for value in values:
        if value is wildcard or _ORIGIN.fullmatch(value.value):
            if value is wildcard and len(values) > 1:
                ctx.report(
                    codes.INVALID_OPTION_VALUE.at(
                        value.span, "allows every origin", name="origins", expected=expected
                    ).with_help('`"*"` already allows the origins listed beside it; keep one')
                )
            continue
        ctx.report(
            codes.INVALID_OPTION_VALUE.at(
                value.span, "not an origin", name="origins", expected=expected
            ).with_help(_origin_help(value.value))
        )
    sends = credentials is not None and [v.text for v in credentials.values] == ["true"]
    if wildcard is not None and sends:
        ctx.report(
            codes.CORS_WILDCARD_CREDENTIALS.at(wildcard.span, "every origin")
            .with_label(credentials.span, "with credentials")
            .with_note("any site could then make requests with the user's cookies")
            .with_help(
                'list the origins that may send credentials: `origins "https://app.example.com"`'
            )
        )


def on_delete_applies(rel: ir.Relation, ctx: PassContext) -> None:
    """A many-to-many has no foreign key whose deletion a policy could govern."""
    opt = rel.option("on_delete")
    if opt is None or rel.kind.text != ir.RelationKind.MANY_TO_MANY:
        return
    ctx.report(
        codes.UNKNOWN_OPTION.at(
            opt.name.span,
            "a `many_to_many` has no foreign key",
            name="on_delete",
            where="a `many_to_many` relation",
        ).with_help("rows of the join table are always deleted with either side; remove it")
    )


def display_names_a_field(entity: ir.Entity, ctx: PassContext) -> None:
    """`display title`: a stored value of the row itself, which labels it everywhere."""
    opt = entity.option("display")
    if opt is None or len(opt.values) != 1 or opt.values[0].kind != "name":
        return  # a badly shaped value is options_fit's
    value = opt.values[0]
    fields = {f.name.text: f for f in entity.fields}
    field = fields.get(value.text)
    if field is None:
        ctx.report(
            codes.UNKNOWN_FIELD.at(
                value.span, "not a field of this entity", owner=entity.name.text, name=value.text
            ).with_help(did_you_mean(value.text, fields) or "name one of the entity's fields")
        )
        return
    ftype = resolve_type(field.type.name.text, ctx)
    if ftype is not None and (ftype.entity or field.type.many):
        ctx.report(
            codes.INVALID_OPTION_VALUE.at(
                value.span,
                "a reference",
                name="display",
                expected=ENTITY_OPTIONS["display"].describe(),
            )
            .with_label(field.span, "declared here")
            .with_help("a row is labelled by one of its own values, such as a name or a number")
        )
