"""String literals are decoded once, by the parser: the IR carries both the text as
written (`text`, for the formatter and messages) and its meaning (`value`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from djsc.format.printer import format_source
from djsc.ir import nodes as ir
from djsc.ir.walk import iter_nodes
from djsc.pipeline import compile_source
from djsc.source import SourceFile
from djsc.syntax.to_ir import decode_string

ROOT = Path(__file__).resolve().parents[2]

# Escaped quote and backslash, \n, \t, an escaped ordinary character, non-ASCII text.
RAW = r'"a \"quoted\" C:\\dir\nnext\tcol \q café ✓ 日本"'
DECODED = 'a "quoted" C:\\dir\nnext\tcol q café ✓ 日本'

SPEC = f"""
app Blog {{ title {RAW} }}
enum Level {{ low = {RAW}  high = "plain" }}
entity Post {{
  title: String pattern({RAW}) choices({RAW}, "x")
  views: Int = 0 min(-2)
  check title != {RAW} else "no"
}}
"""


def _literals(program: ir.Program) -> list[ir.Literal]:
    return [n for n in iter_nodes(program) if isinstance(n, ir.Literal)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('""', ""),
        ('"plain"', "plain"),
        (r'"\"\\"', '"\\'),
        (r'"line\nbreak\ttab"', "line\nbreak\ttab"),
        (r'"\é"', "é"),
        ('"üñí ✓"', "üñí ✓"),
        (RAW, DECODED),
    ],
)
def test_decode_string(text, value):
    assert decode_string(text) == value


def test_string_literals_carry_their_decoded_value():
    parsed = compile_source(SPEC).parsed
    strings = [lit for lit in _literals(parsed) if lit.text == RAW]
    # the enum value, the pattern, a choice and the check's operand
    assert len(strings) == 4
    assert all(lit.kind == "string" and lit.value == DECODED for lit in strings)


def test_option_values_carry_their_decoded_value():
    app = compile_source(SPEC).parsed.app
    (value,) = app.option("title").values
    assert (value.text, value.value) == (RAW, DECODED)


def test_other_literals_mean_their_text():
    parsed = compile_source(SPEC).parsed
    numbers = [lit for lit in _literals(parsed) if lit.kind == "number"]
    assert numbers and all(lit.value == lit.text for lit in numbers)
    on_delete = ir.OptionValue(kind="name", text="cascade")
    assert on_delete.value == "cascade"


def test_a_string_node_without_its_value_is_a_compiler_bug():
    with pytest.raises(ValueError, match="decoded value"):
        ir.Literal(kind="string", text='"x"')
    with pytest.raises(ValueError, match="decoded value"):
        ir.OptionValue(kind="string", text='"x"')


def test_the_formatter_keeps_the_text_as_written():
    formatted = format_source(SourceFile("spec.djs", SPEC)).text
    assert formatted is not None
    assert formatted.count(RAW) == 5


def test_nothing_after_the_parser_decodes_strings():
    """The decoder lives in the syntax package; nobody else calls an `unquote`."""
    callers = []
    for directory in (ROOT / "compiler", ROOT / "backends"):
        for path in sorted(directory.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                name = getattr(node, "attr", None) or getattr(node, "id", None)
                if name in ("unquote", "decode_string") and "syntax" not in path.parts:
                    callers.append(path.relative_to(ROOT).as_posix())
    assert callers == []
