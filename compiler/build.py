"""`djsc build SPEC -o DIR`: compile, emit, plan against the folder, write safely.

Nothing is written unless the spec compiles, every feature accepts the program, the
folder is a djsc project (or `--force`), and the migrations lose no data (or
`--allow-data-loss`).  Then files are written atomically and the manifest last.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from djsc import __version__
from djsc.backends import available, get_backend, migrator
from djsc.backends.base import Backend, EmitContext, Ownership
from djsc.cli import EXIT_USAGE, report
from djsc.diagnostics import codes
from djsc.emit.formatting import format_python, project_config
from djsc.emit.manifest import MANIFEST_PATH, Entry, Manifest, ManifestError, read_manifest, sha256
from djsc.emit.plan import NEW_SUFFIX, Action, Plan, describe, plan
from djsc.emit.tree import FileTree
from djsc.emit.write import apply
from djsc.loader import display_path
from djsc.pipeline import Compilation, compile_files
from djsc.source import Span


@dataclass(frozen=True)
class BuildOptions:
    force: bool = False
    dry_run: bool = False
    check: bool = False
    allow_data_loss: bool = False


def project_name(compilation: Compilation, spec_path: str) -> str:
    """The `app` block's name, else the spec's file stem made a Python identifier."""
    app = compilation.program.app
    if app is not None:
        return app.name.text
    name = re.sub(r"\W", "_", Path(spec_path).stem.lower()) or "project"
    return f"_{name}" if name[0].isdigit() else name


def generate(backend: Backend, compilation: Compilation, spec_path: str) -> FileTree | None:
    """Run every feature's check, prepare and emit; None if a feature reported errors."""
    program = compilation.program
    ctx = EmitContext(
        program=program,
        diagnostics=compilation.diagnostics,
        spec_name=os.path.basename(spec_path),
        project=project_name(compilation, spec_path),
        analysis=compilation.ctx.analysis if compilation.ctx else None,
    )
    for feature in backend.features:
        feature.check(program, ctx)
    if compilation.diagnostics.has_errors():
        return None
    for feature in backend.features:
        prepare = getattr(feature, "prepare", None)
        if prepare is not None:
            program = prepare(program)
    ctx.program = program
    tree = FileTree()
    for feature in backend.features:
        for file in feature.emit(program, ctx):
            tree.add(file if file.feature else replace(file, feature=feature.name))
    if compilation.diagnostics.has_errors():
        return None
    return tree


def _anchor(compilation: Compilation, spec_path: str) -> Span:
    """Where diagnostics about files point: the app name, else the spec's start."""
    app = compilation.program.app
    return app.name.span if app is not None else Span(display_path(spec_path), 0, 0)


def _spec_files(compilation: Compilation, spec_path: str) -> tuple[str, ...]:
    # Relative to the main spec's folder, so the manifest does not depend on the cwd.
    base = os.path.dirname(os.path.abspath(spec_path))
    paths = {
        PurePosixPath(*Path(os.path.relpath(os.path.abspath(s.path), base)).parts).as_posix()
        for s in compilation.sources
    }
    return tuple(sorted(paths))


def _old_manifest(root: Path, force: bool, report_to, anchor: Span) -> Manifest | None:
    try:
        return read_manifest(root)
    except ManifestError as err:
        if not force:
            report_to(
                codes.INVALID_OUTPUT_DIR.at(
                    anchor, path=str(root / MANIFEST_PATH), reason=str(err)
                ).with_help("fix or delete the manifest, or build with `--force`")
            )
        return None


def _plan_diagnostics(the_plan: Plan, root: Path, anchor: Span, options: BuildOptions) -> list:
    found = []
    for step in the_plan.of(Action.CONFLICT):
        found.append(
            codes.EDITED_FILE_CONFLICT.at(anchor, path=str(root / step.path))
            .with_note(f"{step.reason}; the new version is in `{step.path}{NEW_SUFFIX}`")
            .with_help(
                "merge the new version by hand (or move custom code into a hook "
                "module), or build with `--force` to overwrite"
            )
        )
    for step in the_plan.of(Action.KEEP):
        found.append(codes.STALE_FILE_KEPT.at(anchor, path=str(root / step.path)))
    if options.check:
        for step in the_plan.changes:
            found.append(codes.STALE_OUTPUT.at(anchor, path=str(root / step.path)))
    return found


