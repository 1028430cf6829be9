"""Each policy is decided once: the backend maps the front end's tables exhaustively
and never falls back to a default of its own."""

from __future__ import annotations

import pytest

from djsc.analysis.types import SCALAR_TYPES
from djsc.backends.base import ContractError
from djsc.backends.django.policies import default_permission_class
from djsc.backends.django.viewmodels.fields import DJANGO_FIELDS, django_field
from djsc.backends.django.viewmodels.relations import ON_DELETE, django_on_delete
from djsc.passes.check_relations import ON_DELETE_POLICIES
from djsc.passes.lower_defaults import DEFAULT_RULES


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
