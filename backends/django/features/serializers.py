"""`<app>/serializers.py`: one ModelSerializer per entity plus summary serializers.

Relations read as small nested objects (`author: {id, name}`) and write by
primary key through a separate write-only field (`author_id`, `tags_ids`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from djsc.backends.base import EmitContext, EmittedFile, Ownership
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.viewmodels import EntityVM, RelationVM, write_name
from djsc.ir import nodes as ir


@dataclass(frozen=True)
class SerializerVM:
    name: str
    snake: str
    doc: str
    declarations: list[str]
    fields: list[str]
    read_only: list[str]
    extra_kwargs: str


def nested_declarations(e: EntityVM) -> list[str]:
    out = []
    for r in e.relations:
        out.append(f"{r.name} = {summary_of(r)}(read_only=True{', many=True' if r.many else ''})")
        if r.writable:
            out.append(f"{write_name(r)} = {write_field(r)}")
    return out


def summary_of(r: RelationVM) -> str:
    return "UserSummarySerializer" if r.target_is_user else f"{r.target}SummarySerializer"


def write_field(r: RelationVM) -> str:
    model = "User" if r.target_is_user else r.target
    args = [f'source="{r.name}"', f"queryset={model}.objects.all()", "write_only=True"]
    if r.many:
        args += ["many=True", "required=False"]
    elif r.optional:
        args += ["required=False", "allow_null=True"]
    return f"serializers.PrimaryKeyRelatedField({', '.join(args)})"


def serializer_vm(e: EntityVM) -> SerializerVM:
    files = [f.name for f in e.fields if f.category == "file"]
    extra = ", ".join(f'"{n}": {{"required": False}}' for n in files)
    return SerializerVM(
        name=e.name,
        snake=e.snake,
        doc=e.doc or f"A {e.name}.",
        declarations=nested_declarations(e),
        fields=e.serializer_fields,
        read_only=e.read_only,
        extra_kwargs=f"{{{extra}}}" if extra else "",
    )


class SerializersFeature(TemplateFeature):
    name = "serializers"
    requires = ("models",)

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        yield self.render_file(
            f"{p.app}/serializers.py",
            "serializers.py.j2",
            p=p,
            header=p.header(f"{p.app}/serializer_hooks.py"),
            model_names=", ".join(sorted(e.name for e in p.entities)),
            serializers=[serializer_vm(e) for e in p.entities],
        )
        yield self.render_file(
            f"{p.app}/serializer_hooks.py", "serializer_hooks.py.j2", Ownership.SCAFFOLD, p=p
        )
