"""Editor support: the VS Code TextMate grammar and the Vim syntax file.

The TextMate grammar is exercised with a small matcher that follows TextMate's rule
(at each position the earliest match wins; ties go to the first pattern), so the
tests show what an editor would colour, not only that the JSON loads.  Its regexes
deliberately avoid Oniguruma-only syntax, so Python's `re` can compile every one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from djsc.analysis.expr_calls import FUNCTIONS
from djsc.analysis.types import SCALAR_TYPES
from djsc.syntax.parser import TOP_LEVEL_KEYWORDS

ROOT = Path(__file__).resolve().parent.parent
VSCODE = ROOT / "editors" / "vscode"
VIM = ROOT / "editors" / "vim"
GRAMMAR_FILE = VSCODE / "syntaxes" / "djs.tmLanguage.json"


def load_grammar() -> dict:
    return json.loads(GRAMMAR_FILE.read_text(encoding="utf-8"))


def all_rules(grammar: dict) -> list[dict]:
    rules: list[dict] = []

    def walk(patterns: list[dict]) -> None:
        for rule in patterns:
            rules.append(rule)
            walk(rule.get("patterns", []))

    walk(grammar["patterns"])
    for entry in grammar["repository"].values():
        walk(entry.get("patterns", [entry]))
    return rules


def test_package_json_points_at_the_grammar_and_configuration() -> None:
    package = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    language = package["contributes"]["languages"][0]
    assert language["extensions"] == [".djs"]
    assert (VSCODE / language["configuration"]).is_file()
    grammar = package["contributes"]["grammars"][0]
    assert (VSCODE / grammar["path"]).resolve() == GRAMMAR_FILE.resolve()
    assert grammar["scopeName"] == load_grammar()["scopeName"] == "source.djs"


def test_language_configuration_has_comments_and_brackets() -> None:
    config = json.loads((VSCODE / "language-configuration.json").read_text(encoding="utf-8"))
    assert config["comments"] == {"lineComment": "//", "blockComment": ["/*", "*/"]}
    assert ["{", "}"] in config["brackets"]
    opened = {pair["open"] for pair in config["autoClosingPairs"]}
    assert {"{", "[", "(", '"'} <= opened


def test_every_regex_compiles_with_python_re() -> None:
    rules = all_rules(load_grammar())
    regexes = [r[key] for r in rules for key in ("match", "begin", "end") if key in r]
    assert len(regexes) > 20
    for regex in regexes:
        re.compile(regex)  # raises on Oniguruma-only syntax


def test_every_include_resolves() -> None:
    grammar = load_grammar()
    for rule in all_rules(grammar):
        include = rule.get("include")
        if include is not None:
            assert include.startswith("#") and include[1:] in grammar["repository"], include


def test_grammar_knows_every_type_and_function() -> None:
    text = GRAMMAR_FILE.read_text(encoding="utf-8")
    for name in [*SCALAR_TYPES, *FUNCTIONS, *TOP_LEVEL_KEYWORDS]:
        assert re.search(rf"\b{name}\b", text), f"the TextMate grammar does not know `{name}`"


# ---------------------------------------------------------------- a tiny TextMate matcher


def _expand(patterns: list[dict], repository: dict) -> list[dict]:
    out: list[dict] = []
    for rule in patterns:
        if "include" in rule:
            entry = repository[rule["include"][1:]]
            out.extend(_expand(entry.get("patterns", [entry]), repository))
        else:
            out.append(rule)
    return out


def scopes(line: str) -> list[tuple[str, str]]:
    """(text, scope) of each token of one line, as a TextMate editor would find them.
    Only single-line constructs are supported, which is all the tests need."""
    grammar = load_grammar()
    rules = _expand(grammar["patterns"], grammar["repository"])
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(line):
        best = None
        for rule in rules:
            m = re.compile(rule.get("match") or rule["begin"]).search(line, pos)
            if m and m.end() > m.start() and (best is None or m.start() < best[1].start()):
                best = (rule, m)
        if best is None:
            break
        rule, m = best
        if "begin" in rule:
            stop = _end_of(rule, line, m.end(), grammar["repository"])
            tokens.append((line[m.start() : stop], rule["name"]))
            pos = stop
        elif "captures" in rule:
            for group, cap in sorted(rule["captures"].items()):
                if m.group(int(group)):
                    tokens.append((m.group(int(group)), cap["name"]))
            pos = m.end()
        else:
            tokens.append((m.group(0), rule["name"]))
            pos = m.end()
    return tokens


def _end_of(rule: dict, line: str, pos: int, repository: dict) -> int:
    """Where a begin/end rule closes: inner patterns (escapes) are skipped over."""
    inner = _expand(rule.get("patterns", []), repository)
    end = re.compile(rule["end"])
    while pos <= len(line):
        closing = end.search(line, pos)
        skips = [m for r in inner if (m := re.compile(r["match"]).search(line, pos))]
        first = min(skips, key=lambda m: m.start(), default=None)
        if closing is None:
            return len(line)
        if first is None or closing.start() <= first.start():
            return closing.end()
        pos = first.end()
    return len(line)


def scope_of(line: str, text: str) -> str:
    for token, scope in scopes(line):
        if token == text:
            return scope
    raise AssertionError(f"`{text}` is not a token of {line!r}: {scopes(line)}")


@pytest.mark.parametrize(
    ("line", "text", "scope"),
    [
        ("/// Someone who writes.", "/// Someone who writes.", "comment.block.documentation"),
        ("// state is a fold", "// state is a fold", "comment.line.double-slash"),
        ("/* old */ entity A {}", "/* old */", "comment.block.djs"),
        ("entity Post was Article {", "Post", "entity.name.type"),
        ("entity Post was Article {", "was", "keyword.control"),
        ("  order: Order", "order", "variable.other.property"),
        ("  order -published_at", "order", "keyword.control"),
        ("  title: String(200) search", "String", "support.type.primitive"),
        ("  title: String(200) search", "search", "storage.modifier"),
        ("  auth jwt { access 15m  refresh 7d }", "15m", "constant.numeric.duration"),
        ("  throttle { anon 100/hour }", "100/hour", "constant.numeric.rate"),
        ("  views: Int = 0 min(0)", "0", "constant.numeric.djs"),
        ('  path "/ws/posts/"', '"/ws/posts/"', "string.quoted.double"),
        ('  require x else "say \\"no\\""', '"say \\"no\\""', "string.quoted.double"),
        ("  set at = input.at ?? now()", "??", "keyword.operator.coalesce"),
        ("  set at = input.at ?? now()", "now", "support.function.builtin"),
        ("relation many_to_one Post.author -> Author.posts", "many_to_one", "relation-kind"),
        ("entity Account sourced {", "sourced", "storage.modifier"),
        ("  allow read: anyone", "anyone", "variable.language"),
    ],
)
def test_textmate_scopes(line: str, text: str, scope: str) -> None:
    assert scope in scope_of(line, text)


def test_examples_tokenize_without_gaps() -> None:
    # Every non-blank character of the examples belongs to some token, i.e. the
    # grammar has a rule for every construct the examples use.
    for spec in sorted((ROOT / "examples").rglob("*.djs")):
        in_block_comment = False
        for number, line in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1):
            if in_block_comment or line.lstrip().startswith("/*"):
                in_block_comment = "*/" not in line
                continue
            covered = "".join(t for t, _ in scopes(line))
            assert covered.replace(" ", "") == line.replace(" ", ""), f"{spec.name}:{number}"


# ---------------------------------------------------------------- vim


def test_vim_ftdetect_maps_djs_files() -> None:
    text = (VIM / "ftdetect" / "djs.vim").read_text(encoding="utf-8")
    assert re.search(r"BufRead,BufNewFile \*\.djs setfiletype djs", text)


def test_vim_syntax_knows_the_language() -> None:
    text = (VIM / "syntax" / "djs.vim").read_text(encoding="utf-8")
    keywords = set()
    for line in text.splitlines():
        if line.startswith("syn keyword"):
            keywords.update(line.split()[3:])
    for name in [*SCALAR_TYPES, *FUNCTIONS, *TOP_LEVEL_KEYWORDS]:
        assert name in keywords, f"the Vim syntax does not know `{name}`"
    assert 'b:current_syntax = "djs"' in text
    assert "djsDocComment" in text
