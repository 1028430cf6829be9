"""`pagination none` and cursor pages that stay stable on ties (issue 7).

`pagination none` answers a list as one JSON array: the view says `pagination_class =
None`, no class is defined for it, and an app-wide `none` sets no DRF default.  Cursor
pages position by the first ordering key plus an offset among rows sharing its value,
so the order must be total: the primary key ends it (in the first key's direction)
when no key is unique, for the default order and for a client's `?ordering=` alike.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest

from djsc.backends.django.viewmodels.paging import total_ordering

NEWS = """
app news {
  title "News Feed"
  pagination cursor { size 5 }
}

/// A desk that files stories; few enough to list at once.
entity Desk {
  name: String(80) unique
  pagination none
}

/// A story on the feed, newest first.
entity Story {
  headline: String(200) search
  published_at: DateTime order
  score: Int = 0 order
  ordering -published_at
}

/// A note under a story, in the order written.
entity Note {
  body: Text
  timestamps
  ordering -created_at
}

/// A section, ordered by its unique slug: no tie to break.
entity Section {
  slug: Slug unique
  rank: Int = 0 order
  ordering slug
}

/// Paged by number: its order is the model's, ascending id last.
entity Tip {
  text: String(100)
  sent_at: DateTime
  ordering -sent_at
  pagination page
}

