"""`djsc build` end to end with a tiny fake backend: safe regeneration and its flags."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from djsc import backends, cli
from djsc.backends.base import Backend, EmittedFile, Ownership
from djsc.diagnostics import codes
from djsc.emit.manifest import MANIFEST_PATH, read_manifest

SPEC = 'app shop { title "Shop" }\nentity Post {\n  title: String(200)\n}\n'
SPEC_TWO = SPEC + "entity Tag {\n  name: String(40)\n}\n"


class Models:
    """One module per entity (deliberately unformatted), a scaffold, a README."""

    name = "models"
    requires = ()

    def check(self, program, ctx) -> None:
        for entity in program.entities:
            if entity.name.text == "Forbidden":
                ctx.diagnostics.report(
                    codes.UNSUPPORTED_FEATURE.at(
                        entity.name.span, feature="`Forbidden`", backend="fake"
                    )
                )

    def prepare(self, program):
        return program

    def emit(self, program, ctx) -> Iterator[EmittedFile]:
        for entity in program.entities:
            names = ",".join(f"'{f.name.text}'" for f in entity.fields)
            path = PurePosixPath(ctx.project, f"{entity.name.text.lower()}.py")
            yield EmittedFile(path, f"FIELDS=[{names}]\n")
        hooks = PurePosixPath(ctx.project, "hooks.py")
        yield EmittedFile(hooks, "# your code\n", Ownership.SCAFFOLD)
        yield EmittedFile(PurePosixPath("README.md"), f"# {ctx.project} from {ctx.spec_name}\n")


FAKE = Backend("fake", (Models(),))


@pytest.fixture(autouse=True)
def fake_backend():
    backends.register(FAKE)
    yield
    backends.unregister("fake")


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "shop.djs"
    path.write_text(SPEC)
    return path


def build(spec: Path, out: Path, *flags: str) -> int:
    return cli.main(["build", str(spec), "-o", str(out), "--backend", "fake", *flags])


def snapshot(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def test_first_build_writes_formatted_files_and_manifest(spec, tmp_path, capsys):
    out = tmp_path / "out"
    assert build(spec, out) == 0
    assert (out / "shop" / "post.py").read_text() == 'FIELDS = ["title"]\n'
    manifest = read_manifest(out)
    assert manifest.backend == "fake" and manifest.spec == ("shop.djs",)
    assert manifest.files["shop/hooks.py"].ownership is Ownership.SCAFFOLD
    assert manifest.files["shop/post.py"].feature == "models"
    assert "create   shop/post.py" in capsys.readouterr().out


def test_same_spec_twice_writes_nothing_and_says_nothing(spec, tmp_path, capsys):
    out = tmp_path / "out"
    assert build(spec, out) == 0
    for path in out.rglob("*"):
        os.utime(path, (1, 1))
    capsys.readouterr()
    assert build(spec, out) == 0
    assert capsys.readouterr() == ("", "")
    assert all(p.stat().st_mtime == 1 for p in out.rglob("*") if p.is_file())


def test_edited_generated_file_survives_and_conflicts_until_forced(spec, tmp_path, capsys):
    out = tmp_path / "out"
    assert build(spec, out) == 0
    post = out / "shop" / "post.py"
    post.write_text("FIELDS = ['mine']\n")
    spec.write_text(SPEC.replace("title:", "heading:"))
    capsys.readouterr()

    assert build(spec, out) == 1
    err = capsys.readouterr().err
    assert "error[DJS0702]" in err and "post.py" in err
    assert post.read_text() == "FIELDS = ['mine']\n"
    assert (out / "shop" / "post.py.djsc-new").read_text() == 'FIELDS = ["heading"]\n'
    # Unrelated files were still brought up to date; the conflict persists.
    assert build(spec, out) == 1
    assert post.read_text() == "FIELDS = ['mine']\n"

    assert build(spec, out, "--force") == 0
    assert post.read_text() == 'FIELDS = ["heading"]\n'
    assert build(spec, out) == 0


def test_scaffold_files_are_never_touched_again(spec, tmp_path):
    out = tmp_path / "out"
    assert build(spec, out) == 0
    hooks = out / "shop" / "hooks.py"
    hooks.write_text("def my_hook(): ...\n")
    spec.write_text(SPEC_TWO)
    assert build(spec, out) == 0
    assert build(spec, out, "--force") == 0
    assert hooks.read_text() == "def my_hook(): ...\n"


def test_stale_files_are_deleted_unless_edited(spec, tmp_path, capsys):
    out = tmp_path / "out"
    spec.write_text(SPEC_TWO)
    assert build(spec, out) == 0
    spec.write_text(SPEC)
    capsys.readouterr()
    assert build(spec, out) == 0
    assert not (out / "shop" / "tag.py").exists()
    assert "delete   shop/tag.py" in capsys.readouterr().out

    spec.write_text(SPEC_TWO)
    assert build(spec, out) == 0
    (out / "shop" / "tag.py").write_text("# edited\n")
    spec.write_text(SPEC)
    capsys.readouterr()
    assert build(spec, out) == 0
    assert "warning[DJS0703]" in capsys.readouterr().err
    assert (out / "shop" / "tag.py").read_text() == "# edited\n"
    assert "shop/tag.py" not in read_manifest(out).files


def test_a_folder_not_written_by_djsc_is_refused_unless_forced(spec, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("my project\n")
    assert build(spec, out) == 1
    assert "error[DJS0701]" in capsys.readouterr().err
    assert snapshot(out) == {"README.md": b"my project\n"}

    assert build(spec, out, "--force") == 0
    assert (out / "README.md").read_text() == "# shop from shop.djs\n"
    assert read_manifest(out) is not None


def test_dry_run_prints_the_plan_and_writes_nothing(spec, tmp_path, capsys):
    out = tmp_path / "out"
    assert build(spec, out, "--dry-run") == 0
    assert not out.exists()
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["create   README.md", "create   shop/hooks.py", "create   shop/post.py"]

    assert build(spec, out) == 0
    before = snapshot(out)
    spec.write_text(SPEC_TWO)
    capsys.readouterr()
    assert build(spec, out, "--dry-run") == 0
    assert capsys.readouterr().out.splitlines() == ["create   shop/tag.py"]
    assert snapshot(out) == before


def test_check_exits_one_only_when_the_folder_is_stale(spec, tmp_path, capsys):
    out = tmp_path / "out"
    assert build(spec, out, "--check") == 1
    assert not out.exists()
    assert build(spec, out) == 0
    assert build(spec, out, "--check") == 0
    spec.write_text(SPEC_TWO)
    before = snapshot(out)
    capsys.readouterr()
    assert build(spec, out, "--check") == 1
    err = capsys.readouterr().err
    assert err.count("error[DJS0705]") == 1 and "tag.py" in err
    assert snapshot(out) == before


def test_two_builds_into_two_folders_are_byte_identical(spec, tmp_path):
    spec.write_text(SPEC_TWO)
    assert build(spec, tmp_path / "one") == 0
    assert build(spec, tmp_path / "two") == 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    assert MANIFEST_PATH in snapshot(tmp_path / "one")


def test_spec_or_feature_errors_write_nothing(spec, tmp_path, capsys):
    out = tmp_path / "out"
    spec.write_text("entity Post {\n  title: Strin\n")
    assert build(spec, out) == 1
    spec.write_text(SPEC + "entity Forbidden {\n  x: Int\n}\n")
    assert build(spec, out) == 1
    assert "error[DJS0801]" in capsys.readouterr().err
    assert not out.exists()


def test_unreadable_manifest_and_file_as_output_are_diagnostics(spec, tmp_path, capsys):
    out = tmp_path / "out"
    assert build(spec, out) == 0
    (out / MANIFEST_PATH).write_text("{")
    capsys.readouterr()
    assert build(spec, out) == 1
    assert "error[DJS0706]" in capsys.readouterr().err
    assert build(spec, tmp_path / "shop.djs") == 1
    assert "error[DJS0706]" in capsys.readouterr().err


def test_unknown_backend_is_a_usage_error(spec, tmp_path, capsys):
    code = cli.main(["build", str(spec), "-o", str(tmp_path / "o"), "--backend", "nope"])
    assert code == 2
    assert "no backend `nope`" in capsys.readouterr().err


def test_json_format_prints_plan_as_json_lines(spec, tmp_path, capsys):
    assert build(spec, tmp_path / "out", "--dry-run", "--format", "json") == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("{") and '"action": "create"' in first


BLOG = """app blog { title "Blog" }
entity Author {
  name: String(100) search
}
entity Post {
  title: String(200) search
  views: Int = 0 filter order
  timestamps
}
relation many_to_one Post.author -> Author.posts { on_delete cascade }
"""


@pytest.mark.e2e
def test_real_django_backend_builds_migrates_and_renames(tmp_path, capsys):
    import subprocess
    import sys

    spec, out = tmp_path / "blog.djs", tmp_path / "out"
    spec.write_text(BLOG)
    run = ["build", str(spec), "-o", str(out)]
    assert cli.main(run) == 0
    assert cli.main([*run[:2], "-o", str(tmp_path / "again")]) == 0
    assert snapshot(out) == snapshot(tmp_path / "again")
    migrations = out / "blog" / "migrations"
    assert sorted(p.name for p in migrations.glob("0*.py")) == ["0001_initial.py"]
    capsys.readouterr()
    assert cli.main(run) == 0
    assert capsys.readouterr() == ("", "")

    spec.write_text(
        BLOG.replace("title: String(200)", "headline: String(200) was title")
        .replace("entity Author {", "entity Writer was Author {")
        .replace("-> Author.posts", "-> Writer.posts")
    )
    assert cli.main(run) == 0
    added = sorted(p.name for p in migrations.glob("0*.py"))[1:]
    assert len(added) == 1
    text = (migrations / added[0]).read_text()
    assert "RenameModel" in text and "RenameField" in text
    assert "RemoveField" not in text and "DeleteModel" not in text
    # The user's hooks and mixins still carry Author's names: `manage.py check` says so
    # (E001) until they follow the rename, as a user does.
    from tests.e2e.services import follow_entity_rename

    follow_entity_rename(out, "Author", "Writer")
    check = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=out,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_check_against_a_folder_with_no_build_says_so_once(spec, tmp_path, capsys):
    spec.write_text(SPEC_TWO)
    assert build(spec, tmp_path / "out", "--check", "--color", "never") == 1
    err = capsys.readouterr().err
    assert err.count("error[DJS0705]") == 1
    assert "holds no djsc build yet" in err


def test_check_reports_an_edited_file_once_and_writes_no_new_version(spec, tmp_path, capsys):
    out = tmp_path / "out"
    assert build(spec, out) == 0
    (out / "shop" / "post.py").write_text("# mine\n")
    spec.write_text(SPEC.replace("title: String", "heading: String"))
    capsys.readouterr()
    assert build(spec, out, "--check", "--color", "never") == 1
    err = capsys.readouterr().err
    assert err.count("shop/post.py`") == 1, err
    assert ".djsc-new" not in err
    assert not (out / "shop" / "post.py.djsc-new").exists()


def test_build_is_a_library_call_that_prints_nothing(spec, tmp_path, capsys):
    from djsc.build import BuildOptions
    from djsc.build import build as run_build
    from djsc.pipeline import compile_files

    compilation = compile_files([str(spec)])
    result = run_build(compilation, FAKE, tmp_path / "out", str(spec), BuildOptions())
    assert result.ok and result.written
    assert [line["text"] for line in result.lines][:1] == ["create   README.md"]
    assert "shop/post.py" in result.tree
    assert capsys.readouterr() == ("", "")
