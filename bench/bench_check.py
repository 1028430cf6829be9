"""Front-end benchmark: how `djsc check` time grows with the size of a spec.

Generates specs of 10, 100 and 1,000 entities (10 fields of mixed types and 2
relations each, plus a few enums) into a temporary folder and times, in-process and
best of 3:

- parse: reading the files and building the IR (`djsc.loader.load`),
- check: parse + every pass of the pipeline (`djsc.pipeline.compile_files`).

Times are CPU time of this process (`time.process_time`), which other processes on a
shared machine disturb far less than wall-clock time; the wall-clock time of parse +
check is shown beside them.  Prints a Markdown table with the cost per entity, so
linear growth shows as a flat last column.  Exits 1 when 1,000 entities take more
than the budget (1 s of CPU) for parse + check, or when a generated spec does not
compile cleanly (a benchmark of error paths would measure the wrong thing).

    python bench/bench_check.py [--sizes 10,100,1000] [--repeat 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from djsc.diagnostics.model import Diagnostics
from djsc.loader import load
from djsc.pipeline import compile_files
from djsc.syntax.parser import _parser

BUDGET_SECONDS = 1.0
BUDGET_SIZE = 1000
ENUMS = {
    "Status": ("draft", "active", "archived"),
    "Priority": ("low", "normal", "high", "urgent"),
    "Region": ("emea", "apac", "americas"),
}


def entity_spec(i: int, count: int) -> str:
    """Entity `E{i}`: 10 fields of mixed types, rules, and 2 relations to earlier ones."""
    enum = list(ENUMS)[i % len(ENUMS)]
    member = ENUMS[enum][0]
    parent = (i - 1) % count
    peer = (i - 2) % count
    return f"""
/// Entity number {i}.
entity E{i} {{
  name: String(120) search
  code: Slug unique
  body: Text?
  amount: Decimal(12, 2) = 0 min(0)
  quantity: Int = 0 min(0) max(1000000) filter
  ratio: Float?
  active: Bool = true filter
  due_on: Date? order
  state: {enum} = {member} filter
  contact: Email?
  timestamps
  allow read: anyone
  allow update, delete: role(editor) or authenticated
  check amount >= 0 else "amount cannot be negative"
  ordering -created_at
}}
relation many_to_one E{i}.parent? -> E{parent}.children_{i}
relation many_to_many E{i}.peers -> E{peer}.peers_of_{i}
"""


def generate(count: int) -> str:
    parts = ['app bench {\n  title "Benchmark"\n  roles editor\n}\n']
    for name, members in ENUMS.items():
        parts.append(f"enum {name} {{ {'  '.join(members)} }}\n")
    parts.extend(entity_spec(i, count) for i in range(count))
    return "".join(parts)


def best_of(repeat: int, run) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of the fastest of `repeat` runs."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        run()
        best = min(best, (time.process_time() - cpu, time.perf_counter() - wall))
    return best


Timing = tuple[tuple[float, float], tuple[float, float], tuple[float, float]]


def measure(path: Path, repeat: int) -> Timing:
    """(parse, parse + check, parse + check + lowering), each as (CPU, wall) seconds,
    best of `repeat`.  Parse + check is what `djsc check` runs."""
    compilation = compile_files([str(path)])
    problems = compilation.diagnostics.sorted()
    if problems:
        shown = "\n".join(f"  {d.code} {d.message}" for d in problems[:5])
        raise SystemExit(f"generated spec {path.name} does not compile cleanly:\n{shown}")
    parse = best_of(repeat, lambda: load([str(path)], Diagnostics()))
    check = best_of(repeat, lambda: compile_files([str(path)], lower=False))
    lowered = best_of(repeat, lambda: compile_files([str(path)]))
    return parse, check, lowered


def table(rows: list[tuple[int, int, Timing]]) -> str:
    lines = [
        "| entities | lines | parse (ms CPU) | parse + check (ms CPU) | per entity (µs CPU) "
        "| parse + check (ms wall) | + lowering (ms CPU) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for count, nlines, (parse, check, lowered) in rows:
        lines.append(
            f"| {count:,} | {nlines:,} | {parse[0] * 1e3:.1f} | {check[0] * 1e3:.1f} "
            f"| {check[0] / count * 1e6:.0f} | {check[1] * 1e3:.1f} | {lowered[0] * 1e3:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="entity counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; the best counts")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of the largest size"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    start = time.perf_counter()
    _parser()  # built once per process and cached; measured apart from the specs
    build = time.perf_counter() - start

    rows = []
    with tempfile.TemporaryDirectory(prefix="djsc-bench-") as tmp:
        for count in sizes:
            path = Path(tmp) / f"bench_{count}.djs"
            text = generate(count)
            path.write_text(text, encoding="utf-8")
            rows.append((count, text.count("\n"), measure(path, args.repeat)))
        if args.profile:
            path = Path(tmp) / f"bench_{max(sizes)}.djs"
            profiler = cProfile.Profile()
            profiler.runcall(compile_files, [str(path)])
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    print(
        f"Python {sys.version.split()[0]}; parser construction (once per process): "
        f"{build * 1e3:.0f} ms; best of {args.repeat}.\n"
    )
    print(table(rows))
    over = [(count, t[1][0]) for count, _, t in rows if count >= BUDGET_SIZE]
    over = [(count, cpu) for count, cpu in over if cpu > BUDGET_SECONDS]
    if over:
        count, cpu = over[0]
        print(
            f"\nFAIL: {count:,} entities took {cpu:.2f} s of CPU for parse + check, "
            f"over the {BUDGET_SECONDS:.0f} s budget",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
