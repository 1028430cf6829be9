"""Canonical `.djs` text from a parsed (un-lowered) program, comments included.

`format_source` is the whole formatter: parse, build the layout tree from the IR
(`build_units`), attach comments, render, then verify that the result parses to an
equal program with the same comments.  The layout rules are in
`djsc.format.layout`, the comment rules in `djsc.format.comments`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from djsc.diagnostics import codes
from djsc.diagnostics.model import Diagnostic
from djsc.format.comments import attach_comments, relation_end_docs
from djsc.format.layout import Block, OwnLine, Unit, Wrapped, comment_text, render_file
from djsc.ir import nodes as ir
from djsc.ir.exprs import expr_to_str
from djsc.source import SourceFile, Span
from djsc.syntax.parser import parse


@dataclass(frozen=True)
class Formatted:
    """The outcome for one file: `text` is None when it cannot be formatted, and
    `diagnostics` say why (syntax errors, or DJS0900 if the printer would have
    changed the program or lost a comment)."""

    text: str | None
    diagnostics: tuple[Diagnostic, ...] = ()


def format_source(source: SourceFile) -> Formatted:
    result = parse(source)
    if result.diagnostics:
        return Formatted(None, result.diagnostics)
    end_docs, comments = relation_end_docs(result.decls, result.comments, source)
    units = build_units(result.decls, end_docs)
    dangling = attach_comments(units, comments, source)
    text = render_file(units, dangling)
    problem = _verify(source, text, result.decls, result.comments)
    if problem:
        diag = codes.INTERNAL_ERROR.at(Span(source.path, 0, 0), reason=problem).with_help(
            "the file was left untouched; this is a bug in `djsc fmt`, please report it"
        )
        return Formatted(None, (diag,))
    return Formatted(text)


def format_text(text: str, path: str = "spec.djs") -> str:
    """Formatted `text`; raises ValueError when it cannot be formatted (tests, tools)."""
    out = format_source(SourceFile(path, text))
    if out.text is None:
        raise ValueError("; ".join(d.message for d in out.diagnostics))
    return out.text


def _verify(source, text: str, decls, comments) -> str | None:
    again = parse(SourceFile(source.path, text))
    if again.diagnostics:
        return "the formatted text does not parse: " + again.diagnostics[0].message
    if ir.Program(decls=tuple(again.decls)) != ir.Program(decls=tuple(decls)):
        return "formatting would change the meaning of the spec"
    if Counter(map(comment_text, again.comments)) != Counter(map(comment_text, comments)):
        return "formatting would lose or alter a comment"
    return None


# ---------------------------------------------------------------- text helpers


def quote(value: str) -> str:
    """A string literal whose unquoted value is `value`."""
    body = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + body.replace("\t", "\\t") + '"'


def _names(idents) -> str:
    return ", ".join(i.text for i in idents)


def _order_keys(keys: tuple[ir.OrderKey, ...]) -> str:
    return ", ".join(("-" if k.desc else "") + ".".join(p.text for p in k.path) for k in keys)


def _else(message: str | None) -> str:
    return "" if message is None else f" else {quote(message)}"


def _type(t: ir.TypeRef) -> str:
    args = f"({', '.join(a.text for a in t.args)})" if t.args else ""
    return f"{t.name.text}{args}{'?' if t.optional else ''}"


def _modifier(m: ir.Modifier) -> str:
    if m.kind == ir.ModifierKind.WAS:
        return f"was {expr_to_str(m.args[0])}"
    if m.args:
        return f"{m.kind}({', '.join(expr_to_str(a) for a in m.args)})"
    return m.kind


def _assignment(a: ir.Assignment) -> str:
    return f"{'.'.join(p.text for p in a.target)} {a.op} {expr_to_str(a.value)}"


def _leaf(node: ir.Node, text: str) -> Unit:
    return Unit(node.span.start, node.span.end, [text])


def _unit(node: ir.Node, *parts) -> Unit:
    return Unit(node.span.start, node.span.end, list(parts))


# ---------------------------------------------------------------- members


def field_unit(f: ir.Field) -> Unit:
    text = f"{f.name.text}: {_type(f.type)}"
    if f.default is not None:
        text += f" = {expr_to_str(f.default)}"
    for m in f.modifiers:
        text += " " + _modifier(m)
    return _leaf(f, text)


def option_unit(o: ir.Option) -> Unit:
    head = o.name.text
    if o.values:
        head += " " + ", ".join(v.text for v in o.values)
    if o.block is None:
        return _unit(o, head)
    return _unit(o, head, Block([option_unit(x) for x in o.block], compact="  "))


def permission_unit(p: ir.Permission, entity_level: bool) -> Unit:
    if entity_level:
        return _leaf(p, f"allow {_names(p.ops)}: {expr_to_str(p.expr)}")
    return _leaf(p, f"allow {expr_to_str(p.expr)}")


def input_unit(block: ir.InputBlock) -> Unit:
    return _unit(block, "input", Block([field_unit(f) for f in block.fields], compact="  "))


def _entity_member(m) -> Unit:
    if isinstance(m, ir.Field):
        return field_unit(m)
    if isinstance(m, ir.Timestamps):
        return _leaf(m, "timestamps")
    if isinstance(m, ir.SoftDelete):
        return _leaf(m, "soft_delete")
    if isinstance(m, ir.Permission):
        return permission_unit(m, entity_level=True)
    if isinstance(m, ir.Group):
        return _leaf(m, f"{m.kind} ({_names(m.fields)})")
    if isinstance(m, ir.CheckRule):
        return _leaf(m, f"check {expr_to_str(m.expr)}{_else(m.message)}")
    if isinstance(m, ir.Ordering):
        return _leaf(m, f"ordering {_order_keys(m.keys)}")
    if isinstance(m, ir.Option):
        return option_unit(m)
    raise TypeError(f"unknown entity member {m!r}")


def _item(m) -> Unit:
    """A member of a command, query or channel body."""
    if isinstance(m, ir.Permission):
        return permission_unit(m, entity_level=False)
    if isinstance(m, ir.InputBlock):
        return input_unit(m)
    if isinstance(m, ir.Require):
        return _leaf(m, f"require {expr_to_str(m.expr)}{_else(m.message)}")
    if isinstance(m, ir.SetRule):
        return _unit(m, Wrapped("set", [_assignment(a) for a in m.assignments]))
    if isinstance(m, ir.Emit):
        args = [_leaf(a, f"{a.name.text} = {expr_to_str(a.value)}") for a in m.args]
        if not args:
            return _leaf(m, f"emit {m.event.text}")
        return _unit(m, f"emit {m.event.text}", Block(args, compact=", ", suffix=","))
    if isinstance(m, ir.Where):
        return _leaf(m, f"where {expr_to_str(m.expr)}")
    if isinstance(m, ir.OrderRule):
        return _leaf(m, f"order {_order_keys(m.keys)}")
    if isinstance(m, ir.Limit):
        return _leaf(m, f"limit {m.value}")
    if isinstance(m, ir.PathRule):
        return _leaf(m, f"path {quote(m.path)}")
    if isinstance(m, ir.Broadcast):
        refs = (f"{r.entity.text}.{r.name.text}" if r.entity else r.name.text for r in m.refs)
        return _leaf(m, "broadcast " + ", ".join(refs))
    raise TypeError(f"unknown body item {m!r}")


# ---------------------------------------------------------------- declarations


def _body(units: list[Unit]) -> Block:
    return Block(units)


def decl_unit(d: ir.Decl, end_docs: dict[int, list] | None = None) -> Unit:
    if isinstance(d, ir.Use):
        return _leaf(d, f"use {quote(d.path)}")
    if isinstance(d, ir.App):
        return _unit(d, f"app {d.name.text}", _body([option_unit(o) for o in d.options]))
    if isinstance(d, ir.Enum):
        members = [
            _leaf(m, m.name.text + (f" = {m.value.text}" if m.value else "")) for m in d.members
        ]
        # Two spaces, no commas: the style of docs/language.md for one-line enums.
        return _unit(d, f"enum {d.name.text}", Block(members, compact="  "))
    if isinstance(d, ir.Entity):
        head = f"entity {d.name.text}"
        head += f" was {d.was.text}" if d.was else ""
        head += "".join(f" {f.text}" for f in d.flags)
        return _unit(d, head, _body([_entity_member(m) for m in d.members]))
    if isinstance(d, ir.Relation):
        return _relation_unit(d, end_docs or {})
    if isinstance(d, ir.Command):
        head = f"command {d.name.text} on {d.entity.text}{'[]' if d.many else ''}"
        return _unit(d, head, _body([_item(i) for i in d.items]))
    if isinstance(d, ir.Event):
        return _event_unit(d)
    if isinstance(d, ir.Query):
        head = f"query {d.name.text} -> {d.entity.text}{'[]' if d.many else ''}"
        return _unit(d, head, _body([_item(i) for i in d.items]))
    if isinstance(d, ir.Channel):
        return _unit(d, f"channel {d.name.text}", _body([_item(i) for i in d.items]))
    raise TypeError(f"unknown declaration {d!r}")


def _end(end: ir.RelationEnd) -> str:
    return end.entity.text + (f".{end.field.text}" if end.field else "") + "?" * end.optional


def _relation_unit(r: ir.Relation, end_docs: dict[int, list]) -> Unit:
    """One line, or, when an end has a `///` doc, each end on a line of its own
    under its doc (the target's line starts with `->`)."""
    head = f"relation {r.kind.text}"
    if r.source.doc or r.target.doc:
        parts: list = [
            head,
            OwnLine(_end(r.source), end_docs.get(r.source.span.start, [])),
            OwnLine(f"-> {_end(r.target)}", end_docs.get(r.target.span.start, [])),
        ]
    else:
        parts = [f"{head} {_end(r.source)} -> {_end(r.target)}"]
    if r.options:
        options = Block([option_unit(o) for o in r.options], compact="  ")
        options.opens_at = r.target.span.end
        parts.append(options)
    return _unit(r, *parts)


def _event_unit(e: ir.Event) -> Unit:
    head = f"event {e.name.text}" + (f" on {e.entity.text}" if e.entity else "")
    parts: list = [head, Block([field_unit(f) for f in e.fields], compact="  ")]
    if e.apply is not None:
        assigns = [_leaf(a, _assignment(a)) for a in e.apply]
        parts += [" apply", Block(assigns, compact=", ", keyword="apply")]
    return _unit(e, *parts)


def build_units(decls, end_docs: dict[int, list] | None = None) -> list[Unit]:
    """Layout units of `decls`; `end_docs` holds the doc comments of relation ends by
    the end's offset (`comments.relation_end_docs`)."""
    return [decl_unit(d, end_docs) for d in decls]
