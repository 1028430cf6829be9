"""`.djsc/manifest.json`: what djsc wrote into an output folder, with hashes.

Schema 1:

    {"schema": 1, "djsc": "0.1.0", "backend": "django", "spec": ["shop.djs"],
     "files": {"shop/models.py": {"sha256": "…", "ownership": "generated",
                                  "feature": "models"}}}

A rebuild compares each file on disk with the hash recorded here to tell files the
user edited from files djsc may rewrite.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from djsc.backends.base import Ownership

SCHEMA = 1
MANIFEST_PATH = ".djsc/manifest.json"


class ManifestError(Exception):
    """The manifest exists but cannot be read as schema 1 (the message says why)."""


def sha256(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Entry:
    sha256: str
    ownership: Ownership
    feature: str = ""


@dataclass
class Manifest:
    djsc: str
    backend: str
    spec: tuple[str, ...] = ()
    files: dict[str, Entry] = field(default_factory=dict)
    # What the migration step last saw (backend-defined); equal inputs let a
    # rebuild skip starting Django.  Empty when the backend has no such step.
    migrations_fingerprint: str = ""

    def to_json(self) -> str:
        """Stable text: sorted keys, two-space indent, trailing newline."""
        files = {
            path: {"sha256": e.sha256, "ownership": e.ownership.value, "feature": e.feature}
            for path, e in sorted(self.files.items())
        }
        doc = {
            "schema": SCHEMA,
            "djsc": self.djsc,
            "backend": self.backend,
            "spec": list(self.spec),
            "files": files,
        }
        if self.migrations_fingerprint:
            doc["migrations_fingerprint"] = self.migrations_fingerprint
        return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        try:
            doc = json.loads(text)
        except ValueError as err:
            raise ManifestError(f"it is not valid JSON ({err.msg})") from None
        if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
            raise ManifestError(f"it is not a schema {SCHEMA} djsc manifest")
        try:
            files = {
                str(path): Entry(str(e["sha256"]), Ownership(e["ownership"]), str(e["feature"]))
                for path, e in doc["files"].items()
            }
            fingerprint = str(doc.get("migrations_fingerprint", ""))
            return cls(
                str(doc["djsc"]), str(doc["backend"]), tuple(doc["spec"]), files, fingerprint
            )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise ManifestError(f"an entry is malformed ({err})") from None


def read_manifest(root: Path) -> Manifest | None:
    """The manifest of the output folder `root`, or None when there is none."""
    path = root / MANIFEST_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise ManifestError(f"it cannot be read ({err})") from None
    return Manifest.from_json(text)
