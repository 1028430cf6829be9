"""A rebuild whose models and migrations did not change skips starting Django."""

from __future__ import annotations

from pathlib import Path

import pytest

from djsc.backends.django import migrations as django_migrations
from djsc.cli import main
from djsc.emit.manifest import read_manifest

SPEC = """
app notes { title "Notes" }
entity Note {
  title: String(100)
  body: Text?
}
"""


@pytest.fixture
def driver_calls(monkeypatch) -> list[Path]:
    calls: list[Path] = []
    real = django_migrations.run_driver

    def counting(stage, **kwargs):
        calls.append(stage)
        return real(stage, **kwargs)

    monkeypatch.setattr(django_migrations, "run_driver", counting)
    return calls


def build(spec: Path, out: Path) -> int:
    return main(["build", str(spec), "-o", str(out)])


def test_unchanged_inputs_skip_the_driver_and_changed_ones_do_not(tmp_path, driver_calls):
    spec = tmp_path / "notes.djs"
    out = tmp_path / "out"
    spec.write_text(SPEC)

    assert build(spec, out) == 0
    assert len(driver_calls) == 1
    first = read_manifest(out)
    assert first is not None and first.migrations_fingerprint

    assert build(spec, out) == 0  # same spec: nothing can have changed
    assert len(driver_calls) == 1
    assert read_manifest(out).migrations_fingerprint == first.migrations_fingerprint

    spec.write_text(SPEC.replace("body: Text?", "body: Text?\n  pinned: Bool = false"))
    assert build(spec, out) == 0
    assert len(driver_calls) == 2
    assert sorted(p.name for p in (out / "notes/migrations").glob("0*.py")) == [
        "0001_initial.py",
        "0002_note_pinned.py",
    ]

    assert build(spec, out) == 0  # the new migration is part of the fingerprint
    assert len(driver_calls) == 2

    (out / "notes/migrations/0002_note_pinned.py").unlink()  # the user deleted it
    assert build(spec, out) == 0
    assert len(driver_calls) == 3
    assert (out / "notes/migrations/0002_note_pinned.py").exists()


def test_a_model_edit_outside_the_spec_runs_the_driver(tmp_path, driver_calls):
    spec = tmp_path / "notes.djs"
    out = tmp_path / "out"
    spec.write_text(SPEC)
    assert build(spec, out) == 0
    mixins = out / "notes/model_mixins.py"
    mixins.write_text(mixins.read_text() + "\n# a user's edit\n")
    assert build(spec, out) == 0
    assert len(driver_calls) == 2
