"""How clients sign in: the `app` option `auth jwt | session | none`.

Everything this feature needs from the project it contributes through slots: the
authentication classes (`REST_FRAMEWORK`), simplejwt's app, dependency and settings,
HTTP Basic for development and tests only, the URLs, a README section.  It emits
`config/auth.py` (the `me` view), for `session` `config/authentication.py` (a session
class that answers 401)
and `<app>/tests/test_auth.py`.

- `jwt`: JWTAuthentication first (an anonymous request that needs a user gets 401 with
  `WWW-Authenticate: Bearer …`), then the session (browsable API, admin).  Token
  obtain, refresh (rotating, the old refresh token blacklisted), verify and logout
  (blacklists a refresh token) under /api/auth/.
- `session` (the default): the session, through a subclass with a `Session` challenge
  so anonymous requests get 401, not DRF's 403.
- `none`: no authentication class at all, so every API request is anonymous: reads
  work, writes are refused (403: no credentials could help) until `allow` rules can
  say `anyone`.  No login endpoints; the admin keeps Django's own login.

Every mode but `none` has GET /api/auth/me/ and DRF's login view at /api-auth/login/
(a non-staff user can sign in to the browsable API there).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.slots import (
    DevSetting,
    PyCode,
    ReadmeSection,
    Setting,
    SettingsSection,
)
from djsc.backends.django.viewmodels.values import duration_code
from djsc.ir import nodes as ir

DEFAULT_MODE = "session"
# Lifetimes when `auth jwt` leaves them out (docs/language.md says so too).
DEFAULT_ACCESS = "15m"
DEFAULT_REFRESH = "7d"
SIMPLEJWT = "djangorestframework-simplejwt>=5.5,<6"
JWT_CLASS = "rest_framework_simplejwt.authentication.JWTAuthentication"
SESSION_CLASS = "rest_framework.authentication.SessionAuthentication"
CHALLENGING_SESSION_CLASS = "config.authentication.SessionAuthentication"
BASIC_CLASS = "rest_framework.authentication.BasicAuthentication"
AUTHENTICATION_CLASSES = {
    "jwt": [JWT_CLASS, SESSION_CLASS],
    "session": [CHALLENGING_SESSION_CLASS],
    "none": [],
}
JWT_VIEWS = (
    "from rest_framework_simplejwt.views import (TokenBlacklistView, TokenObtainPairView, "
    "TokenRefreshView, TokenVerifyView)"
)
JWT_PATTERNS = (
    'path("api/auth/token/", TokenObtainPairView.as_view(), name="token_obtain_pair")',
    'path("api/auth/token/refresh/", TokenRefreshView.as_view(), name="token_refresh")',
    'path("api/auth/token/verify/", TokenVerifyView.as_view(), name="token_verify")',
    'path("api/auth/logout/", TokenBlacklistView.as_view(), name="logout")',
)
SIGNED_IN_PATTERNS = (
    'path("api/auth/me/", MeView.as_view(), name="me")',
    'path("api-auth/", include("rest_framework.urls"))',
)
# Where DRF's login and logout views send the browser (Django's default is /accounts/profile/).
REDIRECTS = ("LOGIN_REDIRECT_URL", "LOGOUT_REDIRECT_URL")
BASIC_IN_DEVELOPMENT = DevSetting(
    "REST_FRAMEWORK",
    '{**REST_FRAMEWORK, "DEFAULT_AUTHENTICATION_CLASSES": '
    f'[*REST_FRAMEWORK.get("DEFAULT_AUTHENTICATION_CLASSES", []), "{BASIC_CLASS}"]}}',
    "HTTP Basic auth, last: to try the API by hand, and for test clients",
    ("REST_FRAMEWORK",),
)


@dataclass(frozen=True)
class AuthVM:
    mode: str  # jwt | session | none
    access: str = ""  # `15m`, for jwt only
    refresh: str = ""

    @property
    def signs_in(self) -> bool:
        return self.mode != "none"


def auth_vm(program: ir.Program) -> AuthVM:
    opt = program.app.option("auth") if program.app else None
    mode = opt.values[0].value if opt and opt.values else DEFAULT_MODE
    if mode != "jwt":
        return AuthVM(mode)

    def lifetime(name: str, default: str) -> str:
        child = opt.child(name) if opt else None
        return child.values[0].text if child and child.values else default

    return AuthVM(mode, lifetime("access", DEFAULT_ACCESS), lifetime("refresh", DEFAULT_REFRESH))


_UNITS = {"ms": "millisecond", "s": "second", "m": "minute", "h": "hour", "d": "day", "w": "week"}


def in_words(duration: str) -> str:
    """`15m` → `15 minutes`, `1d` → `1 day` (a duration the checks accepted)."""
    amount = duration.rstrip("mshdw")
    unit = _UNITS[duration[len(amount) :]]
    return f"{amount} {unit}" + ("" if amount == "1" else "s")


def simple_jwt(auth: AuthVM) -> dict:
    """`SIMPLE_JWT`; SIGNING_KEY is left to its default, each environment's SECRET_KEY."""
    return {
        "ACCESS_TOKEN_LIFETIME": PyCode(duration_code(auth.access) or ""),
        "REFRESH_TOKEN_LIFETIME": PyCode(duration_code(auth.refresh) or ""),
        "ROTATE_REFRESH_TOKENS": True,
        "BLACKLIST_AFTER_ROTATION": True,
        "ALGORITHM": "HS256",
        "AUTH_HEADER_TYPES": ("Bearer",),
    }


