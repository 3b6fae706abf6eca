"""Each initiative's 工程表 in the booklet: its row of the roadmap layout, as a flowable.

One layout of the whole plan (core.roadmap_layout, no group rows, no label column, the
period stretched to the cell's width) is computed once; an initiative's drawing is the
layout's fiscal-year header plus that initiative's row, so the booklet, the screen and
the roadmap PDF cannot disagree about a step. The plan booklet shows the plan, not its
progress: steps are drawn in the neutral style and without a today line.

TEMPORARY: ``_paint`` is a small private reportlab painter of the layout's primitives,
here until the roadmap part's own painter (core/roadmap_pdf.py) lands; then this module
calls that painter instead and ``_paint`` goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from planDesk.core.pdf_fonts import GOTHIC, GOTHIC_BOLD, register_fonts
from planDesk.core.plan_view import PlanView
from planDesk.core.roadmap_layout import (
    Primitive,
    RoadmapLayout,
    arrow_polygon,
    baseline,
    diamond_polygon,
    layout_roadmap,
)
from planDesk.core.roadmap_measure import FontMeasurer, font_metrics
from planDesk.core.roadmap_style import BOLD, style

_HIDDEN = ("today.",)


def booklet_layout(plan: PlanView, width: float) -> RoadmapLayout:
    """The whole plan's chart, one row per initiative, ``width`` points wide."""
    return layout_roadmap(plan, measurer=FontMeasurer(), today=date(plan.start_fy, 4, 1),
                          states={}, label_width=0, chart_width=width, show_groups=False)


class InitiativeRoadmap(Flowable):  # type: ignore[misc]
    """The header and one initiative's row of ``layout``."""

    def __init__(self, layout: RoadmapLayout, initiative_id: int) -> None:
        super().__init__()
        row = layout.find(("initiative", initiative_id))
        if row is None:
            raise ValueError(f"initiative {initiative_id} is not in the layout")
        self.layout = layout
        self.row = row
        self.width = layout.width
        self.height = layout.header_height + row.height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        lay, row = self.layout, self.row
        shift = row.y - lay.header_height  # the row is drawn right under the header
        body = lay.row_primitives(row.index).body
        canv = self.canv
        canv.saveState()
        path = canv.beginPath()
        path.rect(0, 0, self.width, self.height)
        canv.clipPath(path, stroke=0, fill=0)
        _paint(canv, (p for p in lay.overlay if p.layer == "grid"), self.height, shift)
        _paint(canv, body, self.height, shift)
        _paint(canv, lay.header, self.height, 0.0)
        canv.restoreState()


@cache
def _color(value: str | None) -> Any:
    return colors.HexColor(value) if value else None


def _paint(canv: Any, prims: Iterable[Primitive], height: float, shift: float) -> None:
    """Draw primitives (y down from the chart top, moved up by ``shift``) on a PDF canvas."""
    register_fonts()
    last: tuple[Any, ...] = ()
    for p in prims:
        if p.style.startswith(_HIDDEN):
            continue
        st = style(p.style)
        fill, stroke = _color(st.fill), _color(st.stroke)
        state = (st.line_width, st.dash, stroke, fill)
        if state != last:  # a chart has thousands of primitives in a handful of styles
            canv.setLineWidth(st.line_width)
            canv.setDash(list(st.dash) if st.dash else [])
            if stroke is not None:
                canv.setStrokeColor(stroke)
            if fill is not None:
                canv.setFillColor(fill)
            last = state
        top = height - (p.y - shift)  # PDF y of the primitive's top edge
        if p.kind == "text" and p.text:
            fm = font_metrics(st.font)
            base = baseline(p, fm.ascent * st.size, fm.descent * st.size) - shift
            canv.setFillColor(_color(st.color))
            last = ()
            canv.setFont(GOTHIC_BOLD if st.font == BOLD else GOTHIC, st.size)
            canv.drawString(p.x, height - base, p.text)
        elif p.kind == "line":
            canv.line(p.x, top, p.x + p.w, top - p.h)
        elif p.kind in ("rect", "bar"):
            canv.rect(p.x, top - p.h, p.w, p.h, stroke=int(stroke is not None), fill=int(fill is not None))
        elif p.kind in ("arrow", "diamond"):
            points = arrow_polygon(p) if p.kind == "arrow" else diamond_polygon(p)
            path = canv.beginPath()
            (x0, y0), *rest = points
            path.moveTo(x0, height - (y0 - shift))
            for x, y in rest:
                path.lineTo(x, height - (y - shift))
            path.close()
            canv.drawPath(path, stroke=int(stroke is not None), fill=int(fill is not None))
