"""djsc: compiles .djs specs into Django + Django REST Framework projects."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("djsc")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"


def compile_file(path: str):
    """Compile one spec file (and what it `use`s); see `djsc.pipeline.Compilation`."""
    from djsc.pipeline import compile_files

    return compile_files([path])


def compile_source(text: str, path: str = "spec.djs"):
    """Compile a spec held in memory."""
    from djsc.pipeline import compile_source as _compile_source

    return _compile_source(text, path)


__all__ = ["__version__", "compile_file", "compile_source"]