README = {
    "jwt": """\
Clients sign in with JSON Web Tokens (djangorestframework-simplejwt): `POST /api/auth/token/`
with `username` and `password` answers an `access` token (valid {access}) and a `refresh`
token (valid {refresh}); send `Authorization: Bearer <access>`. `POST /api/auth/token/refresh/` with
`refresh` answers a new pair and blacklists the old refresh token; `POST /api/auth/token/verify/`
checks a `token`; `POST /api/auth/logout/` with `refresh` blacklists it. Tokens are signed
(HS256) with `DJANGO_SECRET_KEY`. The browsable API and the admin use the session.""",
    "session": """\
Clients sign in with the session cookie: in the browsable API at `/api-auth/login/`, or in
the admin; writes then send the `X-CSRFToken` header.""",
    "none": """\
The API signs in no one (`auth none`): every request is anonymous, so reads work and writes
are refused with 403. The admin keeps Django's own login for staff users.""",
}
README_COMMON = """

`GET /api/auth/me/` answers the signed-in user's `id`, `username` and `email` (401 when
anonymous); an anonymous request that needs a user gets 401 with a `WWW-Authenticate` header.
In development (`config.settings.local`) and in the tests HTTP Basic auth works too; never in
production."""


class AuthFeature(TemplateFeature):
    name = "auth"
    requires = ("views",)
    contributes = (
        "project.dependencies",
        "settings.installed_apps",
        "settings.rest_framework",
        "settings.sections",
        "settings.development",
        "urls.imports",
        "urls.patterns",
        "readme.sections",
    )
    consumes = frozenset(
        {
            "app.auth",
            "app.auth=jwt",
            "app.auth=session",
            "app.auth=none",
            "app.auth.access",
            "app.auth.refresh",
        }
    )

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        auth = auth_vm(program)
        classes = Setting("DEFAULT_AUTHENTICATION_CLASSES", AUTHENTICATION_CLASSES[auth.mode])
        ctx.contribute("settings.rest_framework", classes)
        if auth.mode == "jwt":
            self._jwt(auth, ctx)
        if auth.signs_in:
            ctx.contribute("settings.development", BASIC_IN_DEVELOPMENT)
            redirects = tuple(Setting(name, "/api/") for name in REDIRECTS)
            ctx.contribute(
                "settings.sections",
                SettingsSection(
                    "AUTHENTICATION (the browsable API's login)",
                    "https://www.django-rest-framework.org/api-guide/authentication/",
                    redirects,
                ),
            )
            ctx.contribute("urls.imports", "from config.auth import MeView")
            for line in SIGNED_IN_PATTERNS:
                ctx.contribute("urls.patterns", line)
        lifetimes = {"access": auth.access, "refresh": auth.refresh}
        body = README[auth.mode].format(**{k: in_words(v) for k, v in lifetimes.items() if v})
        if auth.signs_in:
            body += README_COMMON
        ctx.contribute("readme.sections", ReadmeSection("Authentication", body))
        header = p.header("config/settings/custom.py (REST_FRAMEWORK)")
        if auth.signs_in:
            yield self.render_file("config/auth.py", "auth.py.j2", header=header, auth=auth)
        if auth.mode == "session":
            yield self.render_file(
                "config/authentication.py", "authentication.py.j2", header=header
            )
        first = p.entities[0] if p.entities else None
        yield self.render_file(
            f"{p.app}/tests/test_auth.py",
            "test_auth.py.j2",
            header=p.tests_header,
            auth=auth,
            access=duration_code(auth.access) if auth.access else "",
            refresh=duration_code(auth.refresh) if auth.refresh else "",
            first=first,
        )

    def _jwt(self, auth: AuthVM, ctx: EmitContext) -> None:
        ctx.contribute("project.dependencies", SIMPLEJWT)
        ctx.contribute("settings.installed_apps", "rest_framework_simplejwt")
        ctx.contribute("settings.installed_apps", "rest_framework_simplejwt.token_blacklist")
        ctx.contribute(
            "settings.sections",
            SettingsSection(
                "SIMPLE JWT (access and refresh tokens; SIGNING_KEY defaults to SECRET_KEY)",
                "https://django-rest-framework-simplejwt.readthedocs.io/en/latest/settings.html",
                (Setting("SIMPLE_JWT", simple_jwt(auth)),),
                imports=("import datetime",),
            ),
        )
        ctx.contribute("urls.imports", JWT_VIEWS)
        for line in JWT_PATTERNS:
            ctx.contribute("urls.patterns", line)
