"""Name tables of a program, built by `resolve_names` and read by every later pass."""

from __future__ import annotations

from dataclasses import dataclass, field

from djsc.ir import nodes as ir


@dataclass
class Analysis:
    """What resolution learned; passes read it instead of re-scanning the program.

    `declared` maps each kind ("entity", "enum", "event", "command", "query",
    "channel") to the first declaration of every name; `relation_ends` maps an
    entity to the relation ends that add a field to it (name -> (relation, side)),
    where side is "source" or "target".
    """

    declared: dict[str, dict[str, ir.Decl]] = field(default_factory=dict)
    relation_ends: dict[str, dict[str, tuple[ir.Relation, str]]] = field(default_factory=dict)
    roles: tuple[str, ...] = ()
    # Derived views (e.g. the members of an entity) computed once per compilation;
    # valid because the tables above are complete once `resolve_names` has run.
    memo: dict = field(default_factory=dict)

    def lookup(self, kind: str, name: str) -> ir.Decl | None:
        return self.declared.get(kind, {}).get(name)

    def names(self, kind: str) -> list[str]:
        return list(self.declared.get(kind, {}))

    def entity(self, name: str) -> ir.Entity | None:
        found = self.lookup("entity", name)
        return found if isinstance(found, ir.Entity) else None

    def enum(self, name: str) -> ir.Enum | None:
        found = self.lookup("enum", name)
        return found if isinstance(found, ir.Enum) else None

    def event(self, name: str) -> ir.Event | None:
        found = self.lookup("event", name)
        return found if isinstance(found, ir.Event) else None
