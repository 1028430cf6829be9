"""A declared `id` replaces Django's automatic key (issue 7, DJS0205).

It was emitted as a plain field, which Django refuses (models.E004: `id` must be the
primary key).  A UUID key is made by `uuid4`, integer keys stay database-generated;
relations and filters to a UUID-keyed model take the key's text, not a number.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

SPEC = """
app keys { database sqlite }

/// Keyed by a UUID.
entity Gadget {
  /// The gadget's key.
  id: UUID filter
  name: String(40) filter order search
}
entity Widget {
  id: BigInt order
  name: String(40) filter order
  ordering -name
}
entity Thing {
  id: Int filter
  name: String(40)
}

relation many_to_one Widget.gadget -> Gadget.widgets
relation many_to_many Thing.gadgets -> Gadget.things
relation many_to_one Gadget.thing? -> Thing.owned
"""


def test_declared_ids_are_primary_keys(emit) -> None:
    models = emit(SPEC, "keys.djs")["keys/models.py"]
    uuid_key = "id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False"
    assert f'{uuid_key}, help_text="The gadget\'s key.")' in models
    assert "id = models.BigAutoField(primary_key=True)" in models
    assert "id = models.AutoField(primary_key=True)" in models
    assert "import uuid" in models


def test_declared_id_is_named_once_and_read_only(emit) -> None:
    files = emit(SPEC, "keys.djs")
    serializers = files["keys/serializers.py"]
    assert 'fields = ["id", "name", "thing", "thing_id"]' in serializers
    assert 'read_only_fields = ["id"]' in serializers
    assert '"id", "id"' not in files["keys/views.py"]


def run(args: list[str], cwd: Path, env: dict | None = None) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{args}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result.stdout


@pytest.mark.e2e
def test_declared_ids_build_a_working_project(tmp_path: Path) -> None:
    spec = tmp_path / "keys.djs"
    spec.write_text(SPEC, encoding="utf-8")
    out = tmp_path / "out"
    run(
        [str(BIN / "djsc"), "build", str(spec), "-o", str(out), "--allow-unenforced-access"],
        tmp_path,
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("DATABASE_URL", None)
    run([str(BIN / "ruff"), "check", "--no-cache", "."], out, env)
    run([sys.executable, "manage.py", "check"], out, env)
    run([sys.executable, "manage.py", "migrate"], out, env)
    run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], out, env)
