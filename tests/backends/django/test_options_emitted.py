"""Options the checks accept reach the generated project: pagination `max`, `table`,
`verbose_name`, `plural`, and many-to-many ends that go `through` an entity.

The emitted Python is read with `ast`, so formatting changes cannot hide a value.
One test builds a project with all of them and runs its own gates.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from djsc.backends.django import naming

BIN = Path(sys.executable).parent

SPEC = """
app club {
  title "Club API"
  pagination page { size 20  max 50 }
}

entity Member {
  name: String(100)
  table "legacy_members"
  verbose_name "club member"
}

entity Team {
  name: String(100)
  plural "squads"
  pagination offset { max 30 }
}

entity Point {
  value: Int = 0
  plural "Points Scored"
  pagination cursor { size 10 }
}

entity Category {
  name: String(50)
  verbose_name "category"
}

/// One member in one team: made from the two ids alone.
entity Membership {
  role: String(20) = "player"
  since: DateTime?
  timestamps
  unique (member, team)
}

entity Order { note: String(10) }
entity Product { name: String(10) }
entity OrderLine {
  unit_price: Decimal(10, 2)
}

relation many_to_one Membership.member -> Member.memberships { on_delete cascade }
relation many_to_one Membership.team -> Team.memberships { on_delete cascade }
relation many_to_many Team.members -> Member.teams { through Membership }
relation many_to_one OrderLine.order -> Order.lines { on_delete cascade }
relation many_to_one OrderLine.product -> Product.order_lines { on_delete cascade }
relation many_to_many Order.products -> Product.orders { through OrderLine }
"""


# ------------------------------------------------------------------ ast helpers


def parse(files: dict[str, str], path: str) -> ast.Module:
    return ast.parse(files[path])


def class_def(tree: ast.AST, name: str) -> ast.ClassDef:
    found = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == name]
    assert len(found) == 1, f"{len(found)} classes named {name}"
    return found[0]


def assigned(cls: ast.ClassDef) -> dict[str, ast.expr]:
    """The class body's `name = value` statements."""
    return {
        s.targets[0].id: s.value
        for s in cls.body
        if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)
    }


def values(cls: ast.ClassDef) -> dict[str, object]:
    """The literal `name = value` statements of a class body, evaluated."""
    out = {}
    for name, node in assigned(cls).items():
        try:
            out[name] = ast.literal_eval(node)
        except ValueError:
            continue
    return out


def meta(files: dict[str, str], model: str) -> dict[str, object]:
    return values(class_def(class_def(parse(files, "club/models.py"), model), "Meta"))


def keywords(call: ast.expr) -> dict[str, object]:
    assert isinstance(call, ast.Call)
    return {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg != "queryset"}


