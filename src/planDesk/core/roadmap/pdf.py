"""The reportlab painter of the roadmap layout, and the roadmap PDF (A3/A4 landscape).

It draws the primitives of core.roadmap.layout and nothing else (as the screen painter
does), with the bundled fonts embedded. Reusable pieces for other printouts (the plan
booklet draws each initiative's 工程表 with them):

* ``draw_layout_on_canvas(canvas, layout, x, y)`` — a whole layout with its top-left
  corner at page point (x, y) (reportlab coordinates: y is the top edge);
* ``RoadmapFlowable(layout)`` — the same as a platypus flowable;
* ``draw_tile(...)`` — one page's tile with the header and label column repeated.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from planDesk.core import fonts as pdf_fonts
from planDesk.core.atomic import write_atomically
from planDesk.core.plan.view import PlanView
from planDesk.core.roadmap.geometry import DEFAULT_METRICS
from planDesk.core.roadmap.layout import Ref, RoadmapLayout, Zoom, layout_roadmap
from planDesk.core.roadmap.measure import FontMeasurer, font_metrics
from planDesk.core.roadmap.pages import MARGIN, PAPERS, Tile, chart_area, page_furniture, tile_layout
from planDesk.core.roadmap.pdf_text import paint_string
from planDesk.core.roadmap.primitives import (
    Primitive,
    arrow_polygon,
    baseline,
    diamond_polygon,
    sticky_x,
    with_label_limits,
)
from planDesk.core.roadmap.style import BOLD, PATTERN_WIDTH, pattern_lines, style

_hex = cache(HexColor)  # a chart names a handful of colours, thousands of times


def draw_primitives(c: Canvas, prims: Iterable[Primitive], *, dx: float, top: float,
                    view_x0: float | None = None) -> None:
    """Draw primitives with layout point (x, y) at page point (x + dx, top - y).
    ``view_x0``: the left edge of what is shown (a step label scrolled out of a page's
    tile slides in, as on screen)."""
    pdf_fonts.register_fonts()
    for p, limit in with_label_limits(list(prims)):
        st = style(p.style)
        if p.kind == "text":
            if not p.text:
                continue
            fm = font_metrics(st.font)
            c.setFont(pdf_fonts.GOTHIC_BOLD if st.font == BOLD else pdf_fonts.GOTHIC, st.size)
            c.setFillColor(_hex(st.color))
            x = p.x if view_x0 is None else sticky_x(p.x, limit, view_x0)
            tx, ty = x + dx, top - baseline(p, fm.ascent * st.size, fm.descent * st.size)
            if not paint_string(c, tx, ty, p.text):  # (the same operators drawString writes)
                c.drawString(tx, ty, p.text)
            continue
        stroke = st.stroke is not None
        fill = st.fill is not None and p.kind != "line"
        if stroke:
            c.setStrokeColor(_hex(st.stroke))
            c.setLineWidth(st.line_width)
            c.setDash(list(st.dash) if st.dash else [])
        if fill:
            c.setFillColor(_hex(st.fill))
        if p.kind == "line":
            if stroke:
                c.setLineCap(0)
                c.line(p.x + dx, top - p.y, p.x + p.w + dx, top - p.y - p.h)
            continue
        if p.kind in ("rect", "bar") and not st.pattern:
            c.rect(p.x + dx, top - p.y - p.h, p.w, p.h, stroke=int(stroke), fill=int(fill))
            continue
        if p.kind in ("rect", "bar"):
            pts = [(p.x, p.y), (p.x + p.w, p.y), (p.x + p.w, p.y + p.h), (p.x, p.y + p.h)]
        elif p.kind in ("arrow", "diamond"):
            pts = arrow_polygon(p) if p.kind == "arrow" else diamond_polygon(p)
        else:
            continue
        if not st.pattern:
            c.drawPath(_path(c, pts, dx, top), stroke=int(stroke), fill=int(fill))
            continue
        if fill:
            c.drawPath(_path(c, pts, dx, top), stroke=0, fill=1)
        if st.pattern:
            _hatch(c, p, pts, dx, top, st.pattern, st.pattern_color)
        if stroke:
            c.drawPath(_path(c, pts, dx, top), stroke=1, fill=0)


def _path(c: Canvas, pts: list[tuple[float, float]], dx: float, top: float) -> Any:
    path = c.beginPath()
    path.moveTo(pts[0][0] + dx, top - pts[0][1])
    for x, y in pts[1:]:
        path.lineTo(x + dx, top - y)
    path.close()
    return path


def _hatch(c: Canvas, p: Primitive, pts: list[tuple[float, float]], dx: float, top: float,
           pattern: str, color: str) -> None:
    """The style's hatch lines (roadmap_style.pattern_lines) clipped to the shape."""
    c.saveState()
    c.clipPath(_path(c, pts, dx, top), stroke=0, fill=0)
    c.setStrokeColor(HexColor(color))
    c.setLineWidth(PATTERN_WIDTH)
    c.setDash([])
    for x1, y1, x2, y2 in pattern_lines(pattern, p.x, p.y, p.w, p.h):
        c.line(x1 + dx, top - y1, x2 + dx, top - y2)
    c.restoreState()


