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
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from djsc import __version__
from djsc.backends import available, get_backend, migrator
from djsc.backends.base import Backend, ContractError, EmitContext, EmitOptions, Ownership
from djsc.cli import EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, report
from djsc.diagnostics import codes
from djsc.emit.formatting import format_python, project_config
from djsc.emit.manifest import (
    MANIFEST_PATH,
    Entry,
    Manifest,
    ManifestError,
    read_manifest,
    sha256,
)
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
    allow_unenforced_access: bool = False
    strict: bool = False

    @property
    def emit(self) -> EmitOptions:
        return EmitOptions(allow_unenforced_access=self.allow_unenforced_access, strict=self.strict)


@dataclass
class BuildResult:
    """What a build did or would do; `build` prints nothing, the CLI renders this.

    `tree` is the emitted project (None when the spec or a feature had errors),
    `plan` the file actions against the output folder, `lines` the plan as printed
    by `djsc build` (one dict per action or migration operation), and `written`
    whether anything reached the disk.
    """

    compilation: Compilation
    tree: FileTree | None = None
    plan: Plan | None = None
    migrations: list = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    written: bool = False

    @property
    def diagnostics(self):
        return self.compilation.diagnostics

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors()


def project_name(compilation: Compilation, spec_path: str) -> str:
    """The `app` block's name, else the spec's file stem made a Python identifier."""
    app = compilation.program.app
    if app is not None:
        return app.name.text
    name = re.sub(r"\W", "_", Path(spec_path).stem.lower()) or "project"
    return f"_{name}" if name[0].isdigit() else name


def generate(
    backend: Backend,
    compilation: Compilation,
    spec_path: str,
    options: EmitOptions | None = None,
) -> FileTree | None:
    """Run every feature's check, prepare and emit; None if a feature reported errors.

    A feature that breaks the contract (an undeclared slot, a late contribution) is a
    bug in djsc: it is reported as DJS0900, never as a half-written project.
    """
    program = compilation.program
    ctx = EmitContext(
        program=program,
        diagnostics=compilation.diagnostics,
        spec_name=os.path.basename(spec_path),
        project=project_name(compilation, spec_path),
        options=options or EmitOptions(),
        analysis=compilation.ctx.analysis if compilation.ctx else None,
    )
    try:
        return _generate(backend, program, ctx)
    except ContractError as err:
        compilation.diagnostics.report(
            codes.INTERNAL_ERROR.at(_anchor(compilation, spec_path), reason=str(err))
        )
        return None


def backend_check(
    backend: Backend, compilation: Compilation, spec_path: str, options: EmitOptions
) -> None:
    """Only the features' checks (what `djsc check` adds to the front end's)."""
    ctx = EmitContext(
        program=compilation.program,
        diagnostics=compilation.diagnostics,
        spec_name=os.path.basename(spec_path),
        project=project_name(compilation, spec_path),
        options=options,
        analysis=compilation.ctx.analysis if compilation.ctx else None,
    )
    try:
        _check(backend, compilation.program, ctx)
    except ContractError as err:
        compilation.diagnostics.report(
            codes.INTERNAL_ERROR.at(_anchor(compilation, spec_path), reason=str(err))
        )


def _check(backend: Backend, program, ctx: EmitContext) -> None:
    ctx.bind(backend.features)
    for feature in backend.features:
        ctx.current = feature.name
        feature.check(program, ctx)


