"""Bad input is a 4xx in problem+json, never a 500, and every limit is in the schema.

Each probe reproduces a 500 (or a wrong status) a generated project gave:

1. a JSON body nested 50,000 deep: RecursionError in the JSON decoder;
2. a well-formed cursor holding a value its ordering key cannot hold (`p=abc` under
   `-id`, `p=notadate` under a date, a NUL): ValueError/ValidationError in the query;
3. `?search=` with thousands of words (SQLite: "Expression tree is too large") or
   one word of 100,000 characters ("LIKE pattern too complex");
4. a POST to a list without its trailing slash under DEBUG: APPEND_SLASH's
   RuntimeError (and a 301 that turns a write into a GET without DEBUG);
5. 20,000 ids in a many-to-many list: one query per id, seconds per request (and a
   multipart form holding the full 1,000 is more parts than Django takes by default);
6. an id written `1.5` or `"1"`: ids are JSON integers, as the schema says;
7. TRACE or a method a route lacks, unauthenticated: a 401 instead of a 405.

The project is built once from a spec of its own (a community garden) and probed
in one process on SQLite; the cursor probes run again on PostgreSQL when it is there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.services import fresh_database, postgres_available

BIN = Path(sys.executable).parent
PROBLEM = "application/problem+json"

SPEC = """
app garden { title "Community garden" database sqlite  pagination cursor { size 10 } }

entity Gardener {
  name: String(80) search
  joined_on: Date order
  timestamps
  ordering joined_on
}

entity Plot {
  label: String(20) unique search order
  notes: Text? search
  area: Decimal(6, 2) min(0.5) order
  planted_at: DateTime order
  sketch: Image?
  ordering -planted_at
}

entity Crop {
  name: String(40) unique search
  photo: Image?
}

relation many_to_one Plot.keeper -> Gardener.plots { on_delete cascade }
relation many_to_many Plot.crops -> Crop.plots
"""

# Runs inside the generated project: the answers as JSON, one line.
PROBE = r"""
import base64
import json
import time
from urllib.parse import urlencode

import django

django.setup()

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from garden.models import Crop, Gardener, Plot

call_command("migrate", verbosity=0)
user = get_user_model().objects.create_user("prober", password="x")
client = Client(raise_request_exception=False)
client.force_login(user)
anonymous = Client(raise_request_exception=False)
keeper = Gardener.objects.create(name="Ada", joined_on="2024-03-01")
crops = [Crop.objects.create(name=f"crop{i}") for i in range(3)]
JSON = "application/json"


def answer(response, started=None):
    content_type = response.get("Content-Type", "")
    body = response.json() if "json" in content_type else None
    found = {"status": response.status_code, "type": content_type, "body": body}
    found["allow"] = response.get("Allow")
    found["location"] = response.get("Location")
    if started is not None:
        found["seconds"] = time.monotonic() - started
    return found


def cursor(position):
    # As DRF writes a cursor: the position url-encoded ("+" as %2B), then base64.
    return base64.b64encode(urlencode({"p": position}).encode()).decode()


def plot(**changes):
    body = {"label": "A1", "area": "1.00", "planted_at": "2024-04-01T08:00:00Z",
            "keeper_id": keeper.pk, **changes}
    started = time.monotonic()
    return answer(client.post("/api/plots/", json.dumps(body), content_type=JSON), started)


