"""Each policy is decided once: the backend maps the front end's tables exhaustively
and never falls back to a default of its own."""

from __future__ import annotations

import pytest

from djsc.analysis.types import SCALAR_TYPES
from djsc.backends.base import ContractError
from djsc.backends.django.policies import default_permission_class
from djsc.backends.django.viewmodels.fields import (
    AUTO_MODIFIERS,
    DJANGO_FIELDS,
    django_field,
    field_vm,
)
from djsc.backends.django.viewmodels.relations import ON_DELETE, django_on_delete
from djsc.ir import nodes as ir
from djsc.passes.check_relations import ON_DELETE_POLICIES
from djsc.passes.lower_defaults import DEFAULT_RULES
from djsc.pipeline import compile_source


def test_every_scalar_type_has_exactly_one_django_field():
    assert set(DJANGO_FIELDS) == set(SCALAR_TYPES)


def test_an_unmapped_type_is_an_internal_error_not_a_charfield():
    with pytest.raises(ContractError, match="`Money` has no Django field"):
        django_field("Money")


def test_every_on_delete_policy_the_checks_accept_is_mapped():
    assert set(ON_DELETE) == set(ON_DELETE_POLICIES)


def test_a_key_without_a_policy_is_an_internal_error():
    """Lowering decides the default policy; the backend must not guess one."""
    with pytest.raises(ContractError):
        django_on_delete(None)


def test_the_default_rules_map_to_one_permission_class(monkeypatch):
    assert default_permission_class() == "IsAuthenticatedOrReadOnly"
    monkeypatch.setitem(DEFAULT_RULES, "read", "authenticated")
    with pytest.raises(ContractError):
        default_permission_class()


def test_only_the_backend_turns_lowered_modifiers_into_auto_now():
    """Lowering says `set_on_create`; the Django spelling lives in AUTO_MODIFIERS."""
    assert AUTO_MODIFIERS == {
        ir.ModifierKind.SET_ON_CREATE: "auto_now_add",
        ir.ModifierKind.SET_ON_UPDATE: "auto_now",
    }
    program = compile_source("entity Post { title: String  timestamps  soft_delete }").program
    fields = {f.name.text: field_vm(f, {}, {}) for f in program.entity("Post").fields}
    assert "auto_now_add=True" in fields["created_at"].django
    assert "auto_now=True" in fields["updated_at"].django
    assert "auto_now" not in fields["deleted_at"].django
    assert all(fields[n].read_only for n in ("created_at", "updated_at", "deleted_at"))
