"""The export kinds (``plandesk export KIND``, the GUI's 出力 menu): one registry for both.

Each output registers itself with ``@exporter(kind, suffixes, help)``: the function gets an
open Store, the resolved options and the output path, writes the file atomically
(core.atomic) and returns a one-line summary. ``kinds.load_kinds()`` imports every module
that registers a kind. Painters that need a GUI toolkit (the roadmap as PNG) are registered by
the GUI layer through ``register_image_writer``: the core stays free of Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planDesk.core.persistence.store import Store
    from planDesk.core.roadmap.layout import RoadmapLayout


@dataclass(frozen=True)
class ExportOptions:
    plan: str | None
    department: str | None
    fy: int | None
    cycle: str | None
    extra: dict[str, Any]


ExportFunction = Callable[["Store", ExportOptions, Path], str]


@dataclass(frozen=True)
class Exporter:
    kind: str
    suffixes: tuple[str, ...]
    help: str
    run: ExportFunction  # returns a one-line summary


EXPORTERS: dict[str, Exporter] = {}


def exporter(kind: str, suffixes: tuple[str, ...], help: str) -> Callable[[ExportFunction], ExportFunction]:
    """Decorator registering an export function for ``kind``."""

    def deco(fn: ExportFunction) -> ExportFunction:
        EXPORTERS[kind] = Exporter(kind, suffixes, help, fn)
        return fn

    return deco


# A writer of the roadmap chart as an image: (path, layout, scope) → (width, height) in pixels.
ImageWriter = Callable[[Path, "RoadmapLayout", str], tuple[int, int]]
_image_writers: dict[str, ImageWriter] = {}


def register_image_writer(suffix: str, writer: ImageWriter) -> None:
    """Called by the GUI layer: it can paint the roadmap as an image (``.png``)."""
    _image_writers[suffix] = writer


def image_writer(suffix: str) -> ImageWriter | None:
    return _image_writers.get(suffix)
