"""A stable, indented text form of the IR (for `djsc dump-ir` and snapshots)."""

from __future__ import annotations

import dataclasses
from enum import Enum

from djsc.ir import nodes as ir
from djsc.ir.exprs import expr_to_str


def dump(node: ir.Node) -> str:
    lines: list[str] = []
    _dump(node, 0, lines)
    return "\n".join(lines) + "\n"


# Ident tuples that are dotted paths (`author.user`); every other one is a list.
_PATH_FIELDS = frozenset({"path", "target"})


def _scalar(value, name: str = "") -> str | None:
    if isinstance(value, ir.Ident):
        return value.text
    if isinstance(value, ir.Expr):
        return expr_to_str(value)
    if isinstance(value, ir.OptionValue):
        return value.text
    if isinstance(value, ir.TypeRef):
        args = f"({', '.join(a.text for a in value.args)})" if value.args else ""
        return f"{value.name.text}{args}{'[]' if value.many else ''}{'?' if value.optional else ''}"
    if isinstance(value, Enum):  # a StrEnum member dumps as the text it stands for
        return repr(value.value)
    if isinstance(value, (str, int, bool)) or value is None:
        return repr(value)
    if isinstance(value, tuple) and all(isinstance(v, ir.Ident) for v in value):
        if not value:
            return "()"
        return ("." if name in _PATH_FIELDS else ", ").join(v.text for v in value)
    return None


def _dump(node: ir.Node, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    header = [type(node).__name__]
    nested: list[tuple[str, object]] = []
    for f in dataclasses.fields(node):
        # What equality ignores (spans, memos, values derived from the text) is
        # noise in a dump that tests compare.
        if not f.compare:
            continue
        value = getattr(node, f.name)
        if value in ((), None, "", False) and f.name not in ("value",):
            continue
        text = _scalar(value, f.name)
        if text is not None:
            header.append(f"{f.name}={text}")
        else:
            nested.append((f.name, value))
    if node.span.synthetic:
        header.append("(synthetic)")
    lines.append(pad + " ".join(header))
    for name, value in nested:
        items = value if isinstance(value, tuple) else (value,)
        lines.append(f"{pad}  {name}:")
        for item in items:
            if isinstance(item, ir.Node):
                _dump(item, depth + 2, lines)
            else:
                lines.append(f"{pad}    {item!r}")
