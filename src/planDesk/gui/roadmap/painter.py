"""The QPainter painter of the roadmap layout: the screen (RoadmapView) and PNG images.

It draws the primitives of core.roadmap.layout and nothing else, with the styles of
core.roadmap.style. Coordinates are layout points; the caller scales the painter
(screen: logical DPI / 72; PNG: the chosen resolution). Fonts are sized so that one
layout point of font size is one unit of the painter's (unscaled) coordinates, and text
is placed on the same baseline as in the PDF (core.roadmap.primitives.baseline).

Each row's primitives are turned into ready Qt geometry once (``QtRowCache``) so a
repaint is a tight loop of draw calls, about what a bare QPainter loop costs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QPainter, QPainterPath, QPen, QPolygonF

from planDesk.core import fonts as pdf_fonts
from planDesk.core.roadmap.layout import RoadmapLayout
from planDesk.core.roadmap.measure import font_metrics
from planDesk.core.roadmap.pages import Tile
from planDesk.core.roadmap.primitives import (
    Primitive,
    arrow_polygon,
    baseline,
    diamond_polygon,
    sticky_x,
    with_label_limits,
)
from planDesk.core.roadmap.style import BOLD, PATTERN_WIDTH, pattern_lines, style

_RECT, _POLY, _LINE, _TEXT, _HATCH = range(5)


@cache
def font_families() -> dict[str, str]:
    """Register the bundled fonts with Qt once; style font role → Qt family name."""
    families: dict[str, str] = {}
    for role, name in (("gothic", pdf_fonts.GOTHIC), (BOLD, pdf_fonts.GOTHIC_BOLD)):
        fid = QFontDatabase.addApplicationFont(pdf_fonts.font_file(name))
        fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        families[role] = fams[0] if fams else "sans-serif"
    return families


@dataclass
class _QtStyle:
    pen: QPen
    brush: QBrush
    font: QFont
    text_pen: QPen
    ascent: float
    descent: float
    hatch_pen: QPen


class QtStyles:
    """Qt pens, brushes and fonts of the roadmap styles for one device resolution."""

    def __init__(self, dpi: float) -> None:
        self.dpi = dpi
        self._styles: dict[str, _QtStyle] = {}

    def get(self, name: str) -> _QtStyle:
        got = self._styles.get(name)
        if got is None:
            got = self._styles[name] = self._make(name)
        return got

    def _make(self, name: str) -> _QtStyle:
        st = style(name)
        if st.stroke:
            pen = QPen(QColor(st.stroke))
            pen.setWidthF(st.line_width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            if st.dash:
                pen.setDashPattern([d / st.line_width for d in st.dash])
        else:
            pen = QPen(Qt.PenStyle.NoPen)
        brush = QBrush(QColor(st.fill)) if st.fill else QBrush(Qt.BrushStyle.NoBrush)
        family = font_families()["gothic-bold" if st.font == BOLD else "gothic"]
        font = QFont(family)
        font.setPointSizeF(st.size * 72.0 / self.dpi)  # = st.size device units before scaling
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        font.setKerning(False)  # the layout measured without kerning (core.roadmap.measure)
        fm = font_metrics(st.font)
        hatch = QPen(QColor(st.pattern_color))
        hatch.setWidthF(PATTERN_WIDTH)
        hatch.setCapStyle(Qt.PenCapStyle.FlatCap)
        return _QtStyle(pen, brush, font, QPen(QColor(st.color)), fm.ascent * st.size,
                        fm.descent * st.size, hatch)


# kind, style, geometry, text, x0, x1, and for a step label the furthest x it may slide to
Op = tuple[int, str, object, str | None, float, float, float | None]


def compile_primitives(prims: Iterable[Primitive], styles: QtStyles) -> list[Op]:
    """Qt geometry for primitives (done once per row; see module doc)."""
    ops: list[Op] = []
    for p, limit in with_label_limits(list(prims)):
        x0, x1 = p.x, p.x + p.w
        if p.kind in ("rect", "bar"):
            ops.append((_RECT, p.style, QRectF(p.x, p.y, p.w, p.h), None, x0, x1, None))
        elif p.kind == "arrow":
            ops.append((_POLY, p.style, QPolygonF([QPointF(a, b) for a, b in arrow_polygon(p)]), None, x0, x1,
                        None))
        elif p.kind == "diamond":
            ops.append((_POLY, p.style, QPolygonF([QPointF(a, b) for a, b in diamond_polygon(p)]), None, x0, x1,
                        None))
        elif p.kind == "line":
            ops.append((_LINE, p.style, QLineF(p.x, p.y, x1, p.y + p.h), None, min(x0, x1), max(x0, x1), None))
        elif p.kind == "text" and p.text:
            st = styles.get(p.style)
            ops.append((_TEXT, p.style, QPointF(p.x, baseline(p, st.ascent, st.descent)), p.text, x0,
                        x1 if limit is None else limit + p.w, limit))
        if p.kind in ("rect", "bar", "arrow", "diamond") and style(p.style).pattern:
            ops.append((_HATCH, p.style, _hatch_geometry(p), None, x0, x1, None))
    return ops


def _hatch_geometry(p: Primitive) -> tuple[QPolygonF, list[QLineF]]:
    """The shape's outline and its style's hatch lines (core.roadmap.style.pattern_lines)."""
    if p.kind == "arrow":
        pts = arrow_polygon(p)
    elif p.kind == "diamond":
        pts = diamond_polygon(p)
    else:
        pts = [(p.x, p.y), (p.x + p.w, p.y), (p.x + p.w, p.y + p.h), (p.x, p.y + p.h)]
    outline = QPolygonF([QPointF(a, b) for a, b in pts])
    lines = [QLineF(a, b, c, d) for a, b, c, d in pattern_lines(style(p.style).pattern, p.x, p.y, p.w, p.h)]
    return outline, lines


def run_ops(painter: QPainter, ops: Iterable[Op], styles: QtStyles, x0: float = -1e18,
            x1: float = 1e18) -> int:
    """Draw compiled primitives whose x range meets x0 … x1; returns how many were drawn."""
    current = ""
    st: _QtStyle | None = None
    n = 0
    font: QFont | None = None
    for kind, name, geom, text, a, b, limit in ops:
        if b < x0 or a > x1:
            continue
        if name != current:
            st = styles.get(name)
            current = name
            if kind != _TEXT:
                painter.setPen(st.pen)
                painter.setBrush(st.brush)
        assert st is not None
        n += 1
        if kind == _TEXT:
            if font is not st.font:
                painter.setFont(st.font)
                font = st.font
            painter.setPen(st.text_pen)
            if limit is not None and a < x0 + 4:  # keep a step's label or a year in view (sticky_x)
                pt: QPointF = geom  # type: ignore[assignment]
                sx = sticky_x(a, limit, x0 + (4 if name == "header.fy" else 0))
                if name == "header.fy" and sx < x0:
                    current = ""
                    continue  # a sliver of a year at the left edge: no cut-off 「6年度」
                geom = QPointF(sx, pt.y())
            painter.drawText(geom, text)  # type: ignore[call-overload]
            current = ""  # the pen changed
        elif kind == _RECT:
            painter.drawRect(geom)  # type: ignore[call-overload]
        elif kind == _HATCH:
            outline: QPolygonF = geom[0]  # type: ignore[index]
            lines: list[QLineF] = geom[1]  # type: ignore[index]
            painter.save()
            clip = QPainterPath()
            clip.addPolygon(outline)
            painter.setClipPath(clip, Qt.ClipOperation.IntersectClip)
            painter.setPen(st.hatch_pen)
            painter.drawLines(lines)
            painter.restore()
            painter.setPen(st.pen)  # the outline again, over the hatching (as on paper)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(outline)
            current = ""
        elif kind == _POLY:  # slanted edges: smooth them (rects and lines stay crisp)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.drawPolygon(geom)  # type: ignore[call-overload]
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        else:
            painter.drawLine(geom)  # type: ignore[call-overload]
    return n


class QtRowCache:
    """Compiled primitives of a layout's rows, header and overlay, built when first painted."""

    def __init__(self, layout: RoadmapLayout, styles: QtStyles) -> None:
        self.layout = layout
        self.styles = styles
        self._body: dict[int, list[Op]] = {}
        self._label: dict[int, list[Op]] = {}
        self.header = compile_primitives((p for p in layout.header if p.layer == "header"), styles)
        self.corner = compile_primitives((p for p in layout.header if p.layer == "corner"), styles)

    def body(self, index: int) -> list[Op]:
        got = self._body.get(index)
        if got is None:
            got = self._body[index] = compile_primitives(self.layout.row_primitives(index).body, self.styles)
        return got

    def label(self, index: int) -> list[Op]:
        got = self._label.get(index)
        if got is None:
            got = self._label[index] = compile_primitives(self.layout.row_primitives(index).label, self.styles)
        return got


