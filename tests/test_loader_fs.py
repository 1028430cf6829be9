"""The loader reads through a file-system interface: unsaved buffers compile, `use` included."""

from __future__ import annotations

from pathlib import Path

from djsc.loader import OverlayFileSystem
from djsc.pipeline import compile_files, compile_source

COMMON = "entity Member { name: String(80) }\n"
MAIN = 'use "common.djs"\nentity Loan { member: Member }\n'


def entity_names(compilation) -> set[str]:
    return {e.name.text for e in compilation.program.entities}


def test_compiling_text_follows_use_on_disk(tmp_path: Path):
    (tmp_path / "common.djs").write_text(COMMON)
    compilation = compile_source(MAIN, str(tmp_path / "main.djs"))
    assert compilation.ok, [d.message for d in compilation.diagnostics.sorted()]
    assert entity_names(compilation) == {"Member", "Loan"}


def test_unsaved_buffers_win_over_the_disk(tmp_path: Path):
    (tmp_path / "common.djs").write_text(COMMON)
    (tmp_path / "main.djs").write_text("entity Stale { x: Int }\n")
    fs = OverlayFileSystem(
        {
            str(tmp_path / "main.djs"): MAIN,
            str(tmp_path / "common.djs"): "entity Member { nick: String(20) }\n",
        }
    )
    compilation = compile_files([str(tmp_path / "main.djs")], fs=fs)
    assert compilation.ok
    member = next(e for e in compilation.program.entities if e.name.text == "Member")
    assert [f.name.text for f in member.fields][:1] == ["nick"]
    assert "Stale" not in entity_names(compilation)


def test_a_buffer_that_exists_only_in_memory_is_found_by_use(tmp_path: Path):
    fs = OverlayFileSystem({str(tmp_path / "common.djs"): COMMON})
    compilation = compile_source(MAIN, str(tmp_path / "main.djs"), fs=fs)
    assert compilation.ok
    assert entity_names(compilation) == {"Member", "Loan"}


def test_a_missing_use_suggests_a_buffer_with_a_close_name(tmp_path: Path):
    fs = OverlayFileSystem({str(tmp_path / "commons.djs"): COMMON})
    compilation = compile_source(MAIN, str(tmp_path / "main.djs"), fs=fs)
    [error] = [d for d in compilation.diagnostics.sorted() if d.code == "DJS0003"]
    assert "commons.djs" in (error.help or "")
