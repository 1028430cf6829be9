"""Test support for the Django backend: compile a spec and emit its tree in memory.

`lowered(text)` returns the program in the lowered shape the backend consumes.
While the lowering passes are still placeholders it applies the lowering
contract itself (entity-typed fields → implicit relations, one_to_many flipped,
on_delete defaults, timestamps / soft_delete as fields, indexes for filter and
order fields); every step is skipped when the pipeline already did it, so the
helper becomes a no-op once the real passes land.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from djsc.analysis.types import SCALAR_TYPES
from djsc.backends.base import EmitContext, EmitOptions
from djsc.backends.django import BACKEND
from djsc.ir import nodes as ir
from djsc.pipeline import compile_source

K = ir.ModifierKind


class SpecError(AssertionError):
    pass


def lowered(text: str, path: str = "spec.djs") -> ir.Program:
    compilation = compile_source(text, path)
    errors = [d for d in compilation.diagnostics.sorted() if d.is_error]
    if errors:
        raise SpecError("; ".join(f"{d.code} {d.message}" for d in errors))
    return apply_contract(compilation.program)


def emit_tree(text: str, spec: str = "spec.djs", project: str | None = None):
    """{path: EmittedFile} for `text`, plus the diagnostics the features reported."""
    program = lowered(text, spec)
    compilation = compile_source(text, spec)
    stem = Path(spec).stem
    ctx = EmitContext(
        program=program,
        diagnostics=compilation.diagnostics,
        spec_name=spec,
        project=project or stem,
        # These tests read what is emitted; DJS0804 has tests of its own.
        options=EmitOptions(allow_unenforced_access=True),
    )
    ctx.bind(BACKEND.features)
    files = {}
    for feature in BACKEND.features:
        ctx.current = feature.name
        feature.check(program, ctx)
    for feature in BACKEND.features:
        ctx.current = feature.name
        for f in feature.emit(feature.prepare(program), ctx):
            assert str(f.path) not in files, f"two features emit {f.path}"
            files[str(f.path)] = f
        ctx.finished(feature.name)
    return files, ctx.diagnostics


def write_tree(files, root: Path, ruff: str | None = None) -> None:
    """Write the tree, then `ruff format` it as the build does."""
    for rel, f in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f.content, encoding="utf-8")
    ruff = ruff or str(Path(sys.executable).with_name("ruff"))
    subprocess.run(
        [ruff, "format", "--quiet", "--no-cache", str(root)], check=True, timeout=120, cwd=root
    )


# --------------------------------------------------------------------- contract


def _ident(text: str) -> ir.Ident:
    return ir.Ident(text=text)


def _option(name: str, value: str) -> ir.Option:
    return ir.Option(name=_ident(name), values=(ir.OptionValue(kind="name", text=value),))


def _with_on_delete(rel: ir.Relation) -> ir.Relation:
    if rel.kind.text == "many_to_many" or rel.option("on_delete"):
        return rel
    default = "set_null" if rel.source.optional else "protect"
    return dataclasses.replace(rel, options=(*rel.options, _option("on_delete", default)))


def apply_contract(program: ir.Program) -> ir.Program:
    entity_names = {e.name.text for e in program.entities} | {"User"}
    decls: list[ir.Decl] = []
    implicit: list[ir.Relation] = []
    for decl in program.decls:
        if isinstance(decl, ir.Entity):
            decl, made = _lower_entity(decl, entity_names)
            implicit += made
        elif isinstance(decl, ir.Relation):
            decl = _flip(decl)
            decl = _with_on_delete(decl)
        decls.append(decl)
    decls += [_with_on_delete(r) for r in implicit]
    return dataclasses.replace(program, decls=tuple(decls))


def _flip(rel: ir.Relation) -> ir.Relation:
    if rel.kind.text != "one_to_many" or rel.target.field is None:
        return rel
    source = ir.RelationEnd(entity=rel.target.entity, field=rel.target.field, optional=True)
    target = ir.RelationEnd(entity=rel.source.entity, field=rel.source.field)
    return dataclasses.replace(rel, kind=_ident("many_to_one"), source=source, target=target)


def _field(name: str, optional: bool, *mods: str) -> ir.Field:
    return ir.Field(
        name=_ident(name),
        type=ir.TypeRef(name=_ident("DateTime"), optional=optional),
        modifiers=tuple(ir.Modifier(kind=m) for m in mods),
    )


def _lower_entity(entity: ir.Entity, entity_names: set[str]):
    members: list = []
    made: list[ir.Relation] = []
    for m in entity.members:
        if isinstance(m, ir.Field) and m.type.name.text not in SCALAR_TYPES:
            if m.type.name.text in entity_names and not m.type.many:
                made.append(
                    ir.Relation(
                        kind=_ident("many_to_one"),
                        source=ir.RelationEnd(
                            entity=entity.name, field=m.name, optional=m.type.optional
                        ),
                        target=ir.RelationEnd(entity=m.type.name),
                        implicit=True,
                        doc=m.doc,
                    )
                )
                continue
        if isinstance(m, ir.Field) and (m.has(K.FILTER) or m.has(K.ORDER)) and not m.has(K.INDEX):
            m = dataclasses.replace(m, modifiers=(*m.modifiers, ir.Modifier(kind=K.INDEX)))
        members.append(m)
    names = {m.name.text for m in members if isinstance(m, ir.Field)}
    if entity.timestamps and "created_at" not in names:
        members.append(_field("created_at", False, K.SET_ON_CREATE, K.ORDER))
        members.append(_field("updated_at", False, K.SET_ON_UPDATE))
    if entity.soft_delete and "deleted_at" not in names:
        members.append(_field("deleted_at", True, K.DELETED_MARKER))
    return dataclasses.replace(entity, members=tuple(members)), made


# ----------------------------------------------------------------- end to end

BIN = Path(sys.executable).parent


def run_in(out: Path, args: list[str], timeout: float = 300) -> str:
    """Run a command in a generated project on its test settings and SQLite; it must pass."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", PATH=f"{BIN}:{env.get('PATH', '')}")
    done = subprocess.run(args, cwd=out, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def build_and_gate(text: str, tmp_path: Path, name: str = "spec") -> Path:
    """Build `text` with the CLI, then the gates every generated project passes:
    ruff, `manage.py check`, no missing migration, and the project's own tests."""
    spec = tmp_path / f"{name}.djs"
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    djsc = [str(BIN / "djsc"), "build", str(spec), "-o", str(out)]
    run_in(tmp_path, djsc)
    python = sys.executable
    run_in(out, [str(BIN / "ruff"), "check", "--no-cache", "."])
    run_in(out, [python, "manage.py", "check", "--fail-level", "WARNING"])
    run_in(out, [python, "manage.py", "makemigrations", "--check", "--dry-run"])
    report = run_in(out, [python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], timeout=600)
    assert " passed" in report and "failed" not in report
    return out


def e2e_services():
    """tests/e2e/services.py: the PostgreSQL helpers (skip or fail when it is away)."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "e2e" / "services.py"
    name = "djsc_e2e_services_for_backend"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def passes_on_postgres(out: Path) -> None:
    """Migrate a generated project on a fresh PostgreSQL database and run its tests there."""
    s = e2e_services()
    with s.fresh_database("djsc_be") as name:
        env = s.project_env("test", f"{s.POSTGRES_URL}/{name}")
        s.manage(out, "migrate", "--noinput", env=env)
        args = [s.PYTHON, "-m", "pytest", "-q", "--create-db", "-p", "no:cacheprovider"]
        done = s.run(args, out, env, timeout=600)
        assert " passed" in done.stdout and " failed" not in done.stdout
