"""`<app>/models.py`, `apps.py`, `__init__.py` and the empty migrations package."""

from __future__ import annotations

import re
from collections.abc import Iterator

from djsc.analysis.types import SCALAR_TYPES
from djsc.backends.base import EmitContext, EmittedFile, Ownership
from djsc.backends.django.features.common import TemplateFeature
from djsc.backends.django.viewmodels import ProjectVM
from djsc.backends.django.viewmodels.access import app_roles
from djsc.backends.django.viewmodels.caching import cache_plan
from djsc.backends.django.viewmodels.identities import Clash, table_clashes
from djsc.diagnostics import codes
from djsc.emit.templating import pyrepr
from djsc.ir import nodes as ir
from djsc.ir.exprs import expr_to_str

_VALIDATORS = (
    "FileExtensionValidator",
    "MaxLengthValidator",
    "MaxValueValidator",
    "MinLengthValidator",
    "MinValueValidator",
    "RegexValidator",
)

# The functions of hooks.py the generated viewsets call for each entity (core.py).
HOOK_KINDS = ("queryset", "perform_create", "perform_update", "perform_destroy")


def user_code_names(p: ProjectVM) -> dict[str, list[str]]:
    """What each scaffold module may define, per entity (user_code.py's `NAMES`)."""
    return {
        "hooks": [f"{e.snake}_{kind}" for e in p.entities for kind in HOOK_KINDS],
        "model_mixins": [f"{e.name}{kind}" for e in p.entities for kind in ("Mixin", "QuerySet")],
        "serializer_hooks": [f"validate_{e.snake}" for e in p.entities],
    }


# ImageField (and DRF's) opens every upload with Pillow.
PILLOW = "Pillow>=10.3,<13"


class ModelsFeature(TemplateFeature):
    name = "models"
    contributes = ("project.dependencies",)
    consumes = frozenset(
        {
            "decl.entity",
            "decl.enum",
            "decl.relation",
            "decl.use",
            "entity.timestamps",
            "entity.soft_delete",
            "entity.check",
            "entity.ordering",
            "entity.unique",
            "entity.index",
            "entity.option.table",
            "entity.option.verbose_name",
            "entity.option.plural",
            "entity.option.display",
            "entity.option.path",
            "field.default",
            "field.modifier.unique",
            "field.modifier.index",
            "field.modifier.min",
            "field.modifier.max",
            "field.modifier.length",
            "field.modifier.pattern",
            "field.modifier.choices",
            "field.modifier.was",
            "field.modifier.primary",  # primary_key=True; every feature names the key (EntityVM.pk)
            "relation.kind.one_to_one",
            "relation.kind.many_to_one",
            "relation.kind.one_to_many",
            "relation.kind.many_to_many",
            "relation.option.on_delete",
            "relation.option.through",
            "relation.option.through.links",
            "relation.option.was",
            "relation.option.primary",  # OneToOneField(primary_key=True)
            "expr.literal",
            "expr.name",
            "expr.member",
            "expr.unary",
            "expr.binary",
            "expr.listexpr",
            "expr.conditional",
            "expr.call",
            "expr.call.now",
            "expr.call.today",
            "expr.call.lower",
            "expr.call.upper",
            "expr.call.len",
        }
        | {f"type.{name}" for name in SCALAR_TYPES}
    )

    def check(self, program: ir.Program, ctx: EmitContext) -> None:
        p = self.vm(program, ctx)
        report_clashes(program, table_clashes(p.app, p.entities), ctx)
        for e in p.entities:
            for expr in e.untranslatable:
                ctx.diagnostics.report(
                    codes.UNSUPPORTED_FEATURE.at(
                        expr.span,
                        "no database constraint for this",
                        feature=f"the check `{expr_to_str(expr)}`",
                        backend="django",
                    ).with_help(
                        "a `check` may compare the entity's own fields with values "
                        "or with each other, combined with and/or/not"
                    )
                )

    def emit(self, program: ir.Program, ctx: EmitContext) -> Iterator[EmittedFile]:
        p = self.vm(program, ctx)
        app = p.app
        if any(f.django.startswith("models.ImageField(") for e in p.entities for f in e.fields):
            ctx.contribute("project.dependencies", PILLOW)
        yield self.render_file(
            f"{app}/__init__.py", "__init__.py.j2", header=p.header(f"{app}/hooks.py")
        )
        yield self.render_file(
            f"{app}/apps.py",
            "apps.py.j2",
            p=p,
            header=p.header(f"{app}/hooks.py"),
            title_code=pyrepr(p.title),
            full_text=any(e.search_fields for e in p.entities),
            roles=bool(app_roles(program)),
            caching=cache_plan(program, p.entities) is not None,
        )
        yield self.render_file(
            f"{app}/models.py",
            "models.py.j2",
            p=p,
            header=p.header(f"{app}/model_mixins.py"),
            imports=model_imports(p),
            soft_delete=any(e.soft_delete for e in p.entities),
            numbered=any(e.numbered for e in p.entities),
        )
        yield self.render_file(
            f"{app}/user_code.py",
            "user_code.py.j2",
            p=p,
            header=p.header(f"{app}/hooks.py"),
            names=user_code_names(p),
        )
        if p.entities:
            yield self.render_file(
                f"{app}/tests/test_user_code.py",
                "test_user_code.py.j2",
                p=p,
                header=p.tests_header,
                first=p.entities[0].snake,
            )
        yield self.render_file(f"{app}/migrations/__init__.py", "migrations_init.py.j2")
        yield self.render_file(
            f"{app}/model_mixins.py", "model_mixins.py.j2", Ownership.SCAFFOLD, p=p
        )


