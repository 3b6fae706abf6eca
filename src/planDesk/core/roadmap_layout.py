"""The roadmap (工程表) chart laid out without any GUI: plan → positioned primitives.

``layout_roadmap`` places the fiscal-year columns (令和5年度 …, with quarters 第1四半期 =
April–June or months when zoomed), one row per policy / promotion item (collapsible) and
per initiative, and in each initiative row its steps packed into lanes: a step's label
above its bar (one-off), arrow (continuing: to the end of the period) or diamond
(milestone), coloured by the state reported for it (core.roadmap_states). The result is
drawn by core.roadmap_pdf (paper), gui.roadmap_painter (screen and PNG).

The geometry of every row is computed at once (it needs every label's width), but a
row's primitives are built only when a painter asks for them: the view of a
10,000-initiative plan builds the few dozen rows it shows. ``RoadmapLayout.primitives``
builds them all, in painting order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from planDesk.core.plan_view import InitiativeView, PlanView
from planDesk.core.roadmap_geometry import (
    DEFAULT_METRICS,
    Metrics,
    RowBuilder,
    TimeAxis,
    build_group_row,
    build_initiative_row,
    header_primitives,
    overlay_primitives,
    place_initiative,
)
from planDesk.core.roadmap_primitives import (
    LAYERS,
    Primitive,
    Ref,
    TextMeasurer,
    arrow_polygon,
    baseline,
    diamond_polygon,
)
from planDesk.core.roadmap_states import latest_report_fy, step_states
from planDesk.core.roadmap_text import elide

__all__ = [
    "LAYERS",
    "ZOOMS",
    "LayoutRow",
    "Metrics",
    "Primitive",
    "Ref",
    "RoadmapLayout",
    "TextMeasurer",
    "Zoom",
    "arrow_polygon",
    "baseline",
    "diamond_polygon",
    "layout_roadmap",
]

Zoom = Literal["year", "quarter", "month"]
ZOOMS: tuple[Zoom, ...] = ("year", "quarter", "month")


@dataclass(frozen=True, slots=True)
class LayoutRow:
    """One row of the chart: a policy, a promotion item or an initiative."""

    index: int
    kind: str  # policy | item | initiative
    ref: Ref
    y: float
    height: float
    title: str
    depth: int
    collapsed: bool = False
    lanes: int = 0

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True, slots=True)
class RowPrimitives:
    body: tuple[Primitive, ...]  # chart side: bands, grid, step labels and bars
    label: tuple[Primitive, ...]  # label column


class RoadmapLayout:
    """The laid-out chart. Read-only after construction; row primitives are built lazily."""

    def __init__(self, *, plan: PlanView, axis: TimeAxis, label_width: float, header_height: float,
                 rows: tuple[LayoutRow, ...], builders: list[RowBuilder], header: tuple[Primitive, ...],
                 overlay: tuple[Primitive, ...], width: float, height: float, zoom: Zoom,
                 cycle_fy: int | None, states: Mapping[int, str], today: date,
                 today_x: float | None) -> None:
        self.plan = plan
        self.axis = axis
        self.label_width = label_width
        self.header_height = header_height
        self.rows = rows
        self.header = header
        self.overlay = overlay
        self.width = width
        self.height = height
        self.zoom = zoom
        self.cycle_fy = cycle_fy
        self.states = states
        self.today = today
        self.today_x = today_x
        self._builders = builders
        self._built: dict[int, RowPrimitives] = {}
        self._row_tops = [r.y for r in rows]

    @property
    def chart_x0(self) -> float:
        return self.axis.x0

    @property
    def chart_x1(self) -> float:
        return self.axis.x1

    def row_primitives(self, index: int) -> RowPrimitives:
        got = self._built.get(index)
        if got is None:
            body, label = self._builders[index]()
            got = RowPrimitives(tuple(body), tuple(label))
            self._built[index] = got
        return got

    def rows_in(self, y0: float, y1: float) -> range:
        """Indices of the rows that intersect y0 … y1 (binary search on the row tops)."""
        first = max(0, bisect_right(self._row_tops, y0) - 1)
        if first < len(self.rows) and self.rows[first].bottom <= y0:
            first += 1
        last = bisect_right(self._row_tops, y1)
        return range(first, max(first, last))

    def row_at(self, y: float) -> int | None:
        r = self.rows_in(y, y)
        return r.start if len(r) and self.rows[r.start].y <= y < self.rows[r.start].bottom else None

    def iter_primitives(self, rows: range | None = None) -> Iterator[Primitive]:
        """Primitives in painting order (layer by layer) for all rows or a range of rows."""
        rng = range(len(self.rows)) if rows is None else rows
        built = [self.row_primitives(i) for i in rng]
        for layer in LAYERS:
            if layer in ("grid", "overlay"):
                yield from (p for p in self.overlay if p.layer == layer)
            elif layer == "body":
                for rp in built:
                    yield from rp.body
            elif layer == "label":
                for rp in built:
                    yield from rp.label
            else:
                yield from (p for p in self.header if p.layer == layer)

    @property
    def primitives(self) -> tuple[Primitive, ...]:
        return tuple(self.iter_primitives())

    def find(self, ref: Ref) -> LayoutRow | None:
        """The row of an initiative or group (for steps: the initiative's row)."""
        for row in self.rows:
            if row.ref == ref:
                return row
        return None


def layout_roadmap(
    plan: PlanView,
    *,
    measurer: TextMeasurer,
    today: date,
    initiative_ids: Collection[int] | None = None,
    zoom: Zoom = "year",
    cycle_fy: int | None = None,
    states: Mapping[int, str] | None = None,
    label_width: float = 200.0,
    collapsed: Collection[Ref] = frozenset(),
    chart_width: float | None = None,
    show_groups: bool = True,
    metrics: Metrics = DEFAULT_METRICS,
) -> RoadmapLayout:
    """Lay out the 工程表 of ``plan`` (or of the initiatives in ``initiative_ids``).

    ``zoom`` picks the columns (fiscal years, + quarters, + months) and the default scale;
    ``chart_width`` instead stretches the period to exactly that many points (for pages).
    ``states`` maps step id → reported state; by default they come from the reports of
    ``cycle_fy`` (None: the latest year with reports). ``collapsed`` holds the refs of
    collapsed groups (("policy", id) / ("item", id)). ``label_width`` 0 leaves out the
    label column (one initiative's chart in the plan booklet); ``show_groups`` False
    leaves out the policy and promotion-item rows.
    """
    if zoom not in ZOOMS:
        raise ValueError(f"unknown zoom {zoom!r}")
    if cycle_fy is None and states is None:
        cycle_fy = latest_report_fy(plan)
    if states is None:
        states = step_states(plan, cycle_fy)
    axis = TimeAxis.make(plan.start_fy, plan.end_fy, zoom, label_width, chart_width, metrics)
    header, header_height = header_primitives(plan, axis, measurer, metrics, today)
    wanted = None if initiative_ids is None else set(initiative_ids)
    collapsed_set = set(collapsed)

    rows: list[LayoutRow] = []
    builders: list[RowBuilder] = []
    y = header_height
    l1, l2, _ = plan.level_labels

    def add_group(kind: str, ref: Ref, title: str, depth: int, height: float) -> None:
        nonlocal y
        is_collapsed = ref in collapsed_set
        shown = elide(("▶ " if is_collapsed else "▼ ") + title,
                      label_width - metrics.label_pad * (2 + depth * 2), f"label.{kind}", measurer)
        rows.append(LayoutRow(len(rows), kind, ref, y, height, title, depth, is_collapsed))
        builders.append(build_group_row(kind, ref, y, height, shown, depth, axis, metrics,
                                        label_width, measurer))
        y += height

    def add_initiative(ini: InitiativeView, depth: int) -> None:
        nonlocal y
        placed = place_initiative(ini, axis, measurer, metrics, states)
        builder, height, lanes = build_initiative_row(
            ini, placed, y, depth, axis, metrics, label_width, measurer)
        rows.append(LayoutRow(len(rows), "initiative", ("initiative", ini.id), y, height,
                              f"{ini.code} {ini.title}", depth, lanes=lanes))
        builders.append(builder)
        y += height

    for pol in plan.policies:
        if pol.retired:
            continue
        items = [(item, [i for i in item.initiatives
                         if not i.retired and (wanted is None or i.id in wanted)])
                 for item in pol.items if not item.retired]
        items = [(item, inis) for item, inis in items if inis]
        if not items:
            continue
        if show_groups:
            add_group("policy", ("policy", pol.id), f"{l1}{pol.code} {pol.title}", 0, metrics.policy_row)
            if ("policy", pol.id) in collapsed_set:
                continue
        for item, inis in items:
            if show_groups:
                add_group("item", ("item", item.id), f"{l2}{item.code} {item.title}", 1, metrics.item_row)
                if ("item", item.id) in collapsed_set:
                    continue
            for ini in inis:
                add_initiative(ini, 2 if show_groups else 0)

    height = max(y, header_height + metrics.policy_row)
    today_x = axis.x_of_date(today)
    overlay = overlay_primitives(plan, axis, header_height, height, today_x, not rows, measurer, metrics)
    return RoadmapLayout(plan=plan, axis=axis, label_width=label_width, header_height=header_height,
                         rows=tuple(rows), builders=builders, header=header, overlay=overlay,
                         width=axis.x1, height=height, zoom=zoom, cycle_fy=cycle_fy, states=states,
                         today=today, today_x=today_x)

