"""Headers, texts, settings, filter backends, cursor ordering and user-code homes."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "djsc_django_support_h", Path(__file__).with_name("support.py")
)
support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(support)

BIN = Path(sys.executable).parent
SPEC = """
app shop { title "Shop API"  pagination cursor { size 10 } }
entity Author { name: String(80) search  ordering name }
entity Order {
  code: String(20) unique
  placed: Date? order
  total: Int = 0 order
  ordering -placed
}
entity OrderLine { quantity: Int = 1  ordering -quantity }
relation many_to_one OrderLine.order -> Order.lines { on_delete cascade }
"""


def compact(text: str) -> str:
    return "".join(text.split())


def test_every_header_names_a_user_owned_file_that_exists() -> None:
    files, _ = support.emit_tree(SPEC, "shop.djs")
    scaffolds = {path for path, f in files.items() if f.ownership.value == "scaffold"}
    assert {
        "shop/hooks.py",
        "shop/model_mixins.py",
        "shop/serializer_hooks.py",
        "config/settings/custom.py",
        "shop/tests/conftest.py",
    } <= scaffolds
    named = set()
    for path, f in files.items():
        found = re.search(r"Put custom code in (\S+?)\.?(\s|$)", f.content)
        if f.ownership.value == "generated" and path.endswith(".py") and f.content:
            assert found, f"{path} has no header pointing at user code"
        if found:
            named.add(found.group(1))
            assert found.group(1) in scaffolds, f"{path} points at {found.group(1)}"
    assert "config/settings/local.py" not in named
    assert {"config/settings/custom.py", "shop/model_mixins.py"} <= named


def test_texts_have_no_doubled_words_and_right_articles(emit) -> None:
    files = emit(SPEC)
    assert "The Shop API." in files["config/settings/base.py"]
    assert "API API" not in files["config/settings/base.py"] + files["README.md"]
    views = files["shop/views.py"]
    assert '"author", "authors", "an author")' in views
    assert '"order line", "order lines", "an order line")' in views
    assert '"order", "orders", "an order")' in views and "a author" not in views
    assert "Create an author;" in files["shop/hooks.py"]


def test_search_filter_only_where_there_are_search_fields(emit) -> None:
    files = emit(SPEC)
    views = compact(files["shop/views.py"])
    author = views.split("classAuthorViewSet")[1].split("classOrderViewSet")[0]
    order = views.split("classOrderViewSet")[1].split("classOrderLineViewSet")[0]
    assert (
        "filter_backends=[DjangoFilterBackend,filters.OrderingFilter,FullTextSearchFilter]"
        in author
    )
    assert 'search_fields=["name"]' in author
    assert "filter_backends=[DjangoFilterBackend,filters.OrderingFilter]" in order
    assert "search_fields" not in order and "SearchFilter" not in order
    assert '"Author":("shop_author_name_fts",["name"])' in compact(files["shop/search.py"])
    assert "post_migrate.connect(create_search_indexes" in files["shop/apps.py"]
    plain = emit("entity Tag { label: String(20) }")
    assert "shop/search.py" not in plain and "FullTextSearchFilter" not in plain["shop/views.py"]
    assert "post_migrate" not in plain["shop/apps.py"]


def test_cursor_lists_use_the_spec_ordering_when_it_can_be_a_cursor(emit) -> None:
    views = compact(emit(SPEC)["shop/views.py"])
    author = views.split("classAuthorViewSet")[1].split("classOrderViewSet")[0]
    order = views.split("classOrderViewSet")[1].split("classOrderLineViewSet")[0]
    line = views.split("classOrderLineViewSet")[1]
    assert 'ordering=["name","id"]' in author
    # `quantity` is not unique: the primary key breaks ties, in the same direction
    assert 'ordering=["-quantity","-id"]' in line
    # `placed` is optional: not a cursor key, not offered to ?ordering=
    assert 'ordering=["-id"]' in order and 'ordering_fields=["id","total"]' in order
    paged = compact(emit(SPEC.replace("cursor", "page"))["shop/views.py"])
    order = paged.split("classOrderViewSet")[1].split("classOrderLineViewSet")[0]
    assert 'ordering_fields=["id","placed","total"]' in order
    assert 'ordering=["-placed","id"]' in order


def test_dropped_cursor_ordering_is_a_warning(emit_diagnostics) -> None:
    found = [d for d in emit_diagnostics(SPEC).sorted() if d.code == "DJS0802"]
    assert [d.severity.value for d in found] == ["warning", "warning"]
    messages = sorted(d.message for d in found)
    assert "cursor pagination of `Order` cannot order by `placed`; `?ordering=`" in messages[0]
    assert "the list is ordered newest first (`-id`) instead" in messages[1]
    assert all(d.help and "pagination page" in d.help for d in found)
    assert not [
        d for d in emit_diagnostics(SPEC.replace("cursor", "page")).sorted() if d.code == "DJS0802"
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hygiene")
    spec = root / "shop.djs"
    spec.write_text(SPEC, encoding="utf-8")
    out = root / "out"
    done = subprocess.run(
        [str(BIN / "djsc"), "build", str(spec), "-o", str(out), "--allow-unenforced-access"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return out


def project_python(out: Path, code: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    environ.pop("DATABASE_URL", None)
    environ.update(DJANGO_SETTINGS_MODULE="config.settings.test", **env)
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=out,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_dotenv_is_read_without_overriding_the_environment(built: Path) -> None:
    (built / ".env").write_text(
        "# comment\nexport DJANGO_ALLOWED_HOSTS='example.org'\nREDIS_URL=\nSHOP_MARKER=from-file\n"
        "SHOP_REAL=from-file\n",
        encoding="utf-8",
    )
    try:
        out = project_python(
            built,
            "import os; from config.settings import local as s; "
            "print(s.ALLOWED_HOSTS, os.environ['SHOP_MARKER'], os.environ['SHOP_REAL'], "
            "repr(os.environ.get('REDIS_URL')))",
            SHOP_REAL="from-env",
        )
    finally:
        (built / ".env").unlink()
    assert out == "['example.org'] from-file from-env None"


def test_custom_settings_override_the_generated_ones(built: Path) -> None:
    custom = built / "config/settings/custom.py"
    original = custom.read_text(encoding="utf-8")
    custom.write_text(
        original + "\nfrom .base import INSTALLED_APPS\n\n"
        'INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.humanize"]\nPAGE_MARK = 7\n',
        encoding="utf-8",
    )
    try:
        out = project_python(
            built,
            "from django.conf import settings; import django; django.setup(); "
            "print(settings.INSTALLED_APPS[-1], settings.PAGE_MARK)",
        )
    finally:
        custom.write_text(original, encoding="utf-8")
    assert out == "django.contrib.humanize 7"


def test_model_mixins_and_serializer_hooks_are_used(built: Path) -> None:
    mixins = built / "shop/model_mixins.py"
    hooks = built / "shop/serializer_hooks.py"
    saved = mixins.read_text(encoding="utf-8"), hooks.read_text(encoding="utf-8")
    assert "class AuthorMixin(models.Model):" in saved[0]
    assert "def validate_order_line(attrs, serializer):" in saved[1]
    mixins.write_text(
        saved[0]
        .replace(
            '    """Methods and properties of Author."""\n',
            '    """Methods and properties of Author."""\n\n'
            "    def shout(self):\n        return self.name.upper()\n",
        )
        .replace(
            '    """Query methods of Author: `Author.objects.<method>()`."""\n',
            '    """Query methods of Author: `Author.objects.<method>()`."""\n\n'
            "    def named(self, name):\n        return self.filter(name=name)\n",
        ),
        encoding="utf-8",
    )
    hooks.write_text(
        saved[1].replace(
            "def validate_author(attrs, serializer):\n",
            "def validate_author(attrs, serializer):\n"
            "    if attrs.get('name') == 'nobody':\n"
            "        from rest_framework import serializers\n"
            "        raise serializers.ValidationError({'name': 'not nobody'})\n",
        ),
        encoding="utf-8",
    )
    try:
        out = project_python(
            built,
            "import django; django.setup()\n"
            "from shop.models import Author\n"
            "from shop.serializers import AuthorSerializer\n"
            "a = Author(name='ann')\n"
            "bad = AuthorSerializer(data={'name': 'nobody'})\n"
            "ok = AuthorSerializer(data={'name': 'bob'})\n"
            "print(a.shout(), str(Author.objects.named('x').query).count('WHERE'), "
            "bad.is_valid(), dict(bad.errors), ok.is_valid())",
        )
    finally:
        mixins.write_text(saved[0], encoding="utf-8")
        hooks.write_text(saved[1], encoding="utf-8")
    assert out == "ANN 1 False {'name': [ErrorDetail(string='not nobody', code='invalid')]} True"
    # Without the user's classes and functions the project still loads (entities added later).
    mixins.write_text('"""Emptied by the user."""\n', encoding="utf-8")
    hooks.write_text('"""Emptied by the user."""\n', encoding="utf-8")
    try:
        out = project_python(
            built,
            "import django; django.setup()\nfrom shop.models import Order\n"
            "from shop.serializers import OrderSerializer\n"
            "print(Order.__mro__[1].__name__, Order.objects.none().exists(), "
            "OrderSerializer.Meta.validate_hook({'a': 1}, None))",
        )
    finally:
        mixins.write_text(saved[0], encoding="utf-8")
        hooks.write_text(saved[1], encoding="utf-8")
    assert out == "NoMixin False {'a': 1}"


def test_pyproject_builds_a_wheel_of_the_packages_only(built: Path, tmp_path: Path) -> None:
    pyproject = (built / "pyproject.toml").read_text(encoding="utf-8")
    assert 'build-backend = "setuptools.build_meta"' in pyproject
    assert 'include = ["config*", "shop*"]' in pyproject
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            ".",
        ],
        cwd=built,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"config", "shop"}
    assert "shop/models.py" in names and "config/settings/base.py" in names
