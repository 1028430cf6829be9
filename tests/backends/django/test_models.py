"""The models feature: fields, validators, enums, Meta, relations, soft delete."""

from __future__ import annotations

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
    models = emit(SPEC)["shop/models.py"]
    assert "name = models.CharField(" in models and "MinLengthValidator(2)" in models
    assert 'help_text="Shown in lists."' in models
    assert "unique=True" in models
    assert "RegexValidator(" in models and "^[A-Z]{3}[0-9]+$" in models
    assert 'MinValueValidator(Decimal("0"))' in models
    assert "MaxValueValidator(1000)" in models
    assert "notes = models.TextField(null=True, blank=True)" in models


def test_enums_become_text_choices(emit) -> None:
    models = emit(SPEC)["shop/models.py"]
    assert "class Status(models.TextChoices):" in models
    assert 'DRAFT = "draft", "Draft"' in models
    assert "choices=Status.choices" in models and "default=Status.DRAFT" in models


def test_meta_has_ordering_indexes_and_constraints(emit) -> None:
    models = emit(SPEC)["shop/models.py"]
    assert 'ordering = ["-stock", "id"]' in models
    assert 'fields=["name", "stock"]' in models
    assert 'models.UniqueConstraint(fields=["name", "status"]' in models
    assert "models.CheckConstraint(" in models
    assert 'condition=(models.Q(price__gte=Decimal("0"))) & (models.Q(stock__lte=1000))' in models
    assert 'violation_error_message="bad numbers"' in models


def test_index_names_fit_djangos_limit(emit) -> None:
    import re

    models = emit(SPEC)["shop/models.py"]
    names = re.findall(
        r'models\.Index\(fields=\[[^]]*\], name="([^"]+)"\)', models.replace("\n", " ")
    )
    assert names and all(len(n) <= 30 for n in names)


def compact(text: str) -> str:
    return "".join(text.split())


def test_relations_become_fk_m2m_and_user_fk(emit) -> None:
    models = compact(emit(SPEC)["shop/models.py"])
    for expected in (
        'category=models.ForeignKey("Category",on_delete=models.SET_NULL,'
        'related_name="products",null=True,blank=True',
        'related=models.ManyToManyField("self",symmetrical=False,related_name="related_to"',
        'parent=models.ForeignKey("self",on_delete=models.CASCADE,related_name="children"',
        "owner=models.ForeignKey(settings.AUTH_USER_MODEL,on_delete=models.PROTECT",
    ):
        assert expected in models


def test_soft_delete_hides_rows_and_str_uses_first_string(emit) -> None:
    models = emit(SPEC)["shop/models.py"]
    assert "objects = NotDeletedManager.from_queryset(soft_queryset_of(" in models
    assert "self.deleted_at = timezone.now()" in models
    assert "count = self.update(deleted_at=timezone.now())" in models  # bulk deletes too
    assert "return self.name" in models
    assert 'return f"Review #{self.pk}"' in models


def test_check_over_a_relation_is_a_diagnostic(emit_diagnostics) -> None:
    spec = """
    entity A { n: Int  m: Int  check n + m > 0 }
    """
    codes = [d.code for d in emit_diagnostics(spec).sorted()]
    assert "DJS0801" in codes


def test_output_is_deterministic(emit) -> None:
    assert emit(SPEC) == emit(SPEC)
