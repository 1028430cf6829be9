"""Spec edits for the rebuild flow, derived from a spec's parsed IR instead of written by hand.

`plan_rename(paths)` picks the entity most referred to that has a `String`/`Text`
field whose every use can be told apart from same-named things (other entities'
fields, command inputs, event payloads), and says where each reference to both
names sits.  The edits are span replacements in the spec files, so a spec split
over `use`d files is edited in whichever file a reference is written.

A field reference is resolved by where it is written: a bare name inside the
entity, a command or query on it, or an `apply` of its events is its field; a
name after `input.` is a command input; a name after any other `x.` goes through
a relation this module does not follow, so a field used that way is not picked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from djsc.ir import nodes as ir
from djsc.pipeline import compile_files
from djsc.source import Span

TEXT_TYPES = ("String", "Text")
EXTRA_FIELD = "djsc_extra"


@dataclass(frozen=True)
class Edit:
    span: Span
    text: str


@dataclass(frozen=True)
class Rename:
    """Renaming `entity` to `new_entity` and its field `field` to `new_field`."""

    entity: str
    field: str
    new_entity: str
    new_field: str
    edits: tuple[Edit, ...]


def parsed(paths: list[Path]) -> ir.Program:
    compilation = compile_files([str(p) for p in paths])
    assert compilation.ok, [d.message for d in compilation.diagnostics]
    assert compilation.parsed is not None
    return compilation.parsed


def apply_edits(edits: list[Edit] | tuple[Edit, ...]) -> None:
    """Rewrite each file once, from its last edit to its first so spans stay valid."""
    by_file: dict[str, list[Edit]] = {}
    for edit in edits:
        by_file.setdefault(edit.span.file, []).append(edit)
    for file, file_edits in by_file.items():
        path = Path(file)
        text = path.read_text()
        for edit in sorted(file_edits, key=lambda e: e.span.start, reverse=True):
            text = text[: edit.span.start] + edit.text + text[edit.span.end :]
        path.write_text(text)


def entities(program: ir.Program) -> list[ir.Entity]:
    return [d for d in program.decls if isinstance(d, ir.Entity)]


def add_optional_field(program: ir.Program, entity: str) -> Edit:
    """`djsc_extra: String(40)?` after the entity's last field."""
    last = next(e for e in entities(program) if e.name.text == entity).fields[-1]
    at = Span(last.span.file, last.span.end, last.span.end)
    return Edit(at, f"\n  {EXTRA_FIELD}: String(40)?")


def plan_rename(program: ir.Program) -> Rename:
    counts = {e.name.text: 0 for e in entities(program)}
    for ident in idents(program):
        if ident.text in counts:
            counts[ident.text] += 1
    ranked = sorted(entities(program), key=lambda e: -counts[e.name.text])  # stable: spec order
    for entity in ranked:
        candidates = []
        for field in entity.fields:
            if field.type.name.text in TEXT_TYPES and field.was is None:
                if field.name.text != EXTRA_FIELD:
                    refs = field_references(program, entity.name.text, field.name.text)
                    if refs is not None:
                        candidates.append((field, refs))
        if candidates:
            # The most used field exercises the most reference updates.
            field, refs = max(candidates, key=lambda c: len(c[1]))
            return _rename(program, entity, field, refs)
    raise AssertionError("no entity has a String or Text field this test can rename")


def _rename(program: ir.Program, entity: ir.Entity, field: ir.Field, refs: list[Span]) -> Rename:
    old, new = entity.name.text, entity.name.text + "Renamed"
    # A prefix moves the field in sorted order, which Django alone mistook for a new model.
    new_field = "renamed_" + field.name.text
    header_end = entity.was.span.end if entity.was is not None else entity.name.span.end
    name = entity.name.span
    edits = [Edit(Span(name.file, name.start, header_end), f"{new} was {old}")]
    # `was` markers name what used to be, so they keep the old name.
    markers = {e.was.span for e in entities(program) if e.was is not None}
    for ident in idents(program):
        if ident.text == old and ident.span != name and ident.span not in markers:
            edits.append(Edit(ident.span, new))
    edits += [Edit(v.span, new) for v in option_values(program) if v.text == old]
    edits.append(Edit(field.name.span, new_field))
    edits.append(
        Edit(Span(field.span.file, field.span.end, field.span.end), f" was {field.name.text}")
    )
    edits += [Edit(span, new_field) for span in refs]
    return Rename(old, field.name.text, new, new_field, tuple(edits))


def _children(node: object) -> Iterator[object]:
    if isinstance(node, tuple):
        yield from node
    elif isinstance(node, ir.Node):
        for f in dataclasses.fields(node):
            if f.name != "span":
                yield getattr(node, f.name)


def idents(node: object) -> Iterator[ir.Ident]:
    """Every identifier written anywhere under `node`."""
    if isinstance(node, ir.Ident):
        yield node
        return
    for child in _children(node):
        yield from idents(child)


def option_values(node: object) -> Iterator[ir.OptionValue]:
    """Option values (`through OrderLine`): names that are not identifiers in the IR."""
    if isinstance(node, ir.OptionValue):
        yield node
        return
    for child in _children(node):
        yield from option_values(child)


