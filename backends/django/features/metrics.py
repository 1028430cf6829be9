"""`features metrics`: Prometheus metrics with django-prometheus at `GET /metrics`.

Metrics need a scraper, so they come with the feature (observability.py says what is
always on).  Everything is the library's own way: its two middlewares around the chain
(requests, latencies, statuses by view), its database backends wrapping Django's
(queries, errors, durations per alias) and its cache backends (gets, hits, misses).
`config/metrics.py` serves the exposition behind a bearer token (`METRICS_TOKEN`).
"""

from __future__ import annotations

from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.features.observability import app_features
from djsc.backends.django.slots import (
    EnvVar,
    Middleware,
    PyCode,
    ReadmeSection,
    Setting,
    SettingsSection,
)
from djsc.backends.django.viewmodels.caching import app_cache
from djsc.ir import nodes as ir

DEPENDENCY = "django-prometheus>=2.3,<3"
# django-prometheus's Redis cache module imports django-redis, even for the wrapper of
# Django's own Redis cache that the project uses.
REDIS_DEPENDENCY = "django-redis>=5.4,<7"
PATH = "metrics"
BEFORE = Middleware(
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    before="django.middleware.security.SecurityMiddleware",
)
AFTER = Middleware("django_prometheus.middleware.PrometheusAfterMiddleware")
ENV = (
    EnvVar(
        "METRICS_TOKEN",
        "",
        "GET /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`; empty: 404.",
    ),
    EnvVar(
        "PROMETHEUS_MULTIPROC_DIR",
        "",
        "Several worker processes: an empty, writable folder where they pool their counts.",
    ),
)
# Django's backends → django-prometheus's wrappers of them (the engines
# dj-database-url gives for the URLs the settings accept, and both caches).
BACKENDS = {
    "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
    "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
    "django.db.backends.mysql": "django_prometheus.db.backends.mysql",
    # Parenthesized: a line of its own for the value keeps within ruff's line length.
    "django.core.cache.backends.redis.RedisCache": PyCode(
        '(\n"django_prometheus.cache.backends.redis.NativeRedisCache"\n)'
    ),
    "django.core.cache.backends.locmem.LocMemCache": PyCode(
        '(\n"django_prometheus.cache.backends.locmem.LocMemCache"\n)'
    ),
}
SECTION = SettingsSection(
    "PROMETHEUS METRICS",
    "https://github.com/korfuri/django-prometheus",
    (
        Setting("PROMETHEUS_BACKENDS", BACKENDS),
        Setting(
            "DATABASES",
            PyCode(
                '{alias: {**db, "ENGINE": PROMETHEUS_BACKENDS.get(db["ENGINE"], db["ENGINE"])}'
                " for alias, db in DATABASES.items()}"
            ),
        ),
        Setting(
            "CACHES",
            PyCode(
                '{alias: {**c, "BACKEND": PROMETHEUS_BACKENDS.get(c["BACKEND"], c["BACKEND"])}'
                " for alias, c in CACHES.items()}"
            ),
        ),
    ),
)
README = """\
`GET /metrics` serves Prometheus metrics (django-prometheus): requests and latencies by
view, method and status, database queries and their durations, cache gets, hits and
misses. It is off (404) until `METRICS_TOKEN` is set, then answers only scrapers that
send `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise), and it is exempt from the
HTTPS redirect. Under several worker processes set `PROMETHEUS_MULTIPROC_DIR` to an
empty, writable folder (cleared at each start) so every worker's counts are added up.

```yaml
scrape_configs:
  - job_name: api
    metrics_path: /metrics
    authorization: {credentials: "<METRICS_TOKEN>"}
```"""


class MetricsFeature(TemplateFeature):
    name = "metrics"
    contributes = (
        "project.dependencies",
        "project.env",
        "settings.installed_apps",
        "settings.middleware",
        "settings.sections",
        "urls.imports",
        "urls.patterns",
        "readme.sections",
    )
    consumes = frozenset({"app.features=metrics"})

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        if "metrics" not in app_features(program):
            return
        ctx.contribute("project.dependencies", DEPENDENCY)
        if app_cache(program)[0] != "locmem":
            ctx.contribute("project.dependencies", REDIS_DEPENDENCY)
        for variable in ENV:
            ctx.contribute("project.env", variable)
        ctx.contribute("settings.installed_apps", "django_prometheus")
        ctx.contribute("settings.middleware", BEFORE)
        ctx.contribute("settings.middleware", AFTER)
        ctx.contribute("settings.sections", SECTION)
        ctx.contribute("urls.imports", "from config.metrics import metrics")
        ctx.contribute("urls.patterns", f'path("{PATH}", metrics, name="metrics")')
        ctx.contribute("readme.sections", ReadmeSection("Metrics", README))
        p = self.vm(program, ctx)
        yield self.render_file(
            "config/metrics.py", "metrics.py.j2", header=p.header("config/settings/custom.py")
        )
        yield self.render_file(
            f"{p.app}/tests/test_metrics.py", "test_metrics.py.j2", header=p.tests_header
        )
