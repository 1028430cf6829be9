"""`djsc new`: a starter project that checks clean and is already formatted."""

from __future__ import annotations

import pytest

from djsc.cli import main


def test_new_creates_spec_and_readme(tmp_path, capsys):
    target = tmp_path / "todo"
    assert main(["new", "todo", "--dir", str(target)]) == 0
    assert sorted(p.name for p in target.iterdir()) == ["README.md", "todo.djs"]
    spec = (target / "todo.djs").read_text()
    for construct in ("app todo {", "enum ", "entity ", "relation ", "allow "):
        assert construct in spec
    assert "djsc build todo.djs" in (target / "README.md").read_text()
    assert "created" in capsys.readouterr().out


def test_new_spec_checks_without_any_diagnostic(tmp_path, capsys):
    target = tmp_path / "shop"
    assert main(["new", "shop", "--dir", str(target)]) == 0
    capsys.readouterr()
    assert main(["check", "--strict", str(target / "shop.djs")]) == 0
    assert capsys.readouterr().err == "checked 1 file, 5 declarations: no errors\n"


def test_new_spec_is_already_formatted(tmp_path):
    target = tmp_path / "blog"
    assert main(["new", "blog", "--dir", str(target)]) == 0
    assert main(["fmt", "--check", str(target / "blog.djs")]) == 0


def test_default_folder_is_the_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "my_app"]) == 0
    assert (tmp_path / "my_app" / "my_app.djs").is_file()


def test_an_empty_existing_folder_is_fine(tmp_path):
    (tmp_path / "empty").mkdir()
    assert main(["new", "x", "--dir", str(tmp_path / "empty")]) == 0


def test_a_non_empty_folder_is_refused(tmp_path, capsys):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    assert main(["new", "busy", "--dir", str(target)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert sorted(p.name for p in target.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("name", ["1abc", "my-app", "class", "a b", ""])
def test_an_invalid_name_is_a_usage_error(tmp_path, name, capsys):
    assert main(["new", name, "--dir", str(tmp_path / "out")]) == 2
    assert "not a valid project name" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
