"""The meeting summary (進捗状況の概要): A4 landscape, for 庁議 and the like.

Page one: evaluation counts per policy as a stacked bar chart beside the count table.
Then the initiatives that need attention (the worse half of the plan's scale: 遅れ and
未着手 on the usual A–D scale), KPI attainment (baseline → actual → target), and the
consolidated progress table in its compact form. An initiative reported by several
departments counts once, with its worst evaluation.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table

from planDesk.core.plan_view import InitiativeView, PlanView, PolicyView
from planDesk.core.printing.document import DocInfo, frame_width, outlined, write_pdf
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.long_table import LongTable
from planDesk.core.printing.progress import (
    NOT_REPORTED,
    actual_of,
    attainment,
    attention_codes,
    evaluation_label,
    format_attainment,
    kpi_value,
    worst_evaluation,
)
from planDesk.core.printing.progress_table_pdf import progress_table
from planDesk.core.printing.selection import Cycle, reports_in, select_cycle, select_plan
from planDesk.core.printing.styles import GRID, base_cmds, grid_style, styles, variant

if TYPE_CHECKING:
    from planDesk.core.printing.selection import ExportOptionsLike
    from planDesk.core.store import Store

TITLE = "進捗状況の概要"
_GRADE_COLORS = ("#2E7D4F", "#8CC084", "#E3A33B", "#C0392B", "#7B4FA0", "#3A6EA5")
_NONE_COLOR = "#C8CDD3"


def _live(plan: PlanView) -> list[tuple[PolicyView, list[InitiativeView]]]:
    out = []
    for pol in plan.policies:
        inis = [i for it in pol.items if not it.retired for i in it.initiatives if not i.retired]
        if not pol.retired and inis:
            out.append((pol, inis))
    return out


def evaluation_counts(plan: PlanView, cycle: Cycle) -> list[tuple[PolicyView, dict[str, int]]]:
    """Per policy: grade code → number of initiatives (NOT_REPORTED for none)."""
    out = []
    for pol, inis in _live(plan):
        counts = {c: 0 for c, _ in plan.evaluation_scale} | {NOT_REPORTED: 0}
        for ini in inis:
            grade = worst_evaluation(plan, reports_in(ini, cycle))
            counts[grade if grade in counts else NOT_REPORTED] += 1
        out.append((pol, counts))
    return out


def _chart(plan: PlanView, counts: list[tuple[PolicyView, dict[str, int]]], width: float) -> Drawing:
    st = styles()
    # renderPDF starts every drawing in the graphics default font (Helvetica, not embedded,
    # no Japanese): start ours in the bundled Gothic instead.
    STATE_DEFAULTS["fontName"] = st.gothic
    keys = [c for c, _ in plan.evaluation_scale] + [NOT_REPORTED]
    bar_h = 16.0
    height = 40 + bar_h * 1.6 * len(counts)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 110, 28
    chart.width, chart.height = width - 130, height - 40
    # reportlab draws the first category at the bottom: reverse so policy 1 is on top
    rows = list(reversed(counts))
    chart.data = [[c[k] for _, c in rows] for k in keys]
    chart.categoryAxis.categoryNames = [f"{pol.code} {pol.title}"[:14] for pol, _ in rows]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = st.gothic
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.labels.fontName = st.gothic
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, max((sum(c.values()) for _, c in counts), default=1) // 8)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.barSpacing = 0
    chart.groupSpacing = 6
    palette = [*(_GRADE_COLORS[i % len(_GRADE_COLORS)] for i in range(len(keys) - 1)), _NONE_COLOR]
    for i, color in enumerate(palette):
        chart.bars[i].fillColor = colors.HexColor(color)
        chart.bars[i].strokeColor = colors.white
        chart.bars[i].strokeWidth = 0.5
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 110, 12
    legend.fontName, legend.fontSize = st.gothic, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = min(70.0, (width - 120) / len(keys))
    legend.colorNamePairs = [(colors.HexColor(c), evaluation_label(plan, k) or k)
                             for c, k in zip(palette, keys, strict=True)]
    drawing.add(legend)
    return drawing


def _count_table(plan: PlanView, counts: list[tuple[PolicyView, dict[str, int]]], width: float) -> Table:
    st = styles()
    keys = [c for c, _ in plan.evaluation_scale] + [NOT_REPORTED]
    head = [plan.level_labels[0], *keys, "計"]
    rows: list[list[Any]] = [[JaParagraph.plain(h, st.header_cell) for h in head]]
    totals = dict.fromkeys(keys, 0)
    for pol, c in counts:
        rows.append([JaParagraph.plain(f"{pol.code} {pol.title}", st.cell_small),
                     *(JaParagraph.plain(str(c[k]), st.cell_right) for k in keys),
                     JaParagraph.plain(str(sum(c.values())), st.cell_right)])
        for k in keys:
            totals[k] += c[k]
    rows.append([JaParagraph.plain("合計", st.cell_bold),
                 *(JaParagraph.plain(str(totals[k]), st.cell_right) for k in keys),
                 JaParagraph.plain(str(sum(totals.values())), st.cell_right)])
    first = width * 0.34
    rest = (width - first) / (len(keys) + 1)
    return Table(rows, colWidths=[first] + [rest] * (len(keys) + 1), repeatRows=1,
                 style=[*grid_style(), ("LINEABOVE", (0, -1), (-1, -1), 1, GRID)])


def _attention(plan: PlanView, cycle: Cycle, width: float) -> Flowable | None:
    st = styles()
    codes = set(attention_codes(plan))
    body = []
    for ini in plan.initiatives():
        reps = reports_in(ini, cycle)
        grade = worst_evaluation(plan, reps)
        if grade in codes:
            issues = " ".join(r.issues.strip() for r in reps if r.evaluation == grade and r.issues.strip())
            body.append([JaParagraph.plain(ini.code, st.cell_small), JaParagraph.plain(ini.title, st.cell_small),
                         JaParagraph.plain("／".join(r.department for r in reps if r.evaluation == grade),
                                           st.cell_small),
                         JaParagraph.plain(evaluation_label(plan, grade), st.cell_small),
                         JaParagraph.plain(issues, st.cell_small)])
    if not body:
        return None
    heads = ("コード", plan.level_labels[2], "報告部署", "進捗評価", "課題")
    header = [[JaParagraph.plain(h, st.header_cell) for h in heads]]
    return LongTable(header, body, [22 * mm, 80 * mm, 40 * mm, 24 * mm, width - 166 * mm], grid_style())


def _kpis(plan: PlanView, cycle: Cycle, width: float) -> Flowable | None:
    st = styles()
    body = []
    for ini in plan.initiatives():
        for rep in reports_in(ini, cycle):
            for kpi in ini.kpis:
                actual = actual_of(rep, kpi)
                if actual is None:
                    continue
                target = kpi_value(kpi.target, kpi.unit)
                body.append([JaParagraph.plain(ini.code, st.cell_small),
                             JaParagraph.plain(f"{kpi.name}（{rep.department}）", st.cell_small),
                             JaParagraph.plain(kpi_value(kpi.baseline, kpi.unit), st.cell_right),
                             JaParagraph.plain(kpi_value(actual, kpi.unit), st.cell_right),
                             JaParagraph.plain(target, st.cell_right),
                             JaParagraph.plain(format_attainment(attainment(kpi, actual)), st.cell_right)])
    if not body:
        return None
    heads = ("コード", "指標（報告部署）", "基準値", "実績", "目標", "達成率")
    header = [[JaParagraph.plain(h, st.header_cell) for h in heads]]
    return LongTable(header, body, [22 * mm, width - 22 * mm - 4 * 30 * mm, 30 * mm, 30 * mm, 30 * mm, 30 * mm],
                     grid_style())


def summary_flowables(plan: PlanView, cycle: Cycle) -> list[Flowable]:
    st = styles()
    width = frame_width("A4L")
    counts = evaluation_counts(plan, cycle)
    title = f"{TITLE}（{cycle.label}）"
    out: list[Flowable] = [outlined(JaParagraph.plain(title, st.h1), title, 0),
                           JaParagraph.plain(plan.name, st.cell), Spacer(1, 4 * mm)]
    sections = []
    if plan.evaluation_scale:  # a plan without a scale has nothing to count
        out.append(outlined(JaParagraph.plain(f"{plan.level_labels[0]}ごとの進捗評価", st.h3), "進捗評価の件数", 1))
        chart_w = width * 0.5
        out.append(Table([[_chart(plan, counts, chart_w), _count_table(plan, counts, width - chart_w - 6 * mm)]],
                         colWidths=[chart_w, width - chart_w],
                         style=[*base_cmds(), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        sections.append(("注意を要する" + plan.level_labels[2] + "（" + "・".join(
            evaluation_label(plan, c) for c in attention_codes(plan)) + "）", _attention(plan, cycle, width)))
    if any(ini.kpis for ini in plan.initiatives()):
        sections.append(("指標の達成状況（基準値 → 実績 → 目標）", _kpis(plan, cycle, width)))
    loose = variant(st.h3, "sum_h3", keepWithNext=0)  # a heading may not drag a long table to the next page
    for heading, table in sections:
        out.append(CondPageBreak(40 * mm))
        out.append(outlined(JaParagraph.plain(heading, loose), heading, 1))
        out.append(table if table is not None else JaParagraph.plain("該当なし", st.cell))
        out.append(Spacer(1, 4 * mm))
    out += [PageBreak(), outlined(JaParagraph.plain("進捗状況一覧", st.h3), "進捗状況一覧", 1),
            progress_table(plan, cycle, compact=True)]
    return out


def write_summary(store: Store, opts: ExportOptionsLike, out: Path) -> str:
    """``plandesk export summary``: the meeting summary; returns a one-line summary."""
    with store.read() as session:
        plan = select_plan(session, opts, prefer_reports=True)
    cycle = select_cycle(plan, opts)
    info = DocInfo(TITLE, plan.name, plan.municipality, cycle.label,
                   subject=f"{plan.name} {TITLE}（{cycle.label}）")
    pages = write_pdf(out, info, summary_flowables(plan, cycle), paper="A4L")
    counts = evaluation_counts(plan, cycle)
    missing = sum(c[NOT_REPORTED] for _, c in counts)
    return f"進捗状況の概要を書き出しました：{out}（{plan.name}、{cycle.label}、未報告 {missing} 件、{pages} ページ）"
