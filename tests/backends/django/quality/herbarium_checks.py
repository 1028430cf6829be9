"""Run inside the project built from specs/herbarium.djs (test_code_quality.py copies it in).

Each test is one item of the code-quality review; the outer test reports them by name.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from herbarium.models import Specimen, Taxon
from PIL import Image

pytestmark = pytest.mark.django_db


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2), "green").save(out, format="PNG")
    return out.getvalue()


def specimen_form(taxon, **extra):
    return {"code": "H-1", "label": "Oak leaf", "taxon_id": taxon.pk, **extra}


def test_an_image_field_refuses_a_file_that_is_no_picture(auth_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    taxon = Taxon.objects.create(name="Quercus")
    text = SimpleUploadedFile("notes.png", b"just some text", content_type="image/png")
    answer = auth_client.post(
        "/api/specimens/", specimen_form(taxon, photo=text), format="multipart"
    )
    # Valid by the schema (any bytes), refused by what it cannot state: 422.
    assert answer.status_code == 422, answer.content
    assert "photo" in answer.json()["errors"]
    picture = SimpleUploadedFile("leaf.png", png(), content_type="image/png")
    answer = auth_client.post(
        "/api/specimens/", specimen_form(taxon, photo=picture), format="multipart"
    )
    assert answer.status_code == 201, answer.content


def test_a_form_that_leaves_a_boolean_out_stores_its_default(auth_client):
    taxon = Taxon.objects.create(name="Quercus")
    answer = auth_client.post("/api/specimens/", specimen_form(taxon), format="multipart")
    assert answer.status_code == 201, answer.content
    assert Specimen.all_objects.get(code="H-1").verified is True
    answer = auth_client.post(
        "/api/specimens/", specimen_form(taxon, code="H-2", verified="false"), format="multipart"
    )
    assert answer.status_code == 201, answer.content
    assert Specimen.all_objects.get(code="H-2").verified is False


def test_a_soft_deleted_row_frees_its_unique_value(auth_client):
    taxon = Taxon.objects.create(name="Quercus")
    first = auth_client.post("/api/specimens/", specimen_form(taxon), format="json")
    assert first.status_code == 201, first.content
    assert auth_client.delete(f"/api/specimens/{first.json()['id']}/").status_code == 204
    again = auth_client.post("/api/specimens/", specimen_form(taxon), format="json")
    assert again.status_code == 201, again.content
    # Two live rows still may not share it.
    third = auth_client.post("/api/specimens/", specimen_form(taxon), format="json")
    assert third.status_code == 409, third.content


def test_the_admin_lists_and_restores_soft_deleted_rows(client, django_user_model):
    admin = django_user_model.objects.create_superuser("curator", "c@example.com", "pw-123456789")
    client.force_login(admin)
    taxon = Taxon.objects.create(name="Quercus")
    gone = Specimen.objects.create(code="H-9", label="Lost leaf", taxon=taxon)
    gone.delete()
    assert not Specimen.objects.filter(pk=gone.pk).exists()
    page = client.get("/admin/herbarium/specimen/", {"deleted": "yes"})
    assert page.status_code == 200
    assert b"Lost leaf" in page.content
    page = client.get("/admin/herbarium/specimen/")
    assert b"Lost leaf" not in page.content
    answer = client.post(
        "/admin/herbarium/specimen/?deleted=yes",
        {"action": "restore", "_selected_action": [gone.pk]},
    )
    assert answer.status_code == 302
    assert Specimen.objects.get(pk=gone.pk).deleted_at is None


def test_a_taxon_cannot_be_its_own_parent(auth_client):
    taxon = Taxon.objects.create(name="Quercus")
    answer = auth_client.patch(f"/api/taxons/{taxon.pk}/", {"parent_id": taxon.pk}, format="json")
    assert answer.status_code == 422, answer.content
    with pytest.raises(IntegrityError), transaction.atomic():
        Taxon.objects.filter(pk=taxon.pk).update(parent=taxon)


def test_a_taxon_tree_cannot_form_a_cycle(auth_client):
    root = Taxon.objects.create(name="Fagaceae")
    genus = Taxon.objects.create(name="Quercus", parent=root)
    species = Taxon.objects.create(name="Quercus robur", parent=genus)
    answer = auth_client.patch(f"/api/taxons/{root.pk}/", {"parent_id": species.pk}, format="json")
    assert answer.status_code == 422, answer.content
    assert "parent_id" in answer.json()["errors"]
    root.refresh_from_db()
    assert root.parent is None
    # Moving a branch elsewhere in the tree is still fine.
    other = Taxon.objects.create(name="Betulaceae")
    answer = auth_client.patch(f"/api/taxons/{genus.pk}/", {"parent_id": other.pk}, format="json")
    assert answer.status_code == 200, answer.content
