"""The diagnostics only the Django backend reports, in its block of the registry (08xx).

They are registered in the shared registry (ids stay unique and stable across the
compiler and every backend) when this module is imported; `djsc explain` and
`codes.lookup` import it through `djsc.backends.BUILTIN`.  The backend also reports
shared codes: the generic 08xx ones and the name rules it owns (DJS0108, DJS0109,
DJS0302), whose ids predate the move.
"""

from __future__ import annotations

from djsc.diagnostics.codes import ERROR, WARNING, register

CURSOR_ORDERING_DROPPED = register(
    "DJS0802",
    "cursor-ordering-dropped",
    WARNING,
    "cursor pagination of `{entity}` cannot order by `{field}`; {effect}",
)
READ_ONLY_THROUGH = register(
    "DJS0805",
    "read-only-through",
    WARNING,
    "`{relation}` is read-only in the API of backend `{backend}`: {reason}",
)
RULE_NOT_ENFORCEABLE = register(
    "DJS0806",
    "rule-not-enforceable",
    ERROR,
    "the `{op}` rule of `{entity}` cannot be enforced by backend `{backend}`: {reason}",
)
OWNER_RULE_MISSING = register(
    "DJS0807",
    "owner-rule-missing",
    WARNING,
    "`{entity}` belongs to a user (`{path}`), but any signed-in user may {ops} every row",
)
