"""The `djsc` command line: exit codes, output formats, colour and help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from djsc import __version__
from djsc.cli import build_parser, main

GOOD = "entity Author { name: String(120) }\n"
WARN = "enum Unused { a b }\nentity Author { name: String(120) }\n"
BAD = "entity A { a: $ }\nentity B { b: Int }\nentity C { c Int( }\n"


@pytest.fixture
def spec(tmp_path: Path):
    def write(text: str, name: str = "spec.djs") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_check_ok_exits_0(spec, capsys) -> None:
    assert main(["check", spec(GOOD)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("checked 1 file, ") and captured.err.count("\n") == 1


def test_check_errors_exit_1_sorted_by_position(spec, capsys) -> None:
    assert main(["check", spec(BAD)]) == 1
    err = capsys.readouterr().err
    first, second = err.index("spec.djs:1:15"), err.index("spec.djs:3:17")
    assert first < second
    assert err.rstrip().endswith("error: could not compile: 2 errors")


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml", "a.djs"])
    assert exc.value.code == 2
    assert main([]) == 2
    assert main(["explain", "DJS9999"]) == 2


def test_internal_error_exit_3(spec, capsys, monkeypatch) -> None:
    def boom(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr("djsc.pipeline.run", boom)
    monkeypatch.delenv("DJSC_TRACEBACK", raising=False)
    assert main(["check", spec(GOOD)]) == 3
    err = capsys.readouterr().err
    assert "error[DJS0900]: internal compiler error" in err and "Traceback" not in err


def test_json_format_one_object_per_line(spec, capsys) -> None:
    assert main(["check", "--format", "json", spec(BAD)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [(r["code"], r["line"], r["column"]) for r in records] == [
        ("DJS0006", 1, 15),
        ("DJS0001", 3, 17),
    ]
    assert all(r["file"].endswith("spec.djs") and r["severity"] == "error" for r in records)


def test_color_always_and_auto(spec, capsys) -> None:
    path = spec(BAD)
    main(["check", "--color", "always", path])
    assert "\x1b[" in capsys.readouterr().err
    main(["check", "--color", "auto", path])  # captured stderr is not a terminal
    assert "\x1b[" not in capsys.readouterr().err
    main(["check", "--color", "never", path])
    assert "\x1b[" not in capsys.readouterr().err


def test_no_color_environment(spec, capsys, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    main(["check", spec(BAD)])
    assert "\x1b[" not in capsys.readouterr().err


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"djsc {__version__}"


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("command", subcommands())
def test_help_on_each_subcommand(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert f"usage: djsc {command}" in capsys.readouterr().out


def test_subcommands_include_the_documented_ones() -> None:
    assert {"check", "build", "explain", "dump-ir", "fmt"} <= set(subcommands())


def test_dump_ir(spec, capsys) -> None:
    assert main(["dump-ir", spec(GOOD)]) == 0
    out = capsys.readouterr().out
    assert "Author" in out and "name" in out


def test_dump_ir_with_errors_prints_nothing_unless_unchecked(spec, capsys) -> None:
    path = spec("entity A { a: Strin }\n")
    status = main(["dump-ir", path])
    captured = capsys.readouterr()
    assert status == 1 and "DJS0102" in captured.err and captured.out == ""
    main(["dump-ir", "--unchecked", path])
    assert "Strin" in capsys.readouterr().out


def test_strict_turns_warnings_into_failure(spec, capsys) -> None:
    path = spec(WARN)
    assert main(["check", path]) == 0
    assert "warning[DJS0120]" in capsys.readouterr().err
    assert main(["check", "--strict", path]) == 1


def test_several_files_worst_status_wins(spec, capsys) -> None:
    assert main(["check", spec(GOOD, "a.djs"), spec(BAD, "b.djs")]) == 1
    assert "b.djs" in capsys.readouterr().err


def test_installed_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "djsc", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.startswith("djsc ")
