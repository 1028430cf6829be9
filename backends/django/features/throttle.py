"""`throttle { anon RATE  user RATE }`: DRF's rate throttles, on the default cache.

`anon` becomes `AnonRateThrottle` (clients that are not signed in, counted per IP
address) and `user` becomes `UserRateThrottle` (signed-in clients counted per user;
without `anon` it counts anonymous clients per address at the same rate).  A client
over its rate gets a 429 in problem+json with a `Retry-After` header (config/errors.py
keeps DRF's headers), which config/openapi.py documents on every throttled operation.
The counts live in the default cache (`REDIS_URL`, else local memory per process),
and the generated `tests/test_throttle.py` proves the rates on the project itself;
the root conftest.py clears the cache around every test, so no test inherits the
requests of another.
"""

from __future__ import annotations

from collections.abc import Iterator

from djsc.backends.base import EmitContext, EmittedFile
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.slots import ReadmeSection, Setting
from djsc.ir import nodes as ir

# Spec scope → DRF's throttle class (whose `scope` is the same word).
THROTTLES = {
    "anon": "rest_framework.throttling.AnonRateThrottle",
    "user": "rest_framework.throttling.UserRateThrottle",
}
_WHO = {"anon": "anonymous clients, per IP address", "user": "signed-in clients, per user"}


def throttle_rates(program: ir.Program) -> dict[str, str]:
    """{scope: rate} in the spec's order of THROTTLES; empty without `throttle`."""
    opt = program.app.option("throttle") if program.app else None
    if opt is None or opt.block is None:
        return {}
    given = {o.name.text: o.values[0].text for o in opt.block if o.values}
    return {scope: given[scope] for scope in THROTTLES if scope in given}


def readme(rates: dict[str, str]) -> str:
    lines = [f"- `{rate}` for {_WHO[scope]}" for scope, rate in rates.items()]
    if "anon" not in rates:
        lines.append("- anonymous clients count per IP address at the `user` rate")
    return "\n".join(
        [
            "Requests are rate-limited (DRF throttling):",
            "",
            *lines,
            "",
            "A client over its rate gets `429 Too Many Requests` (problem+json) with a",
            "`Retry-After` header in seconds. The counts are kept in the default cache: set",
            "`REDIS_URL` in production so every worker process shares them (the local-memory",
            "cache counts per process). Behind a proxy, set `NUM_PROXIES` in `REST_FRAMEWORK`",
            "(config/settings/custom.py) so clients are told apart by `X-Forwarded-For`.",
        ]
    )


class ThrottleFeature(TemplateFeature):
    name = "throttle"
    requires = ("views",)
    contributes = ("settings.rest_framework", "readme.sections")
    consumes = frozenset({"app.throttle", "app.throttle.anon", "app.throttle.user"})

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        rates = throttle_rates(program)
        if not rates:
            return
        p = self.vm(program, ctx)
        classes = [THROTTLES[scope] for scope in rates]
        ctx.contribute("settings.rest_framework", Setting("DEFAULT_THROTTLE_CLASSES", classes))
        ctx.contribute("settings.rest_framework", Setting("DEFAULT_THROTTLE_RATES", rates))
        ctx.contribute("readme.sections", ReadmeSection("Rate limits", readme(rates)))
        yield self.render_file(
            f"{p.app}/tests/test_throttle.py",
            "test_throttle.py.j2",
            header=p.tests_header,
            rates=rates,
            classes=[c.rpartition(".")[2] for c in classes],
        )
