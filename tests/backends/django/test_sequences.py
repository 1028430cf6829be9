"""`reference: String(20) = sequence("PO-{:05}")`: human-readable numbers (issue 7).

The checks accept a numbering format only on a required `String` with room for a
six-digit number; the model numbers a row in `save()` from a counter row that the
update locks, so concurrent saves on PostgreSQL never share a number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from djsc.pipeline import compile_source

SPEC = """
app shop { title "Shop" }
entity Order {
  reference: String(20) = sequence("PO-{:05}")
  note: String(40)?
}
entity Invoice { number: String(12) = sequence("{:06}") }
"""


def errors(text: str) -> list[tuple[str, str]]:
    compilation = compile_source(text, "shop.djs")
    return [(d.code, d.primary.message) for d in compilation.diagnostics.sorted() if d.is_error]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ('n: String(5) = sequence("X-{:05}")', "a 6-digit number would not fit in 5 characters"),
        ('n: String(20) = sequence("X")', "it needs exactly one `{}` for the number"),
        ('n: String(20) = sequence("{x}")', "the placeholder may only give a width, like `{:05}`"),
        ('n: Int = sequence("{}")', "a `Int` field cannot be numbered"),
        ('n: String(20)? = sequence("{}")', "an optional field cannot be numbered"),
        ("n: String(20) = sequence(5)", "it takes one string, the format"),
    ],
)
def test_a_numbering_needs_a_required_string_and_a_format(field: str, message: str) -> None:
    assert errors(f'app a {{ title "A" }}\nentity E {{ {field} }}') == [("DJS0202", message)]


def test_the_model_numbers_rows_in_save(emit) -> None:
    files = emit(SPEC, "shop.djs")
    models = files["shop/models.py"]
    assert "reference = models.CharField(max_length=20, unique=True, editable=False)" in models
    assert 'self.reference = "PO-{:05}".format(next_number("shop.Order.reference"))' in models
    assert "from django.db import models, transaction" in models
    assert 'expected = ["PO-00001", "PO-00002"]' in files["shop/tests/test_models.py"]
    assert '"reference"' not in files["shop/tests/factories.py"]


CONCURRENT = """
import threading
from django.db import connection
from {app}.models import Order

def make(n):
    try:
        for _ in range(n):
            Order.objects.create()
    finally:
        connection.close()

threads = [threading.Thread(target=make, args=(10,)) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
refs = list(Order.objects.values_list("reference", flat=True))
print(len(refs), len(set(refs)), max(refs))
"""


@pytest.mark.e2e
def test_concurrent_saves_never_share_a_number_on_postgres(
    tmp_path: Path, build_and_gate, e2e_services
) -> None:
    out = build_and_gate(SPEC, tmp_path, "shop")
    s = e2e_services
    with s.fresh_database("djsc_seq") as name:
        env = s.project_env("test", f"{s.POSTGRES_URL}/{name}")
        s.manage(out, "migrate", "--noinput", env=env)
        printed = s.django_shell(out, CONCURRENT.format(app="shop"), env).split()
        assert printed == ["80", "80", "PO-00080"]
