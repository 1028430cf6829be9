"""Check channels: paths, permissions and what they broadcast."""

from __future__ import annotations

from djsc.analysis.effects import clauses_are_unique
from djsc.analysis.expr_infer import expect_bool
from djsc.analysis.expr_types import Scope
from djsc.analysis.types import USER_ENTITY
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.check_commands import entity_exists
from djsc.passes.context import PassContext
from djsc.suggest import did_you_mean

_ONCE = {ir.Permission: "allow", ir.PathRule: "path"}


def check_channels(program: ir.Program, ctx: PassContext) -> ir.Program:
    paths: dict[str, ir.PathRule] = {}
    for channel in program.channels:
        clauses_are_unique(channel.items, _ONCE, channel.name.text, ctx)
        for item in channel.items:
            if isinstance(item, ir.PathRule):
                path_is_valid(item, ctx)
                path_is_unique(item, paths, ctx)
            elif isinstance(item, ir.Permission):
                scope = Scope(permission=True, instance=False, where="a channel")
                expect_bool(item.expr, scope, ctx, "`allow` must be a `Bool`")
        for ref in channel.broadcasts:
            broadcast_is_known(ref, ctx)
        broadcasts_something(channel, ctx)
    return program


def path_is_valid(rule: ir.PathRule, ctx: PassContext) -> None:
    path = rule.path
    problem = None
    if not path.startswith("/") or not path.endswith("/"):
        problem = "a channel path starts and ends with `/`"
    elif any(ch.isspace() for ch in path):
        problem = "a channel path cannot contain spaces"
    if problem:
        fixed = "/" + "-".join(path.split()).strip("/") + "/"
        ctx.report(
            codes.INVALID_CHANNEL_PATH.at(rule.span, problem, path=path).with_help(
                f'write it as `path "{fixed.replace("//", "/")}"`'
            )
        )


def path_is_unique(rule: ir.PathRule, seen: dict[str, ir.PathRule], ctx: PassContext) -> None:
    first = seen.setdefault(rule.path, rule)
    if first is not rule:
        ctx.report(
            codes.DUPLICATE_CHANNEL_PATH.at(rule.span, "used again here", path=rule.path)
            .with_label(first.span, "first used here")
            .with_help("give each channel its own path")
        )


def broadcast_is_known(ref: ir.EventRef, ctx: PassContext) -> None:
    """`Event` is a declared event; `Entity.change` is a change of a declared entity."""
    name = ref.name.text
    if ref.entity is None:
        if ctx.analysis.event(name) is not None:
            return
        help_ = did_you_mean(name, ctx.analysis.names("event"))
        if ctx.analysis.entity(name) is not None or name == USER_ENTITY:
            help_ = f"to broadcast changes of entity `{name}`, write `{name}.updated`"
        ctx.report(
            codes.UNKNOWN_EVENT.at(ref.name.span, "not declared", name=name).with_help(help_)
        )
        return
    if not entity_exists(ref.entity, ctx):
        return
    if name not in ir.ENTITY_CHANGES:
        ctx.report(
            codes.UNKNOWN_ENTITY_CHANGE.at(
                ref.name.span, "not a change", name=name, entity=ref.entity.text
            ).with_help(
                did_you_mean(name, ir.ENTITY_CHANGES)
                or "the changes are `created`, `updated` and `deleted`"
            )
        )


def broadcasts_something(channel: ir.Channel, ctx: PassContext) -> None:
    if not channel.broadcasts:
        ctx.report(
            codes.EMPTY_CHANNEL.at(
                channel.name.span, "no `broadcast`", name=channel.name.text
            ).with_help(f"add what it sends, e.g. `broadcast {_example(ctx)}`")
        )


def _example(ctx: PassContext) -> str:
    events = ctx.analysis.names("event")
    entities = ctx.analysis.names("entity")
    if events:
        return events[0]
    return f"{entities[0]}.updated" if entities else "Post.updated"
