"""check_options: known keys, value shapes and conflicts in app, entity and relation."""

from __future__ import annotations

import pytest

FULL_APP = """
app shop {
  title "Shop"
  description "A shop"
  version "1.0"
  database postgres
  auth jwt { access 15m  refresh 7d }
  pagination cursor { size 20  max 100 }
  roles editor, moderator
  cache redis { ttl 5m }
  cors { origins "https://a.example", "https://b.example"  credentials true }
  throttle { anon 100/hour  user 1000/day }
  features graphql, metrics, celery
}
entity Post {
  title: String
  cache 60s
  pagination offset { size 50 }
  table "posts"
  verbose_name "post"
  plural "posts"
}
"""


def test_every_known_option_passes(codes):
    assert codes(FULL_APP) == []


@pytest.mark.parametrize(
    ("options", "code", "underlined"),
    [
        ("databse postgres", "DJS0601", "databse"),
        ("database mysql", "DJS0602", "mysql"),
        ("database sqlite, postgres", "DJS0602", "postgres"),
        ("title Shop", "DJS0602", "Shop"),
        ("auth jwt { acess 15m }", "DJS0601", "acess"),
        ("auth jwt { access 15 }", "DJS0602", "15"),
        ("pagination page { size 0 }", "DJS0602", "0"),
        ("pagination page { size -5 }", "DJS0602", "-5"),
        ("throttle { anon 100 }", "DJS0602", "100"),
        ("throttle 100/hour", "DJS0602", "100/hour"),
        ("cors { credentials yes }", "DJS0602", "yes"),
        ("features graphql, soap", "DJS0602", "soap"),
        ('title "a" { x 1 }', "DJS0602", 'title "a" { x 1 }'),
        ('title "a"  title "b"', "DJS0603", "title"),
        ("auth jwt { access 1m  access 2m }", "DJS0603", "access"),
    ],
)
def test_app_options(options, code, underlined, diagnose):
    found = diagnose("app shop { " + options + " }")
    assert (code, underlined) in [(c, u) for c, u, _ in found], found


def test_unknown_option_suggests_or_lists(diagnose):
    assert diagnose('app a { titel "x" }') == [("DJS0601", "titel", "did you mean `title`?")]
    ((_, _, help),) = diagnose("app a { zzzzzz 1 }")
    assert help.startswith("the options here are `title`, `description`")


def test_entity_field_written_without_colon(diagnose):
    found = diagnose("entity Author { name: String  bio Text }")
    assert found == [("DJS0601", "bio", "a field needs a colon: `bio: Text`")]


def test_two_paginations_on_an_entity_conflict(diagnose):
    found = diagnose("entity P { t: String  pagination cursor  pagination offset { size 5 } }")
    assert [(c, u) for c, u, _ in found] == [("DJS0603", "pagination")]


def test_pagination_none_is_allowed_in_the_app_and_an_entity(codes):
    assert codes("app a { pagination none }\nentity P { t: String  pagination none }") == []
    assert codes("app a { pagination none }\nentity P { t: String  pagination cursor }") == []


@pytest.mark.parametrize(
    ("spec", "underlined"),
    [
        ("entity P { t: String  pagination none { max 10 } }", "max 10"),
        ("app a { pagination none { size 5  max 10 } }", "size 5  max 10"),
        ("entity P { t: String  pagination none {} }", "none"),
        # `pagination { … }` keeps the app's strategy, which has no pages
        ("app a { pagination none }\nentity P { t: String  pagination { size 5 } }", "size 5"),
    ],
)
def test_pagination_none_takes_no_block(spec, underlined, diagnose):
    found = diagnose(spec)
    assert [(c, u) for c, u, _ in found] == [("DJS0602", underlined)], found
    assert "remove the block" in found[0][2]


def test_a_page_block_under_a_paged_app_is_fine(codes):
    assert codes("app a { pagination cursor }\nentity P { t: String  pagination { size 5 } }") == []
    assert codes("entity P { t: String  pagination { size 5 } }") == []


def test_relation_options(diagnose):
    base = "entity A { n: String }\nentity B { n: String }\n"
    found = diagnose(base + "relation many_to_one B.a -> A.bs { related_name bees }")
    assert [(c, u) for c, u, _ in found] == [("DJS0601", "related_name")]
    found = diagnose(base + "relation many_to_many B.xs -> A.bs { on_delete cascade }")
    assert [(c, u) for c, u, _ in found] == [("DJS0601", "on_delete")]
    found = diagnose(base + 'relation many_to_one B.a -> A.bs { on_delete "cascade" }')
    assert [(c, u) for c, u, _ in found] == [("DJS0602", '"cascade"')]
