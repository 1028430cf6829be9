"""`through X` when X has more than one key to a side (issue 7).

A membership that records who invited the member holds two keys to `User`; Django
then cannot tell which one is the link and refuses the model (fields.E333/E335).
The spec names the links (`through Membership { links org, user }`), djsc writes
`through_fields`, and without `links` the checks say which keys are in doubt.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from djsc.pipeline import compile_source

SAAS = """
app saas {{ title "SaaS" }}
entity Org {{ name: String(80) }}
entity Membership {{ role: String(20) = "member" }}
relation many_to_one Membership.org -> Org.memberships {{ on_delete cascade }}
relation many_to_one Membership.user -> User.memberships {{ on_delete cascade }}
relation many_to_one Membership.invited_by? -> User.invitations
relation many_to_many Org.members -> User.orgs {{ through Membership{links} }}
"""

# A self-relation whose through entity also records who approved the follow.
FOLLOWS = """
app social {{ title "Social" }}
entity Person {{ name: String(80) }}
entity Follow {{
  follower: Person
  followed: Person
  approved_by: Person?
}}
relation many_to_many Person.following -> Person.followers {{ through Follow{links} }}
"""


def errors(text: str) -> list:
    compilation = compile_source(text, "spec.djs")
    return [d for d in compilation.diagnostics.sorted() if d.is_error]


def through_fields(files: dict[str, str], app: str, model: str, field: str) -> object:
    tree = ast.parse(files[f"{app}/models.py"])
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == model)
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and stmt.targets[0].id == field:  # type: ignore[attr-defined]
            kw = {k.arg: k.value for k in stmt.value.keywords}  # type: ignore[attr-defined]
            return ast.literal_eval(kw["through_fields"]) if "through_fields" in kw else None
    raise AssertionError(f"{model}.{field} not found")


@pytest.mark.parametrize("spec", [SAAS, FOLLOWS], ids=["second-key-to-user", "self-third-key"])
def test_two_keys_to_one_side_without_links_is_an_error(spec: str) -> None:
    (error,) = errors(spec.format(links=""))
    assert error.code == "DJS0305"
    assert "which is the link?" in error.primary.message
    assert "links" in (error.help or "")


def test_the_help_names_links_that_compile() -> None:
    (error,) = errors(SAAS.format(links=""))
    assert "`through Membership { links org, user }`" in error.help
    assert errors(SAAS.format(links=" { links org, user }")) == []


@pytest.mark.parametrize(
    ("links", "message"),
    [
        (" { links org, invited }", "`Membership.invited` is not a reference to `User`"),
        (" { links user, org }", "`Membership.user` references `User`, not `Org`"),
        (" { links org }", "needs two keys"),
    ],
)
def test_links_must_name_keys_to_each_side(links: str, message: str) -> None:
    found = errors(SAAS.format(links=links))
    assert found and all(d.code == "DJS0305" for d in found)
    assert message in [d.primary.message for d in found]


def test_a_self_relation_cannot_link_one_key_twice() -> None:
    (error,) = errors(FOLLOWS.format(links=" { links follower, follower }"))
    assert error.primary.message == "the same key twice"


def test_links_become_through_fields(emit) -> None:
    files = emit(SAAS.format(links=" { links org, user }"), "saas.djs")
    assert through_fields(files, "saas", "Org", "members") == ("org", "user")
    files = emit(FOLLOWS.format(links=" { links follower, followed }"), "social.djs")
    assert through_fields(files, "social", "Person", "following") == ("follower", "followed")


def test_one_key_to_each_side_needs_no_links(emit) -> None:
    spec = SAAS.format(links="").replace(
        "relation many_to_one Membership.invited_by? -> User.invitations\n", ""
    )
    assert through_fields(emit(spec, "saas.djs"), "saas", "Org", "members") is None


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("spec", "links"),
    [(SAAS, " { links org, user }"), (FOLLOWS, " { links follower, followed }")],
    ids=["saas", "social"],
)
def test_linked_through_models_build_working_projects(
    spec: str, links: str, tmp_path: Path, build_and_gate
) -> None:
    out = build_and_gate(spec.format(links=links), tmp_path)
    assert "through_fields=" in next(out.glob("*/models.py")).read_text(encoding="utf-8")