def paint_overlay(painter: QPainter, layout: RoadmapLayout, styles: QtStyles, layer: str,
                  y0: float, y1: float) -> None:
    """Grid or today lines, cut to y0 … y1 (the chart can be taller than Qt's raster range)."""
    for p in layout.overlay:
        if p.layer != layer:
            continue
        if p.kind == "line":
            a, b = max(p.y, y0), min(p.y + p.h, y1)
            if a < b:
                painter.setPen(styles.get(p.style).pen)
                painter.drawLine(QLineF(p.x, a, p.x + p.w, b))
        else:
            run_ops(painter, compile_primitives([p], styles), styles)


def paint_viewport(painter: QPainter, cache: QtRowCache, sx: float, sy: float, vw: float, vh: float,
                   *, highlight: int | None = None) -> int:
    """Paint the part of the chart seen through a vw × vh window scrolled to (sx, sy), all in
    layout points: the header stays at the top, the label column at the left (frozen
    panes). Returns the number of primitives drawn."""
    layout, styles = cache.layout, cache.styles
    lw, hh = layout.label_width, layout.header_height
    rows = layout.rows_in(sy + hh, sy + vh)
    x0, x1 = sx + lw, sx + vw
    n = 0
    painter.save()
    painter.setClipRect(QRectF(lw, hh, vw - lw, vh - hh))
    painter.translate(-sx, -sy)
    paint_overlay(painter, layout, styles, "grid", sy + hh, sy + vh)
    for i in rows:
        n += run_ops(painter, cache.body(i), styles, x0, x1)
    if highlight is not None and highlight in rows:
        row = layout.row(highlight)
        painter.setPen(QPen(QColor("#0969da"), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(sx + lw + 1, row.y + 0.75, vw - lw - 2, row.height - 1.5))
    paint_overlay(painter, layout, styles, "overlay", sy + hh, sy + vh)
    painter.restore()
    if lw > 0:
        painter.save()
        painter.setClipRect(QRectF(0, hh, lw, vh - hh))
        painter.translate(0, -sy)
        for i in rows:
            n += run_ops(painter, cache.label(i), styles)
        if highlight is not None and highlight in rows:
            row = layout.row(highlight)
            painter.fillRect(QRectF(0, row.y, 3, row.height), QColor("#0969da"))
        painter.restore()
    painter.save()
    painter.setClipRect(QRectF(lw, 0, vw - lw, hh))
    painter.translate(-sx, 0)
    n += run_ops(painter, cache.header, styles, x0, x1)
    painter.restore()
    n += run_ops(painter, cache.corner, styles)
    return n


def paint_primitives(painter: QPainter, prims: Iterable[Primitive], styles: QtStyles) -> int:
    """Paint primitives as they are (PNG export, legend)."""
    return run_ops(painter, compile_primitives(prims, styles), styles)


def paint_tile(painter: QPainter, cache: QtRowCache, tile: Tile) -> int:
    """Paint one page's tile (core.roadmap.pages) with its top-left at the painter's origin:
    the FY header, the group rows a continued page repeats (``tile.lead``), then its rows —
    as the PDF painter draws it. Returns the number of primitives drawn."""
    layout, styles = cache.layout, cache.styles
    lw, hh, lead = layout.label_width, layout.header_height, tile.lead_height
    w, h = lw + tile.width, hh + lead + tile.height
    painter.save()
    painter.setClipRect(QRectF(0, 0, w, h))
    # the rows (the band under the header left for the lead rows shows what precedes them)
    n = paint_viewport(painter, cache, tile.x0 - lw, tile.y0 - hh - lead, w, h)
    y = hh
    for i in tile.lead:
        row = layout.row(i)
        painter.save()
        painter.setClipRect(QRectF(lw, y, tile.width, row.height))
        painter.translate(lw - tile.x0, y - row.y)
        n += run_ops(painter, cache.body(i), styles, tile.x0, tile.x1)
        painter.restore()
        if lw > 0:
            painter.save()
            painter.setClipRect(QRectF(0, y, lw, row.height))
            painter.translate(0, y - row.y)
            n += run_ops(painter, cache.label(i), styles)
            painter.restore()
        y += row.height
    painter.restore()
    return n