relation many_to_one Story.desk -> Desk.stories
relation many_to_one Note.story -> Story.notes
"""

QUIET = """
app quiet { pagination none }
entity Item { name: String(40) }
entity Log { line: String(40)  at: DateTime  ordering -at  pagination cursor { size 2 } }
"""


def view_attrs(source: str) -> dict[str, dict[str, object]]:
    """{ViewSet name: {attribute: value}} of a views module (names as their id)."""
    found = {}
    for cls in ast.parse(source).body:
        if isinstance(cls, ast.ClassDef) and cls.name.endswith("ViewSet"):
            found[cls.name] = {
                s.targets[0].id: _value(s.value)
                for s in cls.body
                if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name)
            }
    return found


def _value(node: ast.expr) -> object:
    if isinstance(node, ast.Name):
        return node.id
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def classes(source: str) -> set[str]:
    return {n.name for n in ast.parse(source).body if isinstance(n, ast.ClassDef)}


# ------------------------------------------------------------------ pagination none


def test_an_unpaginated_entity_has_no_class_and_a_none_view(emit) -> None:
    files = emit(NEWS, "news.djs")
    views = view_attrs(files["news/views.py"])
    assert views["DeskViewSet"]["pagination_class"] is None
    assert views["StoryViewSet"]["pagination_class"] == "DefaultPagination"
    assert "DeskPagination" not in classes(files["news/pagination.py"])
    assert "from .pagination import DefaultPagination, TipPagination\n" in files["news/views.py"]
    assert "| none: one list of every row |" in files["README.md"]


def test_an_app_wide_none_sets_no_default_and_entities_may_page(emit) -> None:
    files = emit(QUIET, "quiet.djs")
    settings = files["config/settings/base.py"]
    assert "DEFAULT_PAGINATION_CLASS" not in settings
    assert "PAGE_SIZE" not in settings  # DRF warns (W001) of a size without a class
    views = view_attrs(files["quiet/views.py"])
    assert views["ItemViewSet"]["pagination_class"] is None
    assert views["LogViewSet"]["pagination_class"] == "LogPagination"
    assert classes(files["quiet/pagination.py"]) >= {"StrictCursorPagination", "LogPagination"}


def test_with_no_paginated_list_the_module_defines_no_class(emit) -> None:
    files = emit("app quiet { pagination none }\nentity Item { name: String(40) }", "quiet.djs")
    assert "from .pagination import" not in files["quiet/views.py"]
    module = files["quiet/pagination.py"]
    assert "from rest_framework import pagination" not in module
    assert not classes(module)
    ast.parse(module)


def test_generated_tests_expect_one_array_for_an_unpaginated_list(emit) -> None:
    tests = emit(NEWS, "news.djs")["news/tests/test_api.py"]
    desk = tests.split("class TestDeskApi")[1].split("\nclass ")[0]
    assert "def test_list_is_one_array_of_every_row" in desk
    assert "assert isinstance(response.json(), list)" in desk
    assert "assert len(response.json()) == 2" in desk
    for paged_only in ("test_pagination", "test_page_size_is_a_whole_number", '["results"]'):
        assert paged_only not in desk
    assert "def test_list_queries_do_not_grow_with_rows" in desk
    story = tests.split("class TestStoryApi")[1].split("\nclass ")[0]
    assert "def test_page_size_is_a_whole_number_or_a_problem_400" in story


# ------------------------------------------------------------------ cursor ties


def test_cursor_orders_end_with_the_primary_key_in_the_first_keys_direction(emit) -> None:
    views = view_attrs(emit(NEWS, "news.djs")["news/views.py"])
    assert views["StoryViewSet"]["ordering"] == ["-published_at", "-id"]
    assert views["NoteViewSet"]["ordering"] == ["-created_at", "-id"]
    # A unique first key is a total order already; page numbers keep the model's order.
    assert views["SectionViewSet"]["ordering"] == ["slug", "id"]
    assert views["TipViewSet"]["ordering"] == ["-sent_at", "id"]


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["-published_at"], ["-published_at", "-pk_"]),
        (["score", "-title"], ["score", "-title", "pk_"]),
        (["-published_at", "slug"], ["-published_at", "slug"]),  # slug is unique
        (["-pk_"], ["-pk_"]),
        (["pk"], ["pk"]),
        ([], ["-pk_"]),
    ],
)
def test_total_ordering(keys, expected) -> None:
    assert total_ordering(keys, "pk_", lambda name: name == "slug") == expected


def test_generated_tests_walk_cursor_pages_over_equal_keys(emit) -> None:
    tests = emit(NEWS, "news.djs")["news/tests/test_api.py"]
    story = tests.split("class TestStoryApi")[1].split("\nclass ")[0]
    assert "def test_cursor_pages_hold_rows_of_equal_published_at_once" in story
    assert '{"page_size": 1, "ordering": "-published_at"}' in story
    note = tests.split("class TestNoteApi")[1].split("\nclass ")[0]
    assert "def test_cursor_pages_hold_rows_of_equal_created_at_once" in note
    # Section's default key is unique; its client key `rank` is not.
    section = tests.split("class TestSectionApi")[1].split("\nclass ")[0]
    walk = section.split("def test_cursor_pages_hold_rows_of_equal_rank_once")[1]
    assert '{"page_size": 1, "ordering": "rank"}' in walk.split("\n    def ")[0]
    assert '{"page_size": 1},' not in walk.split("\n    def ")[0]
    assert "test_cursor_pages" not in tests.split("class TestTipApi")[1]


def test_client_orderings_are_made_total_at_run_time(emit) -> None:
    module = emit(NEWS, "news.djs")["news/pagination.py"]
    assert "def total_ordering(ordering, model):" in module
    assert "return total_ordering(super().get_ordering(request, queryset, view)" in module


# ------------------------------------------------------------------ end to end


def _schema(out: Path, run_in) -> dict:
    spectacular = ["spectacular", "--format", "openapi-json", "--file", "schema.json"]
    run_in(out, [sys.executable, "manage.py", *spectacular, "--fail-on-warn"])
    return json.loads((out / "schema.json").read_text(encoding="utf-8"))


def _list_schema(schema: dict, path: str) -> dict:
    answer = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    return answer["schema"]


@pytest.mark.e2e
def test_the_news_feed_passes_its_gates_and_documents_an_array(
    tmp_path: Path, build_and_gate, run_in
) -> None:
    out = build_and_gate(NEWS, tmp_path, "news")
    schema = _schema(out, run_in)
    desks = _list_schema(schema, "/api/desks/")
    assert desks["type"] == "array"
    stories = _list_schema(schema, "/api/stories/")
    assert "$ref" in stories or stories.get("type") == "object"
    assert "404" not in schema["paths"]["/api/desks/"]["get"]["responses"]
    params = {p["name"] for p in schema["paths"]["/api/desks/"]["get"].get("parameters", [])}
    assert not params & {"cursor", "page", "page_size", "limit", "offset"}


@pytest.mark.e2e
def test_an_app_wide_none_passes_its_gates(tmp_path: Path, build_and_gate) -> None:
    build_and_gate(QUIET, tmp_path, "quiet")
