"""Runs Django's migration autodetector for djsc, in its own process.

    python -m djsc.backends.django.migrate_driver --project DIR [--app LABEL]…
        [--renames JSON] [--allow-data-loss] [--dry-run]

Django must be set up from the generated project's settings, which can only happen
once per process, hence a subprocess.  Renames are answered from the spec's `was`
markers instead of being guessed, everything else is answered "no", and changes
that would lose data are refused (reported, nothing written) unless allowed.
Prints one JSON object on stdout:

    {"ok": true, "files": [{"path": …, "content": …, "operations": […]}],
     "refused": [], "error": null}
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

# Widening a column keeps every value; any other change of internal type may not.
_WIDENINGS = frozenset(
    {
        ("SmallIntegerField", "IntegerField"),
        ("SmallIntegerField", "BigIntegerField"),
        ("IntegerField", "BigIntegerField"),
        ("PositiveSmallIntegerField", "PositiveIntegerField"),
        ("PositiveSmallIntegerField", "PositiveBigIntegerField"),
        ("PositiveIntegerField", "PositiveBigIntegerField"),
        ("CharField", "TextField"),
        ("SlugField", "CharField"),
        ("SlugField", "TextField"),
        ("FloatField", "DecimalField"),
    }
)


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="migrate_driver")
    p.add_argument("--project", required=True, help="root of the Django project")
    p.add_argument("--app", action="append", default=[], help="app label (default: local apps)")
    p.add_argument("--renames", default="{}", help='{"models": {old: new}, "fields": [[m, o, n]]}')
    p.add_argument("--allow-data-loss", action="store_true")
    p.add_argument("--dry-run", action="store_true", help="describe, write nothing")
    return p.parse_args(argv)


def _questioner_class():
    from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
    from django.db.models import NOT_PROVIDED
    from django.utils import timezone

    class SpecQuestioner(NonInteractiveMigrationQuestioner):
        """Answers from the spec: renames it declares are renames, nothing else is."""

        def __init__(self, renames: dict, **kwargs) -> None:
            super().__init__(**kwargs)
            models = renames.get("models", {})
            self.model_renames = {old.lower(): new.lower() for old, new in models.items()}
            self.field_renames = {
                (model.lower(), old): new for model, old, new in renames.get("fields", [])
            }
            self.not_null_additions: list[tuple[str, str]] = []

        def ask_rename_model(self, old_model_state, new_model_state) -> bool:
            return self.model_renames.get(old_model_state.name.lower()) == (
                new_model_state.name.lower()
            )

        def ask_rename(self, model_name, old_name, new_name, field_instance) -> bool:
            return self.field_renames.get((model_name.lower(), old_name)) == new_name

        def ask_not_null_addition(self, field_name, model_name):
            # Django's non-interactive questioner exits here; we report instead.
            self.not_null_additions.append((model_name, field_name))
            return NOT_PROVIDED

        def ask_auto_now_add_addition(self, field_name, model_name):
            # Existing rows get "created now", as makemigrations suggests interactively.
            return timezone.now

    return SpecQuestioner


# Django's MigrationOptimizer compares every operation with every later one, again
# until nothing changes: about 10 s for the 600 operations of a 100-model first
# migration and over 10 minutes at 1,000 models.  It only merges operations (AddField
# into CreateModel, …); the migration means the same without it, so a migration this
# large is written unoptimized.  The limit is a count of operations, so the output
# stays a pure function of the spec.
OPTIMIZE_LIMIT = 300


def _autodetector_class():
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.optimizer import MigrationOptimizer

    class SpecAutodetector(MigrationAutodetector):
        """Django's autodetector, made linear enough for a thousand models.

        For speed, the same operations in the same order: `_sort_migrations` looks up
        the operations a dependency can match by model name instead of testing every
        operation of the app against every dependency (N² calls; 150 s at 1,000
        models), and the optimizer is skipped above OPTIMIZE_LIMIT operations.  For
        data: a model rename the spec declares is made even when the model's fields
        changed in the same build, so is a declared field rename, and the operations
        on a renamed model come after its rename.
        """

        # Declared renames, by the id of the ModelState fields / field objects on
        # either side; empty (this shared default) outside the two methods using them.
        _declared_pairs: dict = {}
        _declared_fields: dict = {}

        def generate_renamed_models(self):
            # Django offers a model rename only when the old and new models have the
            # same fields, so `entity B was A` that also adds, alters or renames a
            # field (into another sorted position) became DeleteModel + CreateModel.
            # The spec declares its renames: the two sides of a declared pair compare
            # equal, and the field changes are then found on the renamed model.
            self._declared_pairs = {}
            for old, new in getattr(self.questioner, "model_renames", {}).items():
                for (app, name), state in self.from_state.models.items():
                    if name == old and (app, new) in self.to_state.models:
                        token = [("declared rename", app, old)]
                        self._declared_pairs[id(state.fields)] = token
                        self._declared_pairs[id(self.to_state.models[app, new].fields)] = token
            try:
                super().generate_renamed_models()
            finally:
                self._declared_pairs = {}

        def only_relation_agnostic_fields(self, fields):
            declared = self._declared_pairs.get(id(fields))
            return (
                declared if declared is not None else super().only_relation_agnostic_fields(fields)
            )

        def create_renamed_fields(self):
            # The same for fields: Django renames one only when the old and new fields
            # deconstruct alike, but a field's pattern message names it ("code must
            # match …") and its help text is its doc comment, so `label: T was code`
            # became RemoveField + AddField.  A declared pair compares equal here; any
            # other change follows as an AlterField, which `_data_loss` inspects.
            self._declared_fields = {}
            for (model, old), new in getattr(self.questioner, "field_renames", {}).items():
                for (app, name), state in self.to_state.models.items():
                    before = self.from_state.models.get(
                        (app, self.renamed_models.get((app, name), name))
                    )
                    if name == model and new in state.fields and before and old in before.fields:
                        token = ("declared rename", app, model, old)
                        self._declared_fields[id(before.fields[old])] = token
                        self._declared_fields[id(state.fields[new])] = token
            try:
                super().create_renamed_fields()
            finally:
                self._declared_fields = {}

        def generate_altered_fields(self):
            super().generate_altered_fields()
            # Django takes a renamed field to be otherwise unchanged (it only asked when
            # both deconstructed alike); a declared rename may change more, which is an
            # AlterField after the RenameField.  Relations keep Django's own handling.
            from django.db.migrations import operations

            for (app, model, name), old_name in sorted(self.renamed_fields.items()):
                old_model = self.renamed_models.get((app, model), model)
                old = self.from_state.models[app, old_model].get_field(old_name)
                new = self.to_state.models[app, model].get_field(name)
                if not new.is_relation and self.deep_deconstruct(old) != self.deep_deconstruct(new):
                    self.add_operation(
                        app, operations.AlterField(model_name=model, name=name, field=new)
                    )

        def deep_deconstruct(self, obj):
            declared = self._declared_fields.get(id(obj))
            if declared is not None:
                return (declared, [], {})  # fresh: Django edits the kwargs it gets
            return super().deep_deconstruct(obj)

        def _sort_migrations(self):
            from graphlib import TopologicalSorter

            from django.db.migrations.operations.models import (
                ModelOptionOperation,
                RenameModel,
            )

            for app_label, ops in sorted(self.generated_operations.items()):
                # Every branch of check_dependency requires the operation's model name
                # (`name_lower` of model operations, `model_name_lower` of field ones)
                # to equal the dependency's, so only those operations are candidates;
                # lists keep the operations' order, so the sort is the same as Django's.
                by_model: dict[str, list] = {}
                for op in ops:
                    keys = {getattr(op, "model_name_lower", None), getattr(op, "name_lower", None)}
                    for key in keys - {None}:
                        by_model.setdefault(key, []).append(op)
                # Django has a renamed model's field operations (named by its new name)
                # wait for nothing, while the rename waits for every new model pointing
                # at it; they meet only with a declared rename, and a RenameField then
                # ran before its RenameModel (KeyError in `migrate`, issue 7).
                renamed = {o.new_name_lower: o for o in ops if isinstance(o, RenameModel)}
                ts = TopologicalSorter()
                for op in ops:
                    ts.add(op)
                    named = getattr(op, "model_name_lower", None)
                    if isinstance(op, ModelOptionOperation):
                        named = op.name_lower
                    ts.add(op, *[renamed[named]] if named in renamed else ())
                    for dep in op._auto_deps:
                        dep = self._resolve_dependency(dep)[0]
                        if dep.app_label != app_label:
                            continue
                        candidates = by_model.get(dep.model_name_lower, ())
                        ts.add(op, *(x for x in candidates if self.check_dependency(x, dep)))
                self.generated_operations[app_label] = list(ts.static_order())

        def _optimize_migrations(self):
            # As Django's, except that the optimizer is skipped above OPTIMIZE_LIMIT.
            for app_label, migrations in self.migrations.items():
                for m1, m2 in zip(migrations, migrations[1:], strict=False):
                    m2.dependencies.append((app_label, m1.name))
            for migrations in self.migrations.values():
                for migration in migrations:
                    # The writer sorts dependencies, so set order does not leak out.
                    migration.dependencies = list(set(migration.dependencies))
            for app_label, migrations in self.migrations.items():
                for migration in migrations:
                    if len(migration.operations) <= OPTIMIZE_LIMIT:
                        migration.operations = MigrationOptimizer().optimize(
                            migration.operations, app_label
                        )

    return SpecAutodetector


def _local_app_labels(project: Path) -> list[str]:
    from django.apps import apps

    root = str(project.resolve())
    return sorted(
        c.label
        for c in apps.get_app_configs()
        if os.path.realpath(c.path).startswith(root + os.sep)
    )


def _deterministic_names() -> None:
    """Django falls back to `auto_<timestamp>` names; use a stable one instead."""
    from django.db.migrations.migration import Migration

    suggest = Migration.suggest_name

    def suggest_name(self):
        name = suggest(self)
        return "auto" if name.startswith("auto_") else name

    Migration.suggest_name = suggest_name


def _field_narrowing(label: str, old, new) -> str | None:
    if old.null and not new.null and not new.has_default():
        return f"make `{label}` required while existing rows may hold nulls"
    old_type, new_type = old.get_internal_type(), new.get_internal_type()
    if old_type != new_type and (old_type, new_type) not in _WIDENINGS:
        return f"change `{label}` from {old_type} to {new_type}"
    old_len, new_len = getattr(old, "max_length", None), getattr(new, "max_length", None)
    if old_len and new_len and new_len < old_len:
        return f"shorten `{label}` from {old_len} to {new_len} characters"
    for attr in ("max_digits", "decimal_places"):
        before, after = getattr(old, attr, None), getattr(new, attr, None)
        if before and after and after < before:
            return f"reduce `{attr}` of `{label}` from {before} to {after}"
    return None


def _data_loss(changes, autodetector, questioner, before, after) -> list[dict]:
    """Every operation of `changes` that could destroy stored data."""
    from django.db.migrations import operations as ops

    def model_name(app: str, name: str, state) -> str:
        found = state.models.get((app, name.lower()))
        return found.name if found else name

    refused = []
    for app, migrations in sorted(changes.items()):
        for migration in migrations:
            for op in migration.operations:
                if isinstance(op, ops.DeleteModel):
                    model = model_name(app, op.name, before)
                    refused.append(
                        {
                            "kind": "drop_model",
                            "model": model,
                            "field": None,
                            "what": f"drop table `{model}` and its rows",
                        }
                    )
                elif isinstance(op, ops.RemoveField):
                    model = model_name(app, op.model_name, before)
                    refused.append(
                        {
                            "kind": "drop_field",
                            "model": model,
                            "field": op.name,
                            "what": f"drop column `{model}.{op.name}` and its data",
                        }
                    )
                elif isinstance(op, ops.AlterField):
                    key = (app, op.model_name.lower())
                    old_model = autodetector.renamed_models.get(key, op.model_name).lower()
                    old_field = autodetector.renamed_fields.get((*key, op.name), op.name)
                    old_state = before.models.get((app, old_model))
                    if old_state is None or old_field not in old_state.fields:
                        continue
                    model = model_name(app, op.model_name, after)
                    what = _field_narrowing(
                        f"{model}.{op.name}", old_state.fields[old_field], op.field
                    )
                    if what:
                        refused.append(
                            {"kind": "alter_field", "model": model, "field": op.name, "what": what}
                        )
    for name, field in questioner.not_null_additions:
        model = next((m.name for (_, n), m in after.models.items() if n == name), name)
        refused.append(
            {
                "kind": "add_not_null",
                "model": model,
                "field": field,
                "what": f"add the required field `{model}.{field}` with no default "
                "to a table that may hold rows",
            }
        )
    return refused


def run(args: argparse.Namespace) -> dict:
    project = Path(args.project).resolve()
    sys.path.insert(0, str(project))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.state import ProjectState
    from django.db.migrations.writer import MigrationWriter

    _deterministic_names()
    labels = set(args.app or _local_app_labels(project))
    loader = MigrationLoader(None, ignore_no_migrations=True)
    questioner = _questioner_class()(
        json.loads(args.renames),
        specified_apps=labels,
        dry_run=args.dry_run,
        verbosity=0,
        log=lambda message: print(message, file=sys.stderr),
    )
    before, after = loader.project_state(), ProjectState.from_apps(apps)
    autodetector = _autodetector_class()(before, after, questioner)
    changes = autodetector.changes(
        graph=loader.graph, trim_to_apps=labels, convert_apps=labels, migration_name=None
    )
    refused = _data_loss(changes, autodetector, questioner, before, after)
    if refused and not args.allow_data_loss:
        return {"ok": False, "files": [], "refused": refused, "error": None}
    files = []
    for _app, migrations in sorted(changes.items()):
        for migration in migrations:
            writer = MigrationWriter(migration, include_header=False)
            path = Path(writer.path)
            init = path.parent / "__init__.py"
            if not init.exists():
                # A first migration also creates the package, as makemigrations does.
                rel = init.relative_to(project).as_posix()
                if all(f["path"] != rel for f in files):
                    files.append({"path": rel, "content": "", "operations": []})
            files.append(
                {
                    "path": path.relative_to(project).as_posix(),
                    "content": writer.as_string(),
                    "operations": [op.describe() for op in migration.operations],
                }
            )
    if not args.dry_run:
        from djsc.emit.write import atomic_write

        for file in files:
            atomic_write(project / file["path"], file["content"])
    # Allowed losses are not reported again: the operations list says what happens.
    return {"ok": True, "files": files, "refused": [], "error": None}


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    out = sys.stdout
    sys.stdout = sys.stderr  # user code printing while models load must not corrupt the JSON
    try:
        result = run(args)
    except BaseException as err:  # noqa: BLE001 - reported to the parent as data
        if isinstance(err, KeyboardInterrupt):
            raise
        detail = "".join(traceback.format_exception_only(type(err), err)).strip()
        traceback.print_exc()
        result = {"ok": False, "files": [], "refused": [], "error": detail}
    finally:
        sys.stdout = out
    out.write(json.dumps(result, sort_keys=True) + "\n")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
