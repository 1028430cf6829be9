"""Check events: the entity they are `on`, and `apply` blocks of sourced entities.

Payload field types are check_types' job.
"""

from __future__ import annotations

from djsc.analysis.effects import assignment_is_valid
from djsc.analysis.expr_types import Scope, field_ty
from djsc.diagnostics import codes
from djsc.ir import nodes as ir
from djsc.passes.check_commands import entity_exists
from djsc.passes.check_types import ENTITY_FLAGS
from djsc.passes.context import PassContext


def check_events(program: ir.Program, ctx: PassContext) -> ir.Program:
    for event in program.events:
        if event.entity is not None and not entity_exists(event.entity, ctx):
            continue
        if event.apply is not None and apply_has_sourced_entity(event, ctx):
            for assignment in event.apply:
                assignment_is_valid(assignment, event.entity.text, apply_scope(event, ctx), ctx)
    for entity in program.entities:
        sourced_entity_has_events(entity, program, ctx)
    return program


def apply_has_sourced_entity(event: ir.Event, ctx: PassContext) -> bool:
    """`apply` folds an event into the state of a `sourced` entity; without one it
    means nothing."""
    if event.entity is None:
        ctx.report(
            codes.APPLY_WITHOUT_ENTITY.at(
                event.name.span, "has `apply`", event=event.name.text
            ).with_help(f"name the entity it changes: `event {event.name.text} on Entity {{ … }}`")
        )
        return False
    entity = ctx.analysis.entity(event.entity.text)
    if entity is None or entity.sourced:
        return entity is not None
    if any(flag.text not in ENTITY_FLAGS for flag in entity.flags):
        return True  # an unknown flag, already reported, may be a misspelt `sourced`
    ctx.report(
        codes.APPLY_WITHOUT_SOURCED.at(
            event.entity.span, "not `sourced`", event=event.name.text, entity=entity.name.text
        )
        .with_label(entity.name.span, "declared here")
        .with_help(f"mark the entity as event-sourced: `entity {entity.name.text} sourced {{ … }}`")
    )
    return False


def apply_scope(event: ir.Event, ctx: PassContext) -> Scope:
    """Inside `apply`, the payload's fields shadow the entity's."""
    payload = {f.name.text: field_ty(f.type, ctx.analysis) for f in event.fields}
    assert event.entity is not None
    return Scope(entity=event.entity.text, extra=payload, where="an `apply` block")


def sourced_entity_has_events(entity: ir.Entity, program: ir.Program, ctx: PassContext) -> None:
    if not entity.sourced:
        return
    for event in program.events:
        if event.apply is not None and event.entity and event.entity.text == entity.name.text:
            return
    ctx.report(
        codes.SOURCED_WITHOUT_EVENTS.at(
            entity.name.span, "never changes", entity=entity.name.text
        ).with_help(
            f"declare an event that changes it: "
            f"`event Changed on {entity.name.text} {{ … }} apply {{ … }}`"
        )
    )
