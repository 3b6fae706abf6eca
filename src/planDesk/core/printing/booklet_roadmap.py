"""Each initiative's 工程表 in the booklet: its row of the roadmap layout, as a flowable.

One layout of the whole plan (core.roadmap.layout, no group rows, no label column, the
period stretched to the cell's width) is computed once; an initiative's drawing is the
layout's fiscal-year header plus that initiative's row, so the booklet, the screen and
the roadmap PDF cannot disagree about a step. The plan booklet shows the plan, not its
progress: steps are drawn in the neutral style and without a today line.

The primitives are drawn by the roadmap's own reportlab painter
(``core.roadmap.pdf.draw_primitives``), the one the roadmap PDF uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from planDesk.core.plan.view import PlanView
from planDesk.core.roadmap.geometry import DEFAULT_METRICS
from planDesk.core.roadmap.layout import Primitive, RoadmapLayout, layout_roadmap
from planDesk.core.roadmap.measure import FontMeasurer
from planDesk.core.roadmap.pdf import draw_primitives
from planDesk.core.roadmap.style import style

_HIDDEN = ("today.",)


def booklet_layout(plan: PlanView, width: float) -> RoadmapLayout:
    """The whole plan's chart, one row per initiative, ``width`` points wide."""
    return layout_roadmap(plan, measurer=FontMeasurer(), today=date(plan.start_fy, 4, 1),
                          states={}, label_width=0, chart_width=width, show_groups=False,
                          metrics=replace(DEFAULT_METRICS, wrap_step_labels=True))  # labels inside their span


def _shown(prims: Iterable[Primitive]) -> list[Primitive]:
    return [p for p in prims if not p.style.startswith(_HIDDEN)]


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

    def _header_form(self, canv: Any) -> str:
        """The name of the PDF form holding the layout's header (made on first use)."""
        made: dict[int, str] = canv.__dict__.setdefault("_pd_roadmap_headers", {})
        name = made.get(id(self.layout))
        if name is None:
            name = made[id(self.layout)] = f"pdRoadmapHeader{len(made)}"  # the same in every run
            lay = self.layout
            canv.beginForm(name, -4, -4, lay.width + 4, lay.header_height + 4)  # strokes on the edge
            draw_primitives(canv, _shown(lay.header), dx=0, top=lay.header_height)
            canv.endForm()
        return name

    def draw(self) -> None:
        lay, row = self.layout, self.row
        shift = row.y - lay.header_height  # the row is drawn right under the header
        body = lay.row_primitives(row.index, keep=False).body  # each row is drawn once
        canv = self.canv
        canv.saveState()
        path = canv.beginPath()
        path.rect(0, 0, self.width, self.height)
        canv.clipPath(path, stroke=0, fill=0)
        grid = [p for p in lay.overlay if p.layer == "grid"]
        draw_primitives(canv, _shown(grid), dx=0, top=self.height + shift)
        # a step's label on white: the year lines do not cut through its words
        canv.setFillColor(colors.white)
        for p in body:
            if p.kind == "text" and p.style == "step.label" and p.text:
                canv.rect(p.x, self.height + shift - p.y - p.h, p.w, p.h, stroke=0, fill=1)
        draw_primitives(canv, _shown(body), dx=0, top=self.height + shift)
        # the header is the same above every initiative: drawn once into a form, then placed
        canv.translate(0, self.height - lay.header_height)
        canv.doForm(self._header_form(canv))
        canv.restoreState()
        # the chart's frame, bottom rule included (the row's own rule lies on the clip edge)
        st = style("header.cell")
        canv.setStrokeColor(HexColor(st.stroke or "#000000"))
        canv.setLineWidth(0.8)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
