"""API benchmark: queries and requests per second of the blog's generated post list.

Builds examples/blog.djs (in-process, `djsc.cli.main(["build", …])`) into a temporary
folder, migrates it with its own `manage.py migrate` onto a SQLite file, then copies
two bench-only modules into the built project (bench/api_project/: never part of
djsc's output) and runs `bench_run.py` there in a subprocess with the project's
test settings.  That script seeds posts (an author FK and three tags M2M each, both
nested in the serializer) and, with Django's test Client in one process — steadier
than a server on a shared machine, and it measures Django and DRF, not sockets:

- counts the queries of one `/api/posts/` list request at page sizes 10 and 100,
  using the generated pagination's own page-size parameter;
- measures requests per second of that endpoint uncached against a naive DRF
  ModelViewSet with the same serializer, pagination and filters but no
  select_related / prefetch_related, and against itself cached (`Post` has
  `cache 60s`: after the warm-up every request is a hit), side by side
  (interleaved rounds), and reports both ratios.

The cache is Redis (`--redis`, a database of its own, emptied before and after the
run: db 14 by default); `--redis ""` uses the test settings' local memory.

Prints Markdown tables.  Exits 1 if the generated endpoint's query count differs
between page sizes or exceeds 4 (one query for the page with its author joined, one
for the tags, and room for a count query of page-number pagination), or if cached
lists are not `--min-cache-speedup` times (5) as fast as uncached ones.

    python bench/bench_api.py [--requests 300] [--seconds 10] [--posts 150]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from djsc import cli

HERE = Path(__file__).resolve().parent
SPEC = HERE.parent / "examples" / "blog.djs"
SUPPORT = HERE / "api_project"
SIZES = (10, 100)
MAX_QUERIES = 4
GENERATED, NAIVE = "/api/posts/", "/bench/naive/posts/"
UNCACHED = "/bench/uncached/posts/"
OPEN = "/bench/open/posts/"
# The permission layer (the read rule narrowing the queryset) may cost this much at most.
MAX_PERMISSION_COST = 0.10
REDIS = "redis://127.0.0.1:6379/14"
# The test settings without throttling (the blog's anonymous rate is 100/hour), on
# Redis when REDIS_URL is set.
BENCH_SETTINGS = """import os

from .test import *  # noqa: F403
from .test import REST_FRAMEWORK

REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
"""
TIMEOUT = 900  # seconds for the measuring subprocess


def build(out: Path) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(
            ["build", str(SPEC), "-o", str(out), "--color", "never", "--allow-unenforced-access"]
        )
    if code != 0:
        raise SystemExit(f"djsc build {SPEC.name} exited {code}:\n{stderr.getvalue()[-3000:]}")


def project_env(project: Path) -> dict[str, str]:
    redis_url = os.environ.get("DJSC_BENCH_REDIS_URL", "")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "REDIS_URL": redis_url,
        "DATABASE_URL": f"sqlite:///{project / 'bench.sqlite3'}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return env


def run(args: list[str], project: Path) -> str:
    done = subprocess.run(
        [sys.executable, *args],
        cwd=project,
        env=project_env(project),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def measure(project: Path, args: argparse.Namespace) -> dict:
    """Build, migrate, copy the bench modules in, run them; their JSON result."""
    build(project)
    (project / "config" / "settings" / "bench.py").write_text(BENCH_SETTINGS)
    run(["manage.py", "migrate", "--noinput", "-v", "0"], project)
    for name in ("bench_naive.py", "bench_run.py"):
        shutil.copyfile(SUPPORT / name, project / name)
    sizes = ",".join(str(s) for s in SIZES)
    out = run(
        [
            "bench_run.py",
            f"--sizes={sizes}",
            f"--posts={args.posts}",
            f"--requests={args.requests}",
            f"--seconds={args.seconds}",
        ],
        project,
    )
    return json.loads(out.strip().splitlines()[-1])


def rate(cell: dict, clock: str) -> float:
    return cell["requests"] / cell[clock] if cell[clock] else float("nan")


def tables(result: dict) -> str:
    queries = result["queries"]
    lines = [
        f"Queries per list request (`?{result['page_size_param']}=N`, {result['posts']} posts):",
        "",
        "| endpoint | " + " | ".join(f"page size {s}" for s in SIZES) + " |",
        "| --- |" + " ---: |" * len(SIZES),
    ]
    for label, key in (("generated `/api/posts/`", "generated"), ("naive ModelViewSet", "naive")):
        lines.append(f"| {label} | " + " | ".join(str(queries[str(s)][key]) for s in SIZES) + " |")
    lines += [
        "",
        f"Requests per second (Django test Client, in-process, interleaved rounds; "
        f"cache: {result['cache']}):",
        "",
        "| page size | endpoint | requests | req/s (wall) | req/s (CPU) |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    throughput = result["throughput"]
    ratios = []
    for size in SIZES:
        generated, naive = throughput[f"{UNCACHED} {size}"], throughput[f"{NAIVE} {size}"]
        cached = throughput[f"{GENERATED} {size}"]
        open_ = throughput[f"{OPEN} {size}"]
        cells = (
            ("cached", cached),
            ("generated", generated),
            ("no rules", open_),
            ("naive", naive),
        )
        for label, cell in cells:
            lines.append(
                f"| {size} | {label} | {cell['requests']} | {rate(cell, 'wall'):.1f} "
                f"| {rate(cell, 'cpu'):.1f} |"
            )
        ratios.append(
            f"- page size {size}: generated / naive = **{ratio(generated, naive, 'wall'):.2f}×** "
            f"by wall time, {ratio(generated, naive, 'cpu'):.2f}× by CPU time"
        )
        ratios.append(
            f"- page size {size}: cached / uncached = **{ratio(cached, generated, 'wall'):.2f}×** "
            f"by wall time, {ratio(cached, generated, 'cpu'):.2f}× by CPU time"
        )
        ratios.append(
            f"- page size {size}: permission layer cost = "
            f"**{1 - ratio(generated, open_, 'cpu'):.1%}** of the rule-free list's rate (CPU), "
            f"{1 - ratio(generated, open_, 'wall'):.1%} by wall time"
        )
    return "\n".join([*lines, "", *ratios])


def ratio(generated: dict, naive: dict, clock: str) -> float:
    return rate(generated, clock) / rate(naive, clock)


def cache_failures(result: dict, minimum: float) -> list[str]:
    """Why cached lists fail the speed-up target, if they do (wall time, every size)."""
    throughput = result["throughput"]
    slow = {}
    for size in SIZES:
        cached, uncached = throughput[f"{GENERATED} {size}"], throughput[f"{UNCACHED} {size}"]
        if ratio(cached, uncached, "wall") < minimum:
            slow[size] = round(ratio(cached, uncached, "wall"), 2)
    return [f"cached lists are less than {minimum}× as fast as uncached: {slow}"] if slow else []


def permission_failures(result: dict, maximum: float = MAX_PERMISSION_COST) -> list[str]:
    """Whether the `allow` rules cost more than `maximum` of the list's rate (CPU time)."""
    throughput = result["throughput"]
    costly = {}
    for size in SIZES:
        ruled, open_ = throughput[f"{UNCACHED} {size}"], throughput[f"{OPEN} {size}"]
        cost = 1 - ratio(ruled, open_, "cpu")
        if cost > maximum:
            costly[size] = f"{cost:.1%}"
    return [f"the permission layer costs more than {maximum:.0%}: {costly}"] if costly else []


@contextlib.contextmanager
def redis_database(url: str):
    """Empty the bench's own Redis database before and after (nothing else)."""
    if not url:
        yield
        return
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    os.environ["DJSC_BENCH_REDIS_URL"] = url
    try:
        yield
    finally:
        os.environ.pop("DJSC_BENCH_REDIS_URL", None)
        client.flushdb()
        client.close()


def query_failures(result: dict) -> list[str]:
    """Why the generated endpoint's query counts fail the target, if they do."""
    counts = {size: result["queries"][str(size)]["generated"] for size in SIZES}
    problems = []
    if len(set(counts.values())) > 1:
        problems.append(f"queries grow with the page size: {counts}")
    over = {size: n for size, n in counts.items() if n > MAX_QUERIES}
    if over:
        problems.append(f"more than {MAX_QUERIES} queries per list request: {over}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="cap per endpoint and size")
    parser.add_argument("--seconds", type=float, default=10.0, help="budget per endpoint and size")
    parser.add_argument("--posts", type=int, default=150, help="rows seeded (≥ 100)")
    parser.add_argument("--redis", default=REDIS, help='a Redis database URL; "" for local memory')
    parser.add_argument("--min-cache-speedup", type=float, default=5.0)
    parser.add_argument("--max-permission-cost", type=float, default=MAX_PERMISSION_COST)
    args = parser.parse_args(argv)
    if args.posts < max(SIZES):
        parser.error(f"--posts must be at least {max(SIZES)} to fill the largest page")
    with tempfile.TemporaryDirectory(prefix="djsc-bench-api-") as tmp, redis_database(args.redis):
        result = measure(Path(tmp) / "blog", args)
    print(
        f"Python {sys.version.split()[0]}; SQLite file; {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the end.\n"
    )
    print(tables(result))
    problems = query_failures(result) + cache_failures(result, args.min_cache_speedup)
    problems += permission_failures(result, args.max_permission_cost)
    for problem in problems:
        print(f"\nFAIL: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
