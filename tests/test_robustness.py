"""No input makes djsc raise: every outcome is diagnostics that point into the file.

Property tests feed random text and bytes, mutated real specs and pathological
shapes (deep nesting, huge names, huge files) through the pipeline and the CLI.
Hypothesis is derandomized so CI sees the same examples on every run.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from djsc import cli
from djsc.diagnostics.codes import REGISTRY
from djsc.diagnostics.lsp import to_lsp
from djsc.diagnostics.render import render, to_json
from djsc.pipeline import compile_files, compile_source

ROOT = Path(__file__).parent.parent
SPECS = [ROOT / "tests" / "fixtures" / "sample.djs", *sorted((ROOT / "examples").glob("*.djs"))]
TEXTS = [p.read_text(encoding="utf-8") for p in SPECS]
TOKEN = re.compile(r'"(?:\\.|[^"\\\n])*"|//[^\n]*|[A-Za-z_][A-Za-z0-9_]*|[0-9]+|\s+|->|\?\?|.')
TOKENS = [tok for text in TEXTS for tok in TOKEN.findall(text)]
WORDS = sorted({t for t in TOKENS if t.strip()})

# The CLI raises the limit on first use; doing it up front keeps hypothesis from
# warning that the limit changed under it.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

FAST = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_compilation(compilation) -> None:
    """Every diagnostic has a registered code, a span inside its file, and renders."""
    for diag in compilation.diagnostics:
        assert diag.code in REGISTRY, diag
        span = diag.primary.span
        source = compilation.sources.get(span.file)
        assert source is not None, f"{diag.code} points at unknown file {span.file!r}"
        assert 0 <= span.start <= span.end <= len(source.text), (diag, len(source.text))
        assert render(diag, compilation.sources)
        assert to_json(diag, compilation.sources)
        assert to_lsp(diag, compilation.sources)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv)
    return status, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------- random input

random_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS + [" ", "\n", "{", "}", "(", ")", '"', "/*"]), max_size=80).map(
        " ".join
    ),
)


@settings(FAST, max_examples=700)
@given(random_text)
def test_random_text_never_raises(text: str) -> None:
    check_compilation(compile_source(text))


@settings(FAST, max_examples=200)
@given(st.binary(max_size=300))
def test_random_bytes_through_the_loader(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "spec.djs"
    path.write_bytes(data)
    check_compilation(compile_files([str(path)]))


# ---------------------------------------------------------------- mutated specs


@st.composite
def mutated_spec(draw) -> str:
    tokens = TOKEN.findall(draw(st.sampled_from(TEXTS)))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(tokens) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "replace"]))
        if action == "delete":
            del tokens[i]
        elif action == "duplicate":
            tokens.insert(i, tokens[i])
        elif action == "swap":
            j = draw(st.integers(0, len(tokens) - 1))
            tokens[i], tokens[j] = tokens[j], tokens[i]
        else:
            tokens[i] = draw(st.sampled_from(WORDS))
    return "".join(tokens)


@settings(FAST, max_examples=1000)
@given(mutated_spec())
def test_mutated_specs_never_raise(text: str) -> None:
    check_compilation(compile_source(text))


@settings(FAST, max_examples=150)
@given(mutated_spec())
def test_cli_check_on_mutated_specs(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("cli") / "spec.djs"
    path.write_text(text, encoding="utf-8")
    status, _, err = run_cli(["check", str(path)])
    assert status in (0, 1), err
    assert "Traceback" not in err and "internal compiler error" not in err


NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
NAMES = [w for w in WORDS if NAME.match(w)]


@st.composite
def renamed_spec(draw) -> str:
    """A real spec with some names swapped for others: mostly still parses, so the
    checks meet unknown names, types, members and options, several at a time."""
    tokens = TOKEN.findall(draw(st.sampled_from(TEXTS)))
    names = [i for i, tok in enumerate(tokens) if NAME.match(tok)]
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.sampled_from(names))
        tokens[i] = draw(st.one_of(st.sampled_from(NAMES), st.from_regex(NAME, fullmatch=True)))
    return "".join(tokens)


@settings(FAST, max_examples=400)
@given(renamed_spec())
def test_every_check_survives_broken_names(text: str) -> None:
    check_compilation(compile_source(text))


def test_real_specs_compile_cleanly() -> None:
    for spec in SPECS:
        errors = [d for d in compile_files([str(spec)]).diagnostics if d.is_error]
        assert not errors, (spec, errors)


# ---------------------------------------------------------------- pathological shapes


@pytest.mark.parametrize("pair", ["()", "[]", "{}"])
def test_deep_nesting(pair: str) -> None:
    text = "entity A { a: Int check a > " + pair[0] * 1000 + "0" + pair[1] * 1000 + " }"
    compilation = compile_source(text)
    check_compilation(compilation)
    assert [d.code for d in compilation.diagnostics] == ["DJS0005"]


def test_deep_nesting_unbalanced() -> None:
    compilation = compile_source("(" * 1000)
    check_compilation(compilation)
    assert compilation.diagnostics.has_errors()


def test_huge_identifier() -> None:
    name = "a" * 100_000
    for text in (f"entity {name} {{ {name}: Int }}", f"entity A {{ a: {name} }}", name):
        compilation = compile_source(text)
        check_compilation(compilation)
        for diag in compilation.diagnostics:
            assert len(render(diag, compilation.sources)) < 2_000


def test_ten_megabyte_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.djs"
    path.write_text("entity A { a: Int }\n" * 550_000, encoding="utf-8")
    compilation = compile_files([str(path)])
    assert [d.code for d in compilation.diagnostics] == ["DJS0004"]
    status, _, err = run_cli(["check", str(path)])
    assert status == 1 and "DJS0004" in err


def test_directory_and_missing_path(tmp_path: Path) -> None:
    for path, reason in ((tmp_path, "directory"), (tmp_path / "nope.djs", "no such file")):
        compilation = compile_files([str(path)])
        assert [d.code for d in compilation.diagnostics] == ["DJS0003"]
        assert reason in compilation.diagnostics.errors[0].message
        status, _, err = run_cli(["check", str(path)])
        assert status == 1 and "DJS0003" in err and "Traceback" not in err


def test_one_megabyte_single_line_renders_briefly(tmp_path: Path) -> None:
    path = tmp_path / "line.djs"
    path.write_text("entity A { " + "a: Int " * 150_000 + "$ }", encoding="utf-8")
    status, _, err = run_cli(["check", str(path)])
    assert status == 1 and "DJS0006" in err
    assert len(err) < 2_000


def test_errors_everywhere_are_all_reported_in_order() -> None:
    text = "entity A { a: $ }\nentity B { b: Int }\nentity C { c Int( }\nenum D { d: }\n"
    compilation = compile_source(text)
    check_compilation(compilation)
    starts = [d.primary.span.start for d in compilation.diagnostics.sorted()]
    assert len(starts) == 3 and starts == sorted(starts)


def test_internal_error_becomes_exit_3(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "ok.djs"
    path.write_text("entity A { a: Int }\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("a pass fell over")

    monkeypatch.setattr("djsc.pipeline.run", broken)
    monkeypatch.delenv("DJSC_TRACEBACK", raising=False)
    status, out, err = run_cli(["check", str(path)])
    assert status == 3
    assert "internal compiler error" in err and "a pass fell over" in err
    assert "Traceback" not in err + out
