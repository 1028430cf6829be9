"""`auth jwt | session | none`: what each mode puts in settings, URLs and the project.

The generated `tests/test_auth.py` proves the behaviour on the project itself (it runs in
tests/e2e/test_generated_project.py); tests/e2e/test_live_server.py runs the JWT flow
over HTTP.  These read the emitted files.
"""

from __future__ import annotations

import ast

import pytest

from djsc.backends.django.features.auth import (
    BASIC_CLASS,
    DEFAULT_ACCESS,
    DEFAULT_REFRESH,
    SIMPLEJWT,
)

ENTITY = "entity Item { name: String(20) }\n"
JWT_CLASS = "rest_framework_simplejwt.authentication.JWTAuthentication"


def spec(auth: str | None) -> str:
    option = f"  auth {auth}\n" if auth else ""
    return f'app shop {{\n  title "Shop"\n{option}}}\n{ENTITY}'


def assigned(source: str, name: str) -> ast.expr:
    """The value of the last top-level `NAME = …` of a module."""
    found = [
        node.value
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == name
    ]
    assert found, f"{name} is not assigned"
    return found[-1]


def rest_framework(files: dict[str, str]) -> dict:
    return ast.literal_eval(assigned(files["config/settings/base.py"], "REST_FRAMEWORK"))


def simple_jwt(files: dict[str, str]) -> dict[str, str]:
    node = assigned(files["config/settings/base.py"], "SIMPLE_JWT")
    assert isinstance(node, ast.Dict)
    pairs = zip(node.keys, node.values, strict=True)
    return {ast.literal_eval(k): ast.unparse(v) for k, v in pairs}


def test_jwt_comes_first_then_the_session(emit):
    files = emit(spec("jwt { access 5m  refresh 2w }"))
    classes = rest_framework(files)["DEFAULT_AUTHENTICATION_CLASSES"]
    assert classes == [JWT_CLASS, "rest_framework.authentication.SessionAuthentication"]
    settings = simple_jwt(files)
    assert settings["ACCESS_TOKEN_LIFETIME"] == "datetime.timedelta(minutes=5)"
    assert settings["REFRESH_TOKEN_LIFETIME"] == "datetime.timedelta(days=14)"
    assert settings["ROTATE_REFRESH_TOKENS"] == settings["BLACKLIST_AFTER_ROTATION"] == "True"
    assert "SIGNING_KEY" not in settings  # simplejwt's default: the environment's SECRET_KEY
    assert "import datetime" in files["config/settings/base.py"]


def test_jwt_lifetimes_have_documented_defaults(emit):
    settings = simple_jwt(emit(spec("jwt")))
    assert (DEFAULT_ACCESS, DEFAULT_REFRESH) == ("15m", "7d")
    assert settings["ACCESS_TOKEN_LIFETIME"] == "datetime.timedelta(minutes=15)"
    assert settings["REFRESH_TOKEN_LIFETIME"] == "datetime.timedelta(days=7)"


def test_jwt_installs_simplejwt_and_its_blacklist_and_mounts_the_endpoints(emit):
    files = emit(spec("jwt"))
    assert f'"{SIMPLEJWT}"' in files["pyproject.toml"]
    assert '"rest_framework_simplejwt.token_blacklist"' in files["config/settings/base.py"]
    urls = files["config/urls.py"]
    for path in ("token/", "token/refresh/", "token/verify/", "logout/", "me/"):
        assert f'path("api/auth/{path}"' in urls
    assert 'path("api-auth/", include("rest_framework.urls"))' in urls
    assert "TokenBlacklistView" in urls
    assert "def test_an_unsigned_token_is_refused" in files["shop/tests/test_auth.py"]


@pytest.mark.parametrize("auth", [None, "session"])
def test_the_session_answers_401_with_a_challenge_of_its_own(emit, auth):
    files = emit(spec(auth))
    classes = rest_framework(files)["DEFAULT_AUTHENTICATION_CLASSES"]
    assert classes == ["config.authentication.SessionAuthentication"]
    module = files["config/authentication.py"]
    assert "def authenticate_header" in module
    # DRF imports it while defining its views: it must import no views itself.
    imports = [line for line in module.splitlines() if line.startswith(("import", "from"))]
    assert imports == ["from rest_framework import authentication"]
    assert "simplejwt" not in "".join(files.values())
    assert 'path("api/auth/me/"' in files["config/urls.py"]
    assert "SIMPLE_JWT" not in files["config/settings/base.py"]


def test_none_authenticates_no_one_and_mounts_no_login(emit):
    files = emit(spec("none"))
    assert rest_framework(files)["DEFAULT_AUTHENTICATION_CLASSES"] == []
    assert "config/auth.py" not in files and "config/authentication.py" not in files
    assert "api/auth/" not in files["config/urls.py"]
    assert "api-auth/" not in files["config/urls.py"]
    assert BASIC_CLASS not in files["config/settings/local.py"]
    assert "403" in files["shop/tests/test_auth.py"]


@pytest.mark.parametrize("auth", ["jwt", "session"])
def test_basic_auth_is_for_development_and_tests_only(emit, auth):
    files = emit(spec(auth))
    for env in ("local", "test"):
        assert BASIC_CLASS in files[f"config/settings/{env}.py"], env
    for env in ("base", "production"):
        assert BASIC_CLASS not in files[f"config/settings/{env}.py"], env


def test_the_readme_says_how_to_sign_in(emit):
    readme = emit(spec("jwt { access 30m  refresh 1d }"))["README.md"]
    assert "## Authentication" in readme
    assert "POST /api/auth/token/" in readme and "30 minutes" in readme