def _print_plan(lines: list[dict], args) -> None:
    if getattr(args, "format", "human") == "json":
        for line in lines:
            print(json.dumps(line, sort_keys=True))
        return
    for line in lines:
        print(line["text"])


def _plan_lines(the_plan: Plan, migrations) -> list[dict]:
    lines = [
        {"action": s.action.value, "path": s.path, "text": text}
        for s, text in zip(the_plan.changes, describe(the_plan), strict=True)
    ]
    for file in migrations:
        lines.append(
            {"action": "migrate", "path": file.path, "text": f"{'migrate':<8} {file.path}"}
        )
        for op in file.operations:
            lines.append({"action": "operation", "path": file.path, "text": f"{'':<8}   - {op}"})
    return lines


def build(
    compilation: Compilation,
    backend: Backend,
    root: Path,
    spec_path: str,
    options: BuildOptions,
    args=None,
) -> int:
    """The whole build after a successful compile; returns the exit code."""
    diagnostics = compilation.diagnostics
    tree = generate(backend, compilation, spec_path)
    if tree is None:
        return report(compilation, args)
    format_python(tree)
    anchor = _anchor(compilation, spec_path)
    if root.exists() and not root.is_dir():
        diagnostics.report(
            codes.INVALID_OUTPUT_DIR.at(anchor, path=str(root), reason="it is a file")
        )
        return report(compilation, args)
    old = _old_manifest(root, options.force, diagnostics.report, anchor)
    if diagnostics.has_errors():
        return report(compilation, args)
    fresh = Manifest(__version__, backend.name, _spec_files(compilation, spec_path))
    the_plan = plan(tree, old, root, manifest=fresh, force=options.force)
    if the_plan.not_a_project and not options.force:
        diagnostics.report(
            codes.OUTPUT_NOT_A_PROJECT.at(anchor, path=str(root)).with_help(
                "choose an empty folder, or build with `--force` to write into this one"
            )
        )
        return report(compilation, args)

    migrations = []
    make = migrator(backend)
    if make is not None:
        result = make(
            root,
            the_plan,
            compilation.program,
            allow_data_loss=options.allow_data_loss,
            ruff_config=project_config(tree),
            previous_fingerprint=old.migrations_fingerprint if old else "",
        )
        for diagnostic in result.diagnostics(compilation.program, anchor):
            diagnostics.report(diagnostic)
        migrations = result.files
        if diagnostics.has_errors():
            return report(compilation, args)
        the_plan.manifest.migrations_fingerprint = result.fingerprint
        for file in migrations:
            the_plan.manifest.files[file.path] = Entry(
                sha256(file.content), Ownership.APPEND_ONLY, "migrations"
            )
        the_plan.manifest.files = dict(sorted(the_plan.manifest.files.items()))

    for diagnostic in _plan_diagnostics(the_plan, root, anchor, options):
        diagnostics.report(diagnostic)
    if options.check:
        for file in migrations:
            diagnostics.report(
                codes.STALE_OUTPUT.at(anchor, path=str(root / file.path)).with_note(
                    "this migration would be added: " + "; ".join(file.operations)
                    if file.operations
                    else "this file would be added"
                )
            )
    lines = _plan_lines(the_plan, migrations)
    if options.dry_run or options.check:
        if options.dry_run:
            _print_plan(lines, args)
        return report(compilation, args)
    apply(the_plan, root, extra=[(f.path, f.content) for f in migrations])
    _print_plan(lines, args)
    return report(compilation, args)


def cmd_build(args) -> int:
    """Entry point of `djsc build` (arguments are defined in djsc.cli)."""
    backend = get_backend(args.backend)
    if backend is None:
        names = ", ".join(f"`{n}`" for n in available())
        print(f"error: no backend `{args.backend}` (available: {names})", file=sys.stderr)
        return EXIT_USAGE
    compilation = compile_files([args.spec])
    if not compilation.ok:
        return report(compilation, args)
    options = BuildOptions(
        force=args.force,
        dry_run=args.dry_run,
        check=args.check,
        allow_data_loss=args.allow_data_loss,
    )
    return build(compilation, backend, Path(args.output), args.spec, options, args)
