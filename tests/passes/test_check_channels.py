"""check_channels: paths, permissions and broadcasts."""

from __future__ import annotations

import pytest

from djsc.pipeline import compile_source

SPEC = """
entity Post {{ title: String(100) }}
event Published {{ post: Post }}
command publish on Post {{ emit Published {{ post = self }} }}
{channels}
"""


def diagnostics(channels: str) -> list[tuple[str, str]]:
    compiled = compile_source(SPEC.format(channels=channels))
    return [(d.code, d.message) for d in compiled.diagnostics.sorted()]


@pytest.mark.parametrize(
    "channels",
    [
        'channel c { path "/ws/posts/"  allow authenticated  broadcast Published, Post.updated }',
        "channel c { broadcast Post.created, Post.deleted, User.updated }",
        'channel c { path "/a/" broadcast Published } channel d { path "/b/" broadcast Published }',
        "channel c { allow auth.user.is_staff broadcast Published }",
    ],
)
def test_valid_channels(channels: str) -> None:
    assert diagnostics(channels) == []


@pytest.mark.parametrize(
    ("channels", "expected"),
    [
        (
            'channel c { path "ws/posts/" broadcast Published }',
            ("DJS0502", "invalid channel path `ws/posts/`"),
        ),
        (
            'channel c { path "/ws/posts" broadcast Published }',
            ("DJS0502", "invalid channel path `/ws/posts`"),
        ),
        (
            'channel c { path "/ws/my posts/" broadcast Published }',
            ("DJS0502", "invalid channel path `/ws/my posts/`"),
        ),
        (
            'channel c { path "/a/" broadcast Published }\n'
            'channel d { path "/a/" broadcast Published }',
            ("DJS0503", "channel path `/a/` is used more than once"),
        ),
        (
            'channel c { path "/a/" path "/b/" broadcast Published }',
            ("DJS0403", "`path` is given more than once in `c`"),
        ),
        ("channel c { broadcast Publishd }", ("DJS0105", "unknown event `Publishd`")),
        ("channel c { broadcast Post }", ("DJS0105", "unknown event `Post`")),
        ("channel c { broadcast Pots.updated }", ("DJS0103", "unknown entity `Pots`")),
        (
            "channel c { broadcast Post.update }",
            ("DJS0501", "`update` is not a change of entity `Post`"),
        ),
        ("channel c { }", ("DJS0504", "channel `c` broadcasts nothing")),
        ("channel c { allow title broadcast Published }", ("DJS0110", "unknown name `title`")),
        (
            "channel c { allow self broadcast Published }",
            ("DJS0408", "`self` is not available in a channel"),
        ),
        (
            'channel c { allow "yes" broadcast Published }',
            ("DJS0208", "expected `Bool`, found `String`"),
        ),
    ],
)
def test_invalid_channels(channels: str, expected: tuple[str, str]) -> None:
    assert diagnostics(channels) == [expected]


@pytest.mark.parametrize(
    ("channels", "help_"),
    [
        (
            'channel c { path "ws/my posts" broadcast Published }',
            'write it as `path "/ws/my-posts/"`',
        ),
        (
            "channel c { broadcast Post }",
            "to broadcast changes of entity `Post`, write `Post.updated`",
        ),
        ("channel c { broadcast Post.update }", "did you mean `updated`?"),
        ("channel c { broadcast Publishd }", "did you mean `Published`?"),
    ],
)
def test_help(channels: str, help_: str) -> None:
    compiled = compile_source(SPEC.format(channels=channels))
    assert [d.help for d in compiled.diagnostics.sorted()] == [help_]
