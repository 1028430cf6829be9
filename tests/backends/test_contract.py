"""The backend contract: feature order, typed slots, contributions checked as made."""

from __future__ import annotations

from pathlib import Path

import pytest

from djsc.backends.base import (
    Backend,
    ContractError,
    EmitContext,
    Slot,
    order_features,
)
from djsc.backends.django import BACKEND
from djsc.diagnostics.model import Diagnostics
from djsc.ir import nodes as ir

TEMPLATES = Path(__file__).resolve().parents[2] / "backends" / "django" / "templates"


def feature(name, requires=(), slots=(), contributes=()):
    """A feature class with just the contract's attributes."""
    return type(
        name.title(),
        (),
        {
            "name": name,
            "requires": tuple(requires),
            "slots": tuple(slots),
            "contributes": tuple(contributes),
            "consumes": frozenset(),
        },
    )()


def names(features) -> list[str]:
    return [f.name for f in features]


def test_features_run_after_what_they_require_and_keep_declared_order_otherwise():
    a, b, c = feature("a", requires=["c"]), feature("b"), feature("c")
    assert names(order_features((a, b, c))) == ["b", "c", "a"]


def test_every_contributor_runs_before_the_owner_of_the_slot():
    owner = feature("settings", slots=[Slot("settings.apps", str, "")])
    late = feature("openapi", contributes=["settings.apps"])
    assert names(order_features((owner, late))) == ["openapi", "settings"]


def test_a_cycle_is_an_internal_error():
    a, b = feature("a", requires=["b"]), feature("b", requires=["a"])
    with pytest.raises(ContractError, match="cycle: a, b"):
        order_features((a, b))


def test_a_cycle_through_a_slot_is_an_internal_error():
    # `user` needs the owner's output, yet fills a slot the owner renders.
    owner = feature("owner", slots=[Slot("s", str, "")])
    user = feature("user", requires=["owner"], contributes=["s"])
    with pytest.raises(ContractError, match="cycle"):
        Backend("x", (owner, user))


def test_requiring_an_unknown_feature_is_an_internal_error():
    with pytest.raises(ContractError, match="unknown feature `nope`"):
        order_features((feature("a", requires=["nope"]),))


def bound(*features) -> EmitContext:
    ctx = EmitContext(ir.Program(span=None), Diagnostics(), "spec.djs", "shop")
    ctx.bind(tuple(features))
    return ctx


SETTINGS = feature("settings", slots=[Slot("settings.apps", str, "apps")])
OPENAPI = feature("openapi", contributes=["settings.apps"])


def test_contributions_reach_the_owner_in_order():
    ctx = bound(SETTINGS, OPENAPI)
    ctx.current = "openapi"
    ctx.contribute("settings.apps", "drf_spectacular")
    ctx.contribute("settings.apps", "sidecar")
    ctx.current = "settings"
    assert ctx.contributions("settings.apps") == ["drf_spectacular", "sidecar"]


def test_contributing_to_an_undeclared_slot_fails():
    ctx = bound(SETTINGS, OPENAPI)
    ctx.current = "openapi"
    with pytest.raises(ContractError, match="undeclared slot `settings.middleware`"):
        ctx.contribute("settings.middleware", "x")


def test_reading_an_undeclared_slot_fails():
    ctx = bound(SETTINGS)
    with pytest.raises(ContractError, match="undeclared slot"):
        ctx.contributions("urls.patterns")


def test_contributing_after_the_owner_rendered_fails():
    ctx = bound(SETTINGS, OPENAPI)
    ctx.finished("settings")
    ctx.current = "openapi"
    with pytest.raises(ContractError, match="after `settings` rendered it"):
        ctx.contribute("settings.apps", "late")


def test_contributing_the_wrong_type_fails():
    ctx = bound(SETTINGS, OPENAPI)
    ctx.current = "openapi"
    with pytest.raises(ContractError, match="contributes a int"):
        ctx.contribute("settings.apps", 42)


def test_contributing_without_declaring_it_fails():
    stranger = feature("stranger")
    ctx = bound(SETTINGS, stranger)
    ctx.current = "stranger"
    with pytest.raises(ContractError, match="without declaring it"):
        ctx.contribute("settings.apps", "x")


def test_declaring_a_contribution_to_a_slot_nobody_owns_fails():
    with pytest.raises(ContractError, match="which no feature declares"):
        bound(feature("a", contributes=["nowhere"]))


def test_a_slot_declared_twice_fails():
    twin = feature("twin", slots=[Slot("settings.apps", str, "")])
    with pytest.raises(ContractError, match="declared twice"):
        bound(SETTINGS, twin)


def test_the_django_backend_keeps_its_own_contract():
    ctx = bound(*BACKEND.features)
    order = names(BACKEND.features)
    for feature_ in BACKEND.features:
        for need in feature_.requires:
            assert order.index(need) < order.index(feature_.name)
        for slot in feature_.contributes:
            owner = ctx.slots[slot][1]
            assert order.index(feature_.name) < order.index(owner), (feature_.name, slot)


def test_every_declared_slot_is_filled_or_rendered_by_its_owner():
    """A slot nobody contributes to is dead interface: remove it or use it."""
    contributed = {s for f in BACKEND.features for s in f.contributes}
    declared = {s.name for f in BACKEND.features for s in f.slots}
    # Slots open for features still to come (issue tracker) may stay empty for now.
    open_for_later = {"project.dev_dependencies"}
    assert declared - contributed == open_for_later


def test_only_the_openapi_feature_knows_drf_spectacular():
    """Moving the OpenAPI docs behind the contract left no trace in other templates."""
    mentions = sorted(
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*.j2")
        if "spectacular" in p.read_text(encoding="utf-8").lower()
        and p.parent.name not in ("openapi", "views", "tests")
    )
    assert mentions == []


def test_a_backend_without_the_openapi_feature_emits_no_trace_of_it():
    from djsc.build import generate
    from djsc.pipeline import compile_source

    compilation = compile_source('app shop { title "Shop" }\nentity Item { name: String(20) }\n')
    without = Backend("django", tuple(f for f in BACKEND.features if f.name != "openapi"))
    tree = generate(without, compilation, "shop.djs")
    assert tree is not None, [d.message for d in compilation.diagnostics.sorted()]
    for path in ("config/settings/base.py", "config/urls.py", "pyproject.toml", "README.md"):
        assert "spectacular" not in tree.get(path).content.lower(), path
    full = generate(BACKEND, compile_source('app shop { title "Shop" }\n'), "shop.djs")
    assert full is not None
    assert "SPECTACULAR_SETTINGS" in full.get("config/settings/base.py").content


def test_a_contract_bug_is_an_internal_error_with_exit_code_3(tmp_path, capsys):
    from djsc import backends, cli

    class Rogue:
        name, requires, slots, contributes, consumes = "rogue", (), (), (), frozenset()

        def check(self, program, ctx):
            pass

        def prepare(self, program):
            return program

        def emit(self, program, ctx):
            ctx.contribute("settings.installed_apps", "rogue")
            return iter(())

    backends.register(Backend("rogue", (*BACKEND.features, Rogue())))
    try:
        spec = tmp_path / "shop.djs"
        spec.write_text("entity Item { name: String(20) }\n")
        code = cli.main(["build", str(spec), "-o", str(tmp_path / "out"), "--backend", "rogue"])
    finally:
        backends.unregister("rogue")
    assert code == 3
    assert "DJS0900" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
