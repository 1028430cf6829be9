"""Help lines for the syntax slips people actually make.

Each rule looks at the offending token, what the parser expected and the text
around it, and returns one help line or None.  Rules run in order; the first that
speaks wins, so the specific ones come first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from djsc.suggest import closest
from djsc.syntax.recovery import TOP_LEVEL_KEYWORDS

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DECL_AT_LINE_START = re.compile(
    r"^[ \t]*(" + "|".join(TOP_LEVEL_KEYWORDS) + r")\b(?![ \t]*:)", re.MULTILINE
)
# What other schema languages call a declaration, and ours.
_SYNONYMS = {
    "model": "entity",
    "table": "entity",
    "class": "entity",
    "type": "entity",
    "struct": "entity",
    "resource": "entity",
    "import": "use",
    "include": "use",
    "relationship": "relation",
    "association": "relation",
    "action": "command",
    "mutation": "command",
    "view": "query",
    "subscription": "channel",
    "socket": "channel",
    "topic": "channel",
    "config": "app",
    "settings": "app",
    "project": "app",
}
# Prisma attributes and their spelling here.
_PRISMA = {
    "unique": "write `unique` after the type: `email: Email unique`",
    "id": "every entity gets an `id` field automatically; leave it out",
    "default": "a default follows the type with `=`: `views: Int = 0`",
    "relation": "declare relations on their own: `relation many_to_one Post.author -> Author`",
    "index": "declare an index inside the entity: `index (a, b)`",
    "map": "table and column names are derived from the spec; there is no `@map`",
    "updatedat": "`timestamps` adds `created_at` and `updated_at`",
}


@dataclass(frozen=True)
class SyntaxContext:
    """The place of one syntax error: the text, the offending token and what would do."""

    text: str
    pos: int
    found: str
    kind: str  # the terminal's name, or "CHAR" for a character no token starts with
    expected: frozenset[str]

    @cached_property
    def declaration(self) -> str:
        """The keyword of the top-level declaration the error sits in, or ""."""
        last = ""
        for m in _DECL_AT_LINE_START.finditer(self.text, 0, self.pos):
            last = m.group(1)
        return last

    @cached_property
    def line_before(self) -> str:
        """The current line up to the error; the previous line if the error starts one."""
        line_start = self.text.rfind("\n", 0, self.pos) + 1
        before = self.text[line_start : self.pos]
        if before.strip() or line_start == 0:
            return before
        prev_start = self.text.rfind("\n", 0, line_start - 1) + 1
        return self.text[prev_start : line_start - 1]

    @cached_property
    def previous_word(self) -> str:
        m = re.search(r"([A-Za-z_][A-Za-z0-9_]*)\s*$", self.text[max(0, self.pos - 64) : self.pos])
        return m.group(1) if m else ""

    @property
    def previous_char(self) -> str:
        before = self.text[max(0, self.pos - 64) : self.pos].rstrip()
        return before[-1:] if before else ""

    def followed_by(self, prefix: str) -> bool:
        return self.text.startswith(prefix, self.pos)

    @property
    def at_top_level(self) -> bool:
        return {"ENTITY", "ENUM", "RELATION"} <= self.expected


Rule = Callable[[SyntaxContext], str | None]


def token_hint(ctx: SyntaxContext) -> str | None:
    """A help line for an unexpected token, or None."""
    return _first(_TOKEN_RULES, ctx)


def character_hint(ctx: SyntaxContext) -> str | None:
    """A help line for a character that starts no token, or None."""
    return _first(_CHARACTER_RULES, ctx)


def _first(rules: tuple[Rule, ...], ctx: SyntaxContext) -> str | None:
    for rule in rules:
        found = rule(ctx)
        if found:
            return found
    return None


# ---------------------------------------------------------------- token rules


def _unknown_declaration(ctx: SyntaxContext) -> str | None:
    if not ctx.at_top_level:
        return None
    if ctx.found == "}":
        return "this `}` closes nothing; remove it or add the `{` it belongs to"
    if not _WORD.fullmatch(ctx.found):
        return "a spec is a list of declarations: `entity`, `enum`, `relation`, `command`, …"
    keyword = _SYNONYMS.get(ctx.found.lower()) or closest(ctx.found, TOP_LEVEL_KEYWORDS)
    if keyword:
        return f"declarations start with a keyword; did you mean `{keyword}`?"
    return "a spec is a list of declarations: `entity`, `enum`, `relation`, `command`, …"


def _allow_colon(ctx: SyntaxContext) -> str | None:
    if ctx.found != ":" or ctx.previous_word != "allow":
        return None
    if ctx.declaration == "entity":
        return "an entity's `allow` names the operations first: `allow read, update: anyone`"
    what = ctx.declaration or "command"
    return (
        f"in a `{what}` the rule follows `allow` directly, without a colon: `allow authenticated`"
    )


def _allow_without_colon(ctx: SyntaxContext) -> str | None:
    if "COLON" not in ctx.expected or not re.match(r"\s*allow\b", ctx.line_before):
        return None
    return "put a colon after the operations: `allow read, update: authenticated`"


def _single_equals(ctx: SyntaxContext) -> str | None:
    if ctx.found != "=" or "COMPARE" not in ctx.expected:
        return None
    return "compare with `==`; a single `=` only assigns, in `set` and in defaults"


def _double_equals(ctx: SyntaxContext) -> str | None:
    # `set a == 1` lexes as `=` `=`: the error is at the second one.
    doubled = ctx.found == "=" and ctx.text[ctx.pos - 1 : ctx.pos] == "="
    if ctx.found != "==" and not doubled:
        return None
    if not doubled and not ({"ASSIGN_OP", "EQUAL"} & ctx.expected):
        return None
    return "assign with `=`; `==` compares"


def _arrow(ctx: SyntaxContext) -> str | None:
    arrow = any(t.startswith("__ANON") for t in ctx.expected) and ctx.declaration in (
        "relation",
        "query",
    )
    if not arrow:
        return None
    if ctx.followed_by("=>") or ctx.followed_by("-"):
        return "the arrow is written `->`"
    if ctx.declaration == "relation":
        return (
            "a relation needs `->` before its target: `relation many_to_one Post.author -> Author`"
        )
    return "a query names what it returns after `->`: `query recent -> Post[] { … }`"


def _field_without_colon(ctx: SyntaxContext) -> str | None:
    if ctx.declaration not in ("entity", "event", "command", "query"):
        return None
    member = re.split(r"[{}]", ctx.line_before)[-1]  # `entity A { name String(` → the member
    m = re.fullmatch(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s+([A-Z][A-Za-z0-9_]*)\s*", member)
    if m and (ctx.found in ("(", "?", "=", "}") or _WORD.fullmatch(ctx.found)):
        return f"a field needs a colon between its name and its type: `{m[1]}: {m[2]}`"
    if ctx.kind == "NAME" and "FIELD_NAME" in ctx.expected and not ctx.followed_by(":"):
        after = ctx.text[ctx.pos + len(ctx.found) : ctx.pos + len(ctx.found) + 64]
        typ = _WORD.match(after.lstrip())
        shown = typ.group() if typ else "Type"
        return f"a field needs a colon between its name and its type: `{ctx.found}: {shown}`"
    return None


def _option_colon(ctx: SyntaxContext) -> str | None:
    if ctx.found != ":":
        return None
    if ctx.declaration == "enum":
        return "an enum member takes a stored value with `=`: `low = 1`"
    if {"STRING", "NUMBER", "NAME"} <= ctx.expected and "LBRACE" in ctx.expected:
        return 'options take their values without a colon: `title "Blog"`'
    return None


def _optional_before_arguments(ctx: SyntaxContext) -> str | None:
    if ctx.found == "(" and ctx.previous_char == "?":
        return "`?` goes after the arguments: `String(100)?`"
    return None


def _comma_between_members(ctx: SyntaxContext) -> str | None:
    if ctx.found in (",", ";") and ctx.declaration in ("entity", "event"):
        return "members are separated by whitespace or new lines; remove the `,`"
    return None


def _keyword_as_name(ctx: SyntaxContext) -> str | None:
    if ctx.kind in ("NAME", "FIELD_NAME") or not _WORD.fullmatch(ctx.found):
        return None
    if {"NAME", "FIELD_NAME"} & ctx.expected:
        return f"`{ctx.found}` is a keyword here and cannot be used as a name; choose another"
    return None


def _incomplete_declaration(ctx: SyntaxContext) -> str | None:
    if ctx.found in TOP_LEVEL_KEYWORDS and ctx.text[: ctx.pos].rstrip(" \t").endswith("\n"):
        return f"the declaration before this `{ctx.found}` is incomplete"
    return None


def _missing_brace(ctx: SyntaxContext) -> str | None:
    if ctx.expected == {"LBRACE"} or ctx.expected == {"LBRACE", "NAME"}:
        return "the body of the declaration goes in `{ … }`"
    return None


def _rate_period(ctx: SyntaxContext) -> str | None:
    """`100/week`, `100 / hour`, `100/hours`: a rate the RATE token did not take."""
    if ctx.found != "/" or ctx.declaration != "app":
        return None
    if not re.search(r"[0-9]\s*$", ctx.text[max(0, ctx.pos - 32) : ctx.pos]):
        return None
    return (
        "a rate is a whole number, `/` and a period, without spaces: `100/hour` "
        "(periods `second` `minute` `hour` `day` or `s` `m` `h` `d`)"
    )


_TOKEN_RULES: tuple[Rule, ...] = (
    _rate_period,
    _unknown_declaration,
    _incomplete_declaration,
    _allow_colon,
    _allow_without_colon,
    _single_equals,
    _double_equals,
    _arrow,
    _optional_before_arguments,
    _field_without_colon,
    _option_colon,
    _comma_between_members,
    _keyword_as_name,
    _missing_brace,
)

# ---------------------------------------------------------------- character rules


def _prisma_attribute(ctx: SyntaxContext) -> str | None:
    if ctx.found != "@":
        return None
    block = ctx.followed_by("@@")
    m = _WORD.match(ctx.text, ctx.pos + (2 if block else 1))
    word = m.group().lower() if m else ""
    if block and word in ("unique", "index"):
        return f"write a composite {word} inside the entity as `{word} (a, b)`"
    default = re.match(r"@default\(([^()\n]*)\)", ctx.text[ctx.pos : ctx.pos + 80])
    if default:
        return f"a default follows the type with `=`: `= {default[1].strip()}`"
    if word in _PRISMA:
        return _PRISMA[word]
    if word and m.group()[0].isupper():
        return f"types are plain names: write `{m.group()}`, not `@{m.group()}`"
    if word:
        return f"modifiers are plain words: write `{m.group()}`, not `@{m.group()}`"
    return "`@` is not used in specs; modifiers are plain words like `unique`"


_CHARACTER_HELP = {
    ";": "no `;` is needed; members are separated by whitespace",
    "'": 'strings use double quotes: "text"',
    "\u201c": 'use straight double quotes: "text"',
    "\u201d": 'use straight double quotes: "text"',
    "&": "write `and`",
    "|": "write `or`",
    "!": "write `not`, or `!=` for inequality",
    "#": "comments start with `//`",
    "`": "names are written without quotes",
    "\t": "",
}


def _plain_character(ctx: SyntaxContext) -> str | None:
    if ctx.found in _CHARACTER_HELP:
        return _CHARACTER_HELP[ctx.found] or None
    if ctx.found.isalpha():
        return "names use ASCII letters, digits and `_`"
    return None


_CHARACTER_RULES: tuple[Rule, ...] = (_prisma_attribute, _plain_character, _single_equals)
