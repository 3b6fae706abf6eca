"""The meeting summary (進捗状況の概要): A4 landscape, for 庁議 and the like.

Two to four pages for the meeting: evaluation counts per top-level group (a stacked bar chart
beside the count table), the initiatives that need attention (the worse half of the
plan's scale: 遅れ and 未着手 on the usual A–D scale) with their 課題 labelled by
department (identical texts merged), and KPI attainment, one row per KPI (a KPI reported
by several departments: the city total beside its parts). Then, as an appendix on pages
of its own, the consolidated progress table in its compact form. An initiative reported
by several departments counts once, with its worst evaluation; one reported without a grade
of the plan's scale counts as 評価なし (a plan whose reports carry no grades at all, as the
Hitachi plan's 2021 results, is all 評価なし), never as 未報告.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table

from planDesk.core.plan.view import GroupView, InitiativeView, PlanView, ReportView
from planDesk.core.printing.document import DocInfo, frame_width, outlined, write_pdf
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.long_table import LongTable
from planDesk.core.printing.progress import (
    NO_GRADE,
    NOT_REPORTED,
    attention_codes,
    evaluation_label,
    kpi_value,
    worst_evaluation,
)
from planDesk.core.printing.progress_table_pdf import progress_table
from planDesk.core.printing.selection import Cycle, reports_in, select_cycle, select_plan
from planDesk.core.printing.styles import GRID, base_cmds, grid_style, styles, variant
from planDesk.core.printing.tree import group_leaves, printed_initiatives
from planDesk.core.reports.attainment import format_attainment, kpi_attainment
from planDesk.core.reports.totals import kpi_total

if TYPE_CHECKING:
    from planDesk.core.persistence.store import Store
    from planDesk.core.printing.selection import ExportOptionsLike

TITLE = "進捗状況の概要"
# Grade colours, best grade first, chosen so that their greys differ too (luma 48, 144, 189,
# 96, 77, 176: a black-and-white copy still tells A from D); 未報告 is white with an
# outline, 評価なし light grey (luma 222: 30 from C and from white). Each bar segment also carries its grade's letter
# and count.
_GRADE_COLORS = ("#14402A", "#6FA86A", "#F2B84B", "#C0392B", "#5B3A8C", "#8FB8E0")
_NO_GRADE_COLOR = "#DEDEDE"
_NONE_COLOR = "#FFFFFF"
_OUTLINE = "#555555"


def _live(plan: PlanView) -> list[tuple[GroupView, list[InitiativeView]]]:
    """Each top-level group with the live initiatives anywhere under it."""
    out = []
    for top in plan.groups:
        inis = [leaf.initiative for leaf in group_leaves(top)]
        if inis:
            out.append((top, inis))
    return out


def evaluation_counts(plan: PlanView, cycle: Cycle) -> list[tuple[GroupView, dict[str, int]]]:
    """Per top-level group: grade code → number of initiatives under it, at any depth
    (NO_GRADE: reported without a grade of the scale; NOT_REPORTED: no report)."""
    out = []
    for top, inis in _live(plan):
        counts = {c: 0 for c, _ in plan.evaluation_scale} | {NO_GRADE: 0, NOT_REPORTED: 0}
        for ini in inis:
            reports = reports_in(ini, cycle)
            grade = worst_evaluation(plan, reports)
            counts[grade if grade in counts and grade not in (NO_GRADE, NOT_REPORTED)
                   else NO_GRADE if reports else NOT_REPORTED] += 1
        out.append((top, counts))
    return out


def count_keys(plan: PlanView, counts: list[tuple[GroupView, dict[str, int]]]) -> list[str]:
    """The columns of the counts as printed: the scale's grades, 評価なし when some
    initiative is in it, 未報告."""
    no_grade = [NO_GRADE] if any(c[NO_GRADE] for _, c in counts) else []
    return [c for c, _ in plan.evaluation_scale] + no_grade + [NOT_REPORTED]


def _chart(plan: PlanView, counts: list[tuple[GroupView, dict[str, int]]], width: float) -> Drawing:
    st = styles()
    # renderPDF starts every drawing in the graphics default font (Helvetica, not embedded,
    # no Japanese): start ours in the bundled Gothic instead.
    STATE_DEFAULTS["fontName"] = st.gothic
    keys = count_keys(plan, counts)
    bar_h = 16.0
    height = 40 + bar_h * 1.6 * len(counts)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    # reportlab draws the first category at the bottom: reverse so group 1 is on top
    rows = list(reversed(counts))
    names = [f"{top.code} {top.title}" for top, _ in rows]
    # the names get the room they need, up to 40 % of the width; a longer one is cut with a
    # mark, never silently (issue 16)
    label_w = min(max((stringWidth(n, st.gothic, 8) for n in names), default=0.0) + 1, width * 0.4)
    label_w = max(label_w, 60.0)
    chart.x, chart.y = label_w + 8, 28
    chart.width, chart.height = width - chart.x - 20, height - 40
    chart.data = [[c[k] for _, c in rows] for k in keys]
    chart.categoryAxis.categoryNames = [_fit(n, label_w, st.gothic, 8) for n in names]
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
    palette = grade_palette(len(plan.evaluation_scale), no_grade=NO_GRADE in keys)
    for i, color in enumerate(palette):
        chart.bars[i].fillColor = colors.HexColor(color)
        chart.bars[i].strokeColor = colors.HexColor(_OUTLINE)
        chart.bars[i].strokeWidth = 0.5
    # the grade's letter (and count) on every segment: told apart without colour
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[f"{_letter(plan, k)}{c[k]}" if c[k] else "" for _, c in rows] for k in keys]
    chart.barLabels.boxTarget = "mid"
    chart.barLabels.boxAnchor = "c"
    chart.barLabels.fontName = st.gothic_bold
    chart.barLabels.fontSize = 7
    for i, color in enumerate(palette):
        chart.barLabels[i].fillColor = colors.white if _luma(color) < 128 else colors.black
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 10, 12  # under the names too: room for the labels
    legend.fontName, legend.fontSize = st.gothic, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = min(72.0, (width - 20) / len(keys))
    legend.strokeColor = colors.HexColor(_OUTLINE)
    legend.strokeWidth = 0.5
    legend.colorNamePairs = [(colors.HexColor(c), evaluation_label(plan, k) or k)
                             for c, k in zip(palette, keys, strict=True)]
    drawing.add(legend)
    return drawing


def _fit(text: str, width: float, font: str, size: float) -> str:
    """``text`` cut with … to ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def grade_palette(grades: int, *, no_grade: bool = False) -> list[str]:
    """Fill colours of the chart: one per grade of the scale (best first), then 評価なし
    (``no_grade``), then 未報告."""
    return [*(_GRADE_COLORS[i % len(_GRADE_COLORS)] for i in range(grades)),
            *([_NO_GRADE_COLOR] if no_grade else []), _NONE_COLOR]


