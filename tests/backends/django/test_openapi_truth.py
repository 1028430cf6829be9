"""The generated OpenAPI document tells the truth, and the API keeps to it.

Each test pins one mismatch schemathesis (`--checks all`) found between what a
generated project's schema said and what its server did:

1. an optional to-one end read as `null` but was typed as a required object;
2. every error body is problem+json but was documented as application/json;
3. lists answer 400 (bad filter or page size) and 404 (bad page or cursor), writes 409
   (unique value taken) and 422 (id of no row, broken check), anything 401/403: all
   undocumented;
4. `page_size=true` was taken (and ignored);
5. a Decimal's pattern admitted "", "-" and "." and left out the field's bounds;
6. an Image field was a binary string in JSON bodies, which only multipart can carry,
   and its extension check was a pattern on the file's bytes;
7. a text field took the JSON number 0 (and an integer the text "7");
8. a multipart form cannot spell null yet its fields were nullable; integer filters
   had no int64 bounds; an unknown URL answered with Django's HTML 404;
9. a duration or date beyond its `min`/`max`, which no JSON schema can state, was a 400
   (a schema-valid request refused as invalid) instead of a 422.

The end-to-end tests build one project and run one probe inside it (its schema and
the answers to a few requests, as JSON); the others read the emitted files.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
PROBLEM = "application/problem+json"

SPEC = """
app shop { title "Shop" database sqlite }

entity Category {
  name: String(40) unique
}

entity Product {
  name: String(80)
  price: Decimal(8, 2) min(0.5) max(1000) filter
  stock: Int = 0 filter
  active: Bool = true filter
  photo: Image?
  category: Category?
  cooldown: Duration? max(1h)
  launch: Date? min("2020-01-01")
  pagination offset { size 10 }
}
"""

# Runs inside the generated project: prints the schema and the answers as JSON.
PROBE = r"""
import json

import django

django.setup()

from django.contrib.auth import get_user_model
from django.core.management import call_command
from rest_framework.test import APIClient

call_command("migrate", verbosity=0)
user = get_user_model().objects.create_user("prober", password="x")
client = APIClient()
client.force_authenticate(user)
# A 1×1 grey PNG that Pillow decodes (Image fields are ImageField: they open it).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010800000000"
    "3a7e9b550000000a49444154789c636000000002000148afa4710000000049454e44ae426082"
)


def answer(response):
    content_type = response.get("Content-Type", "")
    body = response.json() if "json" in content_type else None
    return {"status": response.status_code, "type": content_type, "body": body}


