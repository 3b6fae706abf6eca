"""Paper for the roadmap chart: the page sizes, tiling a chart larger than a page, and
the furniture of each page (title, legend, "n / N"), all as plain data for the painters.

A page shows one tile: a range of the time axis and a range of rows, with the FY header
and the label column repeated. Tiles split the time axis at fiscal-year boundaries when
a year fits on a page (else at quarter or month boundaries) and the rows between rows;
a group row is never left alone at the bottom of a page, and a page that continues a
group repeats the group rows above it, every depth, at the top (``Tile.lead``) so that
the reader knows where they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from planDesk.core.domain.fiscal import format_date_wareki, format_fy
from planDesk.core.roadmap.layout import RoadmapLayout
from planDesk.core.roadmap.legend import layout_legend
from planDesk.core.roadmap.primitives import Primitive, TextMeasurer

MM = 72 / 25.4
PAPERS: dict[str, tuple[float, float]] = {  # landscape (width, height) in points
    "A3": (420 * MM, 297 * MM),
    "A4": (297 * MM, 210 * MM),
}
MARGIN = 10 * MM
TITLE_H = 22.0  # title band above the chart
FOOTER_GAP = 4.0


@dataclass(frozen=True, slots=True)
class Tile:
    """The part of a layout on one page: x0 … x1 of the time axis, a range of rows whose
    tops and bottom are y0 … y1 (layout coordinates)."""

    x0: float
    x1: float
    rows: range
    y0: float
    y1: float
    column: int  # 0-based index of the horizontal slice
    band: int  # 0-based index of the vertical slice
    lead: tuple[int, ...] = ()  # group rows repeated above the rows (the groups a page continues)
    lead_height: float = 0.0

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """The height of the rows (without the repeated group rows: see ``lead_height``)."""
        return self.y1 - self.y0


def x_slices(layout: RoadmapLayout, width: float) -> list[tuple[float, float]]:
    """The time axis cut into slices no wider than ``width``, at the coarsest boundaries
    (fiscal years, else quarters, else months) that fit."""
    axis = layout.axis
    if axis.x1 - axis.x0 <= width + 0.01:
        return [(axis.x0, axis.x1)]
    for step in (12, 3, 1):
        if step * axis.month_w <= width + 0.01:
            per = int((width + 0.01) // (step * axis.month_w)) * step
            return [(axis.x_of(m), axis.x_of(min(m + per, axis.months))) for m in range(0, axis.months, per)]
    n = int((axis.x1 - axis.x0) // width) + 1  # a month wider than a page: plain cuts
    w = (axis.x1 - axis.x0) / n
    return [(axis.x0 + i * w, axis.x0 + (i + 1) * w) for i in range(n)]


def group_rows_above(layout: RoadmapLayout, index: int) -> tuple[int, ...]:
    """The group rows (of every depth above it) that row ``index`` belongs to but that lie
    above it, outermost first: what a page starting at that row repeats."""
    rows = layout.rows
    out: list[int] = []
    depth = rows[index].depth if rows[index].kind != "initiative" else None
    for i in range(index - 1, -1, -1):
        r = rows[i]
        if r.kind != "initiative" and (depth is None or r.depth < depth):
            out.append(i)
            depth = r.depth
            if depth == 0:
                break
    return tuple(reversed(out))


def y_bands(layout: RoadmapLayout, height: float) -> list[range]:
    """Rows in bands whose height fits ``height`` (a taller row gets a page of its own);
    a band that continues a group leaves room for its repeated group rows."""
    layout.finish()
    rows = layout.rows
    bands: list[range] = []
    start = 0
    while start < len(rows):
        top = rows[start].y - sum(rows[i].height for i in group_rows_above(layout, start))
        end = start
        while end < len(rows) and (end == start or rows[end].bottom - top <= height + 0.01):
            end += 1
        # keep group headings with what follows them (unless the page holds nothing else)
        keep = end
        while keep < len(rows) and keep - 1 > start and rows[keep - 1].kind != "initiative":
            keep -= 1
        if any(rows[i].kind == "initiative" for i in range(start, keep)):
            end = keep
        bands.append(range(start, end))
        start = end
    return bands or [range(0, 0)]


def tile_layout(layout: RoadmapLayout, width: float, height: float) -> list[Tile]:
    """Tiles of a layout for pages whose chart area (label column and header included)
    is ``width`` × ``height``: down the rows first, then across the years."""
    columns = x_slices(layout, width - layout.label_width)
    bands = y_bands(layout, height - layout.header_height)
    tiles = []
    for c, (x0, x1) in enumerate(columns):
        for b, rows in enumerate(bands):
            lead: tuple[int, ...] = ()
            if len(rows):
                y0, y1 = layout.rows[rows.start].y, layout.rows[rows.stop - 1].bottom
                lead = group_rows_above(layout, rows.start)
            else:
                y0 = y1 = layout.header_height
            tiles.append(Tile(x0, x1, rows, y0, y1, c, b, lead, sum(layout.rows[i].height for i in lead)))
    return tiles


def page_title(layout: RoadmapLayout, scope: str = "") -> tuple[str, str]:
    """The title and subtitle printed on every page."""
    plan = layout.plan
    title = f"{plan.name}　工程表"
    parts = [plan.revision, f"計画期間 {format_fy(plan.start_fy)}〜{format_fy(plan.end_fy)}"]
    if scope:
        parts.append(scope)
    parts.append(f"進捗：{format_fy(layout.cycle_fy)}の報告" if layout.cycle_fy is not None else "進捗：報告なし")
    parts.append(f"作成 {format_date_wareki(layout.today)}")
    return title, "　".join(parts)


def page_furniture(layout: RoadmapLayout, m: TextMeasurer, *, page_w: float, page_h: float,
                   number: int, count: int, scope: str = "") -> tuple[list[Primitive], float, float]:
    """Title (top), legend and "n / N" (bottom) of one page; returns the primitives and the
    top and bottom y of the space left for the chart."""
    title, subtitle = page_title(layout, scope)
    out = [Primitive("text", MARGIN, MARGIN, m.width(title, "page.title"), 16, "page.title", title, layer="corner")]
    sw = m.width(subtitle, "page.subtitle")
    out.append(Primitive("text", page_w - MARGIN - sw, MARGIN + 4, sw, 12, "page.subtitle", subtitle,
                         layer="corner"))
    num = f"{number} / {count}" if count else ""
    nw = m.width(num, "page.number")
    legend, _, lh = layout_legend(m, today=layout.today, today_in_period=layout.today_x is not None,
                                  cycle_fy=layout.cycle_fy,
                                  max_width=page_w - 2 * MARGIN - m.width("999 / 999", "page.number") - 24)
    ly = page_h - MARGIN - lh
    out += [Primitive(p.kind, p.x + MARGIN, p.y + ly, p.w, p.h, p.style, p.text, layer="corner") for p in legend]
    if num:
        out.append(Primitive("text", page_w - MARGIN - nw, page_h - MARGIN - 12, nw, 12, "page.number", num,
                             layer="corner"))
    return out, MARGIN + TITLE_H, ly - FOOTER_GAP


def image_frame(layout: RoadmapLayout, m: TextMeasurer, scope: str = "") -> tuple[list[Primitive], float, float, float]:
    """The whole chart on one sheet (PNG): furniture, sheet width and height, and the y of
    the chart's top."""
    layout.finish()
    page_w = max(layout.width, 600.0) + 2 * MARGIN
    _, _, lh = layout_legend(m, today=layout.today, today_in_period=layout.today_x is not None,
                             cycle_fy=layout.cycle_fy,
                             max_width=page_w - 2 * MARGIN - m.width("999 / 999", "page.number") - 24)
    chart_h = layout.row(layout.row_count - 1).bottom if layout.row_count else layout.height
    page_h = MARGIN + TITLE_H + chart_h + FOOTER_GAP + lh + MARGIN
    prims, top, _ = page_furniture(layout, m, page_w=page_w, page_h=page_h, number=0, count=0, scope=scope)
    return prims, page_w, page_h, top


def chart_area(layout: RoadmapLayout, m: TextMeasurer, paper: str) -> tuple[float, float]:
    """Width and height left for the chart on a page of ``paper`` (title and legend off)."""
    page_w, page_h = PAPERS[paper]
    num_w = m.width("999 / 999", "page.number")
    _, _, lh = layout_legend(m, today=layout.today, today_in_period=layout.today_x is not None,
                             cycle_fy=layout.cycle_fy, max_width=page_w - 2 * MARGIN - num_w - 24)
    return page_w - 2 * MARGIN, page_h - 2 * MARGIN - TITLE_H - lh - FOOTER_GAP