def _clip(c: Canvas, x: float, y_top: float, w: float, h: float) -> None:
    path = c.beginPath()
    path.rect(x, y_top - h, w, h)
    c.clipPath(path, stroke=0, fill=0)


def _cut(prims: Iterable[Primitive], layer: str, y0: float, y1: float) -> list[Primitive]:
    """Overlay lines of one layer cut to y0 … y1 (a page shows part of the rows)."""
    out = []
    for p in prims:
        if p.layer != layer:
            continue
        if p.kind == "line":
            a, b = max(p.y, y0), min(p.y + p.h, y1)
            if a < b:
                out.append(Primitive("line", p.x, a, p.w, b - a, p.style, p.text, p.ref, p.layer))
        else:
            out.append(p)
    return out


def full_tile(layout: RoadmapLayout) -> Tile:
    layout.finish()
    rows = range(layout.row_count)
    y1 = layout.row(rows.stop - 1).bottom if len(rows) else layout.height
    return Tile(layout.chart_x0, layout.chart_x1, rows, layout.header_height, y1, 0, 0)


def _across(prims: Iterable[Primitive], x0: float, x1: float) -> list[Primitive]:
    """The primitives that reach into x0 … x1 (a page carries no hidden text of others)."""
    return [p for p in prims if (p.x < x1 and p.x + p.w > x0) or (p.w == 0 and x0 <= p.x <= x1)]


def draw_tile(c: Canvas, layout: RoadmapLayout, tile: Tile, x: float, y: float) -> None:
    """One tile with the FY header above it and the row labels beside it, top-left at
    page point (x, y); the group rows a continued page repeats (``tile.lead``) come first."""
    lw, hh = layout.label_width, layout.header_height
    body_h = max(tile.height, 0.0) + tile.lead_height
    # (layout y range, page top of that range's first row): the lead rows, then the tile
    pieces: list[tuple[range, float, float, float]] = []
    ly = y - hh
    for i in tile.lead:
        r = layout.row(i)
        pieces.append((range(i, i + 1), r.y, r.bottom, ly))
        ly -= r.height
    pieces.append((tile.rows, tile.y0, tile.y1, ly))
    c.saveState()
    _clip(c, x + lw, y - hh, tile.width, body_h)
    for rows, y0, y1, page_top in pieces:
        dx, top = x + lw - tile.x0, page_top + y0
        draw_primitives(c, _across(_cut(layout.overlay, "grid", y0, y1), tile.x0, tile.x1), dx=dx, top=top)
        for i in rows:
            body = layout.row_primitives(i).body
            # a step label whose bar reaches into the tile slides in (see sticky_x)
            shown = {p.ref for p in _across(body, tile.x0, tile.x1) if p.kind != "text"}
            draw_primitives(c, [p for p in body if p.ref in shown or _across([p], tile.x0, tile.x1)],
                            dx=dx, top=top, view_x0=tile.x0)
        draw_primitives(c, _across(_cut(layout.overlay, "overlay", y0, y1), tile.x0, tile.x1), dx=dx, top=top)
    c.restoreState()
    if lw > 0:
        c.saveState()
        _clip(c, x, y - hh, lw, body_h)
        for rows, y0, _, page_top in pieces:
            for i in rows:
                draw_primitives(c, layout.row_primitives(i).label, dx=x, top=page_top + y0)
        c.restoreState()
    c.saveState()
    _clip(c, x + lw, y, tile.width, hh)
    draw_primitives(c, _across([p for p in layout.header if p.layer == "header"], tile.x0, tile.x1),
                    dx=x + lw - tile.x0, top=y)
    c.restoreState()
    draw_primitives(c, [p for p in layout.header if p.layer == "corner"], dx=x, top=y)


def draw_layout_on_canvas(c: Canvas, layout: RoadmapLayout, x: float, y: float) -> tuple[float, float]:
    """Draw a whole layout with its top-left at page point (x, y); returns its size."""
    tile = full_tile(layout)
    draw_tile(c, layout, tile, x, y)
    return layout.label_width + tile.width, layout.header_height + tile.height + tile.lead_height


class RoadmapFlowable(Flowable):  # type: ignore[misc]
    """A laid-out roadmap in a platypus story (e.g. one initiative's 工程表 in the booklet)."""

    def __init__(self, layout: RoadmapLayout) -> None:
        super().__init__()
        self.layout = layout
        tile = full_tile(layout)
        self.width = layout.label_width + tile.width
        self.height = layout.header_height + tile.height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_layout_on_canvas(self.canv, self.layout, 0, self.height)