def upload(name, data, content_type="image/png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


out = {"schema": client.get("/api/schema/", {"format": "json"}).json(), "answers": {}}
a = out["answers"]
a["char_number"] = answer(client.post("/api/categories/", {"name": 0}, format="json"))
a["created"] = answer(client.post("/api/categories/", {"name": "taken"}, format="json"))
a["unique"] = answer(client.post("/api/categories/", {"name": "taken"}, format="json"))
product = {"name": "p", "price": "1.50"}


def post(**changes):
    return answer(client.post("/api/products/", {**product, **changes}, format="json"))


a["missing_ref"] = post(category_id=99999)
a["int_text"] = post(stock="7")
a["decimal_number"] = post(price=1.5)
a["decimal_exponent"] = post(price="1e2")
a["decimal_empty"] = post(price="")
a["decimal_below"] = post(price="0.49")
a["product"] = post()
a["duration_beyond"] = post(cooldown="02:00:00")
a["date_beyond"] = post(launch="2019-12-31")
a["duration_within"] = post(cooldown="00:30:00", launch="2020-01-01")
a["upload"] = answer(
    client.post("/api/products/", {**product, "photo": upload("p.png", PNG)}, format="multipart")
)
a["upload_bad_name"] = answer(
    client.post("/api/products/", {**product, "photo": upload("p", PNG)}, format="multipart")
)
a["form_text_integer"] = answer(
    client.post("/api/products/", {**product, "stock": "1.0"}, format="multipart")
)
FORM = "application/x-www-form-urlencoded"
a["form_urlencoded"] = answer(client.post("/api/products/", "name=p", content_type=FORM))
a["page_size_true"] = answer(client.get("/api/categories/", {"page_size": "true"}))
a["page_last"] = answer(client.get("/api/categories/", {"page": "last"}))
a["page_far"] = answer(client.get("/api/categories/", {"page": "99"}))
a["limit_true"] = answer(client.get("/api/products/", {"limit": "true"}))
a["offset_negative"] = answer(client.get("/api/products/", {"offset": "-1"}))
a["bool_filter"] = answer(client.get("/api/products/", {"active": "maybe"}))
a["int_filter_huge"] = answer(client.get("/api/products/", {"stock": "9" * 20}))
a["int_filter_decimal"] = answer(client.get("/api/products/", {"stock": "1.0"}))
a["unknown_url"] = answer(client.get("/no/such/address/"))
big = '{"name": "' + "x" * (3 * 1024 * 1024) + '"}'
a["oversized"] = answer(client.generic("POST", "/api/categories/", big, "application/json"))
print(json.dumps(out))
"""

# Runs inside the generated project: the decimal pattern against DRF itself.
DECIMALS = r"""
import itertools
import random
import re
from decimal import Decimal

import django

django.setup()

from rest_framework import serializers

from shop.strict import decimal_pattern

CANONICAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")


def drf_takes(text, digits, places, low, high):
    # The canonical spellings DRF's own DecimalField takes (never "-0").
    if not CANONICAL.fullmatch(text) or (text.startswith("-") and Decimal(text) == 0):
        return False
    field = serializers.DecimalField(digits, places, min_value=low, max_value=high)
    try:
        field.run_validation(text)
    except serializers.ValidationError:
        return False
    return True


texts = ["".join(t) for n in range(6) for t in itertools.product("0159.-", repeat=n)]
bounds = [None, *map(Decimal, ["-10", "-1.5", "-0.5", "0", "0.01", "0.5", "1", "9.9", "15.5"])]
rng = random.Random(7)
configs = [(d, p, None, None) for d in range(1, 5) for p in range(d + 1)]
for digits in [1, 2, 3, 4] * 25:
    configs.append((digits, rng.randint(0, digits), rng.choice(bounds), rng.choice(bounds)))
wrong = []
for digits, places, low, high in configs:
    pattern = re.compile(decimal_pattern(digits, places, low, high))
    for text in texts:
        if bool(pattern.fullmatch(text)) != drf_takes(text, digits, places, low, high):
            wrong.append([digits, places, str(low), str(high), text])
print(len(configs), len(wrong), wrong[:10])
"""


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", PYTHONDONTWRITEBYTECODE="1")
    return env


def _run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args[:3]}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("truth")
    spec = root / "shop.djs"
    spec.write_text(SPEC, encoding="utf-8")
    out = root / "out"
    _run([str(BIN / "djsc"), "build", str(spec), "-o", str(out)], root)
    return out


@pytest.fixture(scope="module")
def probe(project: Path) -> dict:
    return json.loads(_run([sys.executable, "-c", PROBE], project).splitlines()[-1])


@pytest.fixture(scope="module")
def schema(probe: dict) -> dict:
    return probe["schema"]


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield method.upper(), path, operation


def component(schema: dict, name: str) -> dict:
    return schema["components"]["schemas"][name]


# ------------------------------------------------------------- in memory (fast)


def test_an_optional_to_one_end_is_read_as_nullable(emit) -> None:
    serializers = emit(SPEC, "shop.djs")["shop/serializers.py"]
    assert "category = CategorySummarySerializer(read_only=True, allow_null=True)" in serializers


def test_unknown_urls_have_json_handlers(emit) -> None:
    urls = emit(SPEC, "shop.djs")["config/urls.py"]
    assert 'handler404 = "config.errors.not_found"' in urls
    assert 'handler500 = "config.errors.server_error"' in urls


def test_the_schema_class_and_hook_are_contributed_by_the_openapi_feature(emit) -> None:
    files = emit(SPEC, "shop.djs")
    settings = files["config/settings/base.py"]
    assert "config.openapi.ProblemAutoSchema" in settings
    assert "config.openapi.split_request_bodies" in settings
    assert "drf_spectacular.hooks.postprocess_schema_enums" in settings
    assert "from config.errors import PROBLEM_JSON" in files["config/openapi.py"]


def test_now_as_a_date_default_is_today(emit) -> None:
    """Found by the fuzzer too: a Date defaulting to `now()` got `timezone.now`, a
    datetime, and DRF refuses to show a datetime as a date: every create leaving the
    field out was a 500."""
    spec = "entity Visit { on: Date = now() }\n"
    assert (
        "on = models.DateField(default=timezone.localdate)"
        in emit(spec, "visits.djs")["visits/models.py"]
    )


def test_number_choices_are_numbers(emit) -> None:
    """Found by the fuzzer too: `choices(1, 2)` on an Int became the texts "1" and "2";
    DRF took "2" and the model's range validators compared it with an int (a 500)."""
    models = emit("entity Rating { stars: Int choices(1, 2) }\n", "ratings.djs")[
        "ratings/models.py"
    ]
    assert 'choices=[(1, "1"), (2, "2")]' in models


# ------------------------------------------------------------- end to end

e2e = pytest.mark.e2e


@e2e
def test_1_an_optional_to_one_end_is_nullable_in_the_schema(schema: dict, probe: dict) -> None:
    assert probe["answers"]["product"]["body"]["category"] is None
    category = component(schema, "Product")["properties"]["category"]
    assert category.get("nullable") is True


@e2e
def test_2_every_error_is_documented_as_problem_json(schema: dict, probe: dict) -> None:
    for method, path, operation in operations(schema):
        for code, response in operation["responses"].items():
            if code >= "400":
                assert set(response["content"]) == {PROBLEM}, (method, path, code)
    assert probe["answers"]["unique"]["type"] == PROBLEM


@e2e
def test_3_lists_writes_and_credentials_document_their_errors(schema: dict, probe: dict) -> None:
    answers = probe["answers"]
    assert answers["unique"]["status"] == 409
    assert answers["missing_ref"]["status"] == 422
    assert answers["page_far"]["status"] == 404
    for method, path, operation in operations(schema):
        codes = set(operation["responses"])
        assert {"401", "403"} <= codes, (method, path)
        if method in ("POST", "PUT", "PATCH"):
            assert {"400", "409", "415", "422"} <= codes, (method, path)
        if method == "GET" and "{" not in path:
            assert "400" in codes, path
    categories = schema["paths"]["/api/categories/"]["get"]["responses"]
    assert "404" in categories  # page numbers can point past the last page
    products = schema["paths"]["/api/products/"]["get"]["responses"]
    assert "404" not in products  # an offset past the end is an empty page


@e2e
def test_4_paging_parameters_are_strict_whole_numbers(schema: dict, probe: dict) -> None:
    answers = probe["answers"]
    for name in ("page_size_true", "page_last", "limit_true", "offset_negative"):
        assert answers[name]["status"] == 400, name
        assert answers[name]["type"] == PROBLEM, name
    parameters = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/categories/"]["get"]["parameters"]
    }
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert parameters["page"]["minimum"] == 1
    offsets = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/products/"]["get"]["parameters"]
    }
    assert offsets["offset"]["minimum"] == 0


