"""Unique fields with a `pattern`: factories make distinct values that match it (issue 7).

A unique `pattern` field once got `f"<name>-{n}"` from its factory, a value the
pattern refuses, or a constant, which the second row broke; and the first factory
row took the payload's value, so creating through the API after it collided.
"""

from __future__ import annotations

import re

import pytest

from djsc.backends.django.viewmodels import values as v

PROBES = range(0, 600)


def made(sequence: str) -> list[str]:
    body = re.fullmatch(r"factory\.Sequence\(lambda n: (.*)\)", sequence, re.S).group(1)
    make = eval(f"lambda n: {body}")
    return [make(n) for n in PROBES]


@pytest.mark.parametrize(
    ("pattern", "max_length"),
    [
        ("^[A-Z]{3}-[0-9]{3}$", 40),
        ("^[a-z]+$", 12),
        ("^[0-9A-F]{8}$", 8),
        ("^T[0-9]+$", 30),
        ("^[A-Z]{3}$", 3),
        (r"^INV-\d{4}$", 8),
    ],
)
def test_sequences_match_the_pattern_and_never_repeat(pattern: str, max_length: int) -> None:
    sample = v.regex_sample(pattern)
    sequence = v.unique_text_sequence("code", max_length, pattern, sample)
    values = made(sequence)
    assert all(re.fullmatch(pattern, x) and len(x) <= max_length for x in values)
    assert len(set(values)) == len(values)
    assert sample not in values  # the payloads' value stays free


def test_a_pattern_with_too_few_values_falls_back_to_distinct_names() -> None:
    assert v.pattern_sequence("ab", "^(ab|cd)$", 10) is None
    assert v.unique_text_sequence("code", 10, "^(ab|cd)$", "ab") == (
        'factory.Sequence(lambda n: f"code-{n}")'
    )
