"""Generated projects pass their own `ruff check` whatever the spec (issue 7).

New users name apps at length and rarely declare `unique` or `check`; both once
left lint errors in the output: unused database imports in the model tests (F401)
and scaffold docstrings longer than the line length (E501).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "djsc_django_support_lint", Path(__file__).with_name("support.py")
)
support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(support)

RUFF = str(Path(sys.executable).with_name("ruff"))
APP = "warehouse_inventory_mgmts"  # 25 characters

PLAIN = f"""
app {APP} {{ title "Warehouse" }}
entity Item {{ name: String(80)  size: Size? }}
entity Bin {{ label: String(20) }}
enum Size {{ S  M  L }}
relation many_to_one Item.bin -> Bin.items {{ on_delete cascade }}
"""

CONSTRAINED = f"""
app {APP} {{ title "Warehouse" }}
entity Item {{ code: String(20) unique  qty: Int = 0  check qty >= 0 }}
"""

# Every `auth` mode adds its own imports to settings and URLs.
JWT = f'app {APP} {{ title "Warehouse"  auth jwt }}\nentity Item {{ name: String(80) }}\n'
NO_AUTH = f'app {APP} {{ title "Warehouse"  auth none }}\nentity Item {{ name: String(80) }}\n'


def ruff_check(spec: str, root: Path) -> subprocess.CompletedProcess[str]:
    files, _ = support.emit_tree(spec, "warehouse.djs", project=APP)
    support.write_tree(files, root, RUFF)
    return subprocess.run(
        [RUFF, "check", "--no-cache", "--output-format", "concise", "."],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "spec", [PLAIN, CONSTRAINED, JWT, NO_AUTH], ids=["plain", "constrained", "jwt", "no-auth"]
)
def test_ruff_passes_on_the_generated_project(spec: str, tmp_path: Path) -> None:
    assert len(APP) == 25
    done = ruff_check(spec, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_database_errors_are_imported_only_where_tests_raise_them(tmp_path: Path) -> None:
    ruff_check(PLAIN, tmp_path / "plain")
    ruff_check(CONSTRAINED, tmp_path / "constrained")
    tests = f"{APP}/tests/test_models.py"
    assert "IntegrityError" not in (tmp_path / "plain" / tests).read_text(encoding="utf-8")
    constrained = (tmp_path / "constrained" / tests).read_text(encoding="utf-8")
    assert "from django.db import IntegrityError, transaction" in constrained
