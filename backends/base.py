"""The backend plug-in interface, and the contract every feature keeps.

A backend is a named set of features.  Each feature may check the program against
what the backend can express (reporting DJS08xx), may rewrite it for itself
(`prepare`), and emits files.  Features share files only through typed
contribution *slots*: the feature that renders a shared file declares its slots
(`Slot("settings.installed_apps", str, …)`), other features declare which slots they
contribute to, and `order_features` runs every contributor before the slot's owner.
The contract is enforced while emitting (`EmitContext.contribute`): a contribution to
an undeclared slot, of the wrong type, from a feature that did not declare it, or
after the owner has rendered, is an internal error, never a silently missing line.

Each feature also names the parts of the language it consumes (`consumes`, keys of
`djsc.analysis.surface`), so one test can prove that every accepted construct is
either generated or reported (DJS0803/DJS0804).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, ClassVar, Protocol

from djsc.diagnostics.model import Diagnostics
from djsc.ir import nodes as ir


class Ownership(enum.Enum):
    """Who owns a file after djsc wrote it (decides what a rebuild may touch)."""

    GENERATED = "generated"  # djsc's: rewritten on every build unless the user edited it
    SCAFFOLD = "scaffold"  # the user's: written once, never touched again
    APPEND_ONLY = "append_only"  # migrations: new files are added, existing ones never change


class ContractError(Exception):
    """A feature broke the backend contract: a bug in djsc, never the user's fault."""


@dataclass(frozen=True)
class EmittedFile:
    path: PurePosixPath
    content: str
    ownership: Ownership = Ownership.GENERATED
    feature: str = ""

    def __post_init__(self) -> None:
        if self.path.is_absolute() or ".." in self.path.parts:
            raise ValueError(f"emitted path escapes the output folder: {self.path}")
        if self.content and not self.content.endswith("\n"):
            object.__setattr__(self, "content", self.content + "\n")


@dataclass(frozen=True)
class Slot:
    """A place in a shared file that other features fill: `settings.middleware`.

    `type` is what each contribution must be (checked on every `contribute`).
    """

    name: str
    type: type | tuple[type, ...]
    doc: str


@dataclass(frozen=True)
class EmitOptions:
    """What the person running the build chose (CLI flags, editor settings)."""

    # Build although access rules of the spec are not enforced yet (DJS0804 → warning).
    allow_unenforced_access: bool = False
    # Every DJS0803 ("not generated yet") becomes an error.
    strict: bool = False


@dataclass
class EmitContext:
    """What every feature receives while checking and emitting."""

    program: ir.Program
    diagnostics: Diagnostics
    spec_name: str  # file name of the spec, for headers ("shop.djs")
    project: str  # Python package name of the generated project ("shop")
    options: EmitOptions = field(default_factory=EmitOptions)
    analysis: Any = None  # djsc.analysis.Analysis of the compiled program
    # Filled by `bind`: slot name → (slot, owning feature); who may contribute where.
    slots: dict[str, tuple[Slot, str]] = field(default_factory=dict)
    _contributors: dict[str, frozenset[str]] = field(default_factory=dict)
    _contributions: dict[str, list[Any]] = field(default_factory=dict)
    _rendered: set[str] = field(default_factory=set)
    current: str = ""  # the feature now running

    def bind(self, features: tuple[Feature, ...]) -> None:
        """Learn the features' slots and contributions (done once per build)."""
        for feature in features:
            for slot in getattr(feature, "slots", ()):
                if slot.name in self.slots:
                    raise ContractError(f"slot `{slot.name}` is declared twice")
                self.slots[slot.name] = (slot, feature.name)
        for feature in features:
            wanted = frozenset(getattr(feature, "contributes", ()))
            for name in wanted:
                if name not in self.slots:
                    raise ContractError(
                        f"feature `{feature.name}` contributes to `{name}`, which no feature "
                        "declares"
                    )
            self._contributors[feature.name] = wanted

    def contribute(self, slot: str, value: Any) -> None:
        declared = self.slots.get(slot)
        if declared is None:
            raise ContractError(f"`{self.current}` contributes to undeclared slot `{slot}`")
        the_slot, owner = declared
        if owner in self._rendered:
            raise ContractError(
                f"`{self.current}` contributes to `{slot}` after `{owner}` rendered it"
            )
        if self.current and self.current != owner:
            if slot not in self._contributors.get(self.current, frozenset()):
                raise ContractError(
                    f"`{self.current}` contributes to `{slot}` without declaring it in "
                    "`contributes`"
                )
        if not isinstance(value, the_slot.type):
            raise ContractError(
                f"`{self.current}` contributes a {type(value).__name__} to `{slot}`, "
                f"which holds {the_slot.type}"
            )
        self._contributions.setdefault(slot, []).append(value)

    def contributions(self, slot: str) -> list[Any]:
        """Every value contributed to `slot` so far, in feature order."""
        if slot not in self.slots:
            raise ContractError(f"`{self.current}` reads undeclared slot `{slot}`")
        return list(self._contributions.get(slot, []))

    def finished(self, feature: str) -> None:
        """`feature` has emitted everything: its slots are closed from now on."""
        self._rendered.add(feature)


class Feature(Protocol):
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]  # features that must emit before this one
    slots: ClassVar[tuple[Slot, ...]]  # the slots this feature renders
    contributes: ClassVar[tuple[str, ...]]  # the slots of other features it fills
    consumes: ClassVar[frozenset[str]]  # language surface keys it generates

    def check(self, program: ir.Program, ctx: EmitContext) -> None: ...

    def prepare(self, program: ir.Program) -> ir.Program: ...

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]: ...


def order_features(features: tuple[Feature, ...]) -> tuple[Feature, ...]:
    """Features in an order where each runs after what it requires and every
    contributor runs before the owner of the slot it fills; otherwise the declared
    order (a stable topological sort).  A cycle is a ContractError."""
    by_name = {f.name: f for f in features}
    owners = {s.name: f.name for f in features for s in getattr(f, "slots", ())}
    after: dict[str, set[str]] = {f.name: set() for f in features}
    for f in features:
        for needed in f.requires:
            if needed not in by_name:
                raise ContractError(f"feature `{f.name}` requires unknown feature `{needed}`")
            after[f.name].add(needed)
        for slot in getattr(f, "contributes", ()):
            owner = owners.get(slot)
            if owner is not None and owner != f.name:
                after[owner].add(f.name)
    done: list[str] = []
    waiting = [f.name for f in features]
    while waiting:
        ready = next((n for n in waiting if after[n] <= set(done)), None)
        if ready is None:
            cycle = ", ".join(sorted(waiting))
            raise ContractError(f"features depend on each other in a cycle: {cycle}")
        done.append(ready)
        waiting.remove(ready)
    return tuple(by_name[n] for n in done)


@dataclass(frozen=True)
class Backend:
    name: str
    features: tuple[Feature, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "features", order_features(self.features))