out = {"vendor": connection.vendor, "answers": {}}
a = out["answers"]
if not ONLY_CURSORS:
    out["schema"] = client.get("/api/schema/", {"format": "json"}).json()
    a["deep"] = answer(client.post("/api/crops/", "[" * 50000 + "]" * 50000, content_type=JSON))
    a["deep_object"] = answer(
        client.post("/api/crops/", '{"a":' * 50000 + "1" + "}" * 50000, content_type=JSON)
    )
    a["shallow_brackets_in_text"] = answer(
        client.post("/api/crops/", json.dumps({"name": "[" * 30}), content_type=JSON)
    )
    a["search_words"] = answer(client.get("/api/plots/", {"search": " ".join(["w"] * 1500)}))
    a["search_long"] = answer(client.get("/api/plots/", {"search": "x" * 100000}))
    a["search_at_limit"] = answer(client.get("/api/plots/", {"search": " ".join(["w"] * 128)}))
    with override_settings(DEBUG=True):
        a["no_slash_debug"] = answer(
            client.post("/api/crops", json.dumps({"name": "kale"}), content_type=JSON)
        )
    kale = json.dumps({"name": "kale"})
    a["no_slash"] = answer(client.post("/api/crops", kale, content_type=JSON))
    a["no_slash_get"] = answer(client.get("/api/crops"))
    a["ids_many"] = plot(crops_ids=list(range(1, 20001)))
    a["ids_missing"] = plot(crops_ids=[crops[0].pk, 99999])
    a["ids_fraction"] = plot(crops_ids=[1.5])
    a["ids_ok"] = plot(crops_ids=[c.pk for c in crops] + [crops[0].pk])
    form = {"label": "F1", "area": "1.00", "planted_at": "2024-04-01T08:00:00Z",
            "keeper_id": keeper.pk, "crops_ids": [crops[0].pk] * 1000}
    a["ids_full_form"] = answer(client.post("/api/plots/", form))
    a["id_fraction"] = plot(label="B1", keeper_id=1.5)
    a["id_text"] = plot(label="B1", keeper_id=str(keeper.pk))
    a["trace_anonymous"] = answer(anonymous.generic("TRACE", "/api/plots/"))
    a["delete_list_anonymous"] = answer(anonymous.delete("/api/plots/"))
    a["propfind_detail_anonymous"] = answer(anonymous.generic("PROPFIND", "/api/plots/1/"))
    a["get_anonymous"] = answer(anonymous.get("/api/plots/"))
    a["trace_me"] = answer(anonymous.generic("TRACE", "/api/auth/me/"))
    a["not_acceptable"] = answer(client.get("/api/plots/", HTTP_ACCEPT="application/xml"))
    a["not_acceptable_detail"] = answer(client.get("/api/plots/1/", HTTP_ACCEPT="application/xml"))
Plot.objects.create(label="C1", area="2.00", planted_at="2024-05-01T08:00:00Z", keeper=keeper)
cursors = {
    "cursor_text_under_id": ("/api/plots/", "abc", {"ordering": "-id"}),
    "cursor_huge_under_id": ("/api/plots/", str(2**70), {"ordering": "-id"}),
    "cursor_not_a_datetime": ("/api/plots/", "notadate", {}),
    "cursor_not_a_date": ("/api/gardeners/", "notadate", {}),
    "cursor_not_a_decimal": ("/api/plots/", "abc", {"ordering": "area"}),
    "cursor_nul": ("/api/plots/", "A\x00", {"ordering": "label"}),
    "cursor_text_ok": ("/api/plots/", "A", {"ordering": "label"}),
    "cursor_datetime_ok": ("/api/plots/", "2030-01-01 00:00:00+00:00", {}),
}
for name, (path, position, params) in cursors.items():
    a[name] = answer(client.get(path, {"cursor": cursor(position), **params}))
