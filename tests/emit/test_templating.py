from __future__ import annotations

import jinja2
import pytest

from djsc.emit.templating import camel, environment, plural, pyrepr, snake


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('it\'s "x"\n', '"it\'s \\"x\\"\\n"'),
        ("café", '"café"'),
        (("a",), '("a",)'),
        (["a", 1, None, True], '["a", 1, None, True]'),
        ({"k": (1, 2)}, '{"k": (1, 2)}'),
    ],
)
def test_pyrepr_is_a_python_literal_of_the_value(value, expected):
    assert pyrepr(value) == expected
    assert eval(expected) == value  # noqa: S307 - the point is that it is Python


@pytest.mark.parametrize(
    ("name", "expected"),
    [("BlogPost", "blog_post"), ("HTTPServer", "http_server"), ("order_item", "order_item")],
)
def test_snake(name, expected):
    assert snake(name) == expected


def test_camel_and_plural():
    assert camel("order_item") == "OrderItem"
    assert camel("OrderItem") == "OrderItem"
    assert [plural(w) for w in ("category", "box", "day", "Person", "post", "Status")] == [
        "categories",
        "boxes",
        "days",
        "People",
        "posts",
        "Statuses",
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # already plural, or its own plural: kept
        ("points", "points"),
        ("preferences", "preferences"),
        ("settings", "settings"),
        ("details", "details"),
        ("customer_details", "customer_details"),
        ("news", "news"),
        ("series", "series"),
        ("species", "species"),
        ("data", "data"),
        ("media", "media"),
        ("feedback", "feedback"),
        ("people", "people"),
        ("children", "children"),
        ("photos", "photos"),
        ("areas", "areas"),
        ("keys", "keys"),
        ("taxis", "taxis"),
        ("menus", "menus"),
        ("analytics", "analytics"),
        # irregular, also as the last word of a compound
        ("quiz", "quizzes"),
        ("child", "children"),
        ("person", "people"),
        ("FosterChild", "FosterChildren"),
        ("foster_child", "foster_children"),
        ("grandchild", "grandchildren"),
        ("salesperson", "salespeople"),
        ("woman", "women"),
        ("man", "men"),
        ("human", "humans"),
        ("knife", "knives"),
        ("leaf", "leaves"),
        ("axis", "axes"),
        ("criterion", "criteria"),
        # -sis → -ses
        ("analysis", "analyses"),
        ("DataAnalysis", "DataAnalyses"),
        ("diagnosis", "diagnoses"),
        # singular words ending in s
        ("status", "statuses"),
        ("bus", "buses"),
        ("campus", "campuses"),
        ("class", "classes"),
        ("address", "addresses"),
        ("alias", "aliases"),
        ("gas", "gases"),
        ("canvas", "canvases"),
        ("iris", "irises"),
        # the regular rules
        ("category", "categories"),
        ("day", "days"),
        ("key", "keys"),
        ("box", "boxes"),
        ("church", "churches"),
        ("wish", "wishes"),
        ("buzz", "buzzes"),
        ("menu", "menus"),
        ("photo", "photos"),
        ("order line", "order lines"),
        ("Blog post", "Blog posts"),
        ("Categoría", "Categorías"),
        ("HTTPServer", "HTTPServers"),
        ("URL", "URLS"),
        ("STATUS", "STATUSES"),
        ("item2", "item2s"),
    ],
)
def test_plural(word, expected):
    assert plural(word) == expected


@pytest.fixture
def template_package(tmp_path, monkeypatch):
    pkg = tmp_path / "djsc_test_tpl_pkg"
    (pkg / "templates").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "templates" / "model.py.j2").write_text(
        "class {{ name | camel }}:\n"
        "    {% for f in fields %}\n"
        "    {{ f }} = {{ 'a<b' | pyrepr }}\n"
        "    {% endfor %}\n"
    )
    (pkg / "templates" / "broken.j2").write_text("{{ missing }}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return "djsc_test_tpl_pkg"


def test_environment_trims_blocks_keeps_newline_and_does_not_escape(template_package):
    env = environment(template_package)
    text = env.get_template("model.py.j2").render(name="blog_post", fields=["a", "b"])
    assert text == 'class BlogPost:\n    a = "a<b"\n    b = "a<b"\n'


def test_environment_fails_on_undefined_names(template_package):
    with pytest.raises(jinja2.UndefinedError):
        environment(template_package).get_template("broken.j2").render()
