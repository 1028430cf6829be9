"""`djsc graph`: Mermaid and DOT entity-relationship diagrams."""

from __future__ import annotations

import pytest

from djsc.cli import main
from djsc.graph import to_dot, to_mermaid
from djsc.ir import nodes as ir
from djsc.source import SourceFile
from djsc.syntax.parser import parse

SPEC = """\
app blog { title "Blog" }
entity Author {
  name: String(120)
  email: Email unique
  user: User
}
entity Post {
  title: String(200)
  rating: Decimal(3, 1)?
}
entity Tag { label: String(40) }
relation many_to_one Post.author -> Author.posts { on_delete cascade }
relation many_to_one Post.editor? -> Author
relation many_to_many Post.tags -> Tag.posts
"""


@pytest.fixture
def spec_file(tmp_path):
    path = tmp_path / "blog.djs"
    path.write_text(SPEC)
    return str(path)


def test_mermaid_lists_entities_scalar_fields_and_cardinalities(spec_file, capsys):
    assert main(["graph", spec_file]) == 0
    out = capsys.readouterr().out
    assert out.startswith("erDiagram\n")
    assert '  Author {\n    String name "String(120)"\n    Email email UK\n' in out
    assert '    Decimal rating "Decimal(3, 1)?"' in out
    assert '  Post }o--|| Author : "author / posts"' in out
    assert '  Post }o--o| Author : "editor"' in out  # optional source end
    assert '  Post }o--o{ Tag : "tags / posts"' in out
    # `user: User` is an edge to the built-in User, not an attribute
    assert '  Author }o--|| User : "user"' in out
    assert "\n  User\n" in out
    assert "User user" not in out


def test_dot_has_records_and_labelled_edges(spec_file, capsys):
    assert main(["graph", spec_file, "--format", "dot"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("digraph entities {")
    assert '"Tag" [label="{Tag|label: String(40)\\l}"];' in out
    assert '"Post" -> "Author" [label="author / posts (N:1)"];' in out
    assert '"Post" -> "Tag" [label="tags / posts (N:M)"];' in out
    assert '"Post" -> "Author" [label="editor (N:1, optional)"];' in out
    assert out.rstrip().endswith("}")


def test_user_is_left_out_when_nothing_points_at_it():
    program = _parsed("entity A { x: Int }\n")
    assert "User" not in to_mermaid(program)
    assert "User" not in to_dot(program)


def test_unlowered_entity_field_is_drawn_as_many_to_one():
    program = _parsed("entity A { x: Int }\nentity B { a: A? }\n")
    out = to_mermaid(program)
    assert '  B }o--o| A : "a"' in out
    assert "A a" not in out


def test_one_to_one_and_one_to_many_ends():
    program = _parsed(
        "entity A {}\nentity B {}\n"
        "relation one_to_one A.b -> B.a\nrelation one_to_many A.items -> B.owner\n"
    )
    out = to_mermaid(program)
    assert '  A ||--|| B : "b / a"' in out
    assert '  A ||--o{ B : "items / owner"' in out


def test_errors_are_reported_and_nothing_is_drawn(tmp_path, capsys):
    path = tmp_path / "bad.djs"
    path.write_text("entity {")
    assert main(["graph", str(path)]) == 1
    out = capsys.readouterr()
    assert "erDiagram" not in out.out
    assert "DJS0001" in out.err


def _parsed(text: str) -> ir.Program:
    result = parse(SourceFile("g.djs", text))
    assert not result.diagnostics
    return ir.Program(decls=result.decls)
