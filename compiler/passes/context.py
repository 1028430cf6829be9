"""What every pass receives besides the program."""

from __future__ import annotations

from dataclasses import dataclass, field

from djsc.analysis import Analysis
from djsc.diagnostics.model import Diagnostics


@dataclass(frozen=True)
class CompileOptions:
    """Switches that change what the pipeline does, not what the spec means."""

    check_invariants: bool = False


@dataclass
class PassContext:
    diagnostics: Diagnostics
    analysis: Analysis = field(default_factory=Analysis)
    options: CompileOptions = field(default_factory=CompileOptions)

    def report(self, diagnostic) -> None:
        self.diagnostics.report(diagnostic)
