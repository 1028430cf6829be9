"""Which entities the `cache` options cache, and what a write makes stale."""

from __future__ import annotations

from djsc.backends.django.viewmodels import project_vm
from djsc.backends.django.viewmodels.caching import cache_plan, seconds
from djsc.pipeline import compile_source

SPEC = """
app shop {{ title "Shop"  {app} }}
entity Category {{ name: String(50) }}
entity Product {{
  name: String(100)
  allow read: owner(seller) or role(staff)
  {product}
}}
entity Note {{ text: String(100) }}
relation many_to_one Product.category -> Category.products {{ on_delete cascade }}
relation many_to_one Product.seller -> User.products {{ on_delete cascade }}
"""


def plan(app: str, product: str = "cache 90s"):
    text = SPEC.format(app=app + "  roles staff", product=product)
    compilation = compile_source(text, "shop.djs")
    assert not compilation.diagnostics.has_errors(), compilation.diagnostics
    p = project_vm(compilation.program, "shop.djs", "shop")
    return cache_plan(compilation.program, p.entities)


def test_durations_are_whole_seconds_of_at_least_one():
    assert (seconds("5m"), seconds("2h"), seconds("1d"), seconds("500ms")) == (300, 7200, 86400, 1)


def test_without_an_app_cache_only_entities_with_the_option_are_cached():
    found = plan("")
    assert found.ttls == {"Product": 90}
    assert found.backend == "redis"


def test_an_app_ttl_caches_every_entity_and_the_entity_option_wins():
    found = plan("cache locmem { ttl 5m }")
    assert found.ttls == {"Category": 300, "Product": 90, "Note": 300}
    assert not found.redis


def test_cache_none_or_no_ttl_anywhere_caches_nothing():
    assert plan("cache none", product="") is None
    assert plan("cache redis", product="") is None


def test_a_write_makes_stale_what_shows_the_row_or_what_its_read_rule_follows():
    found = plan("cache redis { ttl 1m }")
    assert set(found.dependents["Category"]) == {"Category", "Product"}
    assert set(found.dependents["User"]) == {"Product"}
    assert found.dependents["Note"] == ("Note",)
    assert found.dependents["Product"] == ("Product",)
