"""The one jinja2 Environment configuration every backend renders with.

Templates stay "dumb": they receive precomputed view models and only place text.
Undefined names fail loudly (StrictUndefined), block tags leave no stray blank
lines, and nothing is HTML-escaped (the output is Python, TOML, Markdown).
"""

from __future__ import annotations

import functools
import json
import re
import textwrap

import jinja2

# The longest string literal written on one line; longer ones are split (pyrepr).
_LONG_STRING = 80
_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def pyrepr(value: object) -> str:
    """A Python literal for `value`; strings always in double quotes (ruff's style)."""
    if isinstance(value, str):
        # JSON string escapes are a subset of Python's, so this is a valid literal.
        literal = json.dumps(value, ensure_ascii=False)
        if len(literal) <= _LONG_STRING:
            return literal
        # Too long for one line (ruff's E501, which ruff format cannot fix): implicitly
        # joined parts, which ruff format lays out one per line.
        parts = textwrap.wrap(
            value,
            _LONG_STRING - 10,
            drop_whitespace=False,
            break_on_hyphens=False,
            expand_tabs=False,
            replace_whitespace=False,
        )
        return "(" + " ".join(json.dumps(part, ensure_ascii=False) for part in parts) + ")"
    if isinstance(value, list | tuple):
        items = ", ".join(pyrepr(v) for v in value)
        if isinstance(value, tuple):
            return f"({items},)" if len(value) == 1 else f"({items})"
        return f"[{items}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{pyrepr(k)}: {pyrepr(v)}" for k, v in value.items()) + "}"
    return repr(value)


def docstring(text: str, indent: int = 4, width: int = 100) -> str:
    """`text` as a triple-quoted docstring literal: backslashes and quotes escaped so
    any doc comment is a valid, warning-free literal, and lines wrapped at spaces to
    fit `width` after `indent` (ruff's E501; a single long word stays whole)."""
    body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    lines = []
    for number, line in enumerate(body.split("\n")):
        # The first line also carries the opening quotes; the last, the closing ones.
        room = width - indent - (3 if number == 0 else 0) - 3
        lines.extend(
            textwrap.wrap(line, room, break_long_words=False, break_on_hyphens=False) or [""]
        )
    return '"""' + ("\n" + " " * indent).join(lines).rstrip() + '"""'


def snake(name: str) -> str:
    """`BlogPost` → `blog_post`, `HTTPServer` → `http_server`, `already_snake` unchanged."""
    return _WORD_BOUNDARY.sub("_", name).replace("-", "_").lower()


def camel(name: str) -> str:
    """`blog_post` → `BlogPost`; an already CamelCase name is unchanged."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-\s]+", name) if part)


# The pluralizer is a small rule table, not a dependency: it names URL segments
# and API docs, so a wrong answer (`/api/pointses/`) is visible to every client.
# Rules apply to the last word only (`FosterChild` → `FosterChildren`).
_IRREGULAR = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "mouse": "mice",
    "goose": "geese",
    "foot": "feet",
    "tooth": "teeth",
    "quiz": "quizzes",
    "axis": "axes",
    "criterion": "criteria",
    "leaf": "leaves",
    "half": "halves",
    "knife": "knives",
    "life": "lives",
    "wife": "wives",
    "shelf": "shelves",
    "thief": "thieves",
    "wolf": "wolves",
}
# Safe as the end of a one-word compound (`grandchild`, `salesperson`); `man` is
# not (`human`, `german`), so it only counts as a word of its own.
_IRREGULAR_SUFFIXES = ("child", "person", "woman")
# Uncountable, or plural without a final `s`: the word is its own plural.
_UNCHANGED = frozenset(
    {"news", "series", "species", "data", "metadata", "media", "equipment", "information"}
    | {"info", "feedback", "software", "hardware", "staff", "sheep", "fish", "deer"}
    | {"aircraft", "personnel", "money", "furniture", "luggage", "baggage", "evidence"}
    | {"advice", "knowledge", "research", "traffic", "stuff", "police"}
    | set(_IRREGULAR.values())
)
# Words ending in `s` are taken as already plural (`points`, `settings`) except
# these endings, which are mostly singular (`class`, `status`, `analysis`) ...
_SINGULAR_ENDINGS = ("ss", "us", "sis")
# ... and these words, singular despite an ending that is mostly plural.
_SINGULAR_IN_S = frozenset({"alias", "atlas", "bias", "canvas", "gas", "lens", "iris"})
# Plural despite an ending that is mostly singular (`menu` → `menus`).
_PLURAL_IN_S = frozenset({"menus", "gurus", "emus", "haikus", "tutus"})


def plural(word: str) -> str:
    """English plural of the last word: `category` → `categories`, `FosterChild` →
    `FosterChildren`; a word already plural (`points`, `data`) is kept."""
    letters = re.search(r"[^\W\d_]+$", word)
    if not letters:
        return word + "s"
    last = _WORD_BOUNDARY.split(letters.group())[-1]
    head = word[: len(word) - len(last)]
    return head + _match_case(last, _plural_word(last.lower()))


def _plural_word(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _UNCHANGED or _is_plural(word):
        return word
    for singular in _IRREGULAR_SUFFIXES:
        if word.endswith(singular):
            return word[: -len(singular)] + _IRREGULAR[singular]
    if word.endswith("sis"):
        return word[:-2] + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def _is_plural(word: str) -> bool:
    if word in _PLURAL_IN_S:
        return True
    if len(word) < 3 or not word.endswith("s") or word in _SINGULAR_IN_S:
        return False
    return not word.endswith(_SINGULAR_ENDINGS)


def _match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@functools.cache
def environment(package: str) -> jinja2.Environment:
    """The Environment over `<package>/templates/`; cached, one per backend package."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(docstring=docstring, pyrepr=pyrepr, snake=snake, camel=camel, plural=plural)
    return env
