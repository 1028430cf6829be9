from __future__ import annotations

from pathlib import Path

import pytest

from djsc.backends.base import Ownership
from djsc.emit.manifest import MANIFEST_PATH, Entry, Manifest, ManifestError, read_manifest


def test_round_trip_is_stable_and_sorted():
    m = Manifest(
        "0.1.0",
        "django",
        ("shop.djs",),
        {
            "z.py": Entry("1" * 64, Ownership.GENERATED, "models"),
            "a/0001.py": Entry("2" * 64, Ownership.APPEND_ONLY, "migrations"),
        },
    )
    text = m.to_json()
    assert text.endswith("}\n")
    assert text.index('"a/0001.py"') < text.index('"z.py"')
    again = Manifest.from_json(text)
    assert again == m
    assert again.to_json() == text


def test_missing_manifest_is_none(tmp_path: Path):
    assert read_manifest(tmp_path) is None


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[]",
        '{"schema": 2, "files": {}}',
        '{"schema": 1, "djsc": "x", "backend": "d", "spec": [], "files": {"a": {}}}',
        '{"schema": 1, "djsc": "x", "backend": "d", "spec": [], '
        '"files": {"a": {"sha256": "x", "ownership": "mine", "feature": ""}}}',
    ],
)
def test_malformed_manifest_is_an_error_not_a_crash(tmp_path: Path, text: str):
    target = tmp_path / MANIFEST_PATH
    target.parent.mkdir()
    target.write_text(text)
    with pytest.raises(ManifestError):
        read_manifest(tmp_path)
