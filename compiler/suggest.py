"""Did-you-mean suggestions by edit distance."""

from __future__ import annotations

from collections.abc import Iterable


def distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count as one edit)."""
    if a == b:
        return 0
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to `name`, if it is near enough to be a likely typo."""
    best: tuple[int, str] | None = None
    limit = max(1, min(3, len(name) // 3 + 1))
    for cand in sorted(set(candidates)):
        if cand.lower() == name.lower():
            return cand
        d = distance(name.lower(), cand.lower())
        if d <= limit and (best is None or d < best[0]):
            best = (d, cand)
    return best[1] if best else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A help line like "did you mean `Author`?", or None."""
    found = closest(name, candidates)
    return f"did you mean `{found}`?" if found else None
