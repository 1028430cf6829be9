"""Diagnostics as LSP objects: UTF-16 positions, related information, code links."""

from __future__ import annotations

import json

from djsc.diagnostics import codes
from djsc.diagnostics.lsp import file_uri, to_lsp
from djsc.source import SourceFile, SourceMap, Span


def sources_of(*files: tuple[str, str]) -> SourceMap:
    sources = SourceMap()
    for path, text in files:
        sources.add(SourceFile(path, text))
    return sources


def test_positions_are_utf16_and_zero_based() -> None:
    text = 'app x { title "😀é" }\nentity A { a: Strin }\n'
    sources = sources_of(("a.djs", text))
    start = text.index("}")  # after an astral emoji: two UTF-16 units for one code point
    diag = codes.UNEXPECTED_TOKEN.at(Span("a.djs", start, start + 1), "here", found="`}`")
    result = to_lsp(diag, sources)
    assert result["range"] == {
        "start": {"line": 0, "character": start + 1},
        "end": {"line": 0, "character": start + 2},
    }
    start = text.index("Strin")
    result = to_lsp(codes.UNKNOWN_TYPE.at(Span("a.djs", start, start + 5), name="Strin"), sources)
    assert result["range"]["start"] == {"line": 1, "character": 14}


def test_fields_severity_code_and_message() -> None:
    sources = sources_of(("a.djs", "enum E { a }\n"))
    diag = codes.UNUSED_ENUM.at(Span("a.djs", 5, 6), "never used", name="E").with_help("remove it")
    result = to_lsp(diag, sources)
    assert result["severity"] == 2 and result["code"] == "DJS0120" and result["source"] == "djsc"
    assert result["message"] == "enum `E` is never used\nnever used\nhelp: remove it"
    assert result["tags"] == [1]
    json.dumps(result)  # must be serialisable as it is


def test_secondary_labels_become_related_information(tmp_path) -> None:
    sources = sources_of(("a.djs", "entity A {}\n"), ("b.djs", "\nentity A {}\n"))
    diag = codes.DUPLICATE_DECLARATION.at(Span("a.djs", 7, 8), kind="entity", name="A")
    result = to_lsp(diag.with_label(Span("b.djs", 8, 9), "first defined here"), sources)
    [related] = result["relatedInformation"]
    assert related["message"] == "first defined here"
    assert related["location"]["uri"] == file_uri("b.djs")
    assert related["location"]["uri"].startswith("file://")
    assert related["location"]["range"]["start"] == {"line": 1, "character": 7}
    assert result["severity"] == 1


def test_code_description_links_an_existing_explanation() -> None:
    sources = sources_of(("a.djs", "x"))
    result = to_lsp(codes.UNEXPECTED_TOKEN.at(Span("a.djs", 0, 1), found="`x`"), sources)
    href = result["codeDescription"]["href"]
    assert href.startswith("file://") and href.endswith("/DJS0001.md")


def test_custom_uri_mapping_and_unknown_file() -> None:
    diag = codes.CANNOT_READ.at(Span("gone.djs", 0, 0), file="gone.djs", reason="x")
    diag = diag.with_label(Span("other.djs", 0, 0), "")
    result = to_lsp(diag, SourceMap(), uri_for=lambda p: f"mem:///{p}")
    assert result["range"]["start"] == {"line": 0, "character": 0}
    assert result["relatedInformation"][0]["location"]["uri"] == "mem:///other.djs"
