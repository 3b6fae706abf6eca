"""A department's reports for one cycle as a PDF, for its own approval chain (決裁).

Title with the sign-off box (担当 / 係長 / 課長), a list of the department's initiatives
with their evaluation and status, then one block per initiative: 実施状況, the KPIs
(baseline → actual → target, attainment), 進捗評価, 課題, 今後の方向性 and 今後の取組, and the
state of each roadmap step. The rows are those of the submission workbook (the
department's own initiatives and those assigned to every department).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from planDesk.core.plan.view import InitiativeView, PlanView, ReportView, load_plan, resolve_plan_id
from planDesk.core.printing.booklet_tree import marks_text
from planDesk.core.printing.document import DocInfo, about, frame_width, outlined, paragraphs, write_pdf
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.long_table import LongTable
from planDesk.core.printing.progress import evaluation_label, fy_span, kpi_value, status_label, step_state_label
from planDesk.core.printing.selection import Cycle, reports_in
from planDesk.core.printing.styles import BAND, GRID, NAVY, PALE, base_cmds, grid_style, styles, variant
from planDesk.core.reports.assignment import reports_on
from planDesk.core.reports.attainment import format_attainment, kpi_attainment
from planDesk.core.reports.totals import actual_of
from planDesk.core.submissions.scope import resolve_cycle, resolve_department

if TYPE_CHECKING:
    from planDesk.core.persistence.store import Store
    from planDesk.core.printing.selection import ExportOptionsLike

TITLE = "進捗状況報告書"
SIGN_OFF = ("担当", "係長", "課長")
_LABEL_W = 22 * mm


def sign_off_box() -> Table:
    """The approval stamps: one labelled empty box per person in the chain."""
    st = styles()
    return Table([[JaParagraph.plain(t, st.cell_center) for t in SIGN_OFF], ["", "", ""]],
                 colWidths=[19 * mm] * len(SIGN_OFF), rowHeights=[6 * mm, 19 * mm], hAlign="RIGHT",
                 style=[*base_cmds(), ("GRID", (0, 0), (-1, -1), 0.7, GRID), ("BACKGROUND", (0, 0), (-1, 0), BAND),
                        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, 0), 1)])


def _title_block(plan: PlanView, dept: str, cycle: Cycle) -> list[Flowable]:
    st = styles()
    width = frame_width("A4")
    left = [outlined(JaParagraph.plain(f"{TITLE}（{cycle.label}）", st.h1), f"{TITLE}（{dept}）", 0),
            JaParagraph.plain(plan.name, st.cell),
            JaParagraph.plain(f"報告部署：{dept}", variant(st.cell_bold, "sub_dept", fontSize=11, leading=16))]
    scale = "　".join(f"{c} {label}" for c, label in plan.evaluation_scale)
    if scale:
        left.append(JaParagraph.plain(f"進捗評価：{scale}", st.small))
    head = Table([[left, sign_off_box()]], colWidths=[width - 62 * mm, 62 * mm],
                 style=[*base_cmds(), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    return [head, Spacer(1, 5 * mm)]


def _overview(plan: PlanView, rows: list[tuple[InitiativeView, ReportView | None]]) -> Flowable:
    st = styles()
    width = frame_width("A4")
    header = [[JaParagraph.plain(t, st.header_cell) for t in ("コード", plan.initiative_label, "進捗評価",
                                                               "今後の方向性", "状態")]]
    body = [[JaParagraph.plain(ini.code, st.cell), JaParagraph.plain(ini.title, st.cell),
             JaParagraph.plain(evaluation_label(plan, rep.evaluation if rep else None), st.cell),
             JaParagraph.plain((rep.direction or "") if rep else "", st.cell_center),
             JaParagraph.plain(status_label(rep.status) if rep else "未入力", st.cell_center)]
            for ini, rep in rows]
    # A plan without a scale or directions has no such column (its width goes to the title).
    keep = [i for i in range(5) if (i != 2 or plan.evaluation_scale) and (i != 3 or plan.directions)]
    widths = [22 * mm, 0.0, 26 * mm, 24 * mm, 22 * mm]
    widths = [w for i, w in enumerate(widths) if i in keep]
    widths[1] = width - sum(widths)
    return LongTable([[r[i] for i in keep] for r in header], [[r[i] for i in keep] for r in body], widths,
                     grid_style())


def _kpi_table(ini: InitiativeView, rep: ReportView | None, width: float) -> Table:
    st = styles()
    heads = ("指標", "基準値", "実績", "目標", "達成率")
    rows: list[list[Any]] = [[JaParagraph.plain(t, st.header_cell) for t in heads]]
    for kpi in ini.kpis:
        actual = actual_of(rep, kpi)
        target = kpi_value(kpi.target, kpi.unit)
        rows.append([JaParagraph.plain(kpi.name, st.cell_small), JaParagraph.plain(kpi_value(kpi.baseline, kpi.unit),
                                                                                   st.cell_right),
                     JaParagraph.plain(kpi_value(actual, kpi.unit), st.cell_right),
                     JaParagraph.plain(target, st.cell_right),
                     JaParagraph.plain(format_attainment(kpi_attainment(kpi, actual)), st.cell_right)])
    return Table(rows, colWidths=[width - 4 * 22 * mm, 22 * mm, 22 * mm, 22 * mm, 22 * mm], style=grid_style())


def _step_table(ini: InitiativeView, rep: ReportView | None, width: float) -> Table:
    st = styles()
    states = dict(rep.step_states) if rep else {}
    rows: list[list[Any]] = [[JaParagraph.plain(t, st.header_cell) for t in ("工程", "期間", "状況")]]
    for step in ini.steps:
        span = fy_span(step.start_fy, step.end_fy)
        rows.append([JaParagraph.plain(step.label, st.cell_small), JaParagraph.plain(span, st.cell_center),
                     JaParagraph.plain(step_state_label(states.get(step.id)), st.cell_center)])
    return Table(rows, colWidths=[width - 56 * mm, 34 * mm, 22 * mm], style=grid_style())


def initiative_report(plan: PlanView, ini: InitiativeView, rep: ReportView | None) -> Flowable:
    """One initiative's report as a bordered block."""
    st = styles()
    width = frame_width("A4")
    inner = width - _LABEL_W - 10
    title = JaParagraph.plain(f"{ini.code}　{ini.title}{marks_text(ini)}",
                              variant(st.cell_bold, "sub_title", fontSize=10.5, leading=14, textColor=NAVY))
    state = status_label(rep.status) if rep else "未入力"
    head = Table([[title, JaParagraph.plain(state, st.cell_center)]], colWidths=[width - 22 * mm, 22 * mm],
                 style=[*grid_style(0), ("BACKGROUND", (0, 0), (-1, -1), BAND), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    empty = [JaParagraph.plain("（未入力）", st.cell)]
    direction = (rep.direction or "") if rep else ""
    rows: list[list[Any]] = [
        ["実施状況", (paragraphs(rep.activities, st.cell) if rep else []) or empty],
    ]
    if ini.kpis:
        rows.append(["指標", _kpi_table(ini, rep, inner)])
    if plan.evaluation_scale:  # optional parts of a plan: no scale, no evaluation row
        rows.append(["進捗評価", [JaParagraph.plain(evaluation_label(plan, rep.evaluation if rep else None)
                                                    or "（未入力）", st.cell_bold)]])
    rows.append(["課題", (paragraphs(rep.issues, st.cell) if rep else []) or empty])
    direction_cell = [JaParagraph.plain(direction or "（未入力）", st.cell_bold)] if plan.directions else []
    rows.append(["今後の方向性" if plan.directions else "今後の取組",
                 [*direction_cell, *(paragraphs(rep.next_steps, st.cell) if rep else [])] or empty])
    if ini.steps:
        rows.append(["工程", _step_table(ini, rep, inner)])
    cells = [[JaParagraph.plain(label, st.label), content] for label, content in rows]
    body = Table(cells, colWidths=[_LABEL_W, width - _LABEL_W], splitInRow=1,
                 style=[*grid_style(0), ("BACKGROUND", (0, 0), (0, -1), PALE), ("VALIGN", (0, 0), (0, -1), "MIDDLE")])
    return about(KeepTogether([outlined(head, f"{ini.code} {ini.title}", 1), body, Spacer(1, 6 * mm)]),
                 f"{plan.initiative_label} {ini.code}「{ini.title}」")


def submission_flowables(plan: PlanView, dept: str, cycle: Cycle,
                         rows: list[tuple[InitiativeView, ReportView | None]]) -> list[Flowable]:
    out = _title_block(plan, dept, cycle)
    if not rows:  # as the submission workbook: written, saying there is nothing to report
        out.append(JaParagraph.plain(f"この部署が報告する{plan.initiative_label}はありません（0 件）。", styles().body))
        return out
    out.append(_overview(plan, rows))
    out.append(Spacer(1, 8 * mm))
    out += [initiative_report(plan, ini, rep) for ini, rep in rows]
    return out


def write_submission_pdf(store: Store, opts: ExportOptionsLike, out: Path) -> str:
    """``plandesk export submission --out X.pdf``: the department's reports for its approval."""
    with store.read() as session:
        plan_id = resolve_plan_id(session, opts.plan)
        dept = resolve_department(session, plan_id, opts.department, purpose="提出用PDF")
        ref = resolve_cycle(session, plan_id, opts.fy, opts.cycle)
        plan = load_plan(session, plan_id)
    cycle = Cycle(ref.fy, ref.half)
    rows: list[tuple[InitiativeView, ReportView | None]] = []
    for ini in plan.initiatives():
        if reports_on(ini, dept.id):
            mine = reports_in(ini, cycle, department_id=dept.id)
            rows.append((ini, mine[0] if mine else None))
    info = DocInfo(TITLE, plan.name, plan.municipality, f"{dept.name}　{cycle.label}",
                   subject=f"{dept.name} {cycle.label} の進捗状況報告")
    pages = write_pdf(out, info, submission_flowables(plan, dept.name, cycle, rows))
    done = sum(1 for _, r in rows if r is not None)
    return (f"提出用PDFを書き出しました：{out}（{dept.name}、{cycle.label}、{plan.initiative_label} {len(rows)} 件・"
            f"入力済 {done} 件、{pages} ページ）")
