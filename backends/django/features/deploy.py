"""Serving the project in production: WhiteNoise, gunicorn, a Dockerfile and compose.yaml.

Static files (the admin's, Swagger UI's and ReDoc's, all local: the OpenAPI feature
serves them from drf-spectacular-sidecar) are served by WhiteNoise, placed right after
Django's SecurityMiddleware so every other middleware is skipped for them; production
stores them compressed under hashed names (`STORAGES`, a `settings.production` section,
so local and test settings need no `collectstatic`).

The start is one sequence everywhere: `migrate`, `collectstatic`, then gunicorn with
`config/gunicorn.py` (sized from `WEB_CONCURRENCY`, bound to `PORT`, WSGI or ASGI under
uvicorn's worker by `GUNICORN_INTERFACE`, logging to stdout/stderr).  The Dockerfile
collects static files when the image is built, `compose.yaml` runs `migrate` as a
one-shot service before the app starts, and the image's HEALTHCHECK runs
`python -m config.healthcheck`, which asks the app for `HEALTH_PATH`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.features.settings import CUSTOM_SETTINGS
from djsc.backends.django.slots import (
    DevSetting,
    EnvVar,
    Middleware,
    ReadmeSection,
    SettingsSection,
)
from djsc.backends.django.slots import Setting as S
from djsc.backends.django.viewmodels.caching import app_cache
from djsc.ir import nodes as ir

# The liveness endpoint the container's health check asks for (the observability
# feature serves it); one constant, so it changes in one place.
HEALTH_PATH = "/health/live"
DEPENDENCIES = (
    "whitenoise>=6.7,<7",
    "gunicorn>=23,<28",
    # gunicorn's worker class for ASGI (uvicorn.workers is deprecated in its favour).
    "uvicorn-worker>=0.3,<1",
)
WHITENOISE = Middleware(
    "whitenoise.middleware.WhiteNoiseMiddleware",
    before="django.contrib.sessions.middleware.SessionMiddleware",
)
STATIC_SECTION = SettingsSection(
    "STATIC FILES (WhiteNoise: compressed, hashed names, cached forever)",
    "https://whitenoise.readthedocs.io/en/stable/django.html",
    (
        S(
            "STORAGES",
            {
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {
                    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                },
            },
        ),
    ),
)
# Local and test settings have no collected STATIC_ROOT: WhiteNoise finds files per request
# there instead of warning at start-up that the folder is missing.
AUTOREFRESH = DevSetting(
    "WHITENOISE_AUTOREFRESH",
    "True",
    "WhiteNoise looks static files up per request (only collectstatic fills STATIC_ROOT).",
)
# The start, the same in the image, in compose.yaml, in the README and in djsc's tests.
MIGRATE = ("python", "manage.py", "migrate", "--noinput")
COLLECTSTATIC = ("python", "manage.py", "collectstatic", "--noinput")
SERVE = ("gunicorn", "--config", "config/gunicorn.py")
GUNICORN_ENV = (
    EnvVar("PORT", "8000", "Server: the port gunicorn listens on."),
    EnvVar(
        "GUNICORN_HOST",
        "0.0.0.0",
        "Server: the address gunicorn listens on (127.0.0.1: this machine only).",
    ),
    EnvVar(
        "WEB_CONCURRENCY",
        "",
        "Server: gunicorn worker processes; empty: 2 per CPU + 1, at most 8.",
    ),
    EnvVar(
        "GUNICORN_THREADS",
        "1",
        "Server: threads per WSGI worker (more than 1 switches to gunicorn's gthread worker).",
    ),
    EnvVar(
        "GUNICORN_INTERFACE",
        "wsgi",
        "Server: wsgi (config.wsgi, gunicorn's workers) or asgi (config.asgi, uvicorn's worker).",
    ),
    EnvVar(
        "GUNICORN_TIMEOUT",
        "30",
        "Server: seconds a request may take before its worker is restarted.",
    ),
    EnvVar(
        "GUNICORN_GRACEFUL_TIMEOUT",
        "30",
        "Server: seconds workers get to finish their requests on a restart or stop.",
    ),
    EnvVar("GUNICORN_KEEPALIVE", "5", "Server: seconds an idle keep-alive connection is kept."),
    EnvVar(
        "GUNICORN_LOG_LEVEL",
        "info",
        "Server: gunicorn's log level (access lines go to stdout, the rest to stderr).",
    ),
    EnvVar(
        "FORWARDED_ALLOW_IPS",
        "127.0.0.1,::1",
        "Server: proxies trusted to say the scheme (X-Forwarded-Proto), comma-separated; "
        "* trusts any.",
    ),
)
README = """\
The production start, the one the Docker image runs, is the same without Docker
(`DJANGO_SETTINGS_MODULE=config.settings.production` and the variables below set):

