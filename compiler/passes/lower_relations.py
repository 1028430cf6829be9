"""Relations in normal form: no `one_to_many`, and an explicit `on_delete` on every key.

    relation one_to_many Author.posts -> Post.author
becomes
    relation many_to_one Post.author -> Author.posts

A `?` on the `one_to_many` source end makes the foreign key (the new source) optional.
A foreign key or one-to-one without `on_delete` gets `set_null` when its end is
optional and `protect` when required: deleting a referenced row never silently
deletes others unless the spec says `cascade`.
"""

from __future__ import annotations

from dataclasses import replace

from djsc.ir import nodes as ir
from djsc.ir.walk import key_holder
from djsc.passes.context import PassContext


def lower_relations(program: ir.Program, ctx: PassContext) -> ir.Program:
    decls = tuple(_normalise(d) if isinstance(d, ir.Relation) else d for d in program.decls)
    return replace(program, decls=decls)


def _normalise(rel: ir.Relation) -> ir.Relation:
    if rel.kind.text == ir.RelationKind.ONE_TO_MANY:
        rel = _flip(rel)
    if key_holder(rel) is not None and rel.option("on_delete") is None:
        rel = _with_default_on_delete(rel)
    return rel


def _flip(rel: ir.Relation) -> ir.Relation:
    # check_relations makes a one_to_many name its many side (the key's home).
    assert rel.target.field is not None, "one_to_many without a named many side"
    source = replace(rel.target, optional=rel.key_optional)
    target = replace(rel.source, optional=False)
    kind = ir.Ident(text=ir.RelationKind.MANY_TO_ONE.value, span=rel.kind.span.as_synthetic())
    return replace(rel, kind=kind, source=source, target=target)


def _with_default_on_delete(rel: ir.Relation) -> ir.Relation:
    span = rel.span.as_synthetic()
    policy = "set_null" if rel.source.optional else "protect"
    option = ir.Option(
        name=ir.Ident(text="on_delete", span=span),
        values=(ir.OptionValue(kind="name", text=policy, span=span),),
        span=span,
    )
    return replace(rel, options=(*rel.options, option))
