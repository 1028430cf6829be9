"""Back-end benchmark: how long `djsc build` takes as a spec grows, and a no-op rebuild.

Uses `bench_check`'s spec generator (10, 100 and 1,000 entities, 10 fields and 2
relations each) and runs `djsc build` in-process through its command-line entry
point (`djsc.cli.main(["build", …])`), so the numbers are those of the real build:
compile, emit, `ruff` formatting (a subprocess), migrations (Django's autodetector in
a subprocess), atomic writes and the manifest.  For each size it measures:

- first build into an empty folder, and a no-op rebuild of it (same spec; it must
  change no file),
- the phases of each: compile, emit, ruff format, migrations, write.  The
  migrations step starts Django in a subprocess (the autodetector runs on a staged
  copy of the project); the time "without migrations" is the build's time less
  that phase, which is the only thing the migrator adds.

Times are wall-clock seconds, with CPU seconds beside them counting this process
and its subprocesses (`os.times`), steadier on a shared machine.  Prints a Markdown
table; exits 1 when a build fails or a no-op rebuild changes a file (the table
shows which).

    python bench/bench_build.py [--sizes 10,100,1000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_check  # noqa: E402 - a sibling script, not a package

import djsc.build as build_module  # noqa: E402
from djsc import cli  # noqa: E402
from djsc.syntax.parser import _parser  # noqa: E402

PHASES = ("compile", "emit", "format", "migrations", "write")
# The functions of `djsc.build` that make up each phase (wrapped to time them).
PHASE_FUNCTIONS = {
    "compile": "compile_files",
    "emit": "generate",
    "format": "format_python",
    "write": "apply",
}


def clock() -> tuple[float, float]:
    """(wall, CPU of this process and its finished subprocesses) in seconds."""
    t = os.times()
    return time.perf_counter(), t.user + t.system + t.children_user + t.children_system


@dataclass
class Run:
    """One build: total (wall, CPU) seconds and the same per phase."""

    wall: float = 0.0
    cpu: float = 0.0
    phases: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0, 0.0]))
    output: str = ""

    def without(self, phase: str) -> tuple[float, float]:
        wall, cpu = self.phases.get(phase, (0.0, 0.0))
        return self.wall - wall, self.cpu - cpu


def _timed(phases: dict[str, list[float]], name: str, function: Callable) -> Callable:
    def wrapper(*args, **kwargs):
        wall, cpu = clock()
        try:
            return function(*args, **kwargs)
        finally:
            end_wall, end_cpu = clock()
            phases[name][0] += end_wall - wall
            phases[name][1] += end_cpu - cpu

    return wrapper


@contextlib.contextmanager
def instrumented(phases: dict[str, list[float]]) -> Iterator[None]:
    """Wrap the phase functions of `djsc.build` with timers for one build."""
    saved = {name: getattr(build_module, name) for name in [*PHASE_FUNCTIONS.values(), "migrator"]}
    try:
        for phase, name in PHASE_FUNCTIONS.items():
            setattr(build_module, name, _timed(phases, phase, saved[name]))

        def migrator(backend):
            make = saved["migrator"](backend)
            return _timed(phases, "migrations", make) if make else None

        build_module.migrator = migrator
        yield
    finally:
        for name, function in saved.items():
            setattr(build_module, name, function)


class BuildFailed(Exception):
    """A build exited non-zero (the benchmark reports it and exits 1)."""


def _first_error(stderr: str) -> str:
    errors = [line for line in stderr.splitlines() if line.startswith("error")]
    return errors[0] if errors else stderr.strip()[-300:]


def run_build(spec: Path, out: Path) -> Run:
    """One in-process `djsc build`; raises BuildFailed when it exits non-zero."""
    run = Run()
    stdout, stderr = io.StringIO(), io.StringIO()
    with instrumented(run.phases):
        wall, cpu = clock()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = cli.main(
                [
                    "build",
                    str(spec),
                    "-o",
                    str(out),
                    "--color",
                    "never",
                    "--allow-unenforced-access",
                ]
            )
        end_wall, end_cpu = clock()
    if code != 0:
        message = _first_error(stderr.getvalue())
        raise BuildFailed(f"exit code {code} after {end_wall - wall:.0f} s: {message}")
    run.wall, run.cpu, run.output = end_wall - wall, end_cpu - cpu, stdout.getvalue()
    return run


@dataclass
class Row:
    count: int
    files: int = 0
    first: Run | None = None
    noop: Run | None = None
    error: str = ""


def measure(tmp: Path, count: int, repeat: int) -> Row:
    """First build and no-op rebuild of a generated spec of `count` entities."""
    spec = tmp / f"bench_{count}.djs"
    spec.write_text(bench_check.generate(count), encoding="utf-8")
    firsts, noops = [], []
    for attempt in range(repeat):
        out = tmp / f"out_{count}_{attempt}"
        try:
            firsts.append(run_build(spec, out))
            noop = run_build(spec, out)
        except BuildFailed as failure:
            which = "no-op rebuild" if len(firsts) > len(noops) else "first build"
            return Row(count, error=f"{which} failed, {failure}")
        if noop.output.strip():
            return Row(count, error=f"the no-op rebuild changed files: {noop.output.strip()[:200]}")
        noops.append(noop)
    out = tmp / f"out_{count}_0"
    files = sum(1 for p in out.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    fastest = min(firsts, key=lambda r: r.wall), min(noops, key=lambda r: r.wall)
    return Row(count, files, *fastest)


def _cell(wall: float, cpu: float) -> str:
    return f"{wall:.2f} ({cpu:.2f})"


def table(rows: list[Row]) -> str:
    lines = [
        "Seconds, wall (CPU of djsc and its subprocesses):",
        "",
        "| entities | files | first build | first build without migrations "
        "| no-op rebuild | no-op rebuild without migrations |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        if r.error:
            lines.append(f"| {r.count:,} | — | {r.error} | | | |")
            continue
        cells = [
            _cell(r.first.wall, r.first.cpu),
            _cell(*r.first.without("migrations")),
            _cell(r.noop.wall, r.noop.cpu),
            _cell(*r.noop.without("migrations")),
        ]
        lines.append(f"| {r.count:,} | {r.files:,} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Phases, wall seconds (migrations = Django's autodetector in a subprocess):",
        "",
        "| entities | build | " + " | ".join(PHASES) + " | other |",
        "| ---: | --- |" + " ---: |" * (len(PHASES) + 1),
    ]
    for r in (r for r in rows if not r.error):
        for label, run in (("first", r.first), ("no-op", r.noop)):
            timed = [run.phases[p][0] if p in run.phases else 0.0 for p in PHASES]
            cells = [f"{t:.2f}" for t in timed] + [f"{run.wall - sum(timed):.2f}"]
            lines.append(f"| {r.count:,} | {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="entity counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="repetitions; the fastest counts")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    _parser()  # built once per process and cached; not part of any build's time
    with tempfile.TemporaryDirectory(prefix="djsc-bench-build-") as tmp:
        rows = [measure(Path(tmp), count, args.repeat) for count in sizes]
    print(
        f"Python {sys.version.split()[0]}; `djsc build` in-process via `djsc.cli.main`; "
        f"best of {args.repeat}; {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the end.\n"
    )
    print(table(rows))
    return 1 if any(r.error for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
