"""Logs, request ids, error mail and health checks: on in every generated project.

A Django team expects these of any service it runs, and they cost nothing to have
(no extra process, one small dependency), so no spec option switches them:

- `config/observability.py`: `RequestIdMiddleware` (first in the chain) takes a safe
  `X-Request-ID` or makes one, answers it back, and writes one log line per request;
  `RequestIdFilter` stamps the id on every log line of the request.
- production logs are JSON lines on stderr (python-json-logger); local and test settings
  keep readable console lines with the id in brackets.
- `ADMINS` (`DJANGO_ADMINS`) get mail for every 500, with its traceback, when set; the
  traceback always reaches the log (Django's `django.request` logger at ERROR).
- `config/health.py`: `GET /health/live` and `GET /health/ready` (database and cache).

Metrics and tracing need services of their own (a Prometheus scraper, an OpenTelemetry
collector), so they come with `features metrics` / `features tracing` (metrics.py,
tracing.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.slots import (
    DevSetting,
    EnvVar,
    Middleware,
    PyCode,
    ReadmeSection,
    Setting,
    SettingsSection,
)
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir

DEPENDENCY = "python-json-logger>=3.1,<5"
ACCESS_LOGGER = "config.access"
MAX_REQUEST_ID = 128
MIDDLEWARE = Middleware(
    "config.observability.RequestIdMiddleware",
    before="django.middleware.security.SecurityMiddleware",
)
HEALTH_PATHS = ("health/live", "health/ready")
CONSOLE_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
FILTERS = {"request_id": {"()": "config.observability.RequestIdFilter"}}

ENV = (
    EnvVar(
        "DJANGO_LOG_LEVEL",
        "WARNING",
        "Production: the level of the root logger; the request log line is INFO regardless.",
    ),
    EnvVar(
        "DJANGO_ADMINS",
        "",
        "Production: e-mail addresses (comma-separated) that get every 500 with its traceback.",
    ),
    EnvVar("DJANGO_SERVER_EMAIL", "", "Production: the sender of the mail to DJANGO_ADMINS."),
    EnvVar("DJANGO_EMAIL_HOST", "", "Production: the SMTP server that sends it (localhost)."),
    EnvVar("DJANGO_EMAIL_PORT", "", "Production: its port (587)."),
    EnvVar("DJANGO_EMAIL_HOST_USER", "", "Production: the SMTP user, if it asks for one."),
    EnvVar("DJANGO_EMAIL_HOST_PASSWORD", "", "Production: that user's password."),
)


def app_features(program: ir.Program) -> frozenset[str]:
    """The names of the spec's `features …` option."""
    opt = program.app.option("features") if program.app else None
    return frozenset(v.text for v in opt.values) if opt is not None else frozenset()


def production_logging() -> dict:
    """JSON lines on stderr; 500s (with their tracebacks) also mailed to ADMINS."""
    handlers = ["console", "mail_admins"]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": FILTERS,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id"],
            },
            # Sends nothing while ADMINS is empty.
            "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
        },
        "root": {
            "handlers": ["console"],
            "level": PyCode('os.environ.get("DJANGO_LOG_LEVEL", "WARNING").upper()'),
        },
        "loggers": {
            "django.request": {"handlers": handlers, "level": "ERROR", "propagate": False},
            "django.security": {"handlers": handlers, "level": "ERROR", "propagate": False},
            ACCESS_LOGGER: {"level": "INFO"},
        },
    }


def development_logging() -> str:
    return pyrepr(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": FILTERS,
            "formatters": {"console": {"format": CONSOLE_FORMAT}},
            "handlers": {
                "console": {
                    "class": "logging.StreamHandler",
                    "formatter": "console",
                    "filters": ["request_id"],
                }
            },
            "root": {"handlers": ["console"], "level": "INFO"},
            # Django's own handlers would print its lines a second time.
            "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
        }
    )


