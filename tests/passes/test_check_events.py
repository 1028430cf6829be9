"""check_events: `apply` blocks and sourced entities."""

from __future__ import annotations

import pytest

from djsc.pipeline import compile_source

SPEC = """
entity Account sourced {{ balance: Decimal(12, 2) = 0  frozen: Bool = false  owner: User }}
entity Plain {{ n: Int = 0 }}
{events}
"""


def diagnostics(events: str) -> list[tuple[str, str]]:
    compiled = compile_source(SPEC.format(events=events))
    return [(d.code, d.message) for d in compiled.diagnostics.sorted()]


GOOD = "event Deposited on Account { amount: Decimal(12, 2) } apply { balance += amount }"


@pytest.mark.parametrize(
    "events",
    [
        GOOD,
        "event Frozen on Account { } apply { frozen = true }",
        "event Moved on Account { to: User } apply { owner = to }",
        GOOD + "\nevent Fee on Account { amount: Int } apply { balance -= amount * 2 }",
    ],
)
def test_valid_events(events: str) -> None:
    assert [d for d in diagnostics(events) if d[0] != "DJS0121"] == []


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        (
            "event E { a: Int } apply { balance += a }",
            ("DJS0409", "event `E` has `apply` but no `on` entity"),
        ),
        (
            "event E on Plain { a: Int } apply { n += a }",
            ("DJS0406", "event `E` applies to `Plain`, which is not `sourced`"),
        ),
        ("event E on Acount { a: Int } apply { n += a }", ("DJS0103", "unknown entity `Acount`")),
        (
            "event E on Account { a: Int } apply { balanse += a }",
            ("DJS0106", "`Account` has no field `balanse`"),
        ),
        (
            "event E on Account { a: String } apply { balance = a }",
            ("DJS0208", "expected `Decimal`, found `String`"),
        ),
        ("event E on Account { a: Int } apply { balance += b }", ("DJS0110", "unknown name `b`")),
        (
            "event E on Account { a: Int } apply { id = a }",
            ("DJS0401", "cannot assign to `id`: it is set automatically"),
        ),
        (
            "event E on Account { a: Int } apply { balance = input.a }",
            ("DJS0404", "`input` is only available in commands and queries"),
        ),
    ],
)
def test_invalid_events(events: str, expected: tuple[str, str]) -> None:
    found = [d for d in diagnostics(GOOD + "\n" + events) if d[0] != "DJS0121"]
    assert found == [expected]


def test_sourced_entity_without_events_warns() -> None:
    found = [d for d in diagnostics("") if d[0] != "DJS0121"]
    assert found == [("DJS0407", "sourced entity `Account` has no event that applies to it")]
    compiled = compile_source(SPEC.format(events=""))
    assert compiled.ok  # a warning only


def test_event_without_apply_does_not_count_for_sourced() -> None:
    found = diagnostics("event Seen on Account { }")
    assert ("DJS0407", "sourced entity `Account` has no event that applies to it") in found
