"""The language surface: every construct the checks accept, as stable string keys.

`accepted()` derives the keys from the tables that define the language (the option
`Shape` tables, the entity flags, the grammar's modifier rules, the IR node catalogue,
the scalar types, the built-in functions), so nothing is kept twice by hand.
`uses(program)` finds each key a program actually uses, with the span to point at.

Backends name the keys they consume; whatever a backend neither consumes nor
reports is a construct dropped silently, which the coverage test forbids.

    app.auth=jwt            an `app` option with a choice value
    app.pagination.max      an option nested in an option's block
    entity.option.table     an entity option
    entity.flag.sourced     an entity flag
    entity.allow            an `allow` rule written in an entity
    field.modifier.unique   a field modifier
    relation.kind.many_to_many, relation.option.through
    decl.command            a declaration kind
    expr.binary, expr.call.count, type.Decimal
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from djsc.analysis.expr_calls import FUNCTIONS
from djsc.analysis.types import SCALAR_TYPES
from djsc.ir import nodes as ir
from djsc.ir.walk import iter_nodes
from djsc.source import Span

# Entity members other than fields and options, by the key they are known under.
_MEMBERS: dict[type, str] = {
    ir.Timestamps: "entity.timestamps",
    ir.SoftDelete: "entity.soft_delete",
    ir.Permission: "entity.allow",
    ir.CheckRule: "entity.check",
    ir.Ordering: "entity.ordering",
}


def _option_keys(prefix: str, shapes: dict) -> Iterator[str]:
    for name, shape in shapes.items():
        yield f"{prefix}.{name}"
        for choice in shape.choices:
            yield f"{prefix}.{name}={choice}"
        yield from _option_keys(f"{prefix}.{name}", shape.block)


def _grammar_modifiers() -> tuple[str, ...]:
    from importlib.resources import files

    text = files("djsc.grammar").joinpath("djs.lark").read_text(encoding="utf-8")
    return tuple(sorted(set(re.findall(r"->\s*m_(\w+)", text))))


def _subclasses(base: type) -> Iterator[type]:
    for cls in base.__subclasses__():
        yield cls
        yield from _subclasses(cls)


@functools.cache
def accepted() -> frozenset[str]:
    """Every key of the language the checks accept."""
    from djsc.passes.check_options import APP_OPTIONS, ENTITY_OPTIONS, RELATION_OPTIONS
    from djsc.passes.check_types import ENTITY_FLAGS

    keys: set[str] = set()
    keys |= set(_option_keys("app", APP_OPTIONS))
    keys |= set(_option_keys("entity.option", ENTITY_OPTIONS))
    keys |= set(_option_keys("relation.option", RELATION_OPTIONS))
    keys |= {f"entity.flag.{f}" for f in ENTITY_FLAGS}
    keys |= {f"field.modifier.{m}" for m in _grammar_modifiers()}
    keys |= {"field.default", "entity.unique", "entity.index"}
    keys |= set(_MEMBERS.values())
    keys |= {f"relation.kind.{k}" for k in ir.RELATION_KINDS}
    keys |= {f"decl.{cls.__name__.lower()}" for cls in _subclasses(ir.Decl)}
    keys |= {f"expr.{cls.__name__.lower()}" for cls in _subclasses(ir.Expr)}
    keys |= {f"expr.call.{name}" for name in FUNCTIONS}
    keys |= {f"type.{name}" for name in SCALAR_TYPES}
    return frozenset(keys)


def uses(program: ir.Program) -> Iterator[tuple[str, Span]]:
    """(key, span) for every use of a surface key in `program`, in source order."""
    from djsc.passes.check_options import APP_OPTIONS, RELATION_OPTIONS

    for decl in program.decls:
        yield f"decl.{type(decl).__name__.lower()}", _name_span(decl)
        if isinstance(decl, ir.App):
            yield from _options("app", decl.options, APP_OPTIONS)
        elif isinstance(decl, ir.Entity):
            yield from _entity(decl)
        elif isinstance(decl, ir.Relation):
            yield f"relation.kind.{decl.kind.text}", decl.kind.span
            yield from _options("relation.option", decl.options, RELATION_OPTIONS)
        if not isinstance(decl, ir.App | ir.Relation):
            yield from _expressions(decl)


def _name_span(decl: ir.Decl) -> Span:
    name = getattr(decl, "name", None)
    return name.span if isinstance(name, ir.Ident) else decl.span


def _options(
    prefix: str, options: tuple[ir.Option, ...], shapes: dict
) -> Iterator[tuple[str, Span]]:
    for opt in options:
        key = f"{prefix}.{opt.name.text}"
        yield key, opt.name.span
        shape = shapes.get(opt.name.text)
        if shape is None:
            continue
        # Only a choice is a construct (`auth jwt`); other names are data (`roles a`).
        for value in opt.values:
            if value.kind == "name" and value.text in shape.choices:
                yield f"{key}={value.text}", value.span
        if opt.block:
            yield from _options(key, opt.block, shape.block)


def _entity(entity: ir.Entity) -> Iterator[tuple[str, Span]]:
    for flag in entity.flags:
        yield f"entity.flag.{flag.text}", flag.span
    for member in entity.members:
        if member.span.synthetic:
            continue  # made by lowering from what the author wrote (`timestamps`)
        if isinstance(member, ir.Field):
            yield from _field(member)
        elif isinstance(member, ir.Group):
            yield f"entity.{member.kind}", member.span
        elif type(member) in _MEMBERS:
            yield _MEMBERS[type(member)], member.span
    from djsc.passes.check_options import ENTITY_OPTIONS

    yield from _options("entity.option", entity.options, ENTITY_OPTIONS)


def _field(f: ir.Field) -> Iterator[tuple[str, Span]]:
    if f.type.name.text in SCALAR_TYPES:
        yield f"type.{f.type.name.text}", f.type.name.span
    if f.default is not None:
        yield "field.default", f.default.span
    for m in f.modifiers:
        yield f"field.modifier.{m.kind}", m.span


def _expressions(decl: ir.Decl) -> Iterator[tuple[str, Span]]:
    for node in iter_nodes(decl):
        if isinstance(node, ir.Expr):
            yield f"expr.{type(node).__name__.lower()}", node.span
            if isinstance(node, ir.Call):
                yield f"expr.call.{node.func.text}", node.span