def production_section(features: frozenset[str]) -> SettingsSection:
    exempt = [f"^{path}$" for path in HEALTH_PATHS]
    if "metrics" in features:
        exempt.append("^metrics$")
    env = 'os.environ.get("{}", "{}")'.format
    return SettingsSection(
        "LOGGING AND ERROR MAIL",
        "https://docs.djangoproject.com/en/5.2/topics/logging/",
        (
            # Probes and scrapers call the pods over plain HTTP, behind the TLS proxy.
            Setting("SECURE_REDIRECT_EXEMPT", exempt),
            Setting("ADMINS", PyCode('[("", email) for email in env_list("DJANGO_ADMINS")]')),
            Setting("SERVER_EMAIL", PyCode(env("DJANGO_SERVER_EMAIL", "root@localhost"))),
            Setting("EMAIL_HOST", PyCode(env("DJANGO_EMAIL_HOST", "localhost"))),
            Setting("EMAIL_PORT", PyCode(f"int({env('DJANGO_EMAIL_PORT', '587')})")),
            Setting("EMAIL_HOST_USER", PyCode(env("DJANGO_EMAIL_HOST_USER", ""))),
            Setting("EMAIL_HOST_PASSWORD", PyCode(env("DJANGO_EMAIL_HOST_PASSWORD", ""))),
            Setting("EMAIL_USE_TLS", PyCode("EMAIL_PORT == 587")),
            Setting("EMAIL_TIMEOUT", 10),
            Setting("LOGGING", production_logging()),
        ),
    )


README = """\
Every answer carries an `X-Request-ID` header: the caller's own when it sends a safe one
(1 to {max} letters, digits, `-`, `_`, `.` or `:`), else a new uuid4. Every log line
written while a request is served carries that id (`request_id`), and each request ends
with one line of the `{logger}` logger: method, path, status, duration (`duration_ms`)
and the signed-in user's id (`user_id`).

In production (`config.settings.production`) the log is JSON, one object per line on
stderr; `DJANGO_LOG_LEVEL` sets the root level (WARNING). A failure (500) is logged with
its traceback at ERROR and, when `DJANGO_ADMINS` names addresses, mailed to them
through `DJANGO_EMAIL_HOST`. Local settings print readable lines instead.

Health checks sit outside the API (no authentication, throttling or caching; not in the
OpenAPI document) and are exempt from the HTTPS redirect:

- `GET /health/live`: 200 while the process runs (it touches nothing);
- `GET /health/ready`: 200 when the database and the cache answer, else 503 in
  problem+json naming the failing check.

Probes must send a `Host` header listed in `DJANGO_ALLOWED_HOSTS`."""


class ObservabilityFeature(TemplateFeature):
    name = "observability"
    requires = ("tests",)
    contributes = (
        "project.dependencies",
        "project.env",
        "settings.middleware",
        "settings.production",
        "settings.development",
        "urls.imports",
        "urls.patterns",
        "readme.sections",
    )

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        ctx.contribute("project.dependencies", DEPENDENCY)
        for variable in ENV:
            ctx.contribute("project.env", variable)
        ctx.contribute("settings.middleware", MIDDLEWARE)
        ctx.contribute("settings.production", production_section(app_features(program)))
        ctx.contribute(
            "settings.development",
            DevSetting(
                "LOGGING",
                development_logging(),
                "Readable log lines with the request id; production writes JSON.",
            ),
        )
        ctx.contribute("urls.imports", "from config.health import health_live, health_ready")
        for path in HEALTH_PATHS:
            view = path.replace("/", "_")
            ctx.contribute("urls.patterns", f'path("{path}", {view}, name="{view}")')
        ctx.contribute(
            "readme.sections",
            ReadmeSection(
                "Logs and health checks", README.format(max=MAX_REQUEST_ID, logger=ACCESS_LOGGER)
            ),
        )
        header = p.header("config/settings/custom.py")
        yield self.render_file(
            "config/observability.py",
            "observability.py.j2",
            header=header,
            max_length=MAX_REQUEST_ID,
            logger=ACCESS_LOGGER,
        )
        yield self.render_file("config/health.py", "health.py.j2", header=header)
        yield self.render_file(
            f"{p.app}/tests/test_observability.py",
            "test_observability.py.j2",
            header=p.tests_header,
            app=p.app,
            logger=ACCESS_LOGGER,
            max_length=MAX_REQUEST_ID,
        )
