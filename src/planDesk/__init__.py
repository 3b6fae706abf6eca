"""planDesk: progress reporting for a city's digital-transformation action plan."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("planDesk")
except _metadata.PackageNotFoundError:  # a source tree that was not installed
    __version__ = "0.1.0"
