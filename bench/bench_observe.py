"""Observability benchmark: what logs, request ids, metrics and tracing cost a list.

Builds tests/e2e/specs/greenhouse.djs (`features metrics, tracing`) into a temporary
folder, migrates it onto a SQLite file, seeds sensors, then measures requests per
second of the generated `/api/sensors/` list with Django's test Client (no server, no
network: it measures Django, DRF and the observability layers) in three variants:

- **plain**: the request-id middleware, django-prometheus's middlewares and database /
  cache wrappers and tracing all taken out, logging quiet;
- **observed**: as generated and deployed with no collector — request ids and one JSON
  request line per request (to /dev/null), Prometheus metrics; tracing is generated
  but its exporter is off (no `OTEL_*` variable), so it is not started;
- **traced**: `observed` plus OpenTelemetry spans for the request and every SQL
  statement, made and ended in a tracer provider that exports nothing: what tracing
  itself costs once a collector is configured, less the export.

The variants run in separate processes (the database wrapper is a setting), side by
side: `--rounds` alternations, so a change in the machine's load hits all alike.  The
rate of each variant is its best round's, in CPU time (steadier than wall time on a
shared machine; wall time is shown too).  Prints a Markdown table and exits 1 when the
observed variant costs more than `--max-cost` (10 %) of the plain one's rate; the
traced variant's cost is reported, not judged.

    python bench/bench_observe.py [--rounds 3] [--requests 400] [--seconds 5] [--sensors 100]
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
SPEC = HERE.parent / "tests" / "e2e" / "specs" / "greenhouse.djs"
RUNNER = HERE / "api_project" / "bench_observe_run.py"
MAX_COST = 0.10
TIMEOUT = 600
VARIANTS = ("plain", "observed", "traced")
# The test settings (SQLite file, local memory cache) without throttling; the
# `plain` variant loses every observability layer, `observed` keeps the generated ones
# and production's JSON logging, written to /dev/null.
SETTINGS = """import copy
import os

from . import production
from .test import *  # noqa: F403
from .test import MIDDLEWARE, REST_FRAMEWORK

REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["BENCH_DB"]}}
if os.environ["BENCH_VARIANT"] == "plain":
    LAYERS = ("django_prometheus.", "config.observability.")
    MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith(LAYERS)]
    LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
else:
    DATABASES["default"]["ENGINE"] = "django_prometheus.db.backends.sqlite3"
    CACHES = {"default": {"BACKEND": "django_prometheus.cache.backends.locmem.LocMemCache"}}
    LOGGING = copy.deepcopy(production.LOGGING)
    LOGGING["handlers"]["console"].update(
        {"class": "logging.FileHandler", "filename": os.devnull}
    )
"""


def build(out: Path) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(["build", str(SPEC), "-o", str(out), "--color", "never"])
    if code != 0:
        raise SystemExit(f"djsc build {SPEC.name} exited {code}:\n{stderr.getvalue()[-3000:]}")


def run(project: Path, variant: str, *args: str) -> dict | None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench_observe",
        "BENCH_VARIANT": variant,
        "BENCH_DB": str(project / "bench.sqlite3"),
        # production.py (whose LOGGING the observed variant takes) insists on these.
        "DJANGO_SECRET_KEY": "bench-" + "k3y-n0t-a-secret-" * 4,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for name in ("OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT", "METRICS_TOKEN"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else None


def measure(project: Path, args: argparse.Namespace) -> dict[str, list[dict]]:
    build(project)
    (project / "config" / "settings" / "bench_observe.py").write_text(SETTINGS)
    shutil.copyfile(RUNNER, project / RUNNER.name)
    run(project, "plain", "manage.py", "migrate", "--noinput", "-v", "0")
    run(project, "plain", RUNNER.name, f"--seed={args.sensors}")
    rounds: dict[str, list[dict]] = {v: [] for v in VARIANTS}
    for _ in range(args.rounds):
        for variant in VARIANTS:
            cell = run(
                project,
                variant,
                RUNNER.name,
                f"--requests={args.requests}",
                f"--seconds={args.seconds}",
            )
            if cell["observed"] != (variant != "plain"):
                raise SystemExit(f"the {variant} variant has the wrong middleware: {cell}")
            rounds[variant].append(cell)
    return rounds


def best(cells: list[dict], clock: str) -> float:
    return max(c["requests"] / c[clock] for c in cells if c[clock])


def table(rounds: dict[str, list[dict]], sensors: int) -> tuple[str, float]:
    plain = best(rounds["plain"], "cpu")
    lines = [
        f"`GET /api/sensors/` ({sensors} sensors, a page of 20), best of "
        f"{len(rounds['plain'])} rounds per variant:",
        "",
        "| variant | requests / round | req/s (CPU) | req/s (wall) | cost (CPU) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for variant in VARIANTS:
        cpu = best(rounds[variant], "cpu")
        requests = max(c["requests"] for c in rounds[variant])
        cost = 1 - cpu / plain
        lines.append(
            f"| {variant} | {requests} | {cpu:.0f} | {best(rounds[variant], 'wall'):.0f} "
            f"| {cost:+.1%} |"
        )
    return "\n".join(lines), 1 - best(rounds["observed"], "cpu") / plain


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=400, help="cap per round")
    parser.add_argument("--seconds", type=float, default=5.0, help="budget per round")
    parser.add_argument("--sensors", type=int, default=100, help="rows seeded")
    parser.add_argument("--max-cost", type=float, default=MAX_COST)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="djsc-bench-observe-") as tmp:
        rounds = measure(Path(tmp) / "greenhouse", args)
    text, cost = table(rounds, args.sensors)
    print(text)
    if cost > args.max_cost:
        print(f"\nFAIL: observability costs {cost:.1%}, over {args.max_cost:.0%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
