"""Imports a class attribute would shadow, renamed in the generated module.

A class body looks names up in the class first: once a model declares a field
`timezone`, a later `default=timezone.now` in the same body reads the field, not
Django's module.  Rather than refusing every field named like an import of the
generated code, `unshadow` finds the imports some class body reads after one of its
own attributes took the name, imports them as `timezone_` (a trailing `_`, which no
field, relation end or enum member may have) and renames the module's uses of them.
A module without such a clash comes back unchanged.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def unshadow(source: str) -> str:
    """`source` with the imports its class bodies would shadow imported under aliases."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source  # not Python the backend can read: ruff will say why
    imported = _imported_names(tree)
    shadowed = sorted(set(_shadowed(tree, set(imported))))
    if not shadowed:
        return source
    taken = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | set(imported)
    aliases = {name: _alias(name, taken) for name in shadowed}
    edits: list[tuple[int, int, int, str, str]] = []
    for name, alias in aliases.items():
        for node in _global_loads(tree, name):
            edits.append((node.lineno, node.col_offset, node.end_col_offset, name, alias))
        for node in imported[name]:
            text = f"{node.name} as {node.asname}" if node.asname else node.name
            edit = (node.lineno, node.col_offset, node.end_col_offset, text)
            edits.append((*edit, f"{node.name} as {alias}"))
    return _apply(source, edits)


def _imported_names(tree: ast.Module) -> dict[str, list[ast.alias]]:
    """Module-level names bound by an import (`import uuid`, `from x import y as z`),
    with the aliases that bind them."""
    found: dict[str, list[ast.alias]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Import | ast.ImportFrom):
            for alias in stmt.names:
                bound = alias.asname or alias.name
                if "." not in bound and bound != "*":
                    found.setdefault(bound, []).append(alias)
    return found


def _shadowed(tree: ast.Module, imported: set[str]) -> Iterator[str]:
    """The imported names a class body reads after assigning an attribute of that name."""
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        assigned: set[str] = set()
        for stmt in cls.body:
            yield from (n for n in _class_scope_loads(stmt) if n in assigned & imported)
            assigned |= _targets(stmt)


def _targets(stmt: ast.stmt) -> set[str]:
    if isinstance(stmt, ast.Assign):
        nodes = [n for t in stmt.targets for n in ast.walk(t)]
    elif isinstance(stmt, ast.AnnAssign | ast.AugAssign):
        nodes = [stmt.target]
    elif isinstance(stmt, _SCOPES):
        return {stmt.name}
    else:
        return set()
    return {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _class_scope_loads(node: ast.AST) -> Iterator[str]:
    """Names read in the class's own scope: not inside a nested function or class body
    (their decorators, defaults and bases are read in the class scope)."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        yield node.id
        return
    if isinstance(node, _SCOPES):
        outer: list[ast.AST] = []
        if not isinstance(node, ast.Lambda):
            outer += node.decorator_list
        if isinstance(node, ast.ClassDef):
            outer += [*node.bases, *node.keywords]
        else:
            outer += [*node.args.defaults, *filter(None, node.args.kw_defaults)]
        for child in outer:
            yield from _class_scope_loads(child)
        return
    for child in ast.iter_child_nodes(node):
        yield from _class_scope_loads(child)


def _global_loads(tree: ast.Module, name: str) -> Iterator[ast.Name]:
    """Every read of `name` that means the module's binding: everywhere but in the
    functions that bind a local of that name."""

    def visit(node: ast.AST, local: bool) -> Iterator[ast.Name]:
        if isinstance(node, ast.Name) and node.id == name and not local:
            if isinstance(node.ctx, ast.Load):
                yield node
            return
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            # decorators and defaults are read where the function is defined
            outer = [*node.args.defaults, *filter(None, node.args.kw_defaults)]
            if not isinstance(node, ast.Lambda):
                outer += [*node.decorator_list, *filter(None, [node.returns])]
            for child in outer:
                yield from visit(child, local)
            inner = local or name in _locals(node)
            for child in [node.body] if isinstance(node, ast.Lambda) else node.body:
                yield from visit(child, inner)
            return
        if isinstance(node, _COMPREHENSIONS):
            local = local or any(
                isinstance(n, ast.Name) and n.id == name
                for g in node.generators
                for n in ast.walk(g.target)
            )
        for child in ast.iter_child_nodes(node):
            yield from visit(child, local)

    yield from visit(tree, False)


def _locals(fn: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> set[str]:
    args = fn.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    found = {a.arg for a in params if a is not None}
    body = [fn.body] if isinstance(fn, ast.Lambda) else fn.body
    todo: list[ast.AST] = list(body)
    while todo:  # the function's own scope: not its comprehensions and nested defs
        node = todo.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(node.id)
        elif isinstance(node, _SCOPES):
            found.add(getattr(node, "name", ""))
        elif not isinstance(node, _COMPREHENSIONS):
            todo.extend(ast.iter_child_nodes(node))
    return found


def _alias(name: str, taken: set[str]) -> str:
    for alias in (f"{name}_", f"{name}_module", *(f"{name}_module{i}" for i in range(2, 99))):
        if alias not in taken:
            taken.add(alias)
            return alias
    raise AssertionError(f"no free alias for {name}")


def _apply(source: str, edits: list[tuple[int, int, int, str, str]]) -> str:
    """Replace the text at each (line, start, end) (UTF-8 byte columns, as `ast` counts
    them), which must read `old`, with `new`."""
    lines = source.splitlines(keepends=True)
    for lineno, start, end, old, new in sorted(set(edits), reverse=True):
        raw = lines[lineno - 1].encode("utf-8")
        if raw[start:end].decode("utf-8") != old:
            raise AssertionError(f"line {lineno}: expected {old!r} at {start}")
        lines[lineno - 1] = (raw[:start] + new.encode("utf-8") + raw[end:]).decode("utf-8")
    return "".join(lines)
