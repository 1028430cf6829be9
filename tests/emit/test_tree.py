from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from djsc.backends.base import EmittedFile
from djsc.emit.tree import DuplicatePathError, FileTree


def test_two_features_emitting_one_path_is_refused():
    tree = FileTree([EmittedFile(PurePosixPath("a/models.py"), "x", feature="models")])
    with pytest.raises(DuplicatePathError, match="`models` and `admin` both emit `a/models.py`"):
        tree.add(EmittedFile(PurePosixPath("a/models.py"), "y", feature="admin"))


def test_iteration_is_in_path_order_whatever_the_emit_order():
    tree = FileTree([EmittedFile(PurePosixPath(p), "x") for p in ("b.py", "a/z.py", "a.py")])
    assert [str(f.path) for f in tree] == ["a.py", "a/z.py", "b.py"]
    assert "a.py" in tree and PurePosixPath("b.py") in tree and "c.py" not in tree
    assert tree.as_dict() == {"a.py": "x\n", "a/z.py": "x\n", "b.py": "x\n"}


def test_replace_content_keeps_ownership_and_feature():
    tree = FileTree([EmittedFile(PurePosixPath("a.py"), "x=1\n", feature="models")])
    tree.replace_content("a.py", "x = 1\n")
    (file,) = tree
    assert (file.content, file.feature) == ("x = 1\n", "models")
