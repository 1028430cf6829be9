"""How an entity's list is paged: the `pagination` option, and a total order for cursors.

`pagination none` answers the list as one JSON array: no class, `pagination_class =
None`.  Cursor pages position by the first ordering key only (plus an offset among
rows that share its value), so the order must be total: `total_ordering` ends it with
the primary key when no key is unique.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from djsc.ir import nodes as ir

PAGINATION_KINDS = {
    "page": "page",
    "page_number": "page",
    "number": "page",
    "offset": "offset",
    "limit_offset": "offset",
    "limit": "offset",
    "cursor": "cursor",
    "none": "none",
}
DEFAULT_PAGE_SIZE = 20
# The largest page a client may ask for when the spec gives no `max`.
DEFAULT_MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Pagination:
    kind: str  # page | offset | cursor | none
    size: int  # the page size when the client asks for none
    class_name: str
    max_size: int = DEFAULT_MAX_PAGE_SIZE  # the largest page a client may ask for

    @property
    def paginated(self) -> bool:
        """False for `pagination none`: the list is one array of every row."""
        return self.kind != "none"

    @property
    def view_class(self) -> str:
        """What a view's `pagination_class` says: its class, or `None`."""
        return self.class_name if self.paginated else "None"

    def same_as(self, other: Pagination) -> bool:
        """Whether one class serves both (sizes mean nothing without pages)."""
        if not self.paginated or not other.paginated:
            return self.kind == other.kind
        return (self.kind, self.size, self.max_size) == (other.kind, other.size, other.max_size)


def _count(opt: ir.Option | None) -> int | None:
    if opt and opt.values and opt.values[0].text.isdigit():
        return max(1, int(opt.values[0].text))
    return None


def pagination_of(
    options: tuple[ir.Option, ...], fallback: Pagination | None, owner: str
) -> Pagination:
    """The `pagination` option over `fallback`: what it leaves out is inherited.

    An inherited `max` never lowers a `size` given beside it (that page size was
    asked for here), but a `max` given here caps the default size too: no page is
    ever larger than `max`.
    """
    opt = ir.find_option(options, "pagination")
    if opt is None:
        assert fallback is not None
        return fallback
    kind = PAGINATION_KINDS.get(opt.values[0].value if opt.values else "", None)
    kind = kind or (fallback.kind if fallback else "page")
    size = _count(opt.child("size"))
    limit = _count(opt.child("max"))
    if limit is None:
        inherited = fallback.max_size if fallback else DEFAULT_MAX_PAGE_SIZE
        limit = max(inherited, size or 0)
    if size is None:
        size = fallback.size if fallback else DEFAULT_PAGE_SIZE
    return Pagination(kind, min(size, limit), f"{owner}Pagination", limit)


def total_ordering(keys: list[str], pk: str, is_unique: Callable[[str], bool]) -> list[str]:
    """`keys` (`-name` descending) ending with the primary key when no key is unique.

    Rows sharing the value of every key would come in any order the database likes,
    and a cursor's offset among them could then skip or repeat rows.  The primary key
    sorts in the first key's direction: among equal `-published_at`, the newest row
    first.  Without keys the order is `-pk`, newest first.
    """
    if not keys:
        return [f"-{pk}"]
    names = [key.lstrip("-") for key in keys]
    if any(name in (pk, "pk") or is_unique(name) for name in names):
        return list(keys)
    return [*keys, ("-" if keys[0].startswith("-") else "") + pk]
