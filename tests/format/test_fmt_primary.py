"""`primary` survives formatting: the field modifier and the value-less relation option."""

from __future__ import annotations

from djsc.format.printer import format_text
from djsc.ir import nodes as ir
from djsc.source import SourceFile
from djsc.syntax.parser import parse

SOURCE = """entity Warehouse {
  code: String(12) primary filter
}

entity Profile {
  bio: Text
}

relation one_to_one Profile.user -> User { primary  on_delete cascade }
"""


def test_primary_round_trips() -> None:
    once = format_text(SOURCE, "p.djs")
    assert once == SOURCE
    assert format_text(once, "p.djs") == once


def test_primary_option_has_no_value() -> None:
    result = parse(SourceFile("p.djs", SOURCE))
    relation = next(d for d in result.decls if isinstance(d, ir.Relation))
    primary = relation.option("primary")
    assert primary is not None and primary.values == () and primary.block is None
    assert relation.on_delete == "cascade"
