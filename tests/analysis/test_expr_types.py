"""infer(): the type of every operator and function, and each error path, reported once."""

from __future__ import annotations

import pytest

from djsc.analysis.expr_infer import infer
from djsc.analysis.expr_types import (
    BOOL,
    DATE,
    DATETIME,
    DECIMAL,
    DURATION,
    FLOAT,
    INT,
    STRING,
    UNKNOWN,
    Scope,
    Ty,
    common,
    compatible,
    entity_ty,
    enum_ty,
    fits,
    list_of,
)
from djsc.diagnostics.model import Diagnostics
from djsc.ir import nodes as ir
from djsc.loader import load_text
from djsc.passes.context import PassContext
from djsc.passes.resolve_names import resolve_names

BASE = """
app a { roles editor, moderator }
enum PostStatus { draft  published }
entity Author { name: String(50)  born: Date?  timestamps }
entity Post {
  title: String(100)
  status: PostStatus = draft
  views: Int = 0
  price: Decimal(8, 2) = 0
  ratio: Float = 0
  at: DateTime?
  wait: Duration?
  open: Bool = true
  owner: User
}
entity Tag { name: String(20) }
relation many_to_one Post.author -> Author.posts
relation one_to_one Author.user -> User.author
relation many_to_many Post.tags -> Tag.posts
"""


def probe(expr: str, **scope_args) -> tuple[Ty, list[str], Diagnostics]:
    """Infer `expr` in a scope over `Post` (override with scope_args)."""
    diagnostics = Diagnostics()
    loaded = load_text(BASE + f"query probe -> Post[] {{ where {expr} }}", diagnostics)
    assert not diagnostics.has_errors(), [d.message for d in diagnostics]
    ctx = PassContext(diagnostics)
    resolve_names(loaded.program, ctx)
    query = loaded.program.queries[0]
    where = query.items[0]
    assert isinstance(where, ir.Where)
    args = {"entity": "Post", "instance": True, "inputs": None} | scope_args
    ty = infer(where.expr, Scope(**args), ctx)
    return ty, [d.code for d in diagnostics.sorted()], diagnostics


@pytest.mark.parametrize(
    ("expr", "ty"),
    [
        ('"x"', STRING),
        ("1", INT),
        ("1.5", FLOAT),
        ("15m", DURATION),
        ("true", BOOL),
        ("title", STRING),
        ("status", enum_ty("PostStatus")),
        ("author", entity_ty("Author")),
        ("author.name", STRING),
        ("author.user.email", STRING),
        ("author.created_at", DATETIME),
        ("tags", list_of(entity_ty("Tag"))),
        ("tags.name", list_of(STRING)),
        ("author.posts", list_of(entity_ty("Post"))),
        ("owner.is_staff", BOOL),
        ("self", entity_ty("Post")),
        ("self.views", INT),
        ("id", INT),
        ("auth.user", entity_ty("User")),
        ("auth.user.is_staff", BOOL),
        ("now()", DATETIME),
        ("today()", DATE),
        ("owner(author.user)", BOOL),
        ("owner(owner)", BOOL),
        ("role(editor)", BOOL),
        ('role("moderator")', BOOL),
        ("count(tags)", INT),
        ("lower(title)", STRING),
        ("upper(title)", STRING),
        ("len(title)", INT),
        ("views + 1", INT),
        ("views * ratio", FLOAT),
        ("price - views", DECIMAL),
        ("views % 2", INT),
        ("-views", INT),
        ("-wait", DURATION),
        ('title + "!"', STRING),
        ("at + 1h", DATETIME),
        ("1h + at", DATETIME),
        ("at - now()", DURATION),
        ("wait * 2", DURATION),
        ("2 * wait", DURATION),
        ("wait + 5m", DURATION),
        ("author.born + 1d", DATE),
        ("at ?? now()", DATETIME),
        ("null ?? views", INT),
        ("views ?? 1.5", FLOAT),
        ("status == draft", BOOL),
        ("draft != status", BOOL),
        ("views >= 2.5", BOOL),
        ("at < today()", BOOL),
        ('title > "a"', BOOL),
        ("at == null", BOOL),
        ("status in [draft, published]", BOOL),
        ("views not in [1, 2]", BOOL),
        ('"x" in tags.name', BOOL),
        ("self in author.posts", BOOL),
        ("open and not (views > 1) or false", BOOL),
        ("[1, 2.5]", list_of(FLOAT)),
    ],
)
def test_infers(expr: str, ty: Ty) -> None:
    found, codes, _ = probe(expr)
    assert codes == []
    assert found == ty


def test_input_and_permission_names_where_allowed() -> None:
    inputs = {"at": ir.Field(name=ir.Ident(text="at"), type=ir.TypeRef(name=ir.Ident(text="Date")))}
    assert probe("input.at", inputs=inputs)[:2] == (DATE, [])
    assert probe("anyone or authenticated", permission=True)[:2] == (BOOL, [])


def test_payload_names_shadow_fields() -> None:
    assert probe("views", extra={"views": STRING})[:2] == (STRING, [])


def test_enum_member_preferred_in_enum_context() -> None:
    # `status` compared with a bare name resolves it as a member, not a field.
    assert probe("status == published")[1] == []


