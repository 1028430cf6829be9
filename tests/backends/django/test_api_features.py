"""Serializers, filters, views, pagination, admin, URLs and OpenAPI wiring."""

from __future__ import annotations

SPEC = """
app shop { title "Shop API"  pagination offset { size 30 } }
enum Status { draft  live }
entity Product {
  name: String(80) search
  price: Decimal(10, 2) filter order
  status: Status = draft filter
  published: DateTime? order
  timestamps
  pagination cursor { size 50 }
}
entity Category { title: String(50) }
entity Tag { label: String(20) unique }
relation many_to_one Product.category -> Category.products { on_delete cascade }
relation many_to_many Product.tags -> Tag.products
"""


def compact(text: str) -> str:
    return "".join(text.split())


def test_serializer_nests_on_read_and_writes_by_pk(emit) -> None:
    code = compact(emit(SPEC)["shop/serializers.py"])
    assert "category=CategorySummarySerializer(read_only=True)" in code
    assert (
        'category_id=serializers.PrimaryKeyRelatedField(source="category",'
        "queryset=Category.objects.all(),write_only=True)" in code
    )
    assert "tags=TagSummarySerializer(read_only=True,many=True)" in code
    assert 'tags_ids=serializers.PrimaryKeyRelatedField(source="tags"' in code
    assert 'read_only_fields=["id","created_at","updated_at"]' in code
    assert "classProductSerializer(EntitySerializer)" in code
    assert "returnvalidate_constraints(self.Meta.model,self.instance,attrs)" in code


def test_filterset_lookups_follow_field_kinds(emit) -> None:
    code = compact(emit(SPEC)["shop/filters.py"])
    assert (
        'fields={"price":["exact","gte","lte"],"status":["exact","in"],'
        '"category":["exact","in"],"tags":["exact","in"]}' in code
    )
    assert "classSafeFilterSet(filters.FilterSet)" in code
    assert "MAX_DB_INT=2**63-1" in code


def test_viewset_optimizes_queries_and_follows_the_rules(emit) -> None:
    files = emit(SPEC)
    code = compact(files["shop/views.py"])
    assert 'queryset=Product.objects.select_related("category").prefetch_related("tags")' in code
    assert "classProductViewSet(EntityViewSet)" in code
    assert "permission_classes=[rules.FollowsRules]" in compact(files["shop/core.py"])
    assert "access=rules.product_access" in code
    assert "filter(self.access.read(self.request.user))" in compact(files["shop/core.py"])
    assert "AllowAny" not in code
    # No rule in the spec: reads open, writes for signed-in users only.
    permissions = compact(files["shop/permissions.py"])
    assert 'defproduct_read(user):"""Read:anyone"""returnALL' in permissions
    assert (
        'defproduct_update(user):"""Update:authenticated"""returnwhen(user.is_authenticated)'
        in (permissions)
    )
    assert "product_create,product_update,product_delete,anonymous=[]," in permissions
    assert 'search_fields=["name"]' in code
    # cursor pages need non-null ordering keys: `published` is optional
    assert 'ordering_fields=["id","price","created_at"]' in code
    assert 'ordering=["-id"]' in code


def test_pagination_per_app_and_per_entity(emit) -> None:
    files = emit(SPEC)
    pagination = compact(files["shop/pagination.py"])
    assert "classDefaultPagination(StrictLimitOffsetPagination):default_limit=30" in pagination
    assert "classProductPagination(StrictCursorPagination):page_size=50" in pagination
    views = compact(files["shop/views.py"])
    assert "pagination_class=ProductPagination" in views
    assert "pagination_class=DefaultPagination" in views


def test_admin_has_search_autocomplete_and_inlines(emit) -> None:
    code = compact(emit(SPEC)["shop/admin.py"])
    assert "classProductCategoryInline(admin.TabularInline):model=Product" in code
    assert "inlines=[ProductCategoryInline]" in code
    assert 'autocomplete_fields=["category","tags"]' in code
    assert 'search_fields=["name"]' in code


def test_urls_mount_router_schema_and_docs(emit) -> None:
    files = emit(SPEC)
    assert (
        'router.register("products", views.ProductViewSet, basename="product")'
        in files["shop/urls.py"]
    )
    config = files["config/urls.py"]
    for path in ('"api/"', '"api/schema/"', '"api/docs/"', '"api/redoc/"'):
        assert f"path({path}" in config


def test_settings_are_env_driven_with_sqlite_default(emit) -> None:
    files = emit(SPEC)
    base = files["config/settings/base.py"]
    assert 'default="sqlite:///db.sqlite3"' in base
    assert '"transaction_mode": "IMMEDIATE"' in base
    assert 'TIME_ZONE = "UTC"' in base
    assert '"drf_spectacular_sidecar"' in base
    assert '"EXCEPTION_HANDLER": "config.errors.problem_exception_handler"' in base
    assert '"SWAGGER_UI_DIST": "SIDECAR"' in base
    assert "ImproperlyConfigured" in files["config/settings/production.py"]
    assert "MD5PasswordHasher" in files["config/settings/test.py"]


def test_project_files_and_dependency_ranges(emit) -> None:
    files = emit(SPEC)
    for path in ("manage.py", ".env.example", "config/asgi.py", "config/wsgi.py", "conftest.py"):
        assert path in files
    pyproject = files["pyproject.toml"]
    assert '"Django>=5.2,<5.3"' in pyproject
    assert 'DJANGO_SETTINGS_MODULE = "config.settings.test"' in pyproject
    assert files["shop/migrations/__init__.py"] == ""


def test_every_generated_python_file_has_the_header(emit) -> None:
    for path, content in emit(SPEC).items():
        # Scaffolds (the user's modules) carry no "do not edit" header.
        scaffolds = {"shop/hooks.py", "shop/model_mixins.py", "shop/serializer_hooks.py"}
        scaffolds |= {"config/settings/custom.py", "shop/tests/conftest.py"}
        if path.endswith(".py") and content and path not in scaffolds:
            assert "Generated by djsc" in content.splitlines()[0] + content.splitlines()[1], path


def test_hooks_module_is_a_scaffold(emit) -> None:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "support_for_hooks", Path(__file__).with_name("support.py")
    )
    support = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(support)
    files, _ = support.emit_tree(SPEC, "shop.djs")
    assert files["shop/hooks.py"].ownership.value == "scaffold"
    assert "def product_queryset(queryset, request):" in files["shop/hooks.py"].content


def test_readme_lists_endpoints(emit) -> None:
    readme = emit(SPEC)["README.md"]
    assert "| Product | `/api/products/`" in readme
    assert "`price__gte`" in readme
    assert "cursor, 50 per page" in readme


def test_generated_tests_cover_filters_search_ordering_and_query_counts(emit) -> None:
    api = emit(SPEC)["shop/tests/test_api.py"]
    assert "def test_filter_price_gte(" in api
    assert "def test_filter_tags(" in api
    assert "def test_huge_ids_in_filters_are_a_400(" in api
    assert "def test_search(" in api
    assert "def test_ordering(" in api
    assert "def test_list_queries_do_not_grow_with_page_size(" in api
    assert "create_batch(51)" in api
