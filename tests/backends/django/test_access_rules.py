"""The `allow` rule compiler: rule → Q, rule → create predicate, expected outcomes.

The generated project's own permission matrix proves the rules end to end (the
clinic spec below is built and its tests run); these tests pin the compiled code
and the outcomes djsc computes for each actor.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from djsc.backends.django.viewmodels import project_vm
from djsc.backends.django.viewmodels.access import Const, RuleError, program_rules
from djsc.backends.django.viewmodels.access_expect import (
    ANONYMOUS,
    OTHER,
    OWNER,
    STAFF,
    UNKNOWN,
    Row,
    anonymous_may,
    evaluate,
    role_actor,
)
from djsc.backends.django.viewmodels.access_predicate import rule_predicate
from djsc.backends.django.viewmodels.access_q import rule_q

_spec = importlib.util.spec_from_file_location(
    "djsc_django_support_access", Path(__file__).with_name("support.py")
)
support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(support)

CLINIC = (Path(__file__).parent / "specs" / "clinic.djs").read_text(encoding="utf-8")


def compiled(text: str):
    program = support.lowered(text, "clinic.djs")
    p = project_vm(program, "clinic.djs", "clinic")
    return program_rules(program, p.entities), {e.name: e for e in p.entities}


@pytest.fixture(scope="module")
def clinic():
    return compiled(CLINIC)


def test_user_terms_are_decided_in_python_and_instance_terms_are_lookups(clinic):
    rules, _ = clinic
    record = rules["Record"].rules
    assert rule_q(record["read"], "Record") == (
        '(Q(status=RecordStatus.PUBLISHED) | owned(user, "author__user")) '
        '| when(has_role(user, "doctor"))'
    )
    assert rule_q(record["update"], "Record") == (
        '(owned(user, "patient__user") & ~Q(status=RecordStatus.ARCHIVED)) '
        '| when(has_role(user, "doctor"))'
    )
    assert rule_q(record["delete"], "Record") == "NONE"


def test_a_list_path_is_a_subquery_so_no_row_is_listed_twice(clinic):
    rules, _ = clinic
    assert rule_q(rules["Team"].rules["read"], "Team") == (
        'owned_within(Team, user, "members") | when(has_role(user, "doctor"))'
    )


def test_create_is_a_predicate_over_the_unsaved_instance(clinic):
    rules, _ = clinic
    assert rule_predicate(rules["Record"].rules["create"]) == (
        'is_user(user, follow(obj, "patient", "user")) or has_role(user, "doctor")'
    )
    assert rule_predicate(rules["Patient"].rules["create"]) == "user.is_authenticated"


def test_the_defaults_where_the_spec_has_no_rule():
    rules, _ = compiled("entity Note { body: Text }")
    note = rules["Note"].rules
    assert rule_q(note["read"], "Note") == "ALL"
    for op in ("update", "delete"):
        assert rule_q(note[op], "Note") == "when(user.is_authenticated)"
    assert rule_predicate(note["create"]) == "user.is_authenticated"
    assert anonymous_may(rules["Note"]) == []


def test_comparisons_enums_lists_and_null():
    rules, _ = compiled(
        """
enum Level { low  high }
entity Job {
  level: Level = low
  size: Int
  note: Text?
  open: Bool = true
  allow read: level in [low, high] and size < 10 and note != null and open
  allow create: size >= 3 and not (note == null)
}
"""
    )
    job = rules["Job"].rules
    assert rule_q(job["read"], "Job") == (
        "((Q(level__in=[Level.LOW, Level.HIGH]) & Q(size__lt=10)) & Q(note__isnull=False))"
        " & Q(open=True)"
    )
    assert rule_predicate(job["create"]) == (
        'compare(follow(obj, "size"), operator.ge, 3) and not follow(obj, "note") is None'
    )


def test_constants_fold_so_anyone_is_never_narrowed():
    rules, _ = compiled(
        "app a { roles x }\nentity Note { body: Text\n allow read: anyone or role(x) }"
    )
    assert rules["Note"].rules["read"] == Const(True)


def test_a_create_rule_through_a_list_is_refused_not_dropped():
    rules, _ = compiled(
        "entity Room { name: String(10)\n allow create: owner(members) }\n"
        "relation many_to_many Room.members -> User.rooms\n"
    )
    room = rules["Room"]
    assert room.rules["create"] == Const(False)
    assert [isinstance(e, RuleError) for e in room.errors] == [True]
    assert "list" in room.errors[0].reason


def test_owner_keys_named_directly_are_filled_from_the_signed_in_user(clinic):
    rules, _ = clinic
    assert [end.name for end in rules["Patient"].fill_fields] == ["user"]
    assert [end.name for end in rules["Team"].fill_fields] == ["lead"]
    assert rules["Record"].fill_fields == []  # `patient.user`: the key is a Patient


def test_expected_outcomes_per_actor(clinic):
    rules, entities = clinic
    read = rules["Record"].rules["read"]
    row = Row(entities, "Record")
    owned = frozenset({"author__user", "patient__user"})
    # The factory's status is the first member, a draft: hidden from other users.
    assert evaluate(read, ANONYMOUS, row, owned) is False
    assert evaluate(read, OTHER, row, owned) is False
    assert evaluate(read, STAFF, row, owned) is False
    assert evaluate(read, OWNER, row, owned) is True
    assert evaluate(read, role_actor("doctor"), row, owned) is True
    assert evaluate(read, role_actor("nurse"), row, owned) is False
    # Without a known row only the user terms decide.
    assert evaluate(read, OTHER, None, owned) is UNKNOWN
    assert evaluate(read, role_actor("doctor"), None, owned) is True


def test_the_matrix_in_the_generated_tests(emit):
    files = emit(CLINIC, "clinic.djs")
    matrix = files["clinic/tests/test_permissions.py"]
    record = matrix.split("class TestRecordAccess")[1].split("class TestTeamAccess")[0]
    read = record.split("def test_read_and_list")[0]
    assert '("other", (404,))' in read and '("owner", (200,))' in read
    assert '("role:doctor", (200,))' in read and '("staff", (404,))' in read
    delete = record.split("def test_update")[1].split("def test_delete")[0]
    assert '("owner", (403,))' in delete and '("anonymous", (401, 403))' in delete
    assert "def test_create_in_another_users_name" in record
    views = files["clinic/views.py"]
    assert "access = rules.record_access" in views
    assert "rules.check_create(self, serializer, self.access)" in files["clinic/core.py"]
    apps = files["clinic/apps.py"]
    assert "post_migrate.connect(create_roles, sender=self)" in apps
    assert 'ROLES = ["doctor", "nurse"]' in files["clinic/permissions.py"]


@pytest.mark.e2e
def test_the_clinic_project_passes_its_gates(build_and_gate, tmp_path):
    out = build_and_gate(CLINIC, tmp_path, "clinic")
    assert (out / "clinic" / "permissions.py").is_file()
