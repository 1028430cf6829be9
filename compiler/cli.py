"""The `djsc` command line.

Exit codes: 0 ok, 1 the spec has errors (or `--check` found drift), 2 usage error,
3 internal compiler error.  No input may surface a Python traceback: anything
unexpected becomes DJS0900 with exit code 3.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable

from djsc import __version__

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 on usage errors, as we want
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def use_color(stream, choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def report(compilation, args, stream=None, summarize: bool = True) -> int:
    """Print the diagnostics of a compilation; the exit code they call for."""
    from djsc.diagnostics.render import render, summary, to_json

    stream = stream or sys.stderr
    diags = compilation.diagnostics.sorted()
    if getattr(args, "format", "human") == "json":
        for d in diags:
            print(to_json(d, compilation.sources), file=sys.stdout)
    else:
        color = use_color(stream, getattr(args, "color", "auto"))
        for d in diags:
            stream.write(render(d, compilation.sources, color=color) + "\n")
        errors = sum(1 for d in diags if d.is_error)
        warnings = len(diags) - errors
        if errors:
            stream.write(f"error: could not compile: {summary(errors, warnings)}\n")
        elif warnings and summarize:
            stream.write(f"warning: {summary(0, warnings)} emitted\n")
    return EXIT_ERRORS if compilation.diagnostics.has_errors() else EXIT_OK


def cmd_check(args) -> int:
    """Every problem of every file: the front end's checks, then the backend's
    (DJS08xx, what `djsc build` would refuse), without writing anything."""
    from djsc.backends import get_backend
    from djsc.backends.base import EmitOptions
    from djsc.build import backend_check
    from djsc.pipeline import compile_files

    backend = get_backend(args.backend)
    if backend is None:
        print(f"error: no backend `{args.backend}`", file=sys.stderr)
        return EXIT_USAGE
    options = EmitOptions(allow_unenforced_access=args.allow_unenforced_access, strict=args.strict)
    status = EXIT_OK
    decls = warnings = 0
    for path in args.files:
        compilation = compile_files([path])
        if compilation.ok:
            backend_check(backend, compilation, path, options)
        status = max(status, report(compilation, args, summarize=False))
        if args.strict and compilation.diagnostics.warnings:
            status = max(status, EXIT_ERRORS)
        decls += len(compilation.program.decls)
        warnings += len(compilation.diagnostics.warnings)
    if status == EXIT_OK and getattr(args, "format", "human") == "human":
        files = f"{len(args.files)} file{'s' if len(args.files) != 1 else ''}"
        tail = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
        noun = "declaration" if decls == 1 else "declarations"
        print(f"checked {files}, {decls} {noun}: no errors{tail}", file=sys.stderr)
    return status


def cmd_dump_ir(args) -> int:
    from djsc.ir.dump import dump
    from djsc.pipeline import compile_files

    compilation = compile_files([args.spec])
    status = report(compilation, args)
    if status == EXIT_OK or args.unchecked:
        program = compilation.parsed if args.unchecked else compilation.program
        sys.stdout.write(dump(program))
    return status


def cmd_explain(args) -> int:
    from djsc.diagnostics.explain import explanation

    text = explanation(args.code)
    if text is None:
        print(f"error: no diagnostic code `{args.code}`", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(text)
    return EXIT_OK


def _lazy(module: str, func: str) -> Callable:
    def run(args):
        import importlib

        return getattr(importlib.import_module(module), func)(args)

    return run


def _add_output_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=("human", "json"),
        default="human",
        help="how diagnostics are printed (json: one object per line on stdout)",
    )
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour diagnostics (auto: only on a terminal)",
    )


def _add_access_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-unenforced-access",
        action="store_true",
        help="accept that access rules of the spec (`allow`, `auth jwt`, `roles`, "
        "`throttle`, `cors`) are not enforced by the backend yet: the project is then "
        "more permissive than the spec (DJS0804 becomes a warning)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="djsc", description="Compile .djs specs into Django + DRF projects.")
    parser.add_argument("--version", action="version", version=f"djsc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("new", help="scaffold a starter spec in a new folder")
    p.add_argument("name", help="project name (a Python identifier)")
    p.add_argument("--dir", default=None, help="where to create it (default: ./NAME)")
    p.set_defaults(func=_lazy("djsc.scaffold", "cmd_new"))

    p = sub.add_parser("check", help="check specs and report every problem")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--backend", default="django", help="whose checks run too (DJS08xx)")
    _add_access_flag(p)
    _add_output_flags(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", help="compile a spec into a Django project")
    p.add_argument("spec")
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    p.add_argument("--backend", default="django")
    p.add_argument(
        "--force",
        action="store_true",
        help="overwrite edited generated files and write into a non-djsc folder",
    )
    p.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    p.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the output folder is out of date with the spec",
    )
    p.add_argument(
        "--allow-data-loss",
        action="store_true",
        help="allow migrations that drop columns or tables",
    )
    _add_access_flag(p)
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _add_output_flags(p)
    p.set_defaults(func=_lazy("djsc.build", "cmd_build"))

    p = sub.add_parser("fmt", help="format specs canonically")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--check", action="store_true", help="exit 1 if a file is not formatted")
    _add_output_flags(p)
    p.set_defaults(func=_lazy("djsc.format.cli", "cmd_fmt"))

    p = sub.add_parser("graph", help="print the entity-relationship diagram")
    p.add_argument("spec")
    p.add_argument("--format", dest="graph_format", choices=("mermaid", "dot"), default="mermaid")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.set_defaults(func=_lazy("djsc.graph", "cmd_graph"))

    p = sub.add_parser("explain", help="explain a diagnostic code")
    p.add_argument("code", help="a code like DJS0101 or its name")
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("dump-ir", help="print the IR after all passes")
    p.add_argument("spec")
    p.add_argument("--unchecked", action="store_true", help="print the IR as parsed")
    _add_output_flags(p)
    p.set_defaults(func=cmd_dump_ir)

    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    # A 1,000-deep expression is refused by the parser, but recursion over legal
    # specs (long `and` chains) still needs headroom beyond Python's default.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as err:  # noqa: BLE001 - the last line of defence
        detail = "".join(traceback.format_exception_only(type(err), err)).strip()
        print(f"error[DJS0900]: internal compiler error: {detail}", file=sys.stderr)
        print(
            " = help: this is a bug in djsc; please report it with the spec that caused it",
            file=sys.stderr,
        )
        if os.environ.get("DJSC_TRACEBACK"):
            traceback.print_exc()
        return EXIT_INTERNAL
