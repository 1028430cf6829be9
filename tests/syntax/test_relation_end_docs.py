"""`///` docs on relation ends: each end of a relation written over several lines
carries the doc on the line above it; the doc above `relation` covers both ends."""

from __future__ import annotations

import pytest

from djsc.ir import nodes as ir
from djsc.pipeline import compile_source
from djsc.source import SourceFile
from djsc.syntax.parser import parse

ENTITIES = """
entity Author { name: String }
entity Post { title: String }
"""


def relation(text: str) -> ir.Relation:
    result = parse(SourceFile("spec.djs", ENTITIES + text))
    assert not result.diagnostics, result.diagnostics
    (rel,) = [d for d in result.decls if isinstance(d, ir.Relation)]
    return rel


@pytest.fixture(params=["fast", "pure"])
def parser_kind(request, monkeypatch):
    if request.param == "pure":
        monkeypatch.setenv("DJSC_PURE_PARSER", "1")
    return request.param


def test_each_end_takes_the_doc_above_it(parser_kind):
    rel = relation(
        """
/// Authorship.
relation many_to_one
  /// Who wrote the post.
  /// Answers for it, too.
  Post.author
  /// What the author wrote.
  -> Author.posts { on_delete cascade }
"""
    )
    assert rel.doc == "Authorship."
    assert rel.source.doc == "Who wrote the post.\nAnswers for it, too."
    assert rel.target.doc == "What the author wrote."
    assert rel.source_doc == "Who wrote the post.\nAnswers for it, too."
    assert rel.target_doc == "What the author wrote."


def test_the_arrow_may_end_the_source_line_instead():
    rel = relation(
        """
relation many_to_one
  /// Who wrote the post.
  Post.author ->
  /// What the author wrote.
  Author.posts
"""
    )
    assert (rel.doc, rel.source.doc, rel.target.doc) == (
        "",
        "Who wrote the post.",
        "What the author wrote.",
    )


def test_a_one_line_relation_has_only_the_relation_doc_which_both_ends_use():
    rel = relation("/// Who wrote the post.\nrelation many_to_one Post.author -> Author.posts\n")
    assert (rel.source.doc, rel.target.doc) == ("", "")
    assert rel.source_doc == rel.target_doc == "Who wrote the post."


def test_an_end_without_a_doc_falls_back_to_the_relation_doc():
    rel = relation(
        """
/// Authorship.
relation many_to_one
  Post.author
  /// What the author wrote.
  -> Author.posts
"""
    )
    assert rel.source_doc == "Authorship."
    assert rel.target_doc == "What the author wrote."


def test_a_plain_comment_or_a_blank_line_detaches_an_end_doc():
    rel = relation(
        """
relation many_to_one
  /// detached by the plain comment
  // plain
  Post.author
  /// detached by the blank line

  -> Author.posts
"""
    )
    assert (rel.doc, rel.source.doc, rel.target.doc) == ("", "", "")


def test_a_doc_above_the_relation_line_is_not_the_source_ends():
    rel = relation("/// The relation.\nrelation many_to_one Post.author ->\n  Author.posts\n")
    assert (rel.doc, rel.source.doc, rel.target.doc) == ("The relation.", "", "")


def test_a_one_to_many_keeps_each_doc_on_its_end_when_flipped():
    spec = (
        ENTITIES
        + """
relation one_to_many
  /// What the author wrote.
  Author.posts
  /// Who wrote the post.
  -> Post.author
"""
    )
    compilation = compile_source(spec, "spec.djs")
    assert not [d for d in compilation.diagnostics.sorted() if d.is_error]
    (rel,) = compilation.program.relations
    assert rel.kind.text == "many_to_one"
    assert rel.source.field.text == "author"
    assert rel.source_doc == "Who wrote the post."
    assert rel.target_doc == "What the author wrote."
