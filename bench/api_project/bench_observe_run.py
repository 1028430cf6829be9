"""Benchmark only: runs inside a built, migrated greenhouse project (bench/bench_observe.py).

`--seed N` adds N sensors and exits.  Otherwise it measures requests per second of the
generated `/api/sensors/` list with Django's test Client in this process, for one
variant chosen by the settings (config/settings/bench_observe.py reads BENCH_VARIANT):

- `plain`: no request-id middleware, no metrics middleware or database and cache
  wrappers, no tracing, logging quiet;
- `observed`: the project as generated and deployed without a collector: request ids
  and the JSON request line (to /dev/null), django-prometheus's middlewares and
  backends; tracing is generated but off, as no `OTEL_*` variable asks for it;
- `traced`: `observed` with tracing instrumented into an SDK tracer provider without
  an exporter (every span is made and ended, none is sent).

Prints one JSON document on its last line.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import django

django.setup()

from django.test import Client  # noqa: E402
from greenhouse.models import Kind, Sensor  # noqa: E402

LIST = "/api/sensors/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    if args.seed:
        kinds = list(Kind)
        Sensor.objects.bulk_create(
            Sensor(name=f"sensor {i}", kind=kinds[i % len(kinds)]) for i in range(args.seed)
        )
        print(json.dumps({"seeded": Sensor.objects.count()}))
        return
    if os.environ["BENCH_VARIANT"] == "traced":
        from config import tracing
        from opentelemetry.sdk.trace import TracerProvider

        tracing.instrument(TracerProvider())
    client = Client()
    for _ in range(20):  # warm-up: imports, the middleware chain, the connection
        assert client.get(LIST).status_code == 200
    done, wall, cpu = 0, time.perf_counter(), time.process_time()
    end = wall + args.seconds
    while done < args.requests and time.perf_counter() < end:
        response = client.get(LIST)
        assert response.status_code == 200, response.content[:300]
        done += 1
    result = {
        "requests": done,
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "observed": "X-Request-ID" in response,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
