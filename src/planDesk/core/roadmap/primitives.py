"""The drawing primitives of the roadmap chart and the contract of a text measurer.

A primitive is plain data: a kind, a box in points, a style name (core.roadmap.style),
optional text, the model object it stands for and the layer it belongs to. The painters
(screen, PNG, PDF) draw exactly these and nothing else; the shapes of arrows and diamonds
are computed here so every painter draws the same outline.

Coordinates: points, origin at the top-left of the whole chart, y growing downwards.
``text`` primitives are drawn left-aligned at ``x``, vertically centred in ``y … y+h``
(``baseline`` gives the baseline every painter uses). ``line`` goes from (x, y) to
(x+w, y+h).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

# Layers, in painting order. The view keeps "label" (row labels) fixed horizontally,
# "header" fixed vertically and "corner" fixed both ways; PDF pages repeat them.
LAYERS = ("grid", "body", "overlay", "label", "header", "corner")

Ref = tuple[str, int]  # ("step", id) / ("initiative", id) / ("group", id)


@dataclass(frozen=True, slots=True)
class Primitive:
    kind: str  # rect | bar | arrow | diamond | line | text
    x: float
    y: float
    w: float
    h: float
    style: str
    text: str | None = None
    ref: Ref | None = None
    layer: str = "body"

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px <= self.x + self.w and self.y <= py <= self.y + self.h


class TextMeasurer(Protocol):
    """Measures text in points for a style name (its font and size)."""

    def width(self, text: str, style: str) -> float: ...

    def line_height(self, style: str) -> float: ...


def arrow_polygon(p: Primitive) -> list[tuple[float, float]]:
    """The outline of a block arrow filling ``p``'s box and pointing right."""
    head = min(p.h * 0.9, p.w * 0.5)
    shaft = p.h * 0.15  # the shaft is inset top and bottom so the head stands out
    x0, x1, y0, y1 = p.x, p.x + p.w, p.y, p.y + p.h
    xm = x1 - head
    return [(x0, y0 + shaft), (xm, y0 + shaft), (xm, y0), (x1, (y0 + y1) / 2),
            (xm, y1), (xm, y1 - shaft), (x0, y1 - shaft)]


def diamond_polygon(p: Primitive) -> list[tuple[float, float]]:
    cx, cy = p.x + p.w / 2, p.y + p.h / 2
    return [(cx, p.y), (p.x + p.w, cy), (cx, p.y + p.h), (p.x, cy)]


def baseline(p: Primitive, ascent: float, descent: float) -> float:
    """Baseline of a text primitive given the font's ascent and descent (descent < 0),
    both in points: the text's em box is centred in the primitive's box."""
    return p.y + p.h / 2 + (ascent + descent) / 2


def with_label_limits(prims: Sequence[Primitive]) -> Iterator[tuple[Primitive, float | None]]:
    """Each primitive with, for a step's label or a fiscal year's heading, the furthest x
    its text may be moved to (the end of its bar or cell minus the text's width); None for
    everything else. See ``sticky_x``."""
    for i, p in enumerate(prims):
        limit = None
        if p.kind == "text" and p.ref is not None:
            # a step's label precedes its shape; a year's heading follows its cell
            other = prims[i + 1] if p.style == "step.label" and i + 1 < len(prims) else (
                prims[i - 1] if p.style == "header.fy" and i > 0 else None)
            if other is not None and other.ref == p.ref:
                limit = other.x + other.w - p.w - (4 if p.style == "header.fy" else 0)
        yield p, limit


def sticky_x(x: float, limit: float | None, view_x0: float) -> float:
    """Where to draw a step's label whose start is scrolled (or tiled) out of view: at the
    view's left edge, but never past its own bar's end — so it stays within the space the
    layout reserved for that step and cannot run into the next step of its lane."""
    if limit is None or x >= view_x0:
        return x
    return max(x, min(view_x0, limit))
