"""A syntax error in one declaration does not hide the mistakes of the others."""

from __future__ import annotations

from djsc.pipeline import compile_files, compile_source

SPEC = """\
app shop {
  title "Shop"
  pagination cursr
}
entity Broken {
  name String(20
}
entity Tag { name: String(20) }
entity Tag { label: String(20) }
entity Item { kind: Broken }
"""


def codes_of(compilation) -> list[str]:
    return [d.code for d in compilation.diagnostics.sorted()]


def test_checks_run_on_the_declarations_that_parsed():
    found = codes_of(compile_source(SPEC, "shop.djs"))
    assert "DJS0001" in found  # the syntax error
    assert "DJS0602" in found  # `cursr`, in another declaration
    assert "DJS0101" in found  # the duplicate `Tag`


def test_references_to_a_dropped_declaration_are_not_reported(tmp_path):
    """`Broken` did not parse, so `kind: Broken` is not an unknown type."""
    spec = tmp_path / "shop.djs"
    spec.write_text(SPEC)
    found = codes_of(compile_files([str(spec)], lower=False))
    assert "DJS0102" not in found and "DJS0103" not in found
