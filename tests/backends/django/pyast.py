"""Read emitted Python as a syntax tree, so feature tests assert what the code says,
not how it happens to be laid out (formatting, argument order, line breaks)."""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class CallView:
    """A call like `models.CharField(max_length=80, unique=True)`, as text."""

    func: str
    args: tuple[str, ...]
    kwargs: dict[str, str]


def view(node: ast.expr) -> CallView:
    assert isinstance(node, ast.Call), ast.unparse(node)
    return CallView(
        ast.unparse(node.func),
        tuple(ast.unparse(a) for a in node.args),
        {k.arg: ast.unparse(k.value) for k in node.keywords if k.arg},
    )


def classes(source: str) -> dict[str, ast.ClassDef]:
    return {n.name: n for n in ast.parse(source).body if isinstance(n, ast.ClassDef)}


def assignments(cls: ast.ClassDef) -> dict[str, ast.expr]:
    """`name = value` statements of a class body, by name."""
    found = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
            found[stmt.targets[0].id] = stmt.value
    return found


def fields(source: str, model: str) -> dict[str, CallView]:
    """The model's class attributes that are calls (fields, managers), as CallViews."""
    return {
        name: view(value)
        for name, value in assignments(classes(source)[model]).items()
        if isinstance(value, ast.Call)
    }


def meta(source: str, model: str) -> dict[str, ast.expr]:
    inner = {n.name: n for n in classes(source)[model].body if isinstance(n, ast.ClassDef)}
    return assignments(inner["Meta"])


def method(source: str, cls: str, name: str) -> str:
    """The source text of one method, normalised by `ast.unparse`."""
    for node in classes(source)[cls].body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.unparse(node)
    raise AssertionError(f"{cls}.{name} is not defined")
