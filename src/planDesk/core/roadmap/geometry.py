"""The pieces of the roadmap layout: the time axis, the header, the rows (see roadmap_layout).

Months are counted from April of the plan's first fiscal year: month 0 = April, 11 = March,
12 = April of the next year. Quarters follow the fiscal year: 第1四半期 = April–June.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from planDesk.core.domain.fiscal import format_date_wareki, format_fy, format_fy_short, month_index
from planDesk.core.plan.view import InitiativeView, PlanView, StepView
from planDesk.core.roadmap.primitives import Primitive, Ref, TextMeasurer
from planDesk.core.roadmap.style import group_label_style, group_style, step_style
from planDesk.core.roadmap.text import departments_label, elide, initiative_label, wrap

RowBuilder = Callable[[], tuple[list[Primitive], list[Primitive]]]
_MONTH_NAMES = [f"{(m + 3) % 12 + 1}月" for m in range(12)]  # 4月 … 3月


@dataclass(frozen=True, slots=True)
class Metrics:
    """Sizes of the chart in points."""

    year_width: float = 240.0  # one fiscal year at zoom "year"
    quarter_width: float = 96.0  # one quarter at zoom "quarter"
    month_width: float = 40.0  # one month at zoom "month"
    header_row: float = 18.0
    bar_height: float = 9.0
    lane_gap: float = 3.0
    row_pad: float = 4.0
    top_group_row: float = 20.0  # a top-level group's row
    group_row: float = 18.0  # a deeper group's row
    label_pad: float = 4.0
    indent: float = 6.0  # per level in the label column
    min_bar: float = 3.0
    milestone: float = 10.0
    label_lines: int = 3  # an initiative title wraps to at most this many lines
    text_gap: float = 6.0  # kept free after a step's label before the next step in a lane
    # Wrap a step's label inside its bar's span (up to this many lines) instead of letting it
    # run on past the bar's end: the plan booklet, as the seed prints its 工程表 (issue 16).
    wrap_step_labels: bool = False
    step_label_lines: int = 3


DEFAULT_METRICS = Metrics()


@dataclass(frozen=True, slots=True)
class TimeAxis:
    start_fy: int
    end_fy: int
    zoom: str
    x0: float
    month_w: float

    @classmethod
    def make(cls, start_fy: int, end_fy: int, zoom: str, x0: float, chart_width: float | None,
             metrics: Metrics) -> TimeAxis:
        months = (end_fy - start_fy + 1) * 12
        if chart_width is not None:
            month_w = chart_width / months
        elif zoom == "month":
            month_w = metrics.month_width
        elif zoom == "quarter":
            month_w = metrics.quarter_width / 3
        else:
            month_w = metrics.year_width / 12
        return cls(start_fy, end_fy, zoom, x0, month_w)

    @property
    def months(self) -> int:
        return (self.end_fy - self.start_fy + 1) * 12

    @property
    def x1(self) -> float:
        return self.x0 + self.months * self.month_w

    def x_of(self, month: float) -> float:
        return self.x0 + month * self.month_w

    def month_of_x(self, x: float) -> float:
        return (x - self.x0) / self.month_w

    def x_of_date(self, day: date) -> float | None:
        """x of a calendar day, or None outside the plan period."""
        fy = day.year if day.month >= 4 else day.year - 1
        if not self.start_fy <= fy <= self.end_fy:
            return None
        days = calendar.monthrange(day.year, day.month)[1]
        month = (fy - self.start_fy) * 12 + month_index(day.month) + (day.day - 1) / days
        return self.x_of(month)

    def step_months(self, step: StepView) -> tuple[float, float]:
        """Start and (exclusive) end month of a step, clamped to the period."""
        m0 = (step.start_fy - self.start_fy) * 12
        if step.start_month:
            m0 += month_index(step.start_month)
        elif step.start_quarter:
            m0 += (step.start_quarter - 1) * 3
        m1 = (step.end_fy - self.start_fy) * 12
        if step.end_month:
            m1 += month_index(step.end_month) + 1
        elif step.end_quarter:
            m1 += step.end_quarter * 3
        else:
            m1 += 12
        if m1 <= m0:
            m1 = m0 + 1  # an end before the start: show the start month
        if step.kind == "continuing":
            m1 = max(m1, self.months)  # continuing: an arrow to the end of the period
        m0 = min(max(m0, 0), self.months - 1)
        m1 = min(max(m1, m0 + 1), self.months)
        return float(m0), float(m1)


def header_primitives(plan: PlanView, axis: TimeAxis, m: TextMeasurer, metrics: Metrics,
                      today: date | None) -> tuple[tuple[Primitive, ...], float]:
    """The column headers (and the corner cell above the labels, and the note when
    ``today`` is outside the period); returns them and the header height."""
    hr = metrics.header_row
    rows = 1 if axis.zoom == "year" else 2
    outside = today is not None and axis.x_of_date(today) is None
    note_h = m.line_height("today.note") + 4 if outside else 0.0  # a band of its own: no overlap
    height = hr * rows + note_h
    out: list[Primitive] = []
    if axis.x0 > 0:
        out.append(Primitive("rect", 0, 0, axis.x0, height, "header.cell", layer="corner"))
        out.append(_text(plan.initiative_label, metrics.label_pad, 0, height, "header.corner", m,
                         layer="corner", max_w=axis.x0 - 2 * metrics.label_pad))
    year_w = 12 * axis.month_w
    for i, fy in enumerate(range(axis.start_fy, axis.end_fy + 1)):
        x = axis.x_of(i * 12)
        out.append(Primitive("rect", x, 0, year_w, hr, "header.cell", ref=("fy", fy), layer="header"))
        fy_text = _centred((format_fy(fy), format_fy_short(fy)), x, year_w, 0, hr, "header.fy", m)
        out.append(replace(fy_text, ref=("fy", fy)))  # slides into view with its year (sticky_x)
        if rows == 2:
            per = 3 if axis.zoom == "quarter" else 1
            for j in range(12 // per):
                mx = axis.x_of(i * 12 + j * per)
                w = per * axis.month_w
                texts = (f"第{j + 1}四半期", f"{j + 1}Q") if per == 3 else (
                    _MONTH_NAMES[j], _MONTH_NAMES[j][:-1])
                out.append(Primitive("rect", mx, hr, w, hr, "header.cell", layer="header"))
                out.append(_centred(texts, mx, w, hr, hr, "header.minor", m))
    if today is not None and outside:
        out.append(Primitive("rect", axis.x0, hr * rows, axis.x1 - axis.x0, note_h, "header.cell", layer="header"))
        out.extend(_today_note(axis, today, hr * rows, note_h, m))
    return tuple(out), height


def _today_note(axis: TimeAxis, today: date, y: float, h: float, m: TextMeasurer) -> list[Primitive]:
    """When today is outside the period, say so at the edge of the header, with the date."""
    after = date(axis.end_fy + 1, 4, 1) <= today
    text = (f"今日（{format_date_wareki(today)}）は計画期間後 ▶" if after
            else f"◀ 今日（{format_date_wareki(today)}）は計画期間前")
    w = m.width(text, "today.note") + 6
    lh = m.line_height("today.note")
    x = axis.x1 - w - 2 if after else axis.x0 + 2
    box = Primitive("rect", x, y + (h - lh) / 2 - 1, w, lh + 2, "today.note", layer="header")
    return [box, Primitive("text", x + 3, box.y + 1, w - 6, lh, "today.note", text, layer="header")]


def _text(text: str, x: float, y: float, h: float, style: str, m: TextMeasurer, *,
          layer: str, max_w: float, ref: Ref | None = None) -> Primitive:
    shown = elide(text, max_w, style, m)
    return Primitive("text", x, y, m.width(shown, style), h, style, shown, ref, layer)


def _centred(texts: tuple[str, str], x: float, w: float, y: float, h: float, style: str,
             m: TextMeasurer) -> Primitive:
    """The first of the texts that fits, centred in the cell (else the short one, elided)."""
    for t in texts:
        tw = m.width(t, style)
        if tw <= w - 2:
            return Primitive("text", x + (w - tw) / 2, y, tw, h, style, t, layer="header")
    short = elide(texts[-1], w - 2, style, m)
    tw = m.width(short, style)
    return Primitive("text", x + (w - tw) / 2, y, tw, h, style, short, layer="header")


def overlay_primitives(plan: PlanView, axis: TimeAxis, top: float, bottom: float,
                       today_x: float | None, empty: bool, m: TextMeasurer,
                       metrics: Metrics) -> tuple[Primitive, ...]:
    """Vertical grid lines under the rows, the today line over them."""
    out: list[Primitive] = []
    h = bottom - top
    if axis.zoom != "year":
        per = 3 if axis.zoom == "quarter" else 1
        out.extend(Primitive("line", axis.x_of(k), top, 0, h, "grid.minor", layer="grid")
                   for k in range(per, axis.months, per) if k % 12)
    out.extend(Primitive("line", axis.x_of(k), top, 0, h, "grid.year", layer="grid")
               for k in range(0, axis.months + 1, 12))
    if today_x is not None:
        out.append(Primitive("line", today_x, top, 0, h, "today.line", layer="overlay"))
    if empty:
        out.append(_text(f"表示する{plan.initiative_label}がありません（絞り込みの条件を確認してください）",
                         axis.x0 + 8, top,
                         metrics.top_group_row, "empty.note", m, layer="overlay",
                         max_w=axis.x1 - axis.x0 - 16))
    return tuple(out)


class StepPlacement(NamedTuple):
    step: StepView
    shape: str  # bar | arrow | diamond
    x0: float
    x1: float
    lane: int
    label: str  # possibly elided
    label_x: float
    label_w: float
    style: str
    lines: tuple[str, ...] = ()  # the label wrapped inside the span (Metrics.wrap_step_labels)


def place_initiative(ini: InitiativeView, axis: TimeAxis, m: TextMeasurer, metrics: Metrics,
                     states: Mapping[int, str]) -> tuple[list[StepPlacement], int]:
    """Each step's bar and label, packed first-fit into lanes (a lane holds steps whose
    bars and labels do not overlap); returns the placements and the number of lanes."""
    lanes: list[list[tuple[float, float]]] = []
    out: list[StepPlacement] = []
    chart_w = axis.x1 - axis.x0
    for step in ini.steps:
        m0, m1 = axis.step_months(step)
        x0, x1 = axis.x_of(m0), axis.x_of(m1)
        shape = "diamond" if step.kind == "milestone" else "arrow" if step.kind == "continuing" else "bar"
        if shape == "diamond":
            d = metrics.milestone
            c = min(max((x0 + x1) / 2, axis.x0 + d / 2), axis.x1 - d / 2)
            x0, x1 = c - d / 2, c + d / 2
        elif x1 - x0 < metrics.min_bar:
            x1 = min(x0 + metrics.min_bar, axis.x1)
            x0 = x1 - metrics.min_bar
        text = step.label
        tw = m.width(text, "step.label")
        lines: tuple[str, ...] = ()
        span = x1 - x0 - 2
        if metrics.wrap_step_labels and shape != "diamond" and tw > span >= m.width("あああ", "step.label"):
            lines = tuple(wrap(text, span, "step.label", m, metrics.step_label_lines))
            text, tw = lines[0], max(m.width(ln, "step.label") for ln in lines)
        if tw > chart_w:
            text = elide(text, chart_w, "step.label", m)
            tw = m.width(text, "step.label")
        tx = x0 if x0 + tw <= axis.x1 else max(axis.x0, axis.x1 - tw)
        lo, hi = min(x0, tx), max(x1, tx + tw + metrics.text_gap)
        lane = next((i for i, used in enumerate(lanes)
                     if all(hi <= a or lo >= b for a, b in used)), len(lanes))
        if lane == len(lanes):
            lanes.append([])
        lanes[lane].append((lo, hi))
        out.append(StepPlacement(step, shape, x0, x1, lane, text, tx, tw, step_style(states.get(step.id)), lines))
    return out, max(1, len(lanes))


def build_initiative_row(ini: InitiativeView, placed: tuple[list[StepPlacement], int], y: float,
                         depth: int, axis: TimeAxis, metrics: Metrics, label_width: float,
                         m: TextMeasurer) -> tuple[RowBuilder, float, int]:
    """The row's height and a builder of its primitives (called when it is painted)."""
    steps, lanes = placed
    pad = metrics.row_pad
    lh = m.line_height("step.label")
    # each lane as tall as its most-wrapped label (one line unless Metrics.wrap_step_labels)
    lane_lines = [1] * lanes
    for p in steps:
        lane_lines[p.lane] = max(lane_lines[p.lane], len(p.lines) or 1)
    lane_tops = [0.0]
    for n in lane_lines:
        lane_tops.append(lane_tops[-1] + n * lh + metrics.bar_height + metrics.lane_gap)
    lines: list[str] = []
    dept = ""
    indent = metrics.label_pad + depth * metrics.indent
    avail = label_width - indent - metrics.label_pad
    label_h = 0.0
    if label_width > 0:
        lines = wrap(initiative_label(ini), avail, "label.initiative", m, metrics.label_lines)
        dept = elide(departments_label(ini), avail, "label.departments", m)
        label_h = len(lines) * m.line_height("label.initiative") + (
            m.line_height("label.departments") if dept else 0)
    height = max(lane_tops[-1] - metrics.lane_gap, label_h) + 2 * pad
    ref: Ref = ("initiative", ini.id)

    def build() -> tuple[list[Primitive], list[Primitive]]:
        body: list[Primitive] = []
        for p in steps:
            top = y + pad + lane_tops[p.lane] + (lane_lines[p.lane] - 1) * lh  # the last label line
            sref: Ref = ("step", p.step.id)
            for k, line in enumerate(p.lines[:-1]):
                body.append(Primitive("text", p.label_x, top - (len(p.lines) - 1 - k) * lh,
                                      m.width(line, "step.label"), lh, "step.label", line, sref))
            last = p.lines[-1] if p.lines else p.label
            body.append(Primitive("text", p.label_x, top, m.width(last, "step.label") if p.lines else p.label_w,
                                  lh, "step.label", last, sref))
            if p.shape == "diamond":
                d = metrics.milestone
                body.append(Primitive("diamond", p.x0, top + lh + metrics.bar_height / 2 - d / 2, d, d,
                                      p.style, None, sref))
            else:
                body.append(Primitive(p.shape, p.x0, top + lh, p.x1 - p.x0, metrics.bar_height,
                                      p.style, None, sref))
        body.append(Primitive("line", axis.x0, y + height, axis.x1 - axis.x0, 0, "grid.row", None, ref))
        label: list[Primitive] = []
        if label_width > 0:
            label.append(Primitive("rect", 0, y, label_width, height, "label.column", None, ref, "label"))
            ty = y + pad
            ilh = m.line_height("label.initiative")
            for line in lines:
                label.append(Primitive("text", indent, ty, m.width(line, "label.initiative"), ilh,
                                       "label.initiative", line, ref, "label"))
                ty += ilh
            if dept:
                label.append(Primitive("text", indent, ty, m.width(dept, "label.departments"),
                                       m.line_height("label.departments"), "label.departments", dept,
                                       ref, "label"))
        return body, label

    return build, height, lanes


def build_group_row(ref: Ref, y: float, height: float, text: str, depth: int,
                    axis: TimeAxis, metrics: Metrics, label_width: float,
                    m: TextMeasurer) -> RowBuilder:
    """A group's band across the chart and its label, indented by ``depth`` (0 = top level)."""
    style = group_style(depth + 1)
    text_style = group_label_style(depth + 1)

    def build() -> tuple[list[Primitive], list[Primitive]]:
        body = [Primitive("rect", axis.x0, y, axis.x1 - axis.x0, height, style, None, ref)]
        label: list[Primitive] = []
        if label_width > 0:
            label.append(Primitive("rect", 0, y, label_width, height, style, None, ref, "label"))
            x = metrics.label_pad + depth * metrics.indent
            label.append(Primitive("text", x, y, m.width(text, text_style), height,
                                   text_style, text, ref, "label"))
        return body, label

    return build