def _generate(backend: Backend, program, ctx: EmitContext) -> FileTree | None:
    _check(backend, program, ctx)
    if ctx.diagnostics.has_errors():
        return None
    for feature in backend.features:
        program = feature.prepare(program)
    ctx.program = program
    tree = FileTree()
    for feature in backend.features:
        ctx.current = feature.name
        for file in feature.emit(program, ctx):
            tree.add(file if file.feature else replace(file, feature=feature.name))
        ctx.finished(feature.name)
    if ctx.diagnostics.has_errors():
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
        diagnostic = codes.EDITED_FILE_CONFLICT.at(anchor, path=str(root / step.path))
        if options.check or options.dry_run:
            # Nothing is written in these modes, so there is no `.djsc-new` to point at.
            found.append(diagnostic.with_note(step.reason))
            continue
        found.append(
            diagnostic.with_note(
                f"{step.reason}; the new version is in `{step.path}{NEW_SUFFIX}`"
            ).with_help(
                "merge the new version by hand (or move custom code into a hook "
                "module), or build with `--force` to overwrite"
            )
        )
    for step in the_plan.of(Action.KEEP):
        found.append(codes.STALE_FILE_KEPT.at(anchor, path=str(root / step.path)))
    if options.check:
        for step in the_plan.changes:
            if step.action is not Action.CONFLICT:  # reported once, just above
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
) -> BuildResult:
    """The whole build after a successful compile, as a library call: generate,
    plan against `root`, make migrations, and write unless the options say not to.
    Diagnostics go into the compilation; nothing is printed."""
    result = BuildResult(compilation)
    diagnostics = compilation.diagnostics
    tree = generate(backend, compilation, spec_path, options.emit)
    if tree is None:
        return result
    format_python(tree)
    result.tree = tree
    anchor = _anchor(compilation, spec_path)
    if root.exists() and not root.is_dir():
        diagnostics.report(
            codes.INVALID_OUTPUT_DIR.at(anchor, path=str(root), reason="it is a file")
        )
        return result
    old = _old_manifest(root, options.force, diagnostics.report, anchor)
    if diagnostics.has_errors():
        return result
    fresh = Manifest(__version__, backend.name, _spec_files(compilation, spec_path))
    the_plan = plan(tree, old, root, manifest=fresh, force=options.force)
    result.plan = the_plan
    if the_plan.not_a_project and not options.force:
        diagnostics.report(
            codes.OUTPUT_NOT_A_PROJECT.at(anchor, path=str(root)).with_help(
                "choose an empty folder, or build with `--force` to write into this one"
            )
        )
        return result
    if options.check and old is None:
        # Nothing was built here yet: one message, not one per file of the project.
        diagnostics.report(
            codes.STALE_OUTPUT.at(anchor, path=str(root)).with_note(
                "the folder holds no djsc build yet; run `djsc build` without `--check`"
            )
        )
        return result

    migrations = []
    make = migrator(backend)
    if make is not None:
        made = make(
            root,
            the_plan,
            compilation.program,
            allow_data_loss=options.allow_data_loss,
            ruff_config=project_config(tree),
            previous_fingerprint=old.migrations_fingerprint if old else "",
        )
        for diagnostic in made.diagnostics(compilation.program, anchor):
            diagnostics.report(diagnostic)
        migrations = made.files
        if diagnostics.has_errors():
            return result
        the_plan.manifest.migrations_fingerprint = made.fingerprint
        for file in migrations:
            the_plan.manifest.files[file.path] = Entry(
                sha256(file.content), Ownership.APPEND_ONLY, "migrations"
            )
        the_plan.manifest.files = dict(sorted(the_plan.manifest.files.items()))
    result.migrations = migrations

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
    result.lines = _plan_lines(the_plan, migrations)
    if options.dry_run or options.check:
        return result
    apply(the_plan, root, extra=[(f.path, f.content) for f in migrations])
    result.written = True
    return result


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
        allow_unenforced_access=args.allow_unenforced_access,
        strict=args.strict,
    )
    result = build(compilation, backend, Path(args.output), args.spec, options)
    if result.written or options.dry_run:
        _print_plan(result.lines, args)
    status = report(compilation, args)
    if any(d.code == codes.INTERNAL_ERROR.id for d in compilation.diagnostics.errors):
        return EXIT_INTERNAL
    return EXIT_OK if status == EXIT_OK and result.ok else EXIT_ERRORS
