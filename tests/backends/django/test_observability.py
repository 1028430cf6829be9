"""Logs, request ids and health checks in every project; metrics and tracing with
`features metrics, tracing` (features/observability.py, metrics.py, tracing.py)."""

from __future__ import annotations

import re

import pytest

PLAIN = 'app zoo { title "Zoo" }\nentity Animal { name: String(40) }\n'
# A spec of its own for these features: a telescope's booking desk, local-memory cache.
OBSERVED = """
app observatory {
  title "Observatory"
  cache locmem
  features tracing, metrics
}
entity Telescope { name: String(60) unique  aperture_mm: Int min(1) }
entity Booking {
  telescope: Telescope
  night: Date order
  allow read: true
}
"""
REDIS = OBSERVED.replace("cache locmem", "cache redis")


def middleware(files: dict[str, str]) -> list[str]:
    block = files["config/settings/base.py"].split("MIDDLEWARE = [", 1)[1].split("]", 1)[0]
    return re.findall(r'"([^"]+)"', block)


def test_every_project_has_request_ids_json_logs_and_health_checks(emit):
    files = emit(PLAIN)
    assert middleware(files)[0] == "config.observability.RequestIdMiddleware"
    production = files["config/settings/production.py"]
    assert '"()": "pythonjsonlogger.json.JsonFormatter"' in production
    assert '"filters": ["request_id"]' in production
    assert "django.utils.log.AdminEmailHandler" in production
    assert 'ADMINS = [("", email) for email in env_list("DJANGO_ADMINS")]' in production
    assert 'SECURE_REDIRECT_EXEMPT = ["^health/live$", "^health/ready$"]' in production
    for settings in ("local", "test"):
        assert "[%(request_id)s]" in files[f"config/settings/{settings}.py"]
    urls = files["config/urls.py"]
    assert 'path("health/live", health_live, name="health_live")' in urls
    assert 'path("health/ready", health_ready, name="health_ready")' in urls
    assert '"python-json-logger>=3.1,<5"' in files["pyproject.toml"]
    env = files[".env.example"]
    assert "\nDJANGO_ADMINS=\n" in env and "\nDJANGO_LOG_LEVEL=WARNING\n" in env
    assert "zoo/tests/test_observability.py" in files


def test_without_the_features_no_metrics_or_tracing_is_generated(emit):
    files = emit(PLAIN)
    text = "\n".join(files.values()).lower()
    assert "prometheus" not in text and "opentelemetry" not in text
    assert "configure_tracing" not in text and "metrics_token" not in text
    assert "config/metrics.py" not in files and "config/tracing.py" not in files


def test_metrics_and_tracing_are_generated_not_reported(emit_diagnostics):
    found = [d for d in emit_diagnostics(OBSERVED).sorted() if d.code in ("DJS0803", "DJS0804")]
    assert found == []
    graphql = OBSERVED.replace("features tracing, metrics", "features tracing, graphql")
    found = [d.message for d in emit_diagnostics(graphql).sorted() if d.code == "DJS0803"]
    assert len(found) == 1 and "`features graphql`" in found[0], found


def test_metrics_wrap_the_chain_the_database_and_the_cache(emit):
    files = emit(OBSERVED)
    order = middleware(files)
    assert order[0] == "django_prometheus.middleware.PrometheusBeforeMiddleware"
    assert order[1] == "config.observability.RequestIdMiddleware"
    assert order[-1] == "django_prometheus.middleware.PrometheusAfterMiddleware"
    base = files["config/settings/base.py"]
    assert '"django_prometheus",' in base
    assert 'PROMETHEUS_BACKENDS.get(db["ENGINE"], db["ENGINE"])' in base
    assert 'PROMETHEUS_BACKENDS.get(c["BACKEND"], c["BACKEND"])' in base
    assert 'path("metrics", metrics, name="metrics")' in files["config/urls.py"]
    assert '"^metrics$"' in files["config/settings/production.py"]
    assert "\nMETRICS_TOKEN=\n" in files[".env.example"]
    assert "observatory/tests/test_metrics.py" in files


def test_tracing_starts_once_from_every_entry_point(emit):
    files = emit(OBSERVED)
    for entry in ("config/wsgi.py", "config/asgi.py", "manage.py"):
        text = files[entry]
        assert "from config.tracing import configure_tracing" in text
        # Before Django builds the handler, which loads the middleware.
        assert text.index("configure_tracing()") < text.index(
            "execute_from_command_line(sys.argv)" if entry == "manage.py" else "application = "
        )
    assert "\nOTEL_SERVICE_NAME=observatory\n" in files[".env.example"]
    assert "observatory/tests/test_tracing.py" in files


@pytest.mark.parametrize(("spec", "redis"), [(OBSERVED, False), (REDIS, True)])
def test_redis_parts_only_when_the_project_may_use_redis(emit, spec, redis):
    files = emit(spec)
    pyproject = files["pyproject.toml"]
    assert ('"opentelemetry-instrumentation-redis' in pyproject) is redis
    assert ('"django-redis' in pyproject) is redis
    assert ("RedisInstrumentor" in files["config/tracing.py"]) is redis


def test_a_project_with_both_features_passes_its_gates(build_and_gate, tmp_path):
    """ruff, `manage.py check`, migrations, and its own tests — the health, request-id,
    metrics and in-memory tracing tests among them."""
    out = build_and_gate(OBSERVED, tmp_path, "observatory")
    for test in ("test_observability.py", "test_metrics.py", "test_tracing.py"):
        assert (out / "observatory" / "tests" / test).is_file()
