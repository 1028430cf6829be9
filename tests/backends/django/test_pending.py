"""What the backend does not generate yet is reported, never dropped silently."""

from __future__ import annotations

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


def test_each_kind_left_out_gets_one_warning_at_every_use(emit_diagnostics):
    warnings = [d for d in emit_diagnostics(SPEC).sorted() if d.code == "DJS0803"]
    kinds = sorted(d.message.split(" not compiled")[0] for d in warnings)
    assert kinds == [
        "`allow` rules are",
        "`app` option `auth` is",
        "`app` option `roles` is",
        "`sourced` entities are",
        "channels are",
        "commands are",
        "entity `cache` options are",
        "events are",
        "queries are",
    ]
    assert all(not d.is_error for d in warnings)


def test_a_spec_of_entities_and_relations_only_gets_no_warning(emit_diagnostics):
    spec = "entity A { name: String(10) }\nentity B { a: A }\n"
    assert [d.code for d in emit_diagnostics(spec).sorted()] == []


def test_the_label_of_a_row_is_not_an_enum(emit):
    models = emit(SPEC)["shop/models.py"]
    assert "return str(self.code)" in models or "return self.code" in models