@e2e
def test_5_a_decimal_pattern_states_its_spelling_and_bounds(schema: dict, probe: dict) -> None:
    price = component(schema, "ProductRequest")["properties"]["price"]
    pattern = re.compile(price["pattern"])
    assert [
        t for t in ("", "-", ".", "1.", ".5", "0.49", "1000.01", "-1", "1e2") if pattern.search(t)
    ] == []
    assert all(pattern.search(t) for t in ("0.5", "1", "999.99", "1000", "1000.00"))
    answers = probe["answers"]
    for name in ("decimal_number", "decimal_exponent", "decimal_empty", "decimal_below"):
        assert answers[name]["status"] == 400, name
    assert answers["product"]["body"]["price"] == "1.50"


@e2e
def test_5_the_decimal_pattern_is_exactly_what_drf_takes(project: Path) -> None:
    configs, wrong, examples = _run([sys.executable, "-c", DECIMALS], project).split(" ", 2)
    assert int(configs) > 100
    assert int(wrong) == 0, examples


@e2e
def test_6_files_travel_in_multipart_only_with_their_names_documented(
    schema: dict, probe: dict
) -> None:
    body = schema["paths"]["/api/products/"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "multipart/form-data"}
    json_body = component(schema, "ProductRequest")["properties"]
    assert "photo" not in json_body
    form = body["multipart/form-data"]
    form_body = component(schema, form["schema"]["$ref"].rpartition("/")[2])["properties"]
    assert form_body["photo"] == {"type": "string", "format": "binary"}
    header = form["encoding"]["photo"]["headers"]["Content-Disposition"]["schema"]
    assert re.search(header["pattern"], header["example"])
    answers = probe["answers"]
    assert answers["upload"]["status"] == 201
    assert answers["upload"]["body"]["photo"].endswith(".png")
    assert answers["upload_bad_name"]["status"] == 400


