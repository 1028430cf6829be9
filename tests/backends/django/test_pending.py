"""What the backend does not generate yet is reported, never dropped silently."""

from __future__ import annotations

import pytest

SPEC = """
app shop { title "Shop"  auth jwt  roles staff }
enum Status { open  closed }
entity Order sourced {
  status: Status = open
  code: String(20)
  allow update: role(staff)
  cache 60s
}
event Closed on Order { reason: String(100) } apply { status = closed }
command close on Order { require status == open else "closed"  emit Closed { reason = "x" } }
query open_orders -> Order[] { where status == open }
channel orders { path "/ws/orders/"  broadcast Closed }
"""


def test_each_kind_left_out_gets_one_diagnostic_at_every_use(emit_diagnostics):
    found = [d for d in emit_diagnostics(SPEC).sorted() if d.code in ("DJS0803", "DJS0804")]
    kinds = sorted((d.code, d.message.split(" not ")[0]) for d in found)
    assert kinds == [
        ("DJS0803", "`sourced` entities are"),
        ("DJS0803", "channels are"),
        ("DJS0803", "commands are"),
        ("DJS0803", "events are"),
        ("DJS0803", "queries are"),
    ]
    # `cache 60s` is generated (features/caching.py), so it is not among them.
    # Every construct that restricts access is generated: nothing is DJS0804.
    assert all(not d.is_error for d in found)


@pytest.mark.parametrize("mode", ["jwt { access 5m  refresh 1d }", "jwt", "session", "none"])
def test_every_auth_mode_is_generated_not_reported(emit_diagnostics, mode):
    spec = f'app shop {{ title "Shop"  auth {mode} }}\nentity Item {{ name: String(20) }}\n'
    assert [d.code for d in emit_diagnostics(spec).sorted()] == []


RULES = """
app shop { title "Shop"  roles staff }
entity Note {
  text: String(100)
  allow read: anyone
  allow create, update: role(staff)
  allow delete: anyone
}
"""


def test_allow_rules_and_roles_are_compiled_not_reported(emit_diagnostics):
    assert [d.code for d in emit_diagnostics(RULES).sorted()] == []


def test_a_spec_of_entities_and_relations_only_gets_no_warning(emit_diagnostics):
    spec = "entity A { name: String(10) }\nentity B { a: A }\n"
    assert [d.code for d in emit_diagnostics(spec).sorted()] == []


def test_the_label_of_a_row_is_not_an_enum(emit):
    models = emit(SPEC)["shop/models.py"]
    assert "return str(self.code)" in models or "return self.code" in models
