"""`throttle` and `cors` reach the generated project, and its own tests prove them.

The settings are read with `ast` from the emitted tree; two projects (every rate and
listed origins with credentials; one rate and the wildcard origin) are built and pass
their gates: ruff, `manage.py check`, no missing migration and their generated tests,
which send throttled requests (429 + Retry-After) and CORS preflights.
"""

from __future__ import annotations

import ast

import pytest

from djsc.backends.django.features.pending import pending_uses
from djsc.pipeline import compile_source

SPEC = """
app club {
  title "Club API"
  throttle { anon 100/hour  user 1000/day }
  cors { origins "https://a.example", "https://b.example:8443"  credentials true }
}

entity Member {
  name: String(100)
}
"""
USER_ONLY_WILDCARD = """
app club {
  throttle { user 5/s }
  cors { origins "*" }
}

entity Member {
  name: String(100)
}
"""
PLAIN = """
app club {
  title "Club API"
}

entity Member {
  name: String(100)
}
"""


def assignments(source: str) -> dict[str, object]:
    """Top-level `NAME = literal` assignments of a settings module."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


def test_throttle_rates_and_classes_are_rest_framework_defaults(emit) -> None:
    base = assignments(emit(SPEC)["config/settings/base.py"])
    rest = base["REST_FRAMEWORK"]
    assert rest["DEFAULT_THROTTLE_CLASSES"] == [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ]
    assert rest["DEFAULT_THROTTLE_RATES"] == {"anon": "100/hour", "user": "1000/day"}
    only_user = assignments(emit(USER_ONLY_WILDCARD)["config/settings/base.py"])
    assert only_user["REST_FRAMEWORK"]["DEFAULT_THROTTLE_CLASSES"] == [
        "rest_framework.throttling.UserRateThrottle"
    ]
    assert only_user["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"] == {"user": "5/s"}


def test_cors_settings_hold_exactly_the_spec_s_origins(emit) -> None:
    files = emit(SPEC)
    base = assignments(files["config/settings/base.py"])
    origins = ["https://a.example", "https://b.example:8443"]
    assert base["CORS_ALLOWED_ORIGINS"] == origins
    assert base["CORS_ALLOW_CREDENTIALS"] is True
    assert base["CSRF_TRUSTED_ORIGINS"] == origins
    assert base["CORS_URLS_REGEX"] == r"^/api/.*$"
    assert "corsheaders" in base["THIRD_PARTY_APPS"]
    middleware = base["MIDDLEWARE"]
    cors = middleware.index("corsheaders.middleware.CorsMiddleware")
    assert cors < middleware.index("django.middleware.common.CommonMiddleware")
    assert '"django-cors-headers>=4.7,<5"' in files["pyproject.toml"]
    wildcard = assignments(emit(USER_ONLY_WILDCARD)["config/settings/base.py"])
    assert wildcard["CORS_ALLOW_ALL_ORIGINS"] is True
    assert wildcard["CORS_ALLOW_CREDENTIALS"] is False
    assert "CORS_ALLOWED_ORIGINS" not in wildcard and "CSRF_TRUSTED_ORIGINS" not in wildcard


def test_without_the_options_nothing_of_them_is_emitted(emit) -> None:
    files = emit(PLAIN)
    text = "\n".join(files[p] for p in ("config/settings/base.py", "pyproject.toml", "README.md"))
    for word in ("corsheaders", "CORS_", "THROTTLE", "cors-headers"):
        assert word not in text, word
    assert not [p for p in files if p.endswith(("test_throttle.py", "test_cors.py"))]


def test_the_readme_and_tests_say_so(emit) -> None:
    files = emit(SPEC)
    readme = files["README.md"]
    assert "## Rate limits" in readme and "`100/hour` for anonymous clients" in readme
    assert "## Browsers on other origins" in readme and "`https://a.example`" in readme
    assert "club/tests/test_throttle.py" in files and "club/tests/test_cors.py" in files


def test_throttle_and_cors_are_no_longer_pending() -> None:
    program = compile_source(SPEC, "club.djs").program
    assert pending_uses(program) == {}


@pytest.mark.parametrize("text", [SPEC, USER_ONLY_WILDCARD], ids=["both-rates", "user-wildcard"])
def test_the_projects_pass_their_gates(text: str, tmp_path, build_and_gate) -> None:
    out = build_and_gate(text, tmp_path)
    assert (out / "club/tests/test_throttle.py").is_file()
    assert (out / "club/tests/test_cors.py").is_file()
