"""Logs, request ids, health checks, metrics and tracing of a generated project, live.

One build of tests/e2e/specs/greenhouse.djs (`features metrics, tracing`), served once
under uvicorn with its production settings on PostgreSQL and Redis.  A failure (500)
is forced through a settings module and a URL module of the test's own, written into
the built tree (the product has no way to fail on purpose).  Tracing is switched on
by the standard variable `OTEL_TRACES_EXPORTER=console`, so the spans of the live
requests reach the server's output at shutdown.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path

import httpx
import pytest

from tests.e2e import services as s

pytestmark = pytest.mark.e2e

SPEC = Path(__file__).parent / "specs" / "greenhouse.djs"
REDIS_DB = int(os.environ.get("DJSC_OBSERVE_REDIS_DB", "12"))
TOKEN = "e2e-metrics-token"
SETTINGS = '''"""Production settings plus a URL that fails (written by djsc's e2e test)."""

from .production import *  # noqa: F403

ROOT_URLCONF = "e2e_urls"
'''
URLS = '''"""config.urls plus /e2e-boom, which raises (written by djsc's e2e test)."""

from django.urls import path

from config.urls import *  # noqa: F403
from config.urls import urlpatterns as generated


def boom(request):
    raise RuntimeError("forced failure of the e2e test")


urlpatterns = [*generated, path("e2e-boom", boom)]
'''


def json_lines(text: str) -> list[dict]:
    """The log's JSON objects (one per line); uvicorn's own lines and spans are not."""
    found = []
    for line in text.splitlines():
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict) and "logger" in value:
            found.append(value)
    return found


def console_spans(text: str) -> list[dict]:
    """The spans OpenTelemetry's console exporter printed: indented JSON objects."""
    found, block = [], None
    for line in text.splitlines():
        if line == "{":
            block = [line]
        elif block is not None:
            block.append(line)
            if line == "}":
                found.append(json.loads("\n".join(block)))
                block = None
    return found


def test_logs_ids_health_metrics_and_traces_live(tmp_path: Path) -> None:
    deadline = s.Deadline(480)
    s.require_redis()
    out = tmp_path / "greenhouse"
    s.build(SPEC, out)
    (out / "config" / "settings" / "e2e.py").write_text(SETTINGS, encoding="utf-8")
    (out / "e2e_urls.py").write_text(URLS, encoding="utf-8")
    production = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "METRICS_TOKEN": TOKEN,
    }
    with s.fresh_database("djsc_observe") as name, s.redis_database(REDIS_DB) as redis_url:
        database_url = f"{s.POSTGRES_URL}/{name}"
        env = s.project_env("e2e", database_url, REDIS_URL=redis_url, **production)
        s.manage(out, "migrate", "--noinput", env=env)

        # /health/ready answers 503 in problem+json when the database is unreachable.
        closed = f"postgres://postgres@127.0.0.1:{s.free_port()}/{name}"
        down = s.project_env("e2e", closed, REDIS_URL=redis_url, **production)
        answer = s.django_shell(
            out,
            "from django.test import Client\n"
            "r = Client().get('/health/ready', HTTP_HOST='127.0.0.1')\n"
            "print(r.status_code, r['Content-Type'], r.content.decode(), sep='\\n')",
            down,
        ).splitlines()
        assert answer[:2] == ["503", "application/problem+json"], answer
        assert json.loads(answer[2])["checks"] == {"database": "failing", "cache": "ok"}

        # uvicorn ends by re-raising SIGTERM, so no exit hook flushes the span batches:
        # the batch processor exports every 100 ms instead of 5 s, before the stop.
        traced = {
            **env,
            "OTEL_TRACES_EXPORTER": "console",
            "OTEL_SERVICE_NAME": "greenhouse-e2e",
            "OTEL_BSP_SCHEDULE_DELAY": "100",
        }
        with s.serve(out, traced, deadline, ready_path="/health/live") as server:
            with httpx.Client(base_url=server.url, timeout=20) as http:
                ready = http.get("/health/ready")
                assert ready.status_code == 200, ready.text
                assert ready.json()["checks"] == {"database": "ok", "cache": "ok"}
                for _ in range(3):
                    assert http.get("/api/sensors/").status_code == 200
                listed = http.get("/api/sensors/", headers={"X-Request-ID": "e2e-list-1"})
                assert listed.headers["X-Request-ID"] == "e2e-list-1"
                fresh = http.get("/api/sensors/", headers={"X-Request-ID": "bad id"})
                assert len(fresh.headers["X-Request-ID"]) == 32

                failed = http.get("/e2e-boom", headers={"X-Request-ID": "e2e-boom-1"})
                assert failed.status_code == 500
                assert failed.headers["Content-Type"] == "application/problem+json"
                assert failed.json()["status"] == 500
                assert "forced failure" not in failed.text  # the traceback stays in the log
                assert failed.headers["X-Request-ID"] == "e2e-boom-1"

                assert http.get("/metrics").status_code == 401
                wrong = http.get("/metrics", headers={"Authorization": "Bearer nope"})
                assert wrong.status_code == 401
                scraped = http.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
                assert scraped.status_code == 200
                metrics = scraped.text
            time.sleep(1)  # the last span batch
        log = server.log.read_text(errors="replace")

    # Metrics: requests by view and status, database and cache work, after the traffic.
    sensors = [
        line
        for line in metrics.splitlines()
        if line.startswith("django_http_responses_total_by_status_view_method_total{")
        and 'status="200"' in line
        and "sensor" in line
    ]
    assert sensors and float(sensors[0].rsplit(" ", 1)[1]) >= 5, metrics[:3000]
    assert 'django_http_responses_total_by_status_total{status="500"} 1.0' in metrics
    assert 'django_db_execute_total{alias="default",vendor="postgresql"}' in metrics
    assert 'django_cache_get_total{backend="native_redis"}' in metrics

    # Logs: JSON lines, each with a request id; a request's lines all carry its id.
    lines = json_lines(log)
    assert lines, log[-3000:]
    assert all("request_id" in line and "level" in line and "time" in line for line in lines)
    access = [line for line in lines if line["logger"] == "config.access"]
    assert len(access) >= 9, log[-3000:]
    listed_lines = [line for line in lines if line["request_id"] == "e2e-list-1"]
    assert [(x["method"], x["path"], x["status"]) for x in listed_lines] == [
        ("GET", "/api/sensors/", 200)
    ]
    assert listed_lines[0]["duration_ms"] >= 0 and listed_lines[0]["user_id"] is None
    boom = [line for line in lines if line["request_id"] == "e2e-boom-1"]
    assert [x["logger"] for x in boom] == ["django.request", "config.access"], boom
    error, boom_access = boom
    assert error["level"] == "ERROR"
    assert "Traceback" in error["exc_info"]
    assert "RuntimeError: forced failure of the e2e test" in error["exc_info"]
    assert boom_access["status"] == 500
    # Lines written inside a request carry its id; "-" is only for lines outside any.
    assert "-" not in {line["request_id"] for line in access}

    # Traces: the console exporter printed the requests' server spans and SQL spans.
    spans = console_spans(log)
    servers = {
        span["context"]["span_id"]: span
        for span in spans
        if span["kind"] == "SpanKind.SERVER" and span["name"].startswith("GET api/sensors/")
    }
    assert len(servers) == 5, log[-3000:]
    assert all(x["resource"]["attributes"]["service.name"] == "greenhouse-e2e" for x in spans)
    queries = [span for span in spans if span["parent_id"] in servers]
    assert queries, log[-3000:]
    assert all(q["kind"] == "SpanKind.CLIENT" for q in queries)
    assert {q["attributes"]["db.system"] for q in queries} == {"postgresql"}
    assert all(q["attributes"]["db.statement"].startswith("SELECT") for q in queries)
