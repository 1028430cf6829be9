"""The one jinja2 Environment configuration every backend renders with.

Templates stay "dumb": they receive precomputed view models and only place text.
Undefined names fail loudly (StrictUndefined), block tags leave no stray blank
lines, and nothing is HTML-escaped (the output is Python, TOML, Markdown).
"""

from __future__ import annotations

import functools
import json
import re

import jinja2

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def pyrepr(value: object) -> str:
    """A Python literal for `value`; strings always in double quotes (ruff's style)."""
    if isinstance(value, str):
        # JSON string escapes are a subset of Python's, so this is a valid literal.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        items = ", ".join(pyrepr(v) for v in value)
        if isinstance(value, tuple):
            return f"({items},)" if len(value) == 1 else f"({items})"
        return f"[{items}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{pyrepr(k)}: {pyrepr(v)}" for k, v in value.items()) + "}"
    return repr(value)


def snake(name: str) -> str:
    """`BlogPost` → `blog_post`, `HTTPServer` → `http_server`, `already_snake` unchanged."""
    return _WORD_BOUNDARY.sub("_", name).replace("-", "_").lower()


def camel(name: str) -> str:
    """`blog_post` → `BlogPost`; an already CamelCase name is unchanged."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-\s]+", name) if part)


_IRREGULAR = {"person": "people", "child": "children", "man": "men", "woman": "women"}


def plural(word: str) -> str:
    """English plural of the last word: `category` → `categories`, `box` → `boxes`."""
    lower = word.lower()
    for singular, many in _IRREGULAR.items():
        if lower.endswith(singular):
            return word[: len(word) - len(singular)] + _match_case(word[-len(singular) :], many)
    if re.search(r"[^aeiou]y$", lower):
        return word[:-1] + ("IES" if word[-1].isupper() else "ies")
    if re.search(r"(s|x|z|ch|sh)$", lower):
        return word + ("ES" if word[-1].isupper() else "es")
    return word + ("S" if word.isupper() and len(word) > 1 else "s")


def _match_case(original: str, replacement: str) -> str:
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
    env.filters.update(pyrepr=pyrepr, snake=snake, camel=camel, plural=plural)
    return env
