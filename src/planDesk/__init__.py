"""planDesk: progress reporting for a city's digital-transformation action plan."""

from functools import cache as _cache


@_cache
def _installed_version() -> str:
    # importlib.metadata costs ~70 ms of imports: read only when the version is asked for.
    from importlib import metadata

    try:
        return metadata.version("planDesk")
    except metadata.PackageNotFoundError:  # a source tree that was not installed
        return "0.1.0"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module 'planDesk' has no attribute {name!r}")
