"""The backend plug-in interface.

A backend is a named, ordered set of features.  Each feature may check the program
against what the backend can express (reporting DJS08xx), may rewrite it for
itself (`prepare`), and emits files.  Features share files only through
contributions (`ctx.contribute("settings.installed_apps", "rest_framework")`), which
the features that own those files render, so no feature edits another's output.
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


class Capability(enum.Enum):
    """What a backend can express; generic checks consult these."""

    RELATIONS = "relations"
    COMMANDS = "commands"
    EVENTS = "events"
    EVENT_SOURCING = "event_sourcing"
    CHANNELS = "channels"
    FULL_TEXT_SEARCH = "full_text_search"


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


@dataclass
class EmitContext:
    """What every feature receives while emitting."""

    program: ir.Program
    diagnostics: Diagnostics
    spec_name: str  # file name of the spec, for headers ("shop.djs")
    project: str  # Python package name of the generated project ("shop")
    options: dict[str, Any] = field(default_factory=dict)
    analysis: Any = None  # djsc.analysis.Analysis of the compiled program
    _contributions: dict[str, list[Any]] = field(default_factory=dict)

    def contribute(self, slot: str, value: Any) -> None:
        self._contributions.setdefault(slot, []).append(value)

    def contributions(self, slot: str) -> list[Any]:
        return list(self._contributions.get(slot, []))


class Feature(Protocol):
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]

    def check(self, program: ir.Program, ctx: EmitContext) -> None: ...

    def prepare(self, program: ir.Program) -> ir.Program: ...

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]: ...


@dataclass(frozen=True)
class Backend:
    name: str
    features: tuple[Feature, ...]
    capabilities: frozenset[Capability] = frozenset()

    def has(self, capability: Capability) -> bool:
        return capability in self.capabilities
