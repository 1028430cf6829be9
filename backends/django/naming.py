"""Python and Django names derived from spec names.

Everything a template prints as an identifier comes from here, so a rule such as
"URL paths are kebab-case plurals" lives in one place.
"""

from __future__ import annotations

import hashlib
import keyword
import re
import unicodedata

from djsc.emit import templating

USER = "User"
AUTH_USER_MODEL = "settings.AUTH_USER_MODEL"

# Django limits index names to 30 characters (models.E034).
MAX_INDEX_NAME = 30


def snake(name: str) -> str:
    """`BlogPost` → `blog_post`; already-snake names are kept."""
    out = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    out = re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])", "_", out)
    return out.lower()


def camel(name: str) -> str:
    """`recent_posts` → `RecentPosts`; `BlogPost` stays."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)


def plural(word: str) -> str:
    """English plural of the last word; one rule table for templates and names."""
    return templating.plural(word)


def kebab(text: str) -> str:
    """`Blog Posts` → `blog-posts`, `Categorías` → `categorias`: a URL-safe slug."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", snake(ascii_text.strip()).lower()).strip("-")


def url_segment(entity: str, declared_plural: str | None = None) -> str:
    """`BlogPost` → `blog-posts` (the router prefix under /api/).

    An entity's `plural` option names its collection, so it is the segment too;
    one without a single ASCII letter or digit keeps the automatic plural.
    """
    if declared_plural and kebab(declared_plural):
        return kebab(declared_plural)
    return plural(snake(entity)).replace("_", "-")


def basename(entity: str) -> str:
    """The router basename: `BlogPost` → `blog_post` (URL names `blog_post-list`)."""
    return snake(entity)


def enum_member(name: str) -> str:
    """`draft` → `DRAFT`, the attribute name in a TextChoices class."""
    upper = snake(name).upper()
    return upper + "_" if keyword.iskeyword(upper) else upper


def with_article(phrase: str) -> str:
    """`author` → `an author`, `order line` → `an order line`, `post` → `a post`."""
    vowel = phrase[:1].lower() in "aeiou" and not phrase.lower().startswith(("uni", "use"))
    return f"{'an' if vowel else 'a'} {phrase}"


def label(name: str) -> str:
    """`published_at` → `Published at`: a human label for choices and columns."""
    words = snake(name).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def verbose(name: str) -> str:
    """`BlogPost` → `blog post`."""
    return snake(name).replace("_", " ")


def short_name(*parts: str, suffix: str, limit: int = MAX_INDEX_NAME, cut: str = "") -> str:
    """A deterministic database object name of at most `limit` characters.

    Long names keep a readable prefix and end with a hash of the full name, so
    two different indexes never collide after truncation.  `cut` is the whole of a
    part the caller shortened: it goes into the hash, so `permission` and
    `permissiones` cut to ten characters still get two names.
    """
    full = "_".join(p for p in parts if p) + "_" + suffix
    if len(full) <= limit and not cut:
        return full
    digest = hashlib.sha256(f"{cut}|{full}".encode() if cut else full.encode()).hexdigest()[:6]
    keep = limit - len(suffix) - len(digest) - 2
    return f"{full[:keep].rstrip('_')}_{digest}_{suffix}"


def model_ref(entity: str, entities: frozenset[str] | set[str], owner: str) -> str:
    """The first argument of ForeignKey / ManyToManyField for a target entity."""
    if entity == owner:
        return '"self"'
    if entity == USER and entity not in entities:
        return AUTH_USER_MODEL
    return f'"{entity}"'


def app_name(spec_stem: str, declared: str | None) -> str:
    """The Django app label: the `app` block's name, else the spec file stem."""
    raw = declared or spec_stem
    name = re.sub(r"\W+", "_", snake(raw)).strip("_") or "app"
    if name[0].isdigit():
        name = "app_" + name
    if keyword.iskeyword(name) or name in RESERVED_APP_NAMES:
        name += "_app"
    return name


# Names that would shadow the generated project's own packages or Django's.
RESERVED_APP_NAMES = frozenset(
    {"config", "django", "rest_framework", "tests", "test", "manage", "conftest", "site"}
)
