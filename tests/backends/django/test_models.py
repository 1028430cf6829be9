"""The models feature: fields, validators, enums, Meta, relations, soft delete."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("djsc_pyast", Path(__file__).with_name("pyast.py"))
pyast = importlib.util.module_from_spec(_spec)
sys.modules["djsc_pyast"] = pyast  # dataclasses look their module up there
_spec.loader.exec_module(pyast)
CallView, assignments, classes, fields, meta, method, view = (
    pyast.CallView,
    pyast.assignments,
    pyast.classes,
    pyast.fields,
    pyast.meta,
    pyast.method,
    pyast.view,
)

SPEC = """
enum Status { draft  live }
/// A thing for sale.
entity Product {
  /// Shown in lists.
  name: String(80) length(2) search
  sku: String(12) unique pattern("^[A-Z]{3}[0-9]+$")
  price: Decimal(10, 2) min(0)
  stock: Int = 0 max(1000) filter order
  status: Status = draft filter
  notes: Text?
  index (name, stock)
  unique (name, status)
  check price >= 0 and stock <= 1000 else "bad numbers"
  ordering -stock
  soft_delete
  timestamps
}
entity Category { title: String(50) }
relation many_to_one Product.category? -> Category.products
relation many_to_many Product.related -> Product.related_to
relation many_to_one Category.parent? -> Category.children { on_delete cascade }
entity Review { owner: User  body: Text }
"""


def test_scalar_fields_carry_their_validators(emit) -> None:
    f = fields(emit(SPEC)["shop/models.py"], "Product")
    assert f["name"].func == "models.CharField"
    assert f["name"].kwargs["max_length"] == "80"
    assert f["name"].kwargs["validators"] == "[MinLengthValidator(2)]"
    assert f["name"].kwargs["help_text"] == "'Shown in lists.'"
    # Product is soft-deleted: `sku` is unique among live rows, by a constraint.
    assert "unique" not in f["sku"].kwargs
    assert f["sku"].kwargs["validators"].startswith("[RegexValidator('^[A-Z]{3}[0-9]+$'")
    assert f["price"].kwargs["validators"] == "[MinValueValidator(Decimal('0'))]"
    assert f["stock"].kwargs == {"default": "0", "validators": "[MaxValueValidator(1000)]"}
    assert f["notes"] == CallView("models.TextField", (), {"null": "True", "blank": "True"})


def test_enums_become_text_choices(emit) -> None:
    models = emit(SPEC)["shop/models.py"]
    status = classes(models)["Status"]
    assert [ast.unparse(b) for b in status.bases] == ["models.TextChoices"]
    assert ast.unparse(assignments(status)["DRAFT"]) == "('draft', 'Draft')"
    field = fields(models, "Product")["status"]
    assert field.kwargs["choices"] == "Status.choices"
    assert field.kwargs["default"] == "Status.DRAFT"


def test_meta_has_ordering_indexes_and_constraints(emit) -> None:
    m = meta(emit(SPEC)["shop/models.py"], "Product")
    assert ast.literal_eval(m["ordering"]) == ["-stock", "id"]
    indexes = [view(i) for i in m["indexes"].elts]
    assert "['name', 'stock']" in [i.kwargs["fields"] for i in indexes]
    sku, unique, check = (view(c) for c in m["constraints"].elts)
    # Product is soft-deleted: its unique values count live rows only.
    assert sku.func == unique.func == "models.UniqueConstraint"
    assert sku.kwargs["fields"] == "['sku']"
    assert unique.kwargs["fields"] == "['name', 'status']"
    assert (
        sku.kwargs["condition"]
        == unique.kwargs["condition"]
        == ("models.Q(deleted_at__isnull=True)")
    )
    assert unique.kwargs["violation_error_code"] == "'unique'"
    assert check.func == "models.CheckConstraint"
    assert check.kwargs["condition"] == (
        "models.Q(price__gte=Decimal('0')) & models.Q(stock__lte=1000)"
    )
    assert check.kwargs["violation_error_message"] == "'bad numbers'"


def test_index_names_fit_djangos_limit(emit) -> None:
    m = meta(emit(SPEC)["shop/models.py"], "Product")
    names = [ast.literal_eval(view(i).kwargs["name"]) for i in m["indexes"].elts]
    assert names and all(len(n) <= 30 for n in names)


def test_relations_become_fk_m2m_and_user_fk(emit) -> None:
    models = emit(SPEC)["shop/models.py"]
    product, category = fields(models, "Product"), fields(models, "Category")
    assert product["category"] == CallView(
        "models.ForeignKey",
        ("'Category'",),
        {
            "on_delete": "models.SET_NULL",
            "related_name": "'products'",
            "null": "True",
            "blank": "True",
        },
    )
    assert product["related"].args == ("'self'",)
    assert product["related"].kwargs["symmetrical"] == "False"
    assert product["related"].kwargs["related_name"] == "'related_to'"
    assert category["parent"].kwargs["on_delete"] == "models.CASCADE"
    assert category["parent"].kwargs["related_name"] == "'children'"
    owner = fields(models, "Review")["owner"]
    assert owner.args == ("settings.AUTH_USER_MODEL",)
    assert owner.kwargs["on_delete"] == "models.PROTECT"


def test_soft_delete_hides_rows_and_str_uses_first_string(emit) -> None:
    models = emit(SPEC)["shop/models.py"]
    managers = fields(models, "Product")
    assert managers["objects"].func == "NotDeletedManager.from_queryset(ProductSoftDeleteQuerySet)"
    assert "self.deleted_at = timezone.now()" in method(models, "Product", "delete")
    # bulk deletes too: the queryset's delete marks rows instead of removing them
    assert "count = self.update(deleted_at=timezone.now())" in models
    assert method(models, "Product", "__str__").endswith("return self.name")
    assert method(models, "Review", "__str__").endswith("return f'Review #{self.pk}'")


def test_a_check_no_database_can_hold_is_a_diagnostic(emit_diagnostics) -> None:
    spec = """
    entity A { n: Int  check true }
    """
    codes = [d.code for d in emit_diagnostics(spec).sorted()]
    assert "DJS0801" in codes


def test_output_is_deterministic(emit) -> None:
    assert emit(SPEC) == emit(SPEC)