```sh
{migrate}
{collectstatic}
{serve}
```

Static files (the admin's, the API docs' and any app's) are served by WhiteNoise, compressed
and under hashed names that browsers cache for good. gunicorn serves `config.wsgi`
(`GUNICORN_INTERFACE=asgi`: `config.asgi` under uvicorn's worker) with `WEB_CONCURRENCY`
workers on `PORT`; its access log goes to stdout and everything else to stderr.

With Docker, `compose.yaml` starts the app with {services}:

```sh
export DJANGO_SECRET_KEY=...  POSTGRES_PASSWORD=...   # or put them in .env
docker compose up --build
```

The `migrate` service applies the migrations and exits before `web` starts; the image collects
the static files when it is built, runs as a user without privileges, and its HEALTHCHECK asks
`{health}` (`python -m config.healthcheck`). Without a TLS proxy in front (trying it out on
http://localhost:8000), set `DJANGO_SECURE_SSL_REDIRECT=false`.

djsc checks these files without Docker: its tests parse the Dockerfile and `compose.yaml`, check
that every file they copy exists, that their commands' modules import and that every variable they
set is one the settings read, and its end-to-end tests run this same start (migrate,
collectstatic, gunicorn) on PostgreSQL and Redis and load Swagger UI and the admin, styled."""


def image_name(project: str) -> str:
    """A Docker image name: lowercase letters and digits, words joined by `-`."""
    return re.sub(r"[^a-z0-9]+", "-", project.lower()).strip("-") or "app"


class DeployFeature(TemplateFeature):
    name = "deploy"
    contributes = (
        "project.dependencies",
        "project.env",
        "settings.middleware",
        "settings.production",
        "settings.development",
        "readme.sections",
    )

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        redis = app_cache(program)[0] != "locmem"  # base.py reads REDIS_URL unless locmem
        for dependency in DEPENDENCIES:
            ctx.contribute("project.dependencies", dependency)
        ctx.contribute("settings.middleware", WHITENOISE)
        ctx.contribute("settings.production", STATIC_SECTION)
        ctx.contribute("settings.development", AUTOREFRESH)
        for variable in GUNICORN_ENV:
            ctx.contribute("project.env", variable)
        body = README.format(
            migrate=" ".join(MIGRATE),
            collectstatic=" ".join(COLLECTSTATIC),
            serve=" ".join(SERVE),
            services="PostgreSQL and Redis"
            if redis
            else "PostgreSQL (no Redis: `cache locmem` keeps the cache in each worker)",
            health=HEALTH_PATH,
        )
        ctx.contribute("readme.sections", ReadmeSection("Serve it in production", body))
        header = p.header(f"{CUSTOM_SETTINGS} (gunicorn: GUNICORN_CMD_ARGS)")
        commands = {"migrate": MIGRATE, "collectstatic": COLLECTSTATIC, "serve": SERVE}
        yield self.render_file("config/gunicorn.py", "gunicorn.py.j2", header=header)
        yield self.render_file(
            "config/healthcheck.py", "healthcheck.py.j2", header=header, health=HEALTH_PATH
        )
        yield self.render_file("Dockerfile", "Dockerfile.j2", p=p, commands=commands)
        yield self.render_file(".dockerignore", "dockerignore.j2", p=p)
        yield self.render_file(
            "compose.yaml",
            "compose.yaml.j2",
            p=p,
            image=image_name(p.project),
            commands=commands,
            redis=redis,
        )
