"""Roles within a tenant: `any(list, rule)` and `auth.user` in `allow` rules.

`any(organization.memberships, user == auth.user and role == admin)` compiles to a
subquery over the memberships that meet the inner rule, a create rule reads the list
of the saved row the new one points at, and the permission matrix gains member actors
for whom the test adds the membership first.  The tenants spec is built and its own
tests run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from djsc.backends.django.viewmodels.access import Any, Not, Owner, program_rules
from djsc.backends.django.viewmodels.access_expect import OTHER, Row, evaluate
from djsc.backends.django.viewmodels.access_members import member_actors
from djsc.backends.django.viewmodels.access_predicate import rule_predicate
from djsc.backends.django.viewmodels.access_q import rule_q

from .test_access_rules import support

TENANTS = (Path(__file__).parent / "specs" / "tenants.djs").read_text(encoding="utf-8")


def compiled(text: str):
    from djsc.backends.django.viewmodels import project_vm

    program = support.lowered(text, "tenants.djs")
    p = project_vm(program, "tenants.djs", "saas")
    return program_rules(program, p.entities), {e.name: e for e in p.entities}


@pytest.fixture(scope="module")
def tenants():
    return compiled(TENANTS)


def test_any_is_a_subquery_over_the_rows_that_meet_the_inner_rule(tenants):
    rules, _ = tenants
    assert rule_q(rules["Project"].rules["delete"], "Project") == (
        'any_of(Project, "organization__memberships", '
        'Membership.objects.filter(owned(user, "user") & Q(role=MemberRole.ADMIN)))'
    )


def test_a_create_rule_reads_the_list_of_the_saved_row_it_points_at(tenants):
    rules, _ = tenants
    create = rule_predicate(rules["Project"].rules["create"])
    assert create.startswith('holds_on(Organization, follow(obj, "organization"), any_of(')
    assert not rules["Project"].errors


def test_auth_user_comparisons_are_owner_terms():
    rules, _ = compiled(
        "app a { auth jwt }\nentity Note { body: Text\n author: User\n"
        " allow read: author == auth.user\n allow update: auth.user != author }"
    )
    note = rules["Note"].rules
    assert isinstance(note["read"], Owner) and note["read"].path.text == "author"
    assert isinstance(note["update"], Not) and isinstance(note["update"].inner, Owner)


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("any(members, true)", "write `owner(members)`"),
        ("auth.user == auth.user", "compare `auth.user` with"),
        ("author == auth.user or any(tags, len(label) > 2)", "only field paths"),
    ],
)
def test_what_any_and_auth_user_cannot_say_is_refused(rule, reason):
    rules, _ = compiled(
        "app a { auth jwt }\nentity Note { body: Text\n author: User\n"
        f" allow update: {rule} }}\nrelation many_to_many Note.members -> User.notes\n"
        "entity Tag { label: String(9) }\nrelation many_to_many Note.tags -> Tag.notes\n"
    )
    errors = rules["Note"].errors
    assert errors and reason in errors[0].reason


def test_a_create_rule_cannot_read_the_new_rows_own_list():
    rules, _ = compiled(
        "app a { auth jwt }\nentity Org { name: String(9)\n allow create: any(seats, true) }\n"
        "entity Seat { holder: User }\nrelation many_to_one Seat.org -> Org.seats\n"
    )
    assert "does not have yet" in rules["Org"].errors[0].reason


def test_member_actors_and_their_expected_outcomes(tenants):
    rules, entities = tenants
    members = member_actors(rules["Project"], entities)
    assert [g.sources for m in members for g in m.grants] == [
        (),
        ("role=MemberRole.EDITOR",),
        ("role=MemberRole.ADMIN",),
    ]
    row = Row(entities, "Project")
    delete = rules["Project"].rules["delete"]
    assert [evaluate(delete, m, row, frozenset()) for m in members] == [False, False, True]
    # Another user has no membership: the factory row's organization lists none.
    assert evaluate(delete, OTHER, row, frozenset()) is False
    # A membership is in its own organization's list: decided on the row itself.
    read = rules["Membership"].rules["read"]
    assert isinstance(read.right, Any)
    assert evaluate(read, OTHER, Row(entities, "Membership"), frozenset()) is False


def test_the_matrix_makes_the_membership_before_the_member_acts(emit):
    files = emit(TENANTS, "tenants.djs")
    matrix = files["saas/tests/test_permissions.py"]
    project = matrix.split("class TestProjectAccess")[1]
    assert (
        "MembershipFactory(organization=obj.organization, user=user, role=MemberRole.ADMIN)"
        in project
    )
    assert '("member:3", (204,))' in project and '("member:2", (403,))' in project
    assert "client_of(self.acting(who, owner, obj))" in project


@pytest.mark.e2e
def test_the_tenants_project_passes_its_gates_on_sqlite_and_postgres(build_and_gate, tmp_path):
    out = build_and_gate(TENANTS, tmp_path, "tenants")
    support.passes_on_postgres(out)