_CLASH_HELP = {
    "table": "choose a `table` name of letters, digits and underscores that no other table has",
    "plural": "give one of the two entities another `plural`, or a `path`",
    "path": 'give a `path` of lower-case words joined by hyphens, like `path "stock-items"`',
}


def report_clashes(program: ir.Program, clashes: list[Clash], ctx: EmitContext) -> None:
    """DJS0801 at the option (or entity name) that asks for a name already taken."""
    for clash in clashes:
        decl = next(e for e in program.entities if e.name.text == clash.entity)
        opt = decl.option(clash.option)
        span = opt.values[0].span if opt and opt.values else decl.name.span
        what = "table name" if clash.option == "table" else "URL"
        if clash.other:
            feature = f"the {what} `{clash.name}` for both `{clash.other}` and `{clash.entity}`"
            label = f"`{clash.other}` has it already"
        else:
            feature = f"the {what} `{clash.name}`"
            label = "not a plain table name" if clash.option == "table" else "not one URL segment"
        ctx.diagnostics.report(
            codes.UNSUPPORTED_FEATURE.at(span, label, feature=feature, backend="django").with_help(
                _CLASH_HELP[clash.option]
            )
        )


def model_imports(p: ProjectVM) -> list[str]:
    """The import block of models.py, isort-ordered."""
    text = "\n".join(
        [f.django for e in p.entities for f in e.fields]
        + [r.django for e in p.entities for r in e.relations]
        + [c for e in p.entities for c in e.constraints]
    )
    stdlib = {m for m in ("datetime", "uuid") if f"{m}." in text}
    if "Decimal(" in text:
        stdlib.add("decimal")
    lines = []
    for mod in sorted(stdlib):
        lines.append("from decimal import Decimal" if mod == "decimal" else f"import {mod}")
    if lines:
        lines.append("")
    if "settings.AUTH_USER_MODEL" in text:
        lines.append("from django.conf import settings")
    used = [v for v in _VALIDATORS if v + "(" in text]
    if used:
        lines.append(f"from django.core.validators import {', '.join(used)}")
    numbered = any(e.numbered for e in p.entities)
    lines.append("from django.db import models" + (", transaction" if numbered else ""))
    used_modules = [m for m in ("functions", "lookups") if f"{m}." in text]
    if used_modules:
        lines.append(f"from django.db.models import {', '.join(used_modules)}")
    # `datetime.timezone(…)` in a default is not Django's `timezone` module.
    if re.search(r"(?<![\w.])timezone\.", text) or any(e.soft_delete for e in p.entities):
        lines.append("from django.utils import timezone")
    return lines
