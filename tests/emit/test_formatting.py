from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from djsc.backends.base import EmittedFile
from djsc.emit import formatting
from djsc.emit.tree import FileTree

needs_ruff = pytest.mark.skipif(formatting.ruff_command() is None, reason="ruff not installed")


@needs_ruff
def test_python_files_are_formatted_others_untouched():
    tree = FileTree(
        [
            EmittedFile(PurePosixPath("pkg/a.py"), "x=[1,2]\ndef f( y ):\n  return y\n"),
            EmittedFile(PurePosixPath("README.md"), "x=[1,2]\n"),
        ]
    )
    formatting.format_python(tree)
    assert tree.get("pkg/a.py").content == "x = [1, 2]\n\n\ndef f(y):\n    return y\n"
    assert tree.get("README.md").content == "x=[1,2]\n"


@needs_ruff
def test_the_projects_own_ruff_config_is_used():
    long_call = "value = function_name(argument_one, argument_two, argument_three)\n"
    config = '[project]\nname = "p"\n\n[tool.ruff]\nline-length = 40\n'
    tree = FileTree(
        [
            EmittedFile(PurePosixPath("m.py"), long_call),
            EmittedFile(PurePosixPath("pyproject.toml"), config),
        ]
    )
    formatting.format_python(tree)
    assert tree.get("m.py").content.count("\n") > 1
    # Without a ruff table the machine's config is ignored and defaults apply.
    assert (
        formatting.project_config(
            FileTree([EmittedFile(PurePosixPath("pyproject.toml"), '[project]\nname = "p"\n')])
        )
        == {}
    )


@needs_ruff
def test_invalid_python_is_a_format_error():
    with pytest.raises(formatting.FormatError):
        formatting.format_sources({"bad.py": "def (:\n"}, {})


def test_without_ruff_the_text_is_left_as_is(monkeypatch):
    monkeypatch.setattr(formatting, "ruff_command", lambda: None)
    assert formatting.format_sources({"a.py": "x=1\n"}, {}) == {"a.py": "x=1\n"}


@needs_ruff
def test_imports_are_sorted_with_first_party_packages_of_the_tree():
    text = "from pkg import b\nimport os\nfrom django.db import models\n\nx = (os, models, b)\n"
    out = formatting.format_sources({"pkg/a.py": text, "pkg/b.py": "y = 1\n"}, {})
    assert out["pkg/a.py"].startswith(
        "import os\n\nfrom django.db import models\n\nfrom pkg import b\n"
    )