@e2e
def test_7_text_and_numbers_keep_their_json_types(probe: dict) -> None:
    answers = probe["answers"]
    assert answers["char_number"]["status"] == 400
    assert answers["char_number"]["body"]["errors"] == {"name": ["Expected a string."]}
    assert answers["int_text"]["status"] == 400
    assert answers["form_text_integer"]["status"] == 400


@e2e
def test_8_forms_have_no_null_filters_have_bounds_unknown_urls_are_json(
    schema: dict, probe: dict
) -> None:
    form = component(schema, "ProductMultipartRequest")["properties"]
    assert not [name for name, value in form.items() if value.get("nullable")]
    assert probe["answers"]["form_urlencoded"]["status"] == 415  # a form without files
    parameters = {p["name"]: p for p in schema["paths"]["/api/products/"]["get"]["parameters"]}
    stock = parameters["stock"]["schema"]
    assert (stock["minimum"], stock["maximum"]) == (-(2**63), 2**63 - 1)
    assert parameters["stock"]["allowEmptyValue"] is True
    assert parameters["price"]["schema"]["maximum"] == 1e50
    answers = probe["answers"]
    for name in ("int_filter_huge", "int_filter_decimal", "bool_filter"):
        assert answers[name]["status"] == 400, name
    assert answers["unknown_url"]["status"] == 404
    assert answers["unknown_url"]["type"] == PROBLEM


def test_9_bounds_no_schema_states_are_a_422(probe: dict) -> None:
    a = probe["answers"]
    for name, field in (("duration_beyond", "cooldown"), ("date_beyond", "launch")):
        assert a[name]["status"] == 422, a[name]
        assert a[name]["type"] == PROBLEM
        assert field in a[name]["body"]["errors"]
    assert a["duration_within"]["status"] == 201, a["duration_within"]


def test_10_an_oversized_body_is_a_problem_413(schema: dict, probe: dict) -> None:
    # Django refuses it before DRF (RequestDataTooBig, handler400): once an HTML 400.
    a = probe["answers"]["oversized"]
    assert (a["status"], a["type"]) == (413, PROBLEM)
    create = schema["paths"]["/api/categories/"]["post"]["responses"]
    assert PROBLEM in create["413"]["content"]
