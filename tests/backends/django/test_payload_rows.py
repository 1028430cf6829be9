"""Payloads that make rows of their own entity (issue 7).

`test_anonymous_cannot_create` asserted an empty table, but building the payload of
`Person` makes a `Post`, whose required author is a `Person`: the generated test
failed on a spec the checks accept.  It now counts rows around the request.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SOCIAL = """
app social { title "Social" }
entity Person { name: String(80) }
relation many_to_many Person.friends -> Person.friend_of
relation many_to_one Person.mentor? -> Person.mentees
entity Post { title: String(80) }
relation many_to_one Post.author -> Person.posts
relation many_to_many Person.favourites -> Post.fans
"""


def test_the_anonymous_create_test_counts_rows_around_the_request(emit) -> None:
    tests = emit(SOCIAL, "social.djs")["social/tests/test_api.py"]
    assert "assert Person.objects.count() == before" in tests
    assert "objects.exists()\n" not in tests.split("def test_anonymous_cannot_create")[1][:400]


@pytest.mark.e2e
def test_a_payload_making_its_own_rows_passes_the_generated_tests(
    tmp_path: Path, build_and_gate
) -> None:
    build_and_gate(SOCIAL, tmp_path, "social")
