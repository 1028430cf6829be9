"""What every Django feature shares: the view model and file construction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import ClassVar

from djsc.backends.base import EmitContext, EmittedFile, Ownership, Slot
from djsc.backends.django.shadowing import unshadow
from djsc.backends.django.templating import render
from djsc.backends.django.viewmodels import ProjectVM, project_vm
from djsc.ir import nodes as ir


class TemplateFeature:
    """A feature that renders templates from `templates/<name>/`; subclasses list files."""

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    slots: ClassVar[tuple[Slot, ...]] = ()
    contributes: ClassVar[tuple[str, ...]] = ()
    consumes: ClassVar[frozenset[str]] = frozenset()

    def check(self, program: ir.Program, ctx: EmitContext) -> None:
        return None

    def prepare(self, program: ir.Program) -> ir.Program:
        return program

    def vm(self, program: ir.Program, ctx: EmitContext) -> ProjectVM:
        return project_vm(program, ctx.spec_name, ctx.project)

    def render_file(
        self,
        path: str,
        template: str,
        ownership: Ownership = Ownership.GENERATED,
        **context,
    ) -> EmittedFile:
        content = render(f"{self.name}/{template}", **context)
        if path.endswith(".py"):
            content = unshadow(content)  # a field may be named like an import
        return EmittedFile(PurePosixPath(path), content, ownership, self.name)

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        raise NotImplementedError
