"""The benchmark scripts still run: each on its smallest size, in this process.

Not a performance test (no timing is asserted); it keeps bench/ from rotting as the
compiler changes.  bench_api's exit code does carry a real check: the generated post
list must make the same number of queries at page sizes 10 and 100, and at most 4 (the
cache speed-up target is switched off: a short run is too noisy to judge it).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def load(name: str):
    sys.path.insert(0, str(BENCH))  # the scripts import each other as siblings
    try:
        spec = importlib.util.spec_from_file_location(f"djsc_bench_{name}", BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_bench_check_runs(capsys) -> None:
    assert load("bench_check").main(["--sizes", "10", "--repeat", "1"]) == 0
    assert re.search(r"^\| 10 \| \d+ \|", capsys.readouterr().out, re.M)


def test_bench_build_runs(capsys) -> None:
    assert load("bench_build").main(["--sizes", "10"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^\| 10 \| \d+ \| [\d.]+ \(", out, re.M), out
    assert re.search(r"^\| 10 \| no-op \|", out, re.M), out


# Too short to measure: the speed targets are off (the full run in bench/ checks them).
SHORT = [
    *("--requests", "3", "--seconds", "0.5", "--posts", "100"),
    *("--min-cache-speedup", "0", "--max-permission-cost", "100"),
]


def test_bench_api_runs(capsys) -> None:
    code = load("bench_api").main([*SHORT, "--redis", ""])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert re.search(r"^\| generated `/api/posts/` \| (\d) \| \1 \|", out.out, re.M), out.out
    assert "generated / naive" in out.out
    assert "cache: LocMemCache" in out.out


def test_bench_api_compares_cached_and_uncached_lists_on_redis(capsys) -> None:
    """One short run on Redis (its own database, 14): the cached rows sit beside the
    uncached ones, and the speed-up is reported (not asserted on so short a run)."""
    from tests.e2e.services import require_redis

    require_redis()
    code = load("bench_api").main([*SHORT, "--requests", "20"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "cache: RedisCache" in out.out
    for size in (10, 100):
        assert re.search(rf"^\| {size} \| cached \| 20 \|", out.out, re.M), out.out
        assert re.search(
            rf"^- page size {size}: cached / uncached = \*\*[\d.]+×\*\*", out.out, re.M
        )


def test_bench_api_refuses_too_few_posts() -> None:
    with pytest.raises(SystemExit) as exit_info:
        load("bench_api").main(["--posts", "50"])
    assert exit_info.value.code == 2


def test_bench_observe_runs(capsys) -> None:
    """One short round of each variant; the cost target is off (too noisy to judge)."""
    args = ["--rounds", "1", "--requests", "5", "--seconds", "1", "--sensors", "10"]
    code = load("bench_observe").main([*args, "--max-cost", "100"])
    out = capsys.readouterr()
    assert code == 0, out.err
    for variant in ("plain", "observed", "traced"):
        assert re.search(rf"^\| {variant} \| 5 \| \d+ \| \d+ \| [+-][\d.]+% \|", out.out, re.M), (
            out.out
        )