print(json.dumps(out))
"""


def _env(database_url: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", PYTHONDONTWRITEBYTECODE="1")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _run(args: list[str], cwd: Path, database_url: str | None = None) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=_env(database_url), capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{args[:3]}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _probe(project: Path, only_cursors: bool, database_url: str | None = None) -> dict:
    code = f"ONLY_CURSORS = {only_cursors}\n" + PROBE
    return json.loads(_run([sys.executable, "-c", code], project, database_url).splitlines()[-1])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("never500")
    spec = root / "garden.djs"
    spec.write_text(SPEC, encoding="utf-8")
    out = root / "out"
    _run([str(BIN / "djsc"), "build", str(spec), "-o", str(out), "--allow-unenforced-access"], root)
    return out


@pytest.fixture(scope="module")
def probe(project: Path) -> dict:
    return _probe(project, only_cursors=False)


def problem(found: dict, status: int) -> dict:
    assert (found["status"], found["type"]) == (status, PROBLEM), found
    assert found["body"]["status"] == status
    return found["body"]


pytestmark = pytest.mark.e2e


def test_a_deeply_nested_body_is_a_400(probe: dict) -> None:
    a = probe["answers"]
    assert "nested deeper than" in problem(a["deep"], 400)["detail"]
    assert "nested deeper than" in problem(a["deep_object"], 400)["detail"]
    # Brackets inside a string are text: the body parses and the value is judged.
    assert a["shallow_brackets_in_text"]["status"] == 201, a["shallow_brackets_in_text"]


CURSOR_CASES = (
    "cursor_text_under_id",
    "cursor_huge_under_id",
    "cursor_not_a_datetime",
    "cursor_not_a_date",
    "cursor_not_a_decimal",
    "cursor_nul",
)


def _check_cursors(answers: dict) -> None:
    for name in CURSOR_CASES:
        assert problem(answers[name], 404)["detail"] == "Invalid cursor", name
    assert answers["cursor_text_ok"]["status"] == 200, answers["cursor_text_ok"]
    assert answers["cursor_datetime_ok"]["status"] == 200, answers["cursor_datetime_ok"]


def test_a_cursor_holding_a_bad_value_is_a_404_on_sqlite(probe: dict) -> None:
    assert probe["vendor"] == "sqlite"
    _check_cursors(probe["answers"])


def test_a_cursor_holding_a_bad_value_is_a_404_on_postgres(project: Path) -> None:
    if not postgres_available() and not os.environ.get("DJSC_REQUIRE_SERVICES"):
        pytest.skip("PostgreSQL is not reachable")
    with fresh_database("never500") as name:
        url = f"{os.environ.get('DJSC_POSTGRES_URL', 'postgres://postgres@127.0.0.1:5432')}/{name}"
        found = _probe(project, only_cursors=True, database_url=url)
    assert found["vendor"] == "postgresql"
    _check_cursors(found["answers"])


def test_search_text_is_bounded_and_the_schema_says_so(probe: dict) -> None:
    a = probe["answers"]
    for name in ("search_words", "search_long"):
        assert set(problem(a[name], 400)["errors"]) == {"search"}, name
    assert a["search_at_limit"]["status"] == 200, a["search_at_limit"]
    parameters = probe["schema"]["paths"]["/api/plots/"]["get"]["parameters"]
    search = next(p for p in parameters if p["name"] == "search")
    assert search["schema"]["maxLength"] == 256


def test_a_write_without_the_trailing_slash_is_redirected_keeping_its_method(probe: dict) -> None:
    a = probe["answers"]
    for name in ("no_slash_debug", "no_slash"):
        assert (a[name]["status"], a[name]["location"]) == (308, "/api/crops/"), a[name]
    # Reads keep Django's APPEND_SLASH redirect.
    assert (a["no_slash_get"]["status"], a["no_slash_get"]["location"]) == (301, "/api/crops/")


def test_id_lists_are_bounded_read_in_one_query_and_in_the_schema(probe: dict) -> None:
    a = probe["answers"]
    many = a["ids_many"]
    assert set(problem(many, 400)["errors"]) == {"crops_ids"}
    assert many["seconds"] < 2, many
    assert set(problem(a["ids_missing"], 422)["errors"]) == {"crops_ids"}
    assert set(problem(a["ids_fraction"], 400)["errors"]) == {"crops_ids"}
    assert a["ids_ok"]["status"] == 201, a["ids_ok"]
    # A multipart form with the list full is more parts than Django's default 1,000.
    assert a["ids_full_form"]["status"] == 201, a["ids_full_form"]
    schema = probe["schema"]["components"]["schemas"]["PlotRequest"]["properties"]["crops_ids"]
    assert schema["maxItems"] == 1000
    assert schema["items"]["type"] == "integer"


def test_an_id_is_a_json_integer(probe: dict) -> None:
    a = probe["answers"]
    assert set(problem(a["id_fraction"], 400)["errors"]) == {"keeper_id"}
    assert set(problem(a["id_text"], 400)["errors"]) == {"keeper_id"}
    keeper = probe["schema"]["components"]["schemas"]["PlotRequest"]["properties"]["keeper_id"]
    assert keeper["type"] == "integer"


def test_a_method_a_route_lacks_is_a_405_before_authentication(probe: dict) -> None:
    a = probe["answers"]
    expected = {
        "trace_anonymous": "GET, POST, HEAD, OPTIONS",
        "delete_list_anonymous": "GET, POST, HEAD, OPTIONS",
        "propfind_detail_anonymous": "GET, PUT, PATCH, DELETE, HEAD, OPTIONS",
        "trace_me": "GET, HEAD, OPTIONS",
    }
    for name, allow in expected.items():
        problem(a[name], 405)
        assert a[name]["allow"] == allow, (name, a[name])
    assert a["get_anonymous"]["status"] == 200


def test_every_status_an_operation_answers_is_documented(probe: dict) -> None:
    """The statuses the probes met, each on the operation that answered it."""
    a = probe["answers"]
    met = {
        ("get", "/api/plots/"): ["search_words", "not_acceptable", "cursor_not_a_datetime"],
        ("get", "/api/plots/{id}/"): ["not_acceptable_detail"],
        ("post", "/api/plots/"): ["ids_many", "ids_missing", "id_text", "ids_ok"],
        ("post", "/api/crops/"): ["deep", "shallow_brackets_in_text"],
    }
    for (method, path), names in met.items():
        documented = set(probe["schema"]["paths"][path][method]["responses"])
        for name in names:
            assert str(a[name]["status"]) in documented, (method, path, name, a[name]["status"])
    assert a["not_acceptable"]["status"] == 406
