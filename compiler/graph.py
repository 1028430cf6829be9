"""`djsc graph SPEC`: the entity-relationship diagram of a spec, as Mermaid or DOT.

Drawn from the lowered program.  A field typed with an entity (`owner: User`) is an
edge, not an attribute: lowering turns it into an implicit many_to_one relation,
and when it has not (a program lowered by an older pipeline, or un-lowered IR) the
field itself is drawn as that edge.  The built-in `User` appears only when
something points at it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from djsc.analysis.types import USER_ENTITY
from djsc.ir import nodes as ir

# Crow's-foot ends for Mermaid: (source side, target side); the source side says
# how many sources one target has, the target side how many targets one source has.
_MERMAID_ENDS = {
    ir.RelationKind.ONE_TO_ONE: ("||", "||"),
    ir.RelationKind.MANY_TO_ONE: ("}o", "||"),
    ir.RelationKind.ONE_TO_MANY: ("||", "o{"),
    ir.RelationKind.MANY_TO_MANY: ("}o", "o{"),
}
_OPTIONAL_TARGET = {"||": "o|", "o|": "o|", "o{": "o{"}
_DOT_CARDINALITY = {
    ir.RelationKind.ONE_TO_ONE: "1:1",
    ir.RelationKind.MANY_TO_ONE: "N:1",
    ir.RelationKind.ONE_TO_MANY: "1:N",
    ir.RelationKind.MANY_TO_MANY: "N:M",
}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    optional: bool
    label: str


@dataclass(frozen=True)
class Attribute:
    name: str
    type: str  # base type name, e.g. `Decimal`
    detail: str  # as written, e.g. `Decimal(12, 2)?`
    unique: bool


def cmd_graph(args) -> int:
    from djsc.cli import EXIT_OK, report
    from djsc.pipeline import compile_files

    compilation = compile_files([args.spec])
    status = report(compilation, args)  # warnings are shown but do not stop the diagram
    if status != EXIT_OK:
        return status
    program = compilation.program
    if args.graph_format == "dot":
        sys.stdout.write(to_dot(program))
    else:
        sys.stdout.write(to_mermaid(program))
    return EXIT_OK


def edges_of(program: ir.Program) -> list[Edge]:
    """Declared and implicit relations, plus entity-typed fields not yet lowered."""
    edges: list[Edge] = []
    seen: set[tuple[str, str]] = set()
    for rel in program.relations:
        field = rel.source.field.text if rel.source.field else ""
        label = field if rel.target.field is None else f"{field} / {rel.target.field.text}"
        source, target = rel.source.entity.text, rel.target.entity.text
        edges.append(Edge(source, target, rel.kind.text, rel.source.optional, label))
        seen.add((rel.source.entity.text, field))
    targets = _entity_names(program)
    for entity in program.entities:
        for f in entity.fields:
            if f.type.name.text in targets and (entity.name.text, f.name.text) not in seen:
                target = f.type.name.text
                edge = Edge(
                    entity.name.text, target, ir.RelationKind.MANY_TO_ONE, f.optional, f.name.text
                )
                edges.append(edge)
    return edges


def _entity_names(program: ir.Program) -> set[str]:
    return {e.name.text for e in program.entities} | {USER_ENTITY}


def attributes_of(entity: ir.Entity, targets: set[str]) -> list[Attribute]:
    out = []
    for f in entity.fields:
        if f.type.name.text in targets:
            continue
        args = f"({', '.join(a.text for a in f.type.args)})" if f.type.args else ""
        detail = f"{f.type.name.text}{args}{'?' if f.type.optional else ''}"
        out.append(Attribute(f.name.text, f.type.name.text, detail, f.has(ir.ModifierKind.UNIQUE)))
    return out


def _nodes(program: ir.Program, edges: list[Edge]) -> list[tuple[str, list[Attribute]]]:
    """Entities in source order, then `User` if referenced and not declared."""
    targets = _entity_names(program)
    nodes = [(e.name.text, attributes_of(e, targets)) for e in program.entities]
    declared = {name for name, _ in nodes}
    used = {e.source for e in edges} | {e.target for e in edges}
    if USER_ENTITY in used and USER_ENTITY not in declared:
        nodes.append((USER_ENTITY, []))
    return nodes


def to_mermaid(program: ir.Program) -> str:
    edges = edges_of(program)
    lines = ["erDiagram"]
    for name, attrs in _nodes(program, edges):
        if not attrs:
            lines.append(f"  {name}")
            continue
        lines.append(f"  {name} {{")
        for a in attrs:
            key = " UK" if a.unique else ""
            note = f' "{a.detail}"' if a.detail != a.type else ""
            lines.append(f"    {_mermaid_word(a.type)} {a.name}{key}{note}")
        lines.append("  }")
    for e in edges:
        left, right = _MERMAID_ENDS.get(e.kind, ("}o", "o{"))
        if e.optional:
            right = _OPTIONAL_TARGET[right]
        lines.append(f'  {e.source} {left}--{right} {e.target} : "{e.label}"')
    return "\n".join(lines) + "\n"


def _mermaid_word(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in text)


def _dot_escape(text: str) -> str:
    for ch in '\\{}|<>"':
        text = text.replace(ch, "\\" + ch)
    return text


def to_dot(program: ir.Program) -> str:
    edges = edges_of(program)
    lines = [
        "digraph entities {",
        "  rankdir=LR;",
        '  node [shape=record, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for name, attrs in _nodes(program, edges):
        rows = "".join(
            _dot_escape(f"{a.name}: {a.detail}{' unique' if a.unique else ''}") + "\\l"
            for a in attrs
        )
        label = f"{{{_dot_escape(name)}|{rows}}}" if rows else f"{{{_dot_escape(name)}}}"
        lines.append(f'  "{name}" [label="{label}"];')
    for e in edges:
        card = _DOT_CARDINALITY.get(e.kind, e.kind)
        optional = ", optional" if e.optional else ""
        label = f"{e.label} ({card}{optional})"
        lines.append(f'  "{e.source}" -> "{e.target}" [label="{label}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