@pytest.mark.parametrize(
    ("expr", "code", "message"),
    [
        ("nope", "DJS0110", "unknown name `nope`"),
        ("titel", "DJS0110", "unknown name `titel`"),
        ("author.nam", "DJS0106", "`Author` has no field `nam`"),
        ("tags.nam", "DJS0106", "`Tag` has no field `nam`"),
        ("auth.usr", "DJS0106", "`auth` has no field `usr`"),
        ("title.size", "DJS0106", "`String` has no field `size`"),
        ("status == drafty", "DJS0104", "`drafty` is not a member of enum `PostStatus`"),
        ("input.x", "DJS0404", "`input` is only available in commands and queries"),
        ("anyone", "DJS0110", "unknown name `anyone`"),
        ("role(admin)", "DJS0111", "unknown role `admin`"),
        ("role(1)", "DJS0208", "expected `role`, found `1`"),
        ("nowz()", "DJS0112", "unknown function `nowz`"),
        ("now(1)", "DJS0211", "`now` takes no arguments, found 1"),
        ("count()", "DJS0211", "`count` takes 1 argument, found 0"),
        ("owner(title)", "DJS0208", "expected `User`, found `String`"),
        ("count(author)", "DJS0208", "expected `Author[]`, found `Author`"),
        ("count(views)", "DJS0208", "expected `list`, found `Int`"),
        ("lower(views)", "DJS0208", "expected `String`, found `Int`"),
        ("len(views)", "DJS0208", "expected `String`, found `Int`"),
        ("views and open", "DJS0208", "expected `Bool`, found `Int`"),
        ("open or title", "DJS0208", "expected `Bool`, found `String`"),
        ("not views", "DJS0208", "expected `Bool`, found `Int`"),
        ("-title", "DJS0208", "expected `number`, found `String`"),
        ('views == "1"', "DJS0209", "cannot apply `==` to `Int` and `String`"),
        ("status < draft", "DJS0209", "cannot apply `<` to `PostStatus` and `PostStatus`"),
        ("open > true", "DJS0209", "cannot apply `>` to `Bool` and `Bool`"),
        ('views in ["a"]', "DJS0209", "cannot apply `in` to `Int` and `String`"),
        ("views in title", "DJS0209", "cannot apply `in` to `Int` and `String`"),
        ("views in tags", "DJS0209", "cannot apply `in` to `Int` and `Tag[]`"),
        ('title - "a"', "DJS0209", "cannot apply `-` to `String` and `String`"),
        ("at + views", "DJS0209", "cannot apply `+` to `DateTime` and `Int`"),
        ('views ?? "a"', "DJS0209", "cannot apply `??` to `Int` and `String`"),
        ('[1, "a"]', "DJS0208", "expected `Int`, found `String`"),
    ],
)
def test_reports(expr: str, code: str, message: str) -> None:
    _, codes, diagnostics = probe(expr)
    assert codes == [code]
    assert [d.message for d in diagnostics] == [message]


@pytest.mark.parametrize(
    ("expr", "help_"),
    [
        ("titel", "did you mean `title`?"),
        ("author.nam", "did you mean `name`?"),
        ("status == drafty", "did you mean `draft`?"),
        ("role(editr)", "did you mean `editor`?"),
        ("nwo()", "did you mean `now`?"),
        ("draft", "`draft` is a member of enum `PostStatus`; compare a field of that type with it"),
        ("anyone", "`anyone` only has a meaning in `allow` rules"),
    ],
)
def test_help_lines(expr: str, help_: str) -> None:
    _, _, diagnostics = probe(expr)
    assert [d.help for d in diagnostics] == [help_]


@pytest.mark.parametrize(
    "expr",
    ["nope + 1 > 2 and nope2", "count(nope) == views", "nope ?? 1", "lower(nope) == title"],
)
def test_unknown_suppresses_cascades(expr: str) -> None:
    # One unknown name each: nothing else may be reported about the same cause.
    codes = probe(expr)[1]
    assert set(codes) == {"DJS0110"}
    assert len(codes) == expr.count("nope")


def test_unknown_function_does_not_check_arguments() -> None:
    assert probe("rol(editor)")[1] == ["DJS0112"]


def test_self_outside_instance() -> None:
    _, codes, diagnostics = probe("self.views > 1", instance=False, where="a query")
    assert codes == ["DJS0408"]
    assert [d.message for d in diagnostics] == ["`self` is not available in a query"]


@pytest.mark.parametrize(
    ("expr", "name"),
    [
        ("author.name", "author.name"),
        ("tags", "tags"),
        ("self.views", "self"),
        ("now() > at", "now()"),
        ("count(tags) > 1", "count()"),
        ("auth.user == owner", "auth"),
    ],
)
def test_local_only_scope_rejects_what_a_constraint_cannot_see(expr: str, name: str) -> None:
    _, codes, diagnostics = probe(expr, local_only=True)
    assert codes == ["DJS0410"]
    assert [d.message for d in diagnostics] == [f"`{name}` cannot be used in a `check` rule"]


def test_local_only_scope_accepts_own_columns() -> None:
    assert probe("views >= 0 and len(title) > 0 and author != null", local_only=True)[1] == []


def test_relations_between_types() -> None:
    assert compatible(INT, DECIMAL) and compatible(DATE, DATETIME)
    assert not compatible(STRING, INT)
    assert compatible(UNKNOWN, STRING)
    assert fits(INT, DECIMAL) and not fits(DECIMAL, INT) and not fits(FLOAT, INT)
    assert fits(STRING, Ty("json")) and not fits(entity_ty("Post"), Ty("json"))
    assert not fits(entity_ty("Post"), entity_ty("Tag"))
    assert common(INT, FLOAT) == FLOAT and common(STRING, INT) is None
    assert str(list_of(entity_ty("Tag"))) == "Tag[]" and str(DATETIME) == "DateTime"
