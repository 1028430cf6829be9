"""Named primary keys and shared one_to_one keys (issue 7, DJS0214/DJS0215/DJS0312).

`location_id: BigInt primary`, `code: String(12) primary`, `pallet_key: UUID primary`,
a text key numbered by `sequence(…)`, a profile sharing its user's key and a management
row sharing its warehouse's: every template must use the key's real name, text keys
and shared keys are given on create and never changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.backends.django import support

SPEC = """
app depots { database sqlite }

/// A place stock is kept, numbered by the database under its own name.
entity Location {
  location_id: BigInt primary
  name: String(80) search
  ordering name
}

/// A warehouse, known by the code on its gate.
entity Warehouse {
  code: String(12) primary filter order
  name: String(80)
  capacity: Int = 0 min(0) filter order
}

/// A pallet, named by a random key.
entity Pallet {
  pallet_key: UUID primary
  label: String(40)
  weight: Decimal(8, 2) = 0 min(0)
}

/// A shipment, numbered by the app.
entity Shipment {
  number: String(16) = sequence("SH-{:05}") primary
  note: String(120)?
}

/// A user's profile: it shares the user's key.
entity Profile {
  bio: Text
  handle: String(30) unique
}

/// The manager of a warehouse: one per warehouse, keyed by it.
entity Management {
  since: Date
}

/// A bin inside a warehouse, with its own automatic id.
entity Bin {
  label: String(20) filter
}

relation one_to_one Profile.user -> User { primary }
relation one_to_one Management.warehouse -> Warehouse.management { primary on_delete cascade }
relation many_to_one Management.manager -> Profile.managed
relation many_to_one Warehouse.location -> Location.warehouses
relation many_to_one Bin.warehouse -> Warehouse.bins
relation many_to_one Pallet.bin? -> Bin.pallets { on_delete set_null }
relation many_to_many Shipment.pallets -> Pallet.shipments
relation many_to_one Shipment.sender -> Profile.sent
"""


def test_models_declare_the_named_keys(emit) -> None:
    models = emit(SPEC, "depots.djs")["depots/models.py"]
    assert "location_id = models.BigAutoField(primary_key=True)" in models
    assert "code = models.CharField(max_length=12, primary_key=True)" in models
    assert "pallet_key = models.UUIDField(primary_key=True, default=uuid.uuid4" in models
    assert "number = models.CharField(max_length=16, primary_key=True, editable=False)" in models
    assert 'models.OneToOneField(\n        "Warehouse", primary_key=True' in models or (
        '"Warehouse", primary_key=True, on_delete=models.CASCADE' in models
    )
    # No entity with a key of its own gets Django's automatic `id` ordering.
    assert 'ordering = ["name", "location_id"]' in models
    assert 'ordering = ["user_id"]' in models
    assert 'ordering = ["id"]' in models  # Bin keeps the automatic key


def test_api_names_the_real_key(emit) -> None:
    files = emit(SPEC, "depots.djs")
    serializers = files["depots/serializers.py"]
    assert 'fields = ["location_id", "name"]' in serializers  # LocationSummarySerializer
    assert 'fields = ["code", "name", "capacity", "location", "location_id"]' in serializers
    assert 'fields = ["bio", "handle", "user", "user_id"]' in serializers
    # Text and shared keys are given on create only.
    assert 'create_only = ["code"]' in serializers
    assert 'create_only = ["user_id"]' in serializers
    assert 'create_only = ["warehouse_id"]' in serializers
    views = files["depots/views.py"]
    assert 'ordering_fields = ["code", "capacity"]' in views
    assert 'ordering = ["user_id"]' in views
    tests = files["depots/tests/test_api.py"]
    assert 'str(response.data["user"]["id"]) == str(obj.pk)' in tests
    assert 'str(response.data["warehouse"]["code"]) == str(obj.pk)' in tests
    assert 'ids(response, "code")' in tests
    admin = files["depots/admin.py"]
    assert 'list_display = ["location_id", "name"]' in admin
    assert 'search_fields = ["=warehouse_id"]' in admin  # Management: nothing else to search


def test_expressions_see_the_named_key_and_no_automatic_id() -> None:
    spec = SPEC.replace("  ordering name\n", "  ordering name\n  check location_id > 0\n")
    support.lowered(spec)  # the key is a member
    with pytest.raises(support.SpecError, match="DJS0106 `Location` has no field `id`"):
        support.lowered(SPEC.replace("  ordering name\n", "  ordering name, id\n"))


# Beyond the generated tests: keys are fixed after create, shared keys name the URL.
KEY_RULES = """
import pytest

from depots.models import Management, Profile, Warehouse
from depots.tests.factories import LocationFactory, ProfileFactory, UserFactory, WarehouseFactory

pytestmark = pytest.mark.django_db


def test_a_text_key_is_given_on_create_and_never_changed(auth_client):
    payload = {"code": "WH-7", "name": "North", "location_id": LocationFactory().pk}
    response = auth_client.post("/api/warehouses/", payload, format="json")
    assert response.status_code == 201, response.data
    assert response.data["code"] == "WH-7"
    again = auth_client.post("/api/warehouses/", payload, format="json")
    assert again.status_code in (400, 409)
    change = {"code": "WH-8", "name": "N"}
    response = auth_client.patch("/api/warehouses/WH-7/", change, format="json")
    assert response.status_code == 200, response.data
    assert list(Warehouse.objects.values_list("code", "name")) == [("WH-7", "N")]


def test_a_shared_key_is_the_targets(auth_client):
    user = UserFactory()
    payload = {"user_id": user.pk, "bio": "hi", "handle": "ann"}
    response = auth_client.post("/api/profiles/", payload, format="json")
    assert response.status_code == 201, response.data
    assert Profile.objects.get(pk=user.pk).handle == "ann"
    assert auth_client.get(f"/api/profiles/{user.pk}/").data["user"]["id"] == user.pk
    other = UserFactory()
    response = auth_client.patch(f"/api/profiles/{user.pk}/", {"user_id": other.pk}, format="json")
    assert response.status_code == 200, response.data
    assert list(Profile.objects.values_list("pk", flat=True)) == [user.pk]


def test_a_key_shared_with_a_text_key_is_text(auth_client):
    warehouse = WarehouseFactory()
    manager = ProfileFactory()
    payload = {"warehouse_id": warehouse.pk, "since": "2024-01-02", "manager_id": manager.pk}
    response = auth_client.post("/api/managements/", payload, format="json")
    assert response.status_code == 201, response.data
    assert Management.objects.get(pk=warehouse.pk).since.isoformat() == "2024-01-02"
    found = auth_client.get("/api/bins/", {"warehouse": warehouse.pk})
    assert found.status_code == 200
"""


@pytest.mark.e2e
def test_named_and_shared_keys_build_a_working_project(tmp_path: Path, build_and_gate) -> None:
    out = build_and_gate(SPEC, tmp_path, name="depots")
    support.run_in(out, ["python", "manage.py", "migrate", "--noinput"])
    (out / "depots" / "tests" / "test_key_rules.py").write_text(KEY_RULES, encoding="utf-8")
    report = support.run_in(
        out,
        [
            "python",
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "depots/tests/test_key_rules.py",
        ],
    )
    assert "3 passed" in report
