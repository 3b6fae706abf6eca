"""The roadmap (工程表) chart laid out without any GUI: plan → positioned primitives.

``layout_roadmap`` places the fiscal-year columns (令和5年度 …, with quarters 第1四半期 =
April–June or months when zoomed), one row per group of any depth (collapsible; the plan
can be collapsed to a depth, ``collapsed_to_depth``) and per initiative, and in each
initiative row its steps packed into lanes: a step's label above its bar (one-off), arrow
(continuing: to the end of the period) or diamond (milestone), coloured by the state
reported for it (core.roadmap.states). The result is
drawn by core.roadmap.pdf (paper), gui.roadmap.painter (screen and PNG).

The geometry of every row is computed at once (it needs every label's width), but a
row's primitives are built only when a painter asks for them: the view of a
10,000-initiative plan builds the few dozen rows it shows. ``RoadmapLayout.primitives``
builds them all, in painting order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from planDesk.core.plan.view import GroupView, InitiativeView, PlanView
from planDesk.core.roadmap.geometry import (
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
from planDesk.core.roadmap.primitives import (
    LAYERS,
    Primitive,
    Ref,
    TextMeasurer,
    arrow_polygon,
    baseline,
    diamond_polygon,
)
from planDesk.core.roadmap.states import initiative_states, latest_report_fy
from planDesk.core.roadmap.style import group_label_style
from planDesk.core.roadmap.text import elide

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
    "ancestor_refs",
    "arrow_polygon",
    "baseline",
    "collapsed_to_depth",
    "diamond_polygon",
    "group_ref",
    "layout_roadmap",
]

Zoom = Literal["year", "quarter", "month"]
ZOOMS: tuple[Zoom, ...] = ("year", "quarter", "month")


@dataclass(frozen=True, slots=True)
class LayoutRow:
    """One row of the chart: a group (of any depth) or an initiative. ``depth`` is the row's
    indent: 0 for a top-level group, a group's depth − 1, an initiative's number of groups
    (0 when the chart shows no group rows)."""

    index: int
    kind: str  # group | initiative
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


class _Entry(NamedTuple):
    kind: str  # group | initiative
    ref: Ref
    title: str  # of a group ("" for an initiative: made when it is laid out)
    depth: int
    initiative: InitiativeView | None


class RoadmapLayout:
    """The laid-out chart, read-only for its users.

    Rows are laid out in plan order, on demand: ``layout_roadmap`` returns a complete
    layout, ``layout_roadmap(..., lazy=True)`` one with no rows yet, which ``extend``
    completes piece by piece (the view of a 10,000-initiative plan paints its first
    screen before the last rows are measured). Until ``complete``, ``height`` is an
    estimate from the rows done so far. A row's primitives are built when first asked for.
    """

    def __init__(self, *, plan: PlanView, axis: TimeAxis, label_width: float, header_height: float,
                 header: tuple[Primitive, ...], zoom: Zoom, cycle_fy: int | None,
                 states: Mapping[int, str] | None, today: date, entries: list[_Entry],
                 collapsed: set[Ref], measurer: TextMeasurer, metrics: Metrics, markers: bool,
                 show_today: bool) -> None:
        self.plan = plan
        self.axis = axis
        self.label_width = label_width
        self.header_height = header_height
        self.header = header
        self.zoom = zoom
        self.cycle_fy = cycle_fy
        # Given states are used as they are; else each initiative's are worked out from its
        # reports when its row is laid out (``states`` then holds those of laid-out rows).
        self._lazy_states = states is None
        self.states: dict[int, str] = {} if states is None else dict(states)
        self.today = today
        self.today_x = axis.x_of_date(today) if show_today else None
        self.show_today = show_today
        self.width = axis.x1
        self._entries = entries
        self._collapsed = collapsed
        self._markers = markers
        self._m = measurer
        self._metrics = metrics
        self._rows: list[LayoutRow] = []
        self._row_tops: list[float] = []
        self._index: dict[Ref, int] = {}
        self._builders: list[RowBuilder] = []
        self._built: dict[int, RowPrimitives] = {}
        self._next = 0  # the next entry to lay out
        self._y = header_height
        self._ini_done = 0
        self._ini_height = 0.0
        self._rows_tuple: tuple[LayoutRow, ...] | None = None
        self._overlay: tuple[float, tuple[Primitive, ...]] | None = None

    # -- laying out rows -----------------------------------------------------------
    @property
    def complete(self) -> bool:
        return self._next >= len(self._entries)

    def extend(self, *, rows: int | None = None, until_y: float | None = None) -> bool:
        """Lay out up to ``rows`` more rows, or until a row reaches ``until_y``, or (neither
        given) everything; returns ``complete``."""
        end = len(self._entries) if rows is None else min(len(self._entries), self._next + rows)
        m, metrics, lw = self._m, self._metrics, self.label_width
        while self._next < end:
            if until_y is not None and self._y > until_y:
                break
            e = self._entries[self._next]
            self._next += 1
            index = len(self._rows)
            y = self._y
            if e.initiative is not None:
                if self._lazy_states and e.initiative.reports and self.cycle_fy is not None:
                    self.states.update(initiative_states(e.initiative, self.cycle_fy))
                placed = place_initiative(e.initiative, self.axis, m, metrics, self.states)
                builder, height, lanes = build_initiative_row(
                    e.initiative, placed, y, e.depth, self.axis, metrics, lw, m)
                row = LayoutRow(index, "initiative", e.ref, y, height, f"{e.initiative.code} {e.initiative.title}",
                                e.depth, lanes=lanes)
                self._ini_done += 1
                self._ini_height += height
            else:
                height = _group_height(e.depth, metrics)
                is_collapsed = e.ref in self._collapsed
                marker = ("▶ " if is_collapsed else "▼ ") if self._markers else ""
                shown = elide(marker + e.title,
                              lw - metrics.label_pad * 2 - e.depth * metrics.indent, group_label_style(e.depth + 1), m)
                builder = build_group_row(e.ref, y, height, shown, e.depth, self.axis, metrics, lw, m)
                row = LayoutRow(index, e.kind, e.ref, y, height, e.title, e.depth, is_collapsed)
            self._rows.append(row)
            self._index[e.ref] = index
            self._row_tops.append(y)
            self._builders.append(builder)
            self._y = y + height
        self._rows_tuple = None
        return self.complete

    def finish(self) -> RoadmapLayout:
        self.extend()
        return self

    @property
    def rows(self) -> tuple[LayoutRow, ...]:
        """The rows laid out so far (all of them once ``complete``)."""
        if self._rows_tuple is None:
            self._rows_tuple = tuple(self._rows)
        return self._rows_tuple

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def row(self, index: int) -> LayoutRow:
        return self._rows[index]

    @property
    def height(self) -> float:
        """The chart's height (an estimate until ``complete``)."""
        y = self._y
        if not self.complete:
            metrics = self._metrics
            avg = self._ini_height / self._ini_done if self._ini_done else 3 * metrics.top_group_row
            for e in self._entries[self._next:]:
                y += avg if e.initiative is not None else _group_height(e.depth, metrics)
        return max(y, self.header_height + self._metrics.top_group_row)

    @property
    def overlay(self) -> tuple[Primitive, ...]:
        """Vertical grid lines and the today line over the whole height."""
        h = self.height
        if self._overlay is None or self._overlay[0] != h:
            prims = overlay_primitives(self.plan, self.axis, self.header_height, h, self.today_x,
                                       not self._entries, self._m, self._metrics)
            self._overlay = (h, prims)
        return self._overlay[1]

    @property
    def chart_x0(self) -> float:
        return self.axis.x0

    @property
    def chart_x1(self) -> float:
        return self.axis.x1

    # -- reading -------------------------------------------------------------------
    def row_primitives(self, index: int, *, keep: bool = True) -> RowPrimitives:
        """The row's primitives; ``keep`` False builds them without keeping them (a printout
        that draws each row once: kept, the booklet's 30,000 rows would hold ~45 MB)."""
        got = self._built.get(index)
        if got is None:
            body, label = self._builders[index]()
            got = RowPrimitives(tuple(body), tuple(label))
            if keep:
                self._built[index] = got
        return got

    def rows_in(self, y0: float, y1: float) -> range:
        """Indices of the laid-out rows that intersect y0 … y1 (binary search)."""
        tops = self._row_tops
        first = max(0, bisect_right(tops, y0) - 1)
        if first < len(self._rows) and self._rows[first].bottom <= y0:
            first += 1
        last = bisect_right(tops, y1)
        return range(first, max(first, last))

    def row_at(self, y: float) -> int | None:
        r = self.rows_in(y, y)
        return r.start if len(r) and self._rows[r.start].y <= y < self._rows[r.start].bottom else None

    def index_of(self, ref: Ref) -> int | None:
        """The row index of an initiative or group laid out so far."""
        return self._index.get(ref)

    def find(self, ref: Ref) -> LayoutRow | None:
        """The row of an initiative or group (laying out rows until it is found)."""
        while ref not in self._index and not self.complete:
            self.extend(rows=500)
        index = self._index.get(ref)
        return None if index is None else self._rows[index]

    def iter_primitives(self, rows: range | None = None) -> Iterator[Primitive]:
        """Primitives in painting order (layer by layer) for all rows or a range of rows."""
        rng = range(len(self._rows)) if rows is None else rows
        built = [self.row_primitives(i) for i in rng]
        overlay = self.overlay
        for layer in LAYERS:
            if layer in ("grid", "overlay"):
                yield from (p for p in overlay if p.layer == layer)
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
    group_markers: bool = True,
    show_today: bool = True,
    lazy: bool = False,
    initiatives: Sequence[InitiativeView] | None = None,
) -> RoadmapLayout:
    """Lay out the 工程表 of ``plan`` (or of the initiatives in ``initiative_ids``).

    ``zoom`` picks the columns (fiscal years, + quarters, + months) and the default scale;
    ``chart_width`` instead stretches the period to exactly that many points (for pages).
    ``states`` maps step id → reported state; by default they come from the reports of
    ``cycle_fy`` (None: the latest year with reports). ``collapsed`` holds the refs of
    collapsed groups (``group_ref(id)``; ``collapsed_to_depth`` gives those of a depth).
    ``label_width`` 0 leaves out the label column (one initiative's chart in the plan
    booklet); ``show_groups`` False leaves out the group rows; ``group_markers`` False leaves out
    their ▼ / ▶ (paper); ``show_today`` False leaves out the today line and note (a plan
    printout that is not about progress). ``lazy``: return before laying out any row (see
    ``RoadmapLayout.extend``). ``initiatives``: exactly these rows, in this order, without
    group rows (one initiative's chart on its page: no walk through a large plan's tree).
    """
    if initiatives is not None and (show_groups or initiative_ids is not None):
        raise ValueError("initiatives: a chart of just these rows, without groups or initiative_ids")
    if zoom not in ZOOMS:
        raise ValueError(f"unknown zoom {zoom!r}")
    if cycle_fy is None and states is None:
        cycle_fy = latest_report_fy(plan)
    axis = TimeAxis.make(plan.start_fy, plan.end_fy, zoom, label_width, chart_width, metrics)
    header, header_height = header_primitives(plan, axis, measurer, metrics, today if show_today else None)
    collapsed_set = set(collapsed)
    layout = RoadmapLayout(
        plan=plan, axis=axis, label_width=label_width, header_height=header_height, header=header,
        zoom=zoom, cycle_fy=cycle_fy, states=states, today=today,
        entries=(_entries(plan, initiative_ids, collapsed_set, show_groups) if initiatives is None else
                 [_Entry("initiative", ("initiative", i.id), "", 0, i) for i in initiatives if not i.retired]),
        collapsed=collapsed_set,
        measurer=measurer, metrics=metrics, markers=group_markers, show_today=show_today)
    return layout if lazy else layout.finish()