def field_references(program: ir.Program, entity: str, field: str) -> list[Span] | None:
    """Where `entity.field` is used, or None when some use of the name is ambiguous."""
    refs = _FieldRefs(entity, field)
    refs.program(program)
    written = {i.span for i in idents(program) if i.text == field}
    return refs.refs if written <= refs.seen else None


class _FieldRefs:
    """Sorts every identifier spelled like the field into "is it" and "is not it"."""

    def __init__(self, entity: str, field: str) -> None:
        self.entity, self.field = entity, field
        self.refs: list[Span] = []
        self.seen: set[Span] = set()

    def mark(self, ident: ir.Ident, is_ref: bool) -> None:
        if ident.text == self.field:
            self.seen.add(ident.span)
            if is_ref:
                self.refs.append(ident.span)

    def unrelated(self, node: object) -> None:
        for ident in idents(node):
            self.mark(ident, False)

    def expr(self, expr: ir.Expr | None, owner: str | None, shadow: frozenset = frozenset()):
        mine = owner == self.entity
        if isinstance(expr, ir.Name):
            self.mark(expr.name, mine and expr.name.text not in shadow)
        elif isinstance(expr, ir.Member):
            self.expr(expr.obj, owner, shadow)
            if isinstance(expr.obj, ir.Name) and expr.obj.name.text == "input":
                self.mark(expr.name, False)
        elif isinstance(expr, ir.Call):
            self.mark(expr.func, False)
            for arg in expr.args:
                if expr.func.text == "role":
                    self.unrelated(arg)
                else:
                    self.expr(arg, owner, shadow)
        elif isinstance(expr, ir.Unary):
            self.expr(expr.operand, owner, shadow)
        elif isinstance(expr, ir.Binary):
            self.expr(expr.left, owner, shadow)
            self.expr(expr.right, owner, shadow)
        elif isinstance(expr, ir.ListExpr):
            for item in expr.items:
                self.expr(item, owner, shadow)

    def keys(self, keys: tuple[ir.OrderKey, ...], owner: str | None) -> None:
        for key in keys:
            self.mark(key.path[0], owner == self.entity)

    def assignment(self, a: ir.Assignment, owner: str | None, shadow: frozenset) -> None:
        self.mark(a.target[0], owner == self.entity)
        self.expr(a.value, owner, shadow)

    def declared(self, field: ir.Field, owner: str | None) -> None:
        """A field declaration: its name is its own; a default is an expression."""
        self.mark(field.name, False)
        self.unrelated(field.type)
        self.unrelated(field.modifiers)
        self.expr(field.default, owner)

    def program(self, program: ir.Program) -> None:
        for decl in program.decls:
            if isinstance(decl, ir.Entity):
                self.entity_decl(decl)
            elif isinstance(decl, ir.Event):
                self.event(decl)
            elif isinstance(decl, ir.Command | ir.Query):
                self.operation(decl)
            elif isinstance(decl, ir.Channel):
                self.channel(decl)
            elif isinstance(decl, ir.App | ir.Enum | ir.Relation | ir.Use):
                self.unrelated(decl)

    def entity_decl(self, entity: ir.Entity) -> None:
        owner = entity.name.text
        self.unrelated((entity.name, entity.was, entity.flags))
        for member in entity.members:
            if isinstance(member, ir.Field):
                self.declared(member, owner)
            elif isinstance(member, ir.Permission):
                self.unrelated(member.ops)
                self.expr(member.expr, owner)
            elif isinstance(member, ir.Group):
                for ident in member.fields:
                    self.mark(ident, owner == self.entity)
            elif isinstance(member, ir.CheckRule):
                self.expr(member.expr, owner)
            elif isinstance(member, ir.Ordering):
                self.keys(member.keys, owner)
            elif isinstance(member, ir.Option):
                self.unrelated(member)

    def event(self, event: ir.Event) -> None:
        owner = event.entity.text if event.entity else None
        self.unrelated((event.name, event.entity))
        for field in event.fields:
            self.declared(field, None)
        payload = frozenset(f.name.text for f in event.fields)  # it shadows the entity's
        for assignment in event.apply or ():
            self.assignment(assignment, owner, payload)

    def operation(self, decl: ir.Command | ir.Query) -> None:
        owner = decl.entity.text
        self.unrelated((decl.name, decl.entity))
        for item in decl.items:
            if isinstance(item, ir.InputBlock):
                for field in item.fields:
                    self.declared(field, None)
            elif isinstance(item, ir.Permission | ir.Require | ir.Where):
                self.expr(item.expr, owner)
            elif isinstance(item, ir.SetRule):
                for assignment in item.assignments:
                    self.assignment(assignment, owner, frozenset())
            elif isinstance(item, ir.Emit):
                self.mark(item.event, False)
                for arg in item.args:
                    self.mark(arg.name, False)  # the event's payload field
                    self.expr(arg.value, owner)
            elif isinstance(item, ir.OrderRule):
                self.keys(item.keys, owner)

    def channel(self, channel: ir.Channel) -> None:
        self.mark(channel.name, False)
        for item in channel.items:
            if isinstance(item, ir.Broadcast):
                self.unrelated(item)
            elif isinstance(item, ir.Permission):
                self.expr(item.expr, None)
