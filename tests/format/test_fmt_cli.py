"""`djsc fmt` on files: rewriting, `--check`, errors and exit codes."""

from __future__ import annotations

import os

import pytest

from djsc.cli import main

MESSY = "entity A{x:Int // keep me\n}\n"
CLEAN = "entity A {\n  x: Int  // keep me\n}\n"


@pytest.fixture
def spec(tmp_path):
    def make(text: str, name: str = "a.djs"):
        path = tmp_path / name
        path.write_text(text)
        return path

    return make


def test_fmt_rewrites_in_place_and_says_so(spec, capsys):
    path = spec(MESSY)
    assert main(["fmt", str(path)]) == 0
    assert path.read_text() == CLEAN
    assert "reformatted" in capsys.readouterr().out
    assert main(["fmt", str(path)]) == 0
    assert "reformatted" not in capsys.readouterr().out


def test_fmt_leaves_no_temporary_files(spec, tmp_path):
    path = spec(MESSY)
    assert main(["fmt", str(path)]) == 0
    assert sorted(os.listdir(tmp_path)) == ["a.djs"]


def test_fmt_check_reports_drift_and_writes_nothing(spec, capsys):
    path = spec(MESSY)
    assert main(["fmt", "--check", str(path)]) == 1
    out = capsys.readouterr()
    assert "would reformat" in out.out and "a.djs" in out.out
    assert path.read_text() == MESSY


def test_fmt_check_passes_on_a_formatted_file(spec, capsys):
    path = spec(CLEAN)
    assert main(["fmt", "--check", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_fmt_check_lists_only_the_files_that_would_change(spec, capsys):
    clean, messy = spec(CLEAN, "clean.djs"), spec(MESSY, "messy.djs")
    assert main(["fmt", "--check", str(clean), str(messy)]) == 1
    out = capsys.readouterr().out
    assert "messy.djs" in out and "clean.djs" not in out


def test_syntax_error_is_reported_and_file_untouched(spec, capsys):
    bad = "entity {\n"
    path = spec(bad)
    assert main(["fmt", str(path)]) == 1
    assert "DJS0001" in capsys.readouterr().err
    assert path.read_text() == bad


def test_a_bad_file_does_not_stop_the_others(spec):
    bad, good = spec("entity {", "bad.djs"), spec(MESSY, "good.djs")
    assert main(["fmt", str(bad), str(good)]) == 1
    assert good.read_text() == CLEAN


def test_missing_file_is_an_error(tmp_path, capsys):
    assert main(["fmt", str(tmp_path / "nope.djs")]) == 1
    assert "DJS0003" in capsys.readouterr().err


def test_no_files_is_a_usage_error():
    with pytest.raises(SystemExit) as exc:
        main(["fmt"])
    assert exc.value.code == 2


def test_unfaithful_output_is_refused_with_internal_error(spec, monkeypatch, capsys):
    # Simulate a printer bug that drops a comment: the file must be left alone.
    from djsc.format import printer

    monkeypatch.setattr(printer, "render_file", lambda units, dangling: "entity A {}\n")
    path = spec(MESSY)
    assert main(["fmt", str(path)]) == 1
    assert "DJS0900" in capsys.readouterr().err
    assert path.read_text() == MESSY


def test_file_mode_is_kept(spec):
    path = spec(MESSY)
    path.chmod(0o640)
    assert main(["fmt", str(path)]) == 0
    assert path.stat().st_mode & 0o777 == 0o640
