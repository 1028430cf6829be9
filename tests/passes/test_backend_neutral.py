"""The front end knows no backend: what one framework reserves is that backend's check.

A spec full of names Django gives a meaning to compiles cleanly without any backend
loaded, so a second backend starts from the same neutral, lowered program.  The
Django backend's `django_rules` feature refuses them (tests/backends/django/
test_django_rules.py).
"""

from __future__ import annotations

import subprocess
import sys

DJANGO_NAMES = """
enum Grade { label  value  choices }
entity Author { name: String(100) }
entity Post {
  pk: Int
  objects: JSON
  meta__data: JSON?
  slug_: Slug
  grade: Grade
  author: Author
  author_id: Int
}
relation one_to_one Author.account -> User.password
"""

PROBE = f"""
import sys
from djsc.pipeline import compile_source
compilation = compile_source({DJANGO_NAMES!r})
print([d.code for d in compilation.diagnostics])
print(sorted(m for m in sys.modules if m.startswith(("djsc.backends", "django"))))
"""


def test_the_front_end_accepts_django_names_without_loading_a_backend():
    # A fresh interpreter: the test session itself has loaded every backend.
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.splitlines() == ["[]", "[]"], result.stdout + result.stderr
