"""Relation and modifier kinds are enums, so a misspelt kind fails loudly.

`RelationKind` and `ModifierKind` are StrEnums: their members equal the text the
parser keeps, so comparing with a member works wherever a string did, and a typo is
an AttributeError instead of a comparison that is silently never true.  The scans
below keep the bare strings from coming back.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from djsc.ir import nodes as ir
from djsc.pipeline import compile_source

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = (ROOT / "compiler", ROOT / "backends")
RELATION_TEXTS = frozenset(k.value for k in ir.RelationKind)
MODIFIER_TEXTS = frozenset(k.value for k in ir.ModifierKind)
LOWERED = {ir.ModifierKind.SET_ON_CREATE, ir.ModifierKind.SET_ON_UPDATE}
LOWERED |= {ir.ModifierKind.DELETED_MARKER}
# Bare kinds allowed in code: none.
ALLOWED: set[tuple[str, str]] = set()


def _sources():
    for directory in CODE_DIRS:
        for path in sorted(directory.rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)


def _text(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _texts(node: ast.AST) -> list[str]:
    """The string constants `node` is or (a tuple, list or set literal) holds."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [t for item in node.elts if (t := _text(item)) is not None]
    found = _text(node)
    return [found] if found is not None else []


def _about_modifiers(node: ast.AST) -> bool:
    """`m.kind`, `modifier.kind`, a local `kind`, or `….flags` (a FieldVM's kinds)."""
    if isinstance(node, ast.Name):
        return node.id == "kind"
    if isinstance(node, ast.Attribute):
        if node.attr == "flags":
            return True
        return (
            node.attr == "kind"
            and isinstance(node.value, ast.Name)
            and node.value.id
            in (
                "m",
                "modifier",
            )
        )
    return False


def _bare_modifier_kinds(tree: ast.AST) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in ("has", "modifier"):
                found += [t for arg in node.args for t in _texts(arg)]
            if isinstance(func, ast.Attribute) and func.attr == "Modifier":
                found += [t for kw in node.keywords if kw.arg == "kind" for t in _texts(kw.value)]
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_about_modifiers(side) for side in sides):
                found += [t for side in sides for t in _texts(side)]
    return [t for t in found if t in MODIFIER_TEXTS]


def test_modifier_kind_covers_the_grammar_rules():
    grammar = (ROOT / "grammar" / "djs.lark").read_text(encoding="utf-8")
    rules = set(re.findall(r"->\s*m_(\w+)", grammar))
    assert rules, "the grammar's modifier rules were not found"
    assert rules == MODIFIER_TEXTS - LOWERED


def test_the_parser_builds_a_modifier_for_each_rule():
    """Every `m_xxx` rule has a transformer method naming its enum member."""
    from djsc.syntax.to_ir import ToIR

    for kind in ir.ModifierKind:
        if kind not in LOWERED:
            assert hasattr(ToIR, f"m_{kind.value}"), kind


def test_no_relation_kind_is_written_as_a_bare_string():
    bare = [
        (rel, node.value)
        for rel, tree in _sources()
        if rel != "compiler/ir/nodes.py"  # where the enum spells them
        for node in ast.walk(tree)
        if _text(node) in RELATION_TEXTS
    ]
    assert bare == []


def test_no_modifier_kind_is_compared_as_a_bare_string():
    bare = [
        (rel, text)
        for rel, tree in _sources()
        for text in _bare_modifier_kinds(tree)
        if (rel, text) not in ALLOWED
    ]
    assert bare == []


def test_the_front_end_names_no_django_modifier():
    """Lowering's modifiers are neutral; only the Django backend says `auto_now`."""
    hits = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "compiler").rglob("*"))
        if path.is_file()
        and path.suffix != ".pyc"
        and "auto_now" in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert hits == []


def test_lowering_adds_neutral_modifiers():
    program = compile_source("entity Post { title: String  timestamps  soft_delete }").program
    post = program.entity("Post")
    kinds = {f.name.text: [m.kind for m in f.modifiers] for f in post.fields}
    assert ir.ModifierKind.SET_ON_CREATE in kinds["created_at"]
    assert kinds["updated_at"] == [ir.ModifierKind.SET_ON_UPDATE]
    assert kinds["deleted_at"] == [ir.ModifierKind.DELETED_MARKER]
    assert all(isinstance(k, ir.ModifierKind) for ks in kinds.values() for k in ks)


def test_a_misspelt_kind_fails_loudly():
    with pytest.raises(AttributeError):
        _ = ir.RelationKind.MANY_TO_MANNY  # type: ignore[attr-defined]
    assert ir.RelationKind.MANY_TO_MANY == "many_to_many"
    assert ir.ModifierKind.UNIQUE == "unique"
