"""What a reviewer asked of the generated code: written once, explicit, loud on mistakes.

The static half reads emitted trees in memory.  The other half builds
`specs/herbarium.djs` once (a taxonomy tree, soft-deleted specimens with photos and
boolean defaults), runs `quality/herbarium_checks.py` inside it with the project's own
pytest, and reports each of its tests here by name; then it misspells a hook and
expects `manage.py check` to fail.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.backends.django import support
from tests.e2e.services import EXAMPLES, build, project_env, run

HERE = Path(__file__).parent
SPEC = HERE / "specs" / "herbarium.djs"
PROBES = HERE / "quality" / "herbarium_checks.py"
# The generated modules that used to look classes and hooks up dynamically.
EXPLICIT = ("models.py", "views.py", "core.py", "serializers.py", "admin.py")


def emitted(spec: Path) -> dict[str, str]:
    files, _ = support.emit_tree(spec.read_text(encoding="utf-8"), str(spec))
    return {path: f.content for path, f in files.items()}


@pytest.fixture(scope="module")
def herbarium_files() -> dict[str, str]:
    return emitted(SPEC)


@pytest.mark.parametrize("spec", [*EXAMPLES, SPEC], ids=lambda p: p.stem)
def test_no_class_is_made_or_looked_up_dynamically(spec):
    files = emitted(spec)
    app = next(p.split("/")[0] for p in files if p.endswith("/models.py"))
    for name in EXPLICIT:
        code = files[f"{app}/{name}"]
        assert "getattr(" not in code, name
        assert not re.search(r"\btype\(", code), name


def test_viewsets_inherit_one_base_and_repeat_nothing(herbarium_files):
    views = herbarium_files["herbarium/views.py"]
    core = herbarium_files["herbarium/core.py"]
    assert "def " not in views  # every method lives in core.EntityViewSet
    assert "extend_schema" not in views  # the summaries and answers: core.documented()
    bases = re.findall(r"^class \w+ViewSet\((.*)\):", views, flags=re.M)
    assert bases == ["EntityViewSet", "EntityViewSet"]
    assert core.count("class EntityViewSet(viewsets.ModelViewSet)") == 1
    serializers = herbarium_files["herbarium/serializers.py"]
    assert serializers.count("def validate(self, attrs)") == 1  # EntitySerializer's
    assert re.findall(r"^class (\w+)Serializer\(EntitySerializer\):", serializers, flags=re.M) == [
        "Taxon",
        "Specimen",
    ]


def test_user_code_names_are_listed_for_the_check(herbarium_files):
    user_code = herbarium_files["herbarium/user_code.py"]
    assert '"taxon_queryset"' in user_code and '"validate_specimen"' in user_code
    assert '"SpecimenQuerySet"' in user_code
    assert 'CHECK_ID = "herbarium.E001"' in user_code and "id=CHECK_ID" in user_code
    assert "checks.register(unknown_names)" in herbarium_files["herbarium/apps.py"]


def test_images_are_image_fields_and_need_pillow(herbarium_files):
    assert "photo = models.ImageField(" in herbarium_files["herbarium/models.py"]
    assert '"Pillow>=' in herbarium_files["pyproject.toml"]
    plain = emitted(EXAMPLES[0])  # bank: no Image field, no Pillow
    assert "Pillow" not in plain["pyproject.toml"]


def test_unique_values_of_soft_deleted_entities_count_live_rows(herbarium_files):
    models = "".join(herbarium_files["herbarium/models.py"].split())
    assert "code=models.CharField(max_length=20)" in models  # not unique=True
    assert (
        'models.UniqueConstraint(fields=["code"],name="herbarium_specimen_code_uniq",'
        'condition=models.Q(deleted_at__isnull=True),violation_error_code="unique"' in models
    )
    # Taxon is not soft-deleted: its group stays unconditional.
    assert 'fields=["parent","name"],name="herbarium_taxon_parent_name_uniq")' in models


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.stem)
def test_compiler_notes_stay_out_of_the_api_description(spec):
    # A `was` rename is the spec author's business, not the API client's.
    for path, code in emitted(spec).items():
        if path.endswith((".py", ".md")) and "/migrations/" not in path:
            assert "Renamed from" not in code, path
            assert "was called" not in code, path


def test_a_docs_comment_reaches_the_api_unchanged():
    files = emitted_text(
        'app zoo { title "Zoo" }\n/// A keeper.\nentity Keeper was Warden { name: String }\n'
    )
    assert '"""A keeper."""' in files["zoo/serializers.py"]
    assert "Warden" not in files["zoo/serializers.py"] + files["zoo/views.py"]


def emitted_text(text: str) -> dict[str, str]:
    files, _ = support.emit_tree(text, "zoo.djs")
    return {path: f.content for path, f in files.items()}


# ------------------------------------------------------------ the built project


@pytest.fixture(scope="module")
def herbarium(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("herbarium") / "out"
    build(SPEC, out)
    return out


@pytest.fixture(scope="module")
def probe_outcomes(herbarium) -> dict[str, str]:
    """Each probe's outcome (passed / failed / error) from one run of the project's pytest."""
    target = herbarium / "herbarium" / "tests" / "test_quality_probes.py"
    shutil.copyfile(PROBES, target)
    report = herbarium / "probes.xml"
    result = run_unchecked(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(target),
            f"--junitxml={report}",
        ],
        herbarium,
    )
    assert report.exists(), result.stdout[-4000:] + result.stderr[-4000:]
    outcomes = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        problem = next((x for x in case if x.tag in ("failure", "error", "skipped")), None)
        outcomes[case.get("name")] = (
            "passed" if problem is None else f"{problem.tag}: {problem.get('message', '')}"
        )
    return outcomes


def run_unchecked(args, cwd):
    """Run a command that may fail; the test reads its exit code and output."""
    return subprocess.run(
        args, cwd=cwd, env=project_env(), capture_output=True, text=True, timeout=300
    )


PROBE_NAMES = [
    "test_an_image_field_refuses_a_file_that_is_no_picture",
    "test_a_form_that_leaves_a_boolean_out_stores_its_default",
    "test_a_soft_deleted_row_frees_its_unique_value",
    "test_the_admin_lists_and_restores_soft_deleted_rows",
    "test_a_taxon_cannot_be_its_own_parent",
    "test_a_taxon_tree_cannot_form_a_cycle",
]


@pytest.mark.e2e
@pytest.mark.parametrize("probe", PROBE_NAMES)
def test_the_built_project_behaves(probe_outcomes, probe):
    assert probe_outcomes.get(probe) == "passed", probe_outcomes.get(probe, "did not run")


@pytest.mark.e2e
def test_a_misspelt_hook_fails_manage_py_check(herbarium, probe_outcomes):
    hooks = herbarium / "herbarium" / "hooks.py"
    original = hooks.read_text(encoding="utf-8")
    check = [sys.executable, "manage.py", "check"]
    run(check, herbarium)  # the scaffold as written passes
    try:
        hooks.write_text(
            original
            + "\n\ndef taxn_queryset(queryset, request):\n    return queryset.none()\n"
            + "\n\ndef _helper():\n    return None\n",
            encoding="utf-8",
        )
        result = run_unchecked(check, herbarium)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "(herbarium.E001) herbarium.hooks defines `taxn_queryset`" in result.stderr
        assert "Did you mean `taxon_queryset`?" in result.stderr
        assert "_helper" not in result.stderr
    finally:
        hooks.write_text(original, encoding="utf-8")
