"""`djsc fmt FILE…`: rewrite specs in canonical form, or `--check` that they are.

A file with syntax errors, or one the formatter cannot print faithfully (DJS0900),
is reported and left untouched.  Rewrites are atomic (temp file + `os.replace`).
Exit codes: 0 all formatted, 1 errors or (with `--check`) a file would change.
"""

from __future__ import annotations

import os
import sys
import tempfile

from djsc.diagnostics.model import Diagnostics
from djsc.format.printer import format_source
from djsc.loader import display_path, read_source
from djsc.source import SourceMap

EXIT_OK, EXIT_ERRORS = 0, 1


def cmd_fmt(args) -> int:
    from djsc.cli import report

    status = EXIT_OK
    changed: list[str] = []
    for path in args.files:
        diagnostics = Diagnostics()
        sources = SourceMap()
        source = read_source(path, diagnostics, sources)
        if source is not None:
            sources.add(source)
            result = format_source(source)
            diagnostics.extend(result.diagnostics)
            if result.text is not None and result.text != source.text:
                changed.append(display_path(path))
                if not args.check and not _write(path, result.text):
                    changed.pop()
                    status = EXIT_ERRORS
        if diagnostics.has_errors():
            status = EXIT_ERRORS
            report(_Reported(diagnostics, sources), args)
    for shown in changed:
        if args.check:
            print(f"would reformat {shown}")
        else:
            print(f"reformatted {shown}")
    if args.check and changed:
        noun = "file" if len(changed) == 1 else "files"
        print(f"{len(changed)} {noun} would be reformatted", file=sys.stderr)
        status = EXIT_ERRORS
    return status


def _write(path: str, text: str) -> bool:
    try:
        write_atomic(path, text)
    except OSError as err:
        print(f"error: cannot write `{display_path(path)}`: {err.strerror or err}", file=sys.stderr)
        return False
    return True


class _Reported:
    """What `djsc.cli.report` reads from a compilation."""

    def __init__(self, diagnostics: Diagnostics, sources: SourceMap) -> None:
        self.diagnostics = diagnostics
        self.sources = sources


def write_atomic(path: str, text: str) -> None:
    """Replace `path` with `text` so a crash never leaves half a file; keeps its mode."""
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=".djsfmt-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
