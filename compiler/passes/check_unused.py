"""Warnings for enums no field uses and events nothing emits, broadcasts or applies.

Nothing is called unused while a reference that might have meant it is unresolved:
the fix for that error may well be the use.
"""

from __future__ import annotations

import re

from djsc.analysis.types import SCALAR_TYPES, USER_ENTITY
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.context import PassContext


def check_unused(program: ir.Program, ctx: PassContext) -> ir.Program:
    enums_are_used(program, ctx)
    events_are_used(program, ctx)
    return program


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _is_type(name: str, ctx: PassContext) -> bool:
    analysis = ctx.analysis
    declared = analysis.enum(name) or analysis.entity(name)
    return name in SCALAR_TYPES or name == USER_ENTITY or declared is not None


def _all_fields(program: ir.Program):
    for entity in program.entities:
        yield from entity.fields
    for event in program.events:
        yield from event.fields
    for op in (*program.commands, *program.queries):
        yield from op.inputs


def enums_are_used(program: ir.Program, ctx: PassContext) -> None:
    used = {f.type.name.text for f in _all_fields(program)}
    if any(not _is_type(name, ctx) for name in used):
        return  # an unknown type, already reported, may have meant any enum
    for enum in program.enums:
        if enum.name.text in used:
            continue
        name = enum.name.text
        ctx.report(
            codes.UNUSED_ENUM.at(enum.name.span, "declared here", name=name).with_help(
                f"use it as a field type (`{_snake(name)}: {name}`) or remove it"
            )
        )


def events_are_used(program: ir.Program, ctx: PassContext) -> None:
    """Used means emitted by a command, broadcast by a channel, or applied to an entity."""
    used = {e.event.text for command in program.commands for e in command.emits}
    used |= {
        ref.name.text
        for channel in program.channels
        for ref in channel.broadcasts
        if ref.entity is None
    }
    if any(ctx.analysis.event(name) is None for name in used):
        return  # an unknown event, already reported, may have meant any event
    for event in program.events:
        if event.name.text in used or (event.entity is not None and event.apply is not None):
            continue
        ctx.report(
            codes.UNUSED_EVENT.at(event.name.span, "declared here", name=event.name.text).with_help(
                f"emit it from a command (`emit {event.name.text}`) or remove it"
            )
        )