def group_ref(group_id: int) -> Ref:
    """The ref of a group's row (what ``collapsed`` holds)."""
    return ("group", group_id)


def collapsed_to_depth(plan: PlanView, depth: int) -> frozenset[Ref]:
    """The groups to collapse so that the chart shows the groups down to ``depth`` (1 = the
    top level only) and nothing under them: the refs of every group at that depth. A
    depth at or beyond the plan's deepest groups collapses nothing."""
    return frozenset(group_ref(g.id) for g in plan.walk_groups() if g.depth == depth)


def ancestor_refs(ini: InitiativeView) -> frozenset[Ref]:
    """The refs of the group rows above an initiative (to expand when showing it)."""
    return frozenset(group_ref(g.id) for g in ini.path)


def _group_height(indent: int, metrics: Metrics) -> float:
    return metrics.top_group_row if indent == 0 else metrics.group_row


def _entries(plan: PlanView, initiative_ids: Collection[int] | None, collapsed: set[Ref],
             show_groups: bool) -> list[_Entry]:
    """The rows to lay out, in plan order (cheap: no measuring). A group is shown when a
    live (and wanted) initiative sits anywhere under it."""
    wanted = None if initiative_ids is None else set(initiative_ids)

    def walk(group: GroupView) -> list[_Entry]:
        if group.retired:
            return []
        inner: list[_Entry] = []
        for child in group.children:
            if isinstance(child, GroupView):
                inner += walk(child)
            elif not child.retired and (wanted is None or child.id in wanted):
                inner.append(_Entry("initiative", ("initiative", child.id), "",
                                    child.depth if show_groups else 0, child))
        if not inner or not show_groups:
            return inner
        ref = group_ref(group.id)
        head = _Entry("group", ref, f"{plan.label_of(group.depth)}{group.code} {group.title}", group.depth - 1, None)
        return [head] if ref in collapsed else [head, *inner]

    return [e for group in plan.groups for e in walk(group)]