def _luma(color: str) -> float:
    c = colors.HexColor(color)
    return float(255 * (0.299 * c.red + 0.587 * c.green + 0.114 * c.blue))


def _letter(plan: PlanView, key: str) -> str:
    """The grade's code as printed on its bar segment (未報告: 未, 評価なし: 無)."""
    return {NOT_REPORTED: "未", NO_GRADE: "無"}.get(key, key)


def _count_table(plan: PlanView, counts: list[tuple[GroupView, dict[str, int]]], width: float) -> Table:
    st = styles()
    keys = count_keys(plan, counts)
    head = [plan.label_of(1), *keys, "計"]
    rows: list[list[Any]] = [[JaParagraph.plain(h, st.header_cell) for h in head]]
    totals = dict.fromkeys(keys, 0)
    for top, c in counts:
        rows.append([JaParagraph.plain(f"{top.code} {top.title}", st.cell_small),
                     *(JaParagraph.plain(str(c[k]), st.cell_right) for k in keys),
                     JaParagraph.plain(str(sum(c.values())), st.cell_right)])
        for k in keys:
            totals[k] += c[k]
    rows.append([JaParagraph.plain("合計", st.cell_bold),
                 *(JaParagraph.plain(str(totals[k]), st.cell_right) for k in keys),
                 JaParagraph.plain(str(sum(totals.values())), st.cell_right)])
    first = width * 0.34
    rest = (width - first) / (len(keys) + 1)
    # a heading (未報告, 評価なし) on one line while the groups' column keeps a fifth
    head_st = st.header_cell
    need = max(stringWidth(k, head_st.fontName, head_st.fontSize) for k in keys) + 4 + 4 + 1  # grid_style's padding
    if rest < need:
        rest = min(need, width * 0.8 / (len(keys) + 1))
        first = width - rest * (len(keys) + 1)
    return Table(rows, colWidths=[first] + [rest] * (len(keys) + 1), repeatRows=1,
                 style=[*grid_style(), ("LINEABOVE", (0, -1), (-1, -1), 1, GRID)])


def merged_issues(reports: Iterable[ReportView]) -> list[tuple[str, str]]:
    """(departments, 課題) with identical texts merged: 「情報政策課・市民課」 and one text."""
    by_text: dict[str, list[str]] = {}
    for r in reports:
        text = " ".join(r.issues.split())
        if text:
            by_text.setdefault(text, []).append(r.department)
    return [("・".join(depts), text) for text, depts in by_text.items()]


