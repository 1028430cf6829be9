"""The pass pipeline: every check and lowering, in the order they run.

Check passes only report; lowering passes only rewrite (a lowering that meets a user
error means a check is missing).  Every check runs, whatever earlier checks found, so
one run reports every independent mistake: a check skips only what depends on a name
that is already reported (an unresolved name has the `unknown` type, which every rule
accepts).  Lowerings assume a valid program, so none runs after an error.
"""

from __future__ import annotations

from collections.abc import Callable

from djsc.ir import nodes as ir
from djsc.passes.check_cache import check_cache
from djsc.passes.check_channels import check_channels
from djsc.passes.check_commands import check_commands
from djsc.passes.check_events import check_events
from djsc.passes.check_expressions import check_expressions
from djsc.passes.check_key_cycles import check_key_cycles
from djsc.passes.check_options import check_options
from djsc.passes.check_primary_keys import check_primary_keys
from djsc.passes.check_queries import check_queries
from djsc.passes.check_relations import check_relations
from djsc.passes.check_types import check_types
from djsc.passes.check_unused import check_unused
from djsc.passes.context import CompileOptions, PassContext
from djsc.passes.lower_defaults import lower_defaults
from djsc.passes.lower_entity_fields import lower_entity_fields
from djsc.passes.lower_indexes import lower_indexes
from djsc.passes.lower_relations import lower_relations
from djsc.passes.resolve_names import resolve_names

Pass = Callable[[ir.Program, PassContext], ir.Program]

PIPELINE: tuple[Pass, ...] = (
    resolve_names,  # name tables; duplicates
    check_types,  # field types, arguments, defaults, modifiers, reserved names
    check_relations,  # relation kinds, ends, clashes, on_delete, through entities
    check_primary_keys,  # one key per entity, of a key type; `{ primary }` one_to_one ends
    check_key_cycles,  # required foreign keys in a circle: no first row could exist
    check_options,  # app / entity / relation options: known keys, values, conflicts
    check_cache,  # entity `cache` options need an app cache other than `none`
    check_expressions,  # entity rules and checks: paths resolve, operands fit
    check_commands,  # inputs, guards, effects, emitted events
    check_events,  # payload types, `apply` blocks of sourced entities
    check_queries,  # filters, ordering, parameters
    check_channels,  # paths, broadcast events and entity changes
    check_unused,  # warnings: enums and events nobody uses
    lower_entity_fields,  # `owner: User` becomes an implicit many_to_one relation
    lower_relations,  # one_to_many flipped, on_delete defaults made explicit
    lower_defaults,  # timestamps and soft delete as fields, default permissions
    lower_indexes,  # an index for every `filter` / `order` field
)


def is_lowering(p: Pass) -> bool:
    return p.__name__.startswith("lower_")


# `djsc check` needs only the checks; lowering prepares the program for backends.
CHECKS: tuple[Pass, ...] = tuple(p for p in PIPELINE if not is_lowering(p))


def run(program: ir.Program, ctx: PassContext, passes: tuple[Pass, ...] = PIPELINE) -> ir.Program:
    for p in passes:
        if is_lowering(p) and ctx.diagnostics.has_errors():
            break
        program = p(program, ctx)
    return program


__all__ = ["PIPELINE", "CHECKS", "run", "is_lowering", "PassContext", "CompileOptions", "Pass"]
