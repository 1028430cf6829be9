"""`app { cache none | locmem | redis { ttl D } }` and an entity's `cache D`.

The default cache is Django's built-in Redis backend when `REDIS_URL` is set and
local memory otherwise (config/settings/base.py; throttle counts live there too), so
this feature contributes the `redis` client and documents `REDIS_URL` for every
project that may use Redis (`cache locmem` pins local memory and needs neither).

With cached entities (viewmodels/caching.py decides which) it emits `<app>/caching.py`
(the `CachedReads` viewset mixin, versioned keys, signal handlers that bump versions,
the staff-only `GET /api/cache/stats/`), mounts the stats view, documents the scheme
in the README and emits `<app>/tests/test_cache.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.auth import auth_vm
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.features.tests import entity_test_cases, import_block
from djsc.backends.django.slots import EnvVar, ReadmeSection
from djsc.backends.django.viewmodels.access import Model, entity_rules
from djsc.backends.django.viewmodels.caching import CachePlan, app_cache, cache_plan
from djsc.backends.django.viewmodels.entities import EntityVM
from djsc.backends.django.viewmodels.relations import RelationVM
from djsc.ir import nodes as ir

DEPENDENCY = "redis>=5,<9"
REDIS_URL = EnvVar(
    "REDIS_URL",
    "",
    "Optional: a Redis cache shared by every worker (redis://host:6379/0); empty: local memory.",
)
STATS_URL = "/api/cache/stats/"


def readme(plan: CachePlan) -> str:
    lines = [f"- `{name}`: {ttl} s" for name, ttl in plan.ttls.items()]
    return "\n".join(
        [
            "List and detail answers of these entities are cached:",
            "",
            *lines,
            "",
            "The cache is Redis when `REDIS_URL` is set, else local memory (per process)."
            if plan.redis
            else "The cache is local memory, per process (`cache locmem`).",
            "An entry's key holds the path, the whole query string, the caller (anonymous, or",
            "the user's id: no user is ever answered from another user's entry), the Accept",
            "headers and the API version. Only `200` answers to `GET` are stored; each answer",
            "says `X-Cache: hit` or `miss`.",
            "",
            "Every save, delete and many-to-many change made through the ORM makes the cached",
            "answers that could show the row stale at once (a version counter per entity, part",
            "of the keys). `queryset.update()` and `bulk_create()` send no signals: call",
            '`caching.bump("Entity", …)` after them. Staff may read the hit and miss counts',
            f"at `GET {STATS_URL}`.",
        ]
    )


def role_scoped(program: ir.Program, plan: CachePlan, entities) -> list[str]:
    model = Model(program, entities)
    return sorted(
        d.name.text
        for d in program.entities
        if d.name.text in plan.ttls and entity_rules(d, model).roles("read")
    )


class CacheFeature(TemplateFeature):
    name = "caching"
    requires = ("views", "tests")
    contributes = (
        "project.dependencies",
        "project.env",
        "urls.imports",
        "urls.patterns",
        "readme.sections",
    )
    consumes = frozenset(
        {
            "app.cache",
            "app.cache=none",
            "app.cache=locmem",
            "app.cache=redis",
            "app.cache.ttl",
            "entity.option.cache",
        }
    )

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        kind, _ = app_cache(program)
        if kind != "locmem":
            ctx.contribute("project.dependencies", DEPENDENCY)
            ctx.contribute("project.env", REDIS_URL)
        p = self.vm(program, ctx)
        plan = cache_plan(program, p.entities)
        if plan is None:
            return
        ctx.contribute("urls.imports", f"from {p.app}.caching import CacheStatsView")
        ctx.contribute(
            "urls.patterns",
            f'path("{STATS_URL[1:]}", CacheStatsView.as_view(), name="cache-stats")',
        )
        ctx.contribute("readme.sections", ReadmeSection("Caching", readme(plan)))
        scoped = role_scoped(program, plan, p.entities)
        yield self.render_file(
            f"{p.app}/caching.py",
            "caching.py.j2",
            header=p.header(f"{p.app}/hooks.py"),
            app=p.app,
            ttls=plan.ttls,
            dependents={k: list(v) for k, v in plan.dependents.items()},
            role_scoped=scoped,
            any_roles=bool(scoped),
        )
        yield from self.tests(program, p, plan)

    def tests(self, program: ir.Program, p, plan: CachePlan) -> Iterator[EmittedFile]:
        cases = [
            CacheCase(t, nested(t.e))
            for t in entity_test_cases(program, p)
            if t.e.name in plan.ttls
        ]
        path = f"{p.app}/tests/test_cache.py"
        values = {
            "header": p.tests_header,
            "cases": cases,
            "anonymous_status": 401 if auth_vm(program).signs_in else 403,
        }
        draft = self.render_file(path, "test_cache.py.j2", imports=[], **values)
        third_party = ["import pytest", "from django.core.cache import cache"]
        imports = import_block(p, draft.content, third_party)
        yield self.render_file(path, "test_cache.py.j2", imports=imports, **values)


@dataclass(frozen=True)
class CacheCase:
    t: object  # the entity's EntityTests
    nested: list[RelationVM]  # related rows its answers show, which tests change


def nested(e: EntityVM) -> list[RelationVM]:
    """Relations whose rows a test can make and link without saving `e`'s row."""
    return [
        r
        for r in e.relations
        if not r.target_is_user and not r.primary_key and not (r.many and r.through)
    ]
