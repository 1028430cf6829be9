"""`features tracing`: OpenTelemetry traces, exported when the `OTEL_*` variables ask.

Tracing needs a collector, so it comes with the feature (observability.py says what is
always on), and even then it stays off until the environment names an exporter or an
OTLP endpoint: a project built with it runs unchanged where no collector exists.
`config/tracing.py` sets the SDK up once, from wsgi.py, asgi.py and manage.py (the
`project.startup` slot), before Django loads the middleware that opens the server span.
SQL spans come from Django's `execute_wrapper` rather than a per-driver instrumentation,
so SQLite, PostgreSQL and connections opened before start-up are all covered; Redis
commands from opentelemetry-instrumentation-redis when the project may use Redis.  The
project makes no outgoing HTTP calls, so no HTTP client is instrumented.
"""

from __future__ import annotations

from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.features.observability import app_features
from djsc.backends.django.slots import EnvVar, ReadmeSection
from djsc.backends.django.viewmodels.caching import app_cache
from djsc.ir import nodes as ir

OTEL_VERSION = ">=1.30,<2"
INSTRUMENTATION_VERSION = ">=0.51b0,<1"
DEPENDENCIES = (
    f"opentelemetry-sdk{OTEL_VERSION}",
    f"opentelemetry-exporter-otlp-proto-http{OTEL_VERSION}",
    f"opentelemetry-instrumentation-django{INSTRUMENTATION_VERSION}",
    # The Django instrumentation traces requests served by asgi.py only with it.
    f"opentelemetry-instrumentation-asgi{INSTRUMENTATION_VERSION}",
)
REDIS_DEPENDENCY = f"opentelemetry-instrumentation-redis{INSTRUMENTATION_VERSION}"
ENV = (
    EnvVar(
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "",
        "Tracing: the OpenTelemetry collector (http://collector:4318, HTTP/protobuf); "
        "empty: tracing is off.",
    ),
    EnvVar("OTEL_TRACES_EXPORTER", "", "Tracing: otlp, console or none (otlp with an endpoint)."),
    EnvVar("OTEL_SERVICE_NAME", "{app}", "Tracing: the service name spans are recorded under."),
)
README = """\
Requests, SQL statements{redis} are traced with OpenTelemetry when the standard
variables ask for it; with none of them set, tracing is off and costs nothing.

- `OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318` sends spans over OTLP
  (HTTP/protobuf; gRPC is refused at start-up), or `OTEL_TRACES_EXPORTER=console`
  prints them; `OTEL_SDK_DISABLED=true` switches tracing off whatever else is set;
- `OTEL_SERVICE_NAME` names the service (`{app}` in .env.example);
  `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_TRACES_SAMPLER` (`parentbased_traceidratio` with
  `OTEL_TRACES_SAMPLER_ARG=0.1` keeps one trace in ten), `OTEL_EXPORTER_OTLP_HEADERS`
  and `OTEL_PYTHON_DJANGO_EXCLUDED_URLS=health/.*,metrics` work as documented by
  OpenTelemetry.

`config/wsgi.py`, `config/asgi.py` and `manage.py` start it once, before Django loads
its middleware."""


class TracingFeature(TemplateFeature):
    name = "tracing"
    contributes = ("project.dependencies", "project.env", "project.startup", "readme.sections")
    consumes = frozenset({"app.features=tracing"})

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        if "tracing" not in app_features(program):
            return
        p = self.vm(program, ctx)
        redis = app_cache(program)[0] != "locmem"
        for dependency in DEPENDENCIES:
            ctx.contribute("project.dependencies", dependency)
        if redis:
            ctx.contribute("project.dependencies", REDIS_DEPENDENCY)
        for variable in ENV:
            ctx.contribute(
                "project.env", EnvVar(variable.name, variable.value.format(app=p.app), variable.doc)
            )
        ctx.contribute("project.startup", "config.tracing.configure_tracing")
        ctx.contribute(
            "readme.sections",
            ReadmeSection(
                "Tracing", README.format(redis=" and Redis commands" if redis else "", app=p.app)
            ),
        )
        yield self.render_file(
            "config/tracing.py",
            "tracing.py.j2",
            header=p.header("config/settings/custom.py"),
            redis=redis,
        )
        yield self.render_file(
            f"{p.app}/tests/test_tracing.py", "test_tracing.py.j2", header=p.tests_header
        )