def _attention(plan: PlanView, cycle: Cycle, width: float) -> Flowable | None:
    """The initiatives whose worst grade needs attention, each with the departments that
    gave that grade and the 課題 of every department that reported one (merged)."""
    st = styles()
    small = variant(st.cell_small, "sum_small", fontSize=7.5, leading=9.5)
    codes = set(attention_codes(plan))
    body = []
    for ini in printed_initiatives(plan):
        reps = reports_in(ini, cycle)
        grade = worst_evaluation(plan, reps)
        if grade not in codes:
            continue
        late = [r for r in reps if r.evaluation in codes]
        issues = [JaParagraph.plain(f"【{depts}】{text}" if len(reps) > 1 else text, small)
                  for depts, text in merged_issues(late)]
        body.append([JaParagraph.plain(ini.code, small), JaParagraph.plain(ini.title, small),
                     JaParagraph.plain(evaluation_label(plan, grade), small),
                     JaParagraph.plain("・".join(r.department for r in late if r.evaluation == grade), small),
                     issues or JaParagraph.plain("（課題の記載なし）", small)])
    if not body:
        return None
    heads = ("コード", plan.initiative_label, "進捗評価", "報告部署", "課題（部署別、同じ記載はまとめています）")
    header = [[JaParagraph.plain(h, st.header_cell) for h in heads]]
    cmds = [*grid_style(), ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    return LongTable(header, body, [20 * mm, 62 * mm, 20 * mm, 45 * mm, width - 147 * mm], cmds)


def _kpis(plan: PlanView, cycle: Cycle, width: float) -> Flowable | None:
    """One row per KPI: baseline → actual → target and attainment; a KPI reported by
    several departments shows the city total (and its attainment) with the parts beside it."""
    st = styles()
    small = variant(st.cell_small, "sum_small", fontSize=7.5, leading=9.5)
    right = variant(st.cell_right, "sum_right", fontSize=7.5, leading=9.5)
    body = []
    for ini in printed_initiatives(plan):
        reps = reports_in(ini, cycle)
        for kpi in ini.kpis:
            t = kpi_total(kpi, reps)
            if not t.parts:
                continue
            actual = t.total if t.shared else t.parts[0][1]
            parts = "・".join(f"{d} {kpi_value(v, kpi.unit)}" for d, v in t.parts) if t.shared else t.parts[0][0]
            shown = (kpi_value(actual, kpi.unit) + ("（合計）" if t.shared else "")) if t.summable or not t.shared \
                else "—（率のため合計せず）"
            body.append([JaParagraph.plain(ini.code, small), JaParagraph.plain(kpi.name, small),
                         JaParagraph.plain(kpi_value(kpi.baseline, kpi.unit), right),
                         JaParagraph.plain(shown, right),
                         JaParagraph.plain(kpi_value(kpi.target, kpi.unit), right),
                         JaParagraph.plain(format_attainment(kpi_attainment(kpi, actual)) or "—", right),
                         JaParagraph.plain(parts, small)])
    if not body:
        return None
    heads = ("コード", "指標", "基準値", "実績（市全体）", "目標", "達成率", "報告部署（内訳）")
    header = [[JaParagraph.plain(h, st.header_cell) for h in heads]]
    cmds = [*grid_style(), ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    return LongTable(header, body, [20 * mm, 70 * mm, 25 * mm, 32 * mm, 25 * mm, 16 * mm, width - 188 * mm], cmds)


APPENDIX = "付録　進捗状況一覧"


def summary_flowables(plan: PlanView, cycle: Cycle) -> list[Flowable]:
    """The summary for the meeting (counts, delays with their 課題, KPI attainment: a few
    pages), then the full table as an appendix starting on a page of its own."""
    st = styles()
    width = frame_width("A4L")
    counts = evaluation_counts(plan, cycle)
    title = f"{TITLE}（{cycle.label}）"
    out: list[Flowable] = [outlined(JaParagraph.plain(title, st.h1), title, 0),
                           JaParagraph.plain(plan.name, st.cell), Spacer(1, 4 * mm)]
    sections = []
    if plan.evaluation_scale:  # a plan without a scale has nothing to count
        out.append(outlined(JaParagraph.plain(f"{plan.label_of(1)}ごとの進捗評価", st.h3), "進捗評価の件数", 1))
        chart_w = width * 0.5
        out.append(Table([[_chart(plan, counts, chart_w), _count_table(plan, counts, width - chart_w - 6 * mm)]],
                         colWidths=[chart_w, width - chart_w],
                         style=[*base_cmds(), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        sections.append(("注意を要する" + plan.initiative_label + "（" + "・".join(
            evaluation_label(plan, c) for c in attention_codes(plan)) + "）", _attention(plan, cycle, width)))
    if any(ini.kpis for ini in plan.initiatives()):
        sections.append(("指標の達成状況（基準値 → 実績 → 目標）", _kpis(plan, cycle, width)))
    loose = variant(st.h3, "sum_h3", keepWithNext=0)  # a heading may not drag a long table to the next page
    for heading, table in sections:
        out.append(CondPageBreak(30 * mm))
        out.append(outlined(JaParagraph.plain(heading, loose), heading, 1))
        out.append(table if table is not None else JaParagraph.plain("該当なし", st.cell))
        out.append(Spacer(1, 3 * mm))
    out += [PageBreak(), outlined(JaParagraph.plain(APPENDIX, st.h2), APPENDIX, 0),
            JaParagraph.plain("報告ごとの全件です（会議では上の概要をご覧ください）。", st.cell), Spacer(1, 2 * mm),
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
    ungraded = sum(c[NO_GRADE] for _, c in counts)
    no_grade = f"{NO_GRADE} {ungraded} 件、" if ungraded else ""
    return (f"進捗状況の概要を書き出しました：{out}（{plan.name}、{cycle.label}、{no_grade}未報告 {missing} 件、"
            f"{pages} ページ）")
