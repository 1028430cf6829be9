"""Small language gaps new users hit (issue 7): each documented and generated.

- `Decimal` without arguments is `Decimal(12, 2)` (it was DJS0201);
- `nobody` is a permission, beside `anyone` and `authenticated` (users wrote
  `not anyone`);
- `Time`, `Date` and `DateTime` defaults are ISO 8601 text and reach the model as
  typed values (a `TimeField(default="09:00")` held a string until saved), a
  `DateTime` without an offset being UTC.
"""

from __future__ import annotations

import ast

import pytest

from djsc.pipeline import compile_source


def errors(text: str) -> list[str]:
    compilation = compile_source(text, "spec.djs")
    return [d.code for d in compilation.diagnostics.sorted() if d.is_error]


def model_kwargs(files: dict[str, str], app: str, model: str) -> dict[str, dict[str, str]]:
    tree = ast.parse(files[f"{app}/models.py"])
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == model)
    out = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            out[stmt.targets[0].id] = {  # type: ignore[attr-defined]
                k.arg: ast.unparse(k.value) for k in stmt.value.keywords
            }
    return out


def test_a_decimal_without_arguments_has_the_documented_precision(emit) -> None:
    spec = 'app a { title "A" }\nentity Price { amount: Decimal  rate: Decimal(8, 4) }'
    fields = model_kwargs(emit(spec, "a.djs"), "a", "Price")
    assert fields["amount"] == {"max_digits": "12", "decimal_places": "2"}
    assert fields["rate"] == {"max_digits": "8", "decimal_places": "4"}
    assert errors('app a { title "A" }\nentity P { x: Decimal(12) }') == ["DJS0201"]


def test_nobody_is_a_permission() -> None:
    assert errors('app a { title "A" }\nentity P { n: Int\n allow delete: nobody }') == []
    assert errors('app a { title "A" }\nentity P { n: Int\n allow delete: nobdy }') == ["DJS0110"]


def test_temporal_defaults_are_typed_values(emit) -> None:
    spec = """app a { title "A" }
entity Shift {
  opens: Time = "09:00"
  day: Date = "2024-02-03"
  starts: DateTime = "2024-02-03T10:00"
  local: DateTime = "2024-02-03T10:00+02:00"
}"""
    fields = model_kwargs(emit(spec, "a.djs"), "a", "Shift")
    assert fields["opens"]["default"] == "datetime.time(9, 0)"
    assert fields["day"]["default"] == "datetime.date(2024, 2, 3)"
    assert (
        fields["starts"]["default"] == "datetime.datetime(2024, 2, 3, 10, 0, tzinfo=datetime.UTC)"
    )
    assert fields["local"]["default"] == (
        "datetime.datetime(2024, 2, 3, 10, 0, "
        "tzinfo=datetime.timezone(datetime.timedelta(seconds=7200)))"
    )


DISPLAY = """app staff { title "Staff" }
enum Level { junior senior }
entity Employee {
  email: Email unique
  login: String(30) unique
  display login
}
entity Badge {
  number: Int unique
  display number
}
entity Desk {
  label: String(10)?
  level: Level
  display label
}
"""


def str_body(files: dict[str, str], model: str) -> str:
    tree = ast.parse(files["staff/models.py"])
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == model)
    method = next(n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__str__")
    return ast.unparse(method.body[-1])


def test_display_names_the_label_of_a_row(emit) -> None:
    files = emit(DISPLAY, "staff.djs")
    # without `display`, the first required short text would label it: the email
    assert str_body(files, "Employee") == "return self.login"
    assert str_body(files, "Badge") == "return str(self.number)"
    assert str_body(files, "Desk") == (
        "return str(self.label) if self.label is not None else f'Desk #{self.pk}'"
    )
    summaries = files["staff/serializers.py"]
    assert 'fields = ["id", "number"]' in summaries
    assert 'search_fields = ["login"]' in files["staff/admin.py"]


def test_display_must_name_an_own_value() -> None:
    base = 'app a { title "A" }\nentity Team { name: String(20) }\n'
    assert errors(base + "entity P { title: String(9)\n display titel }") == ["DJS0106"]
    assert errors(base + "entity P { team: Team\n display team }") == ["DJS0602"]


def test_path_is_the_url_segment(emit, emit_diagnostics) -> None:
    spec = 'app a { title "A" }\nentity Points { n: Int\n path "points" }\nentity Quiz { n: Int }'
    urls = emit(spec, "a.djs")["a/urls.py"]
    assert 'router.register("points", views.PointsViewSet' in urls
    assert 'router.register("quizzes", views.QuizViewSet' in urls


@pytest.mark.parametrize(
    ("option", "label"),
    [
        ('path "Stock Items"', "not one URL segment"),
        ('path "schema"', "`the OpenAPI document` has it already"),
        ('path "quizzes"', "`Quiz` has it already"),
        ('plural "docs"', "`Swagger UI` has it already"),
    ],
)
def test_a_path_must_be_a_free_segment(emit_diagnostics, option: str, label: str) -> None:
    spec = f'app a {{ title "A" }}\nentity Quiz {{ n: Int }}\nentity Points {{ n: Int\n {option} }}'
    (found,) = [d for d in emit_diagnostics(spec, "a.djs").sorted() if d.code == "DJS0801"]
    assert found.primary.message == label