def routes(files: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Viewset → (URL prefix, basename) from `router.register(...)` calls."""
    out = {}
    for node in ast.walk(parse(files, "club/urls.py")):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "register":
            prefix, viewset = node.args
            out[viewset.attr] = (ast.literal_eval(prefix), keywords(node)["basename"])
    return out


def summaries(files: dict[str, str], viewset: str) -> dict[str, str]:
    """Action → OpenAPI summary from the viewset's `@documented(serializer, one, many,
    a_one)`, worded as core.documented() words them."""
    (decorator,) = class_def(parse(files, "club/views.py"), viewset).decorator_list
    assert isinstance(decorator, ast.Call) and decorator.func.id == "documented"
    one, many, a_one = (ast.literal_eval(a) for a in decorator.args[1:])
    return {
        "list": f"List {many}",
        "retrieve": f"Get one {one}",
        "create": f"Create {a_one}",
        "update": f"Replace {a_one}",
        "partial_update": f"Update {a_one}",
        "destroy": f"Delete {a_one}",
    }


def found(diagnostics, code: str) -> list:
    return [d for d in diagnostics.sorted() if d.code == code]


def line_of(spec: str, needle: str) -> int:
    """The 0-based line of `spec` holding `needle` (spans count from the text's start)."""
    (line,) = [i for i, text in enumerate(spec.splitlines()) if needle in text]
    return line


def span_line(spec: str, span) -> int:
    return spec.count("\n", 0, span.start)


# ------------------------------------------------------------------ pagination


def test_pagination_max_and_size_reach_every_class(emit) -> None:
    classes = {
        c.name: values(c)
        for c in parse(emit(SPEC, "club.djs"), "club/pagination.py").body
        if isinstance(c, ast.ClassDef) and not c.name.startswith("Strict")
    }
    assert classes == {
        "DefaultPagination": {
            "page_size": 20,
            "page_size_query_param": "page_size",
            "max_page_size": 50,
        },
        # `pagination offset { max 30 }`: the app's size, its own cap
        "TeamPagination": {"default_limit": 20, "max_limit": 30},
        # `pagination cursor { size 10 }`: its own size, the app's cap
        "PointPagination": {
            "page_size": 10,
            "page_size_query_param": "page_size",
            "max_page_size": 50,
            "ordering": "-pk",  # a class may serve entities with differently named keys
        },
    }


@pytest.mark.parametrize(
    ("app", "entity", "expected"),
    [
        # no max anywhere: today's cap of 100
        ("pagination page { size 20 }", "", {"page_size": 20, "max_page_size": 100}),
        # a max below the size caps the default page too
        ("pagination page { size 80  max 40 }", "", {"page_size": 40, "max_page_size": 40}),
        # a size above the default cap raises it: no page is refused by its own default
        ("pagination page { size 150 }", "", {"page_size": 150, "max_page_size": 150}),
        # an entity's size above the inherited cap raises the entity's cap only
        (
            "pagination page { max 30 }",
            "pagination { size 60 }",
            {"page_size": 60, "max_page_size": 60},
        ),
        # an entity's max alone keeps the app's size and kind
        (
            "pagination page { size 25 }",
            "pagination { max 10 }",
            {"page_size": 10, "max_page_size": 10},
        ),
    ],
)
def test_pagination_inherits_what_the_option_leaves_out(emit, app, entity, expected) -> None:
    spec = f"app club {{ {app} }}\nentity Thing {{ name: String(10)  {entity} }}\n"
    tree = parse(emit(spec, "club.djs"), "club/pagination.py")
    name = "ThingPagination" if entity else "DefaultPagination"
    got = values(class_def(tree, name))
    assert {k: got[k] for k in expected} == expected
    views = class_def(parse(emit(spec, "club.djs"), "club/views.py"), "ThingViewSet")
    assert assigned(views)["pagination_class"].id == name


def test_an_entity_pagination_equal_to_the_app_default_reuses_its_class(emit) -> None:
    spec = (
        "app club { pagination page { size 20  max 50 } }\n"
        "entity Thing { name: String(10)  pagination page { size 20  max 50 } }\n"
        "entity Other { name: String(10)  pagination page { size 20  max 60 } }\n"
    )
    files = emit(spec, "club.djs")
    classes = [
        c.name
        for c in parse(files, "club/pagination.py").body
        if isinstance(c, ast.ClassDef) and not c.name.startswith("Strict")  # their bases
    ]
    assert classes == ["DefaultPagination", "OtherPagination"]


# ------------------------------------------------------------------ table, verbose_name, plural


def test_naming_options_become_model_meta(emit) -> None:
    files = emit(SPEC, "club.djs")
    assert meta(files, "Member") == {
        "ordering": ["id"],
        "db_table": "legacy_members",
        "verbose_name": "club member",
        "verbose_name_plural": "club members",
    }
    assert meta(files, "Team") == {"ordering": ["id"], "verbose_name_plural": "squads"}
    assert meta(files, "Point") == {"ordering": ["id"], "verbose_name_plural": "Points Scored"}
    # Django would say "categorys"; the API docs say "categories"
    assert meta(files, "Category")["verbose_name_plural"] == "categories"
    # entities without the options keep Django's defaults
    assert meta(files, "Order") == {"ordering": ["id"]}


def test_plural_is_the_url_segment_and_names_the_docs(emit) -> None:
    files = emit(SPEC, "club.djs")
    got = routes(files)
    assert got["TeamViewSet"] == ("squads", "team")
    assert got["PointViewSet"] == ("points-scored", "point")
    assert got["MemberViewSet"] == ("members", "member")
    assert got["OrderLineViewSet"] == ("order-lines", "order_line")
    team = summaries(files, "TeamViewSet")
    assert team["list"] == "List squads" and team["create"] == "Create a team"
    member = summaries(files, "MemberViewSet")
    assert member["list"] == "List club members"
    assert member["retrieve"] == "Get one club member"
    # the generated API tests and the README use the same URL
    assert 'url = "/api/squads/"' in files["club/tests/test_api.py"]
    assert "/api/points-scored/" in files["README.md"]


@pytest.mark.parametrize(
    ("plural", "segment"),
    [
        ("points", "points"),
        ("blog posts", "blog-posts"),
        ("BlogPosts", "blog-posts"),
        ("Categorías", "categorias"),
        ("people's  things!", "people-s-things"),
        ("日本", "things"),  # no ASCII letter or digit: the automatic plural
    ],
)
def test_url_segment_of_a_plural(plural: str, segment: str) -> None:
    assert naming.url_segment("Thing", plural) == segment


def test_a_table_name_others_use_is_an_error(emit_diagnostics) -> None:
    spec = (
        "app club {}\n"
        'entity Member { name: String(10)  table "club_team" }\n'
        "entity Team { name: String(10) }\n"
        'entity Post { name: String(10)  table "auth_user" }\n'
        'entity Tag { name: String(10)  table "legacy tags" }\n'
    )
    errors = found(emit_diagnostics(spec, "club.djs"), "DJS0801")
    assert [d.message for d in errors] == [
        "the table name `club_team` for both `Team` and `Member` is not supported by "
        "backend `django`",
        "the table name `auth_user` for both `Django` and `Post` is not supported by "
        "backend `django`",
        "the table name `legacy tags` is not supported by backend `django`",
    ]
    assert [span_line(spec, d.primary.span) for d in errors] == [1, 3, 4]
    assert all(d.is_error and "table" in d.help for d in errors)


def test_a_table_of_a_join_table_is_an_error(emit_diagnostics) -> None:
    spec = (
        "app club {}\n"
        "entity Post { name: String(10) }\n"
        'entity Tag { name: String(10)  table "club_post_tags" }\n'
        "relation many_to_many Post.tags -> Tag.posts\n"
    )
    (error,) = found(emit_diagnostics(spec, "club.djs"), "DJS0801")
    assert "for both `Post.tags` and `Tag`" in error.message


def test_two_entities_at_one_url_is_an_error(emit_diagnostics) -> None:
    spec = (
        "app club {}\n"
        "entity Point { name: String(10) }\n"
        'entity Score { name: String(10)  plural "points" }\n'
    )
    (error,) = found(emit_diagnostics(spec, "club.djs"), "DJS0801")
    assert error.message == (
        "the URL `/api/points/` for both `Point` and `Score` is not supported by backend `django`"
    )
    assert span_line(spec, error.primary.span) == 2
    assert "plural" in error.help


# ------------------------------------------------------------------ through entities


def serializer_fields(files: dict[str, str], name: str) -> tuple[dict[str, ast.expr], list]:
    cls = class_def(parse(files, "club/serializers.py"), f"{name}Serializer")
    return assigned(cls), values(class_def(cls, "Meta"))["fields"]


def test_a_through_end_made_from_ids_alone_is_writable(emit, emit_diagnostics) -> None:
    files = emit(SPEC, "club.djs")
    declared, fields = serializer_fields(files, "Team")
    assert keywords(declared["members_ids"]) == {
        "source": "members",
        "write_only": True,
        "many": True,
        "required": False,
    }
    assert fields == ["id", "name", "members", "members_ids"]
    # the generated tests create and replace links through it
    api = parse(files, "club/tests/test_api.py")
    test = class_def(api, "TestTeamApi")
    assert "test_create_and_update_link_members" in {
        f.name for f in test.body if isinstance(f, ast.FunctionDef)
    }
    # the admin's form leaves out a many-to-many with a through model: no autocomplete
    team_admin = values(class_def(parse(files, "club/admin.py"), "TeamAdmin"))
    assert "members" not in team_admin.get("autocomplete_fields", [])
    warned = found(emit_diagnostics(SPEC, "club.djs"), "DJS0805")
    assert [d.message.split(" is ")[0] for d in warned] == ["`Order.products`"]


def test_a_through_end_needing_more_than_ids_is_read_only_with_a_warning(
    emit, emit_diagnostics
) -> None:
    declared, fields = serializer_fields(emit(SPEC, "club.djs"), "Order")
    assert "products_ids" not in declared and "products_ids" not in fields
    assert "products" in fields
    (warning,) = found(emit_diagnostics(SPEC, "club.djs"), "DJS0805")
    assert warning.severity.value == "warning"
    assert warning.message == (
        "`Order.products` is read-only in the API of backend `django`: "
        "`OrderLine.unit_price` has no default"
    )
    assert span_line(SPEC, warning.primary.span) == line_of(SPEC, "through OrderLine")
    assert warning.primary.message == "no `products_ids` in the API"
    (cause,) = warning.secondary
    assert span_line(SPEC, cause.span) == line_of(SPEC, "unit_price: Decimal")
    assert warning.help == (
        "create `OrderLine` rows through `/api/order-lines/`, or give "
        "`OrderLine.unit_price` a default or make it optional"
    )


THROUGH = """
app club {{}}
entity Order {{ note: String(10) }}
entity Product {{ name: String(10) }}
entity Coupon {{ code: String(10) }}
entity OrderLine {{
  {members}
}}
{relations}
relation many_to_many Order.products -> Product.orders {{ through OrderLine }}
"""
LINKS = "order: Order\n  product: Product"


@pytest.mark.parametrize(
    ("members", "relations", "reason", "cause"),
    [
        (
            f"{LINKS}\n  coupon: Coupon",
            "",
            "`OrderLine.coupon` is a required reference",
            "coupon: Coupon",
        ),
        (
            f'{LINKS}\n  code: String(10) = "x" unique',
            "",
            "`OrderLine.code` is unique",
            "code: String(10) =",
        ),
        (f"{LINKS}\n  unique (order)", "", "`unique (order)` of `OrderLine`", "unique (order)"),
        (
            f'{LINKS}\n  quantity: Int = 1\n  check quantity > 0 else "no"',
            "",
            "`OrderLine` has `check` rules",
            "check quantity",
        ),
        (f"{LINKS}\n  soft_delete", "", "`OrderLine` is soft-deleted", "entity OrderLine"),
        (
            "product: Product",
            "relation one_to_one OrderLine.order -> Order.line",
            "`OrderLine.order` is one-to-one",
            "relation one_to_one",
        ),
    ],
    ids=[
        "required-reference",
        "unique-field",
        "unique-rule",
        "check",
        "soft-delete",
        "one-to-one",
    ],
)
def test_each_reason_keeps_the_end_read_only(
    emit_diagnostics, members: str, relations: str, reason: str, cause: str
) -> None:
    spec = THROUGH.format(members=members, relations=relations)
    (warning,) = found(emit_diagnostics(spec, "club.djs"), "DJS0805")
    assert reason in warning.message
    (label,) = warning.secondary
    assert span_line(spec, label.span) == line_of(spec, cause)


@pytest.mark.parametrize(
    "members",
    [
        # defaults, optional fields, timestamps, an optional reference, a unique pair of links
        f"{LINKS}\n  quantity: Int = 1\n  note: Text?\n  coupon: Coupon?\n  timestamps\n"
        "  unique (order, product)",
        # an optional unique field stays NULL in new rows, which never collide
        f"{LINKS}\n  code: String(10)? unique",
    ],
)
def test_a_through_entity_filled_by_defaults_is_writable(emit, emit_diagnostics, members) -> None:
    spec = THROUGH.format(members=members, relations="")
    declared, _ = serializer_fields(emit(spec, "club.djs"), "Order")
    assert keywords(declared["products_ids"])["source"] == "products"
    assert not found(emit_diagnostics(spec, "club.djs"), "DJS0805")


def test_self_and_user_through_ends_are_writable(emit) -> None:
    spec = """
app club {}
entity Person { name: String(50) }
entity Follow { follower: Person  followed: Person  since: DateTime? }
entity Team { name: String(50) }
entity Membership { team: Team  user: User  role: String(20) = "member" }
relation many_to_many Person.follows -> Person.followers { through Follow }
relation many_to_many Team.members -> User.teams { through Membership }
"""
    files = emit(spec, "club.djs")
    person, _ = serializer_fields(files, "Person")
    assert keywords(person["follows_ids"])["source"] == "follows"
    team, _ = serializer_fields(files, "Team")
    assert keywords(team["members_ids"])["source"] == "members"


def test_the_explained_example_behaves_as_explained(emit, emit_diagnostics) -> None:
    text = (Path(__file__).parents[3] / "compiler/diagnostics/explain/DJS0805.md").read_text(
        encoding="utf-8"
    )
    wrong, fixed = [block.split("```")[0] for block in text.split("```djs\n")[1:3]]
    header = "app club {}\nentity Order { note: String(10) }\nentity Product { name: String(10) }\n"
    assert found(emit_diagnostics(header + wrong, "club.djs"), "DJS0805")
    assert not found(emit_diagnostics(header + fixed, "club.djs"), "DJS0805")


# ------------------------------------------------------------------ the built project


def run(args: list[str], cwd: Path, timeout: int = 300) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", PATH=f"{BIN}:{env.get('PATH', '')}")
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.mark.e2e
def test_a_project_with_the_options_passes_its_gates(tmp_path: Path) -> None:
    spec = tmp_path / "club.djs"
    spec.write_text(SPEC, encoding="utf-8")
    out = tmp_path / "out"
    run([str(BIN / "djsc"), "build", str(spec), "-o", str(out)], cwd=tmp_path)
    (migration,) = out.glob("club/migrations/0001_*.py")
    options = {}
    for node in ast.walk(ast.parse(migration.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "CreateModel":
            kw = {k.arg: k.value for k in node.keywords}
            given = ast.literal_eval(kw["options"]) if "options" in kw else {}
            options[ast.literal_eval(kw["name"])] = given
    assert options["Member"]["db_table"] == "legacy_members"
    assert options["Member"]["verbose_name"] == "club member"
    assert options["Team"]["verbose_name_plural"] == "squads"
    python = sys.executable
    run([str(BIN / "ruff"), "check", "--no-cache", "."], cwd=out)
    run([python, "manage.py", "check", "--fail-level", "WARNING"], cwd=out)
    run([python, "manage.py", "makemigrations", "club", "--check", "--dry-run"], cwd=out)
    # The project's own tests write `members_ids`, page up to each cap and use /api/squads/.
    api = ast.parse((out / "club/tests/test_api.py").read_text(encoding="utf-8"))
    tests = {f.name for f in ast.walk(api) if isinstance(f, ast.FunctionDef)}
    assert {"test_create_and_update_link_members", "test_page_size_is_capped"} <= tests
    report = run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=out, timeout=600)
    assert " passed" in report and "failed" not in report
