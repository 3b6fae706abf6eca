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
    """The header and one initiative's row of ``layout``; or, of an initiative with more
    steps than a page holds, the rows' part from ``top`` to ``bottom`` (points from the
    top of its row) under the same header: such a chart splits between its steps."""

    def __init__(self, layout: RoadmapLayout, initiative_id: int, top: float = 0.0,
                 bottom: float | None = None) -> None:
        super().__init__()
        row = layout.find(("initiative", initiative_id))
        if row is None:
            raise ValueError(f"initiative {initiative_id} is not in the layout")
        self.layout = layout
        self.row = row
        self.initiative_id = initiative_id
        self.top = top
        self.bottom = row.height if bottom is None else bottom
        self.width = layout.width
        self.height = layout.header_height + self.bottom - self.top

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        """Two charts, the first as tall as fits in ``ah`` and cut between steps (a step's
        label and bar stay together), both under the header; none if no step fits."""
        if self.height <= ah:
            return [self]
        cut = _last_cut(self._step_spans(), self.top, self.top + ah - self.layout.header_height)
        if cut is None:
            return []
        return [InitiativeRoadmap(self.layout, self.initiative_id, self.top, cut),
                InitiativeRoadmap(self.layout, self.initiative_id, cut, self.bottom)]

    def _step_spans(self) -> list[tuple[float, float]]:
        """Each step's extent (label and bar) from the top of the row, by its top."""
        spans: dict[Any, tuple[float, float]] = {}
        for p in self.layout.row_primitives(self.row.index, keep=False).body:
            if p.ref is None or p.ref[0] != "step":
                continue
            y0, y1 = p.y - self.row.y, p.y + p.h - self.row.y
            old = spans.get(p.ref)
            spans[p.ref] = (y0, y1) if old is None else (min(old[0], y0), max(old[1], y1))
        return sorted(spans.values())

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
        shift = row.y + self.top - lay.header_height  # the row's part is drawn right under the header
        body = lay.row_primitives(row.index, keep=False).body  # each row is drawn once
        piece = self.top > 0 or self.bottom < row.height
        if piece:  # what lies in this part (a step cut by its edge belongs to the other part)
            lo, hi = row.y + self.top, row.y + self.bottom
            body = tuple(p for p in body if p.y < hi and p.y + p.h > lo)
        canv = self.canv
        canv.saveState()
        path = canv.beginPath()
        # a part of a chart is clipped under its header: the steps above it are not drawn there
        path.rect(0, 0, self.width, self.height - lay.header_height if piece else self.height)
        canv.clipPath(path, stroke=0, fill=0)
        grid = [p for p in lay.overlay if p.layer == "grid"]
        draw_primitives(canv, _shown(grid), dx=0, top=self.height + shift)
        # a step's label on white: the year lines do not cut through its words
        canv.setFillColor(colors.white)
        for p in body:
            if p.kind == "text" and p.style == "step.label" and p.text:
                canv.rect(p.x, self.height + shift - p.y - p.h, p.w, p.h, stroke=0, fill=1)
        draw_primitives(canv, _shown(body), dx=0, top=self.height + shift)
        if piece:
            canv.restoreState()
            canv.saveState()
        # the header is the same above every initiative: drawn once into a form, then placed
        canv.translate(0, self.height - lay.header_height)
        canv.doForm(self._header_form(canv))
        canv.restoreState()
        # the chart's frame, bottom rule included (the row's own rule lies on the clip edge)
        st = style("header.cell")
        canv.setStrokeColor(HexColor(st.stroke or "#000000"))
        canv.setLineWidth(0.8)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)


def _last_cut(spans: list[tuple[float, float]], top: float, limit: float) -> float | None:
    """The lowest place between ``top`` and ``limit`` that cuts no step's span (``spans``
    sorted by their tops) with at least one step above it in this part: half-way between a
    step's top and the bottom of every step above it; None if there is none."""
    best = None
    reach = top  # the bottom of everything above the step looked at
    taken = False  # a step of this part lies above
    for start, end in spans:
        if start >= limit:
            break
        if start >= top:  # a step of this part
            if taken and start >= reach and (cut := (reach + start) / 2) <= limit:
                best = cut
            taken = True
        reach = max(reach, end)
    return best