def layout_for_paper(plan: PlanView, *, paper: str, today: date, zoom: Zoom = "year",
                     initiative_ids: Collection[int] | None = None, cycle_fy: int | None = None,
                     states: dict[int, str] | None = None, collapsed: Collection[Ref] = frozenset(),
                     label_width: float = 200.0, measurer: FontMeasurer | None = None) -> RoadmapLayout:
    """The layout of a roadmap printed on ``paper``: zoom "year" fits the period to the
    page width; with quarters or months, as many whole fiscal years as fit at the zoom's
    scale fill each page (tiled across pages)."""
    m = measurer or FontMeasurer()
    page_w = PAPERS[paper][0] - 2 * MARGIN
    months = (plan.end_fy - plan.start_fy + 1) * 12
    natural = months * {"year": DEFAULT_METRICS.year_width / 12, "quarter": DEFAULT_METRICS.quarter_width / 3,
                        "month": DEFAULT_METRICS.month_width}[zoom]
    fit = page_w - label_width
    years = plan.end_fy - plan.start_fy + 1
    per_page = int(fit // (natural / years))  # whole fiscal years on a page at the zoom's scale
    if zoom == "year" or natural <= fit:
        width = fit
    elif per_page >= 1:
        width = fit * years / per_page  # stretched so that each page is filled with whole years
    else:
        width = natural
    return layout_roadmap(plan, measurer=m, today=today, initiative_ids=initiative_ids, zoom=zoom,
                          cycle_fy=cycle_fy, states=states, label_width=label_width, collapsed=collapsed,
                          chart_width=width, group_markers=False)


def write_roadmap_pdf(path: Path, layout: RoadmapLayout, *, paper: str = "A3", scope: str = "",
                      measurer: FontMeasurer | None = None) -> int:
    """Write the roadmap PDF (atomically); returns the number of pages."""
    m = measurer or FontMeasurer()
    page_w, page_h = PAPERS[paper]
    avail_w, avail_h = chart_area(layout, m, paper)
    tiles = tile_layout(layout, avail_w, avail_h)

    def write(tmp: Path) -> None:
        pdf_fonts.register_fonts()
        c = Canvas(str(tmp), pagesize=(page_w, page_h), pageCompression=1, lang="ja",
                   initialFontName=pdf_fonts.GOTHIC, initialFontSize=8)  # no stray Helvetica
        c.setTitle(f"{layout.plan.name} 工程表")
        c.setAuthor(layout.plan.municipality)
        c.setCreator("planDesk")
        c.setSubject(scope or "工程表")
        for n, tile in enumerate(tiles, start=1):
            furniture, chart_top, _ = page_furniture(layout, m, page_w=page_w, page_h=page_h, number=n,
                                                     count=len(tiles), scope=scope)
            draw_primitives(c, furniture, dx=0, top=page_h)
            draw_tile(c, layout, tile, MARGIN, page_h - chart_top)
            _bookmarks(c, layout, tile, n, page_h - chart_top)
            c.showPage()
        c.showOutline()
        c.save()

    write_atomically(path, write)
    return len(tiles)


def _bookmarks(c: Canvas, layout: RoadmapLayout, tile: Tile, number: int, chart_top: float) -> None:
    """Bookmarks of the groups that begin on this page (nested by depth);
    a chart without group rows gets one bookmark per page."""
    if tile.column > 0:
        return  # the later slices of the time axis repeat the same rows
    top = chart_top - layout.header_height - tile.lead_height
    found = False
    for i in tile.rows:
        r = layout.row(i)
        if r.kind == "initiative":
            continue
        key = f"g{i}"
        c.bookmarkHorizontal(key, 0, top - (r.y - tile.y0) + 4)
        c.addOutlineEntry(r.title, key, level=r.depth, closed=True)
        found = True
    if not found and not any(r.kind != "initiative" for r in layout.rows):
        key = f"p{number}"
        c.bookmarkPage(key)
        c.addOutlineEntry(f"{number} ページ", key, level=0)


def export_roadmap_pdf(path: Path, plan: PlanView, *, today: date, paper: str = "A3", zoom: Zoom = "year",
                       initiative_ids: Collection[int] | None = None, cycle_fy: int | None = None,
                       scope: str = "", **kw: Any) -> int:
    """Lay out and write the roadmap of ``plan`` as a PDF; returns the number of pages."""
    m = FontMeasurer()
    layout = layout_for_paper(plan, paper=paper, today=today, zoom=zoom, initiative_ids=initiative_ids,
                              cycle_fy=cycle_fy, measurer=m, **kw)
    return write_roadmap_pdf(path, layout, paper=paper, scope=scope, measurer=m)
