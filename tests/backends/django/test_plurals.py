"""URL segments of entities named by new users (issue 7): a name already plural
keeps its spelling, irregular and Latin-style words get their English plural.

The segment is what every client of the API types, so `/api/pointses/` is a bug
the rest of the generated project cannot hide.
"""

from __future__ import annotations

import pytest

from djsc.backends.django import naming


@pytest.mark.parametrize(
    ("entity", "segment"),
    [
        ("Points", "points"),
        ("Preferences", "preferences"),
        ("CustomerDetails", "customer-details"),
        ("Settings", "settings"),
        ("News", "news"),
        ("Series", "series"),
        ("Data", "data"),
        ("Quiz", "quizzes"),
        ("Analysis", "analyses"),
        ("Child", "children"),
        ("Person", "people"),
        ("FosterChild", "foster-children"),
        ("SalesPerson", "sales-people"),
        ("Human", "humans"),
        ("Status", "statuses"),
        ("Address", "addresses"),
        ("Category", "categories"),
        ("BlogPost", "blog-posts"),
        ("OrderLine", "order-lines"),
        ("Menu", "menus"),
    ],
)
def test_url_segment_of_an_entity(entity: str, segment: str) -> None:
    assert naming.url_segment(entity) == segment


def test_the_url_reaches_routes_docs_and_tests(emit) -> None:
    spec = (
        "app club {}\n"
        "entity Points { value: Int }\n"
        "entity Person { name: String(50) }\n"
        "entity FosterChild { name: String(50) }\n"
    )
    files = emit(spec, "club.djs")
    for segment in ("points", "people", "foster-children"):
        assert f'url = "/api/{segment}/"' in files["club/tests/test_api.py"]
        assert f"/api/{segment}/" in files["README.md"]
    assert "pointses" not in "".join(files.values())


def test_the_api_docs_name_a_collection_in_english(emit) -> None:
    files = emit("app club {}\nentity Person { name: String(50) }\n", "club.djs")
    assert '@documented(PersonSerializer, "person", "people", "a person")' in files["club/views.py"]
