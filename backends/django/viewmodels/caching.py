"""What the spec's `cache` options ask of the Django backend, decided once.

`app { cache none | locmem | redis { ttl D } }` and an entity's `cache D`:

- an entity with its own `cache D` caches its list and detail answers for D;
- when the app's `cache` has a `ttl`, every other entity caches for that ttl;
- `cache none` caches no answer (an entity's `cache` under it is DJS0606);
- without an app `cache`, only entities with their own option are cached.

A write to a row of entity X must make stale every cached answer that could show X:
X's own, those of entities whose serializers nest a summary of X (forward relations),
and those whose read rule follows a path through X.  `dependents` lists them per
entity (and for the user model, which summaries and `owner(…)` rules reach).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from djsc.backends.django.viewmodels.access import Model, entity_rules, leaves
from djsc.backends.django.viewmodels.entities import EntityVM
from djsc.ir import nodes as ir

_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
USER = "User"


def seconds(text: str) -> int:
    """`5m` → 300; a duration below a second caches for one second."""
    match = re.fullmatch(r"(\d+)(ms|s|m|h|d|w)", text)
    if not match:
        return 0
    amount, unit = match.groups()
    return max(1, math.ceil(int(amount) * _SECONDS[unit]))


@dataclass(frozen=True)
class CachePlan:
    backend: str  # locmem | redis (the app's choice; redis when the app says nothing)
    ttls: dict[str, int]  # cached entity → seconds
    dependents: dict[str, tuple[str, ...]]  # entity or "User" → cached entities to bump

    @property
    def redis(self) -> bool:
        return self.backend == "redis"


def app_cache(program: ir.Program) -> tuple[str | None, int | None]:
    """(`none` | `locmem` | `redis` | None when absent, the app ttl in seconds or None)."""
    opt = program.app.option("cache") if program.app else None
    if opt is None:
        return None, None
    kind = opt.values[0].text if opt.values else "redis"
    ttl = None
    for nested in opt.block or ():
        if nested.name.text == "ttl" and nested.values:
            ttl = seconds(nested.values[0].text)
    return kind, ttl


def _entity_ttl(decl: ir.Entity) -> int | None:
    opt = decl.option("cache")
    return seconds(opt.values[0].text) if opt is not None and opt.values else None


def cache_plan(program: ir.Program, entities: list[EntityVM]) -> CachePlan | None:
    """None when no answer is cached."""
    kind, app_ttl = app_cache(program)
    if kind == "none":
        return None
    ttls: dict[str, int] = {}
    for decl in program.entities:
        ttl = _entity_ttl(decl) or app_ttl
        if ttl:
            ttls[decl.name.text] = ttl
    if not ttls:
        return None
    reaches = _reaches(program, entities)
    dependents: dict[str, tuple[str, ...]] = {}
    for name in [*(e.name for e in entities), USER]:
        found = [c for c in ttls if c == name or name in reaches.get(c, set())]
        if found:
            dependents[name] = tuple(found)
    return CachePlan(kind or "redis", ttls, dependents)


def _reaches(program: ir.Program, entities: list[EntityVM]) -> dict[str, set[str]]:
    """Entity → the entities (and "User") its answers show or its read rule follows."""
    found: dict[str, set[str]] = {e.name: {r.target for r in e.relations} for e in entities}
    model = Model(program, entities)
    for decl in program.entities:
        rules = entity_rules(decl, model)
        for leaf in leaves(rules.rules["read"]):
            path = getattr(leaf, "path", None)
            if path is None:
                continue
            for step in path.steps:
                if step.end is not None:
                    found.setdefault(decl.name.text, set()).add(step.end.target)
    return found
