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

    `duplicates` holds, by kind and name, the declarations `resolve_names` rejected
    (a name declared twice, a user-declared `User`).  Member lookups consult them
    too, so a name declared twice is reported once, where it is declared, and not
    again at every use of a member the rejected declaration has.
    """

    declared: dict[str, dict[str, ir.Decl]] = field(default_factory=dict)
    duplicates: dict[str, dict[str, list[ir.Decl]]] = field(default_factory=dict)
    # Field types check_types rejected for their arguments (`Slug(14, 2)`): values
    # of these have the unknown type, so their uses are not judged.
    badly_typed: set[ir.TypeRef] = field(default_factory=set)
    relation_ends: dict[str, dict[str, tuple[ir.Relation, str]]] = field(default_factory=dict)
    roles: tuple[str, ...] = ()
    # Derived views (e.g. the members of an entity) computed once per compilation;
    # valid because the tables above are complete once `resolve_names` has run.
    memo: dict = field(default_factory=dict)

    def lookup(self, kind: str, name: str) -> ir.Decl | None:
        return self.declared.get(kind, {}).get(name)

    def declarations(self, kind: str, name: str) -> list[ir.Decl]:
        """Every declaration of `name` as a `kind`, the accepted one first."""
        first = self.lookup(kind, name)
        rejected = self.duplicates.get(kind, {}).get(name, [])
        return [first, *rejected] if first is not None else list(rejected)

    def is_redeclared(self, kind: str, name: str) -> bool:
        return bool(self.duplicates.get(kind, {}).get(name))

    def is_ambiguous_type(self, name: str) -> bool:
        """Whether both an entity and an enum have this name: a field of that type
        has no one meaning, so nothing that depends on it is judged."""
        in_entity = self.lookup("entity", name) or self.is_redeclared("entity", name)
        in_enum = self.lookup("enum", name) or self.is_redeclared("enum", name)
        return bool(in_entity and in_enum)

    def enum_members(self, name: str) -> list[str]:
        """The member names of enum `name`, over all its declarations."""
        found: dict[str, None] = {}
        for decl in self.declarations("enum", name):
            if isinstance(decl, ir.Enum):
                found.update(dict.fromkeys(m.name.text for m in decl.members))
        return list(found)

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
