"""The consolidated progress table (進捗状況一覧) as a PDF: A3 landscape, one row per report.

Rows go in plan order under a band per top-level group (a plan whose groups go deeper than
two levels gets a column per deeper group before the code); an initiative without a report in the
cycle gets one row marked 未報告; one whose KPIs several departments reported (全部署 …)
gets a 「市全体（合計）」 row with each KPI's city total under its departments' rows. Long
texts split inside their row at a page end and the header row repeats on every page.
The meeting summary prints the same table in a compact A4 form (fewer columns).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from planDesk.core.plan.view import InitiativeView, PlanView, ReportView
from planDesk.core.printing.document import DocInfo, frame_width, outlined, write_pdf
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.long_table import LazyRows, LongTable
from planDesk.core.printing.progress import NOT_REPORTED, evaluation_label, kpi_path, status_label, total_line
from planDesk.core.printing.selection import Cycle, reports_in, select_cycle, select_department, select_plan
from planDesk.core.printing.styles import NAVY, PALE, grid_style, styles, variant
from planDesk.core.printing.tree import Leaf, group_leaves, printed_initiatives
from planDesk.core.reports.attainment import format_attainment, kpi_attainment
from planDesk.core.reports.totals import KpiTotal, actual_of, kpi_total

if TYPE_CHECKING:
    from planDesk.core.persistence.store import Store
    from planDesk.core.printing.selection import ExportOptionsLike

TITLE = "進捗状況一覧"
# (heading, width in mm) — full (A3 landscape) and compact (A4 landscape, in the summary)
_FULL = (("コード", 22), ("取組", 60), ("報告部署", 30), ("進捗評価", 22), ("実施状況", 90),
         ("指標（基準値→実績→目標）・達成率", 70), ("課題", 50), ("方向性", 18), ("状態", 16))
_COMPACT = (("コード", 20), ("取組", 55), ("報告部署", 28), ("進捗評価", 20), ("実施状況", 75),
            ("指標（基準値→実績→目標）・達成率", 45), ("方向性", 18))


def _kpi_lines(ini: InitiativeView, rep: ReportView | None, shared: frozenset[int] = frozenset()) -> str:
    """Each KPI: baseline → actual → target (attainment). A part of a KPI that several
    departments report (``shared``) has no attainment of its own: the total has."""
    lines = []
    for kpi in ini.kpis:
        actual = actual_of(rep, kpi)
        rate = "" if kpi.id in shared else format_attainment(kpi_attainment(kpi, actual))
        lines.append(f"{kpi.name}：{kpi_path(kpi, actual)}" + (f"（{rate}）" if rate else ""))
    return "\n".join(lines)


def _total_lines(totals: list[KpiTotal]) -> str:
    """Each shared KPI's city total: baseline → total → target (attainment of the total)."""
    lines = []
    for t in totals:
        if not t.shared:
            continue
        if not t.summable:
            lines.append(f"{t.kpi.name}：{total_line(t)}")
            continue
        rate = format_attainment(kpi_attainment(t.kpi, t.total))
        lines.append(f"{t.kpi.name}：{kpi_path(t.kpi, t.total)}" + (f"（{rate}）" if rate else "")
                     + f"　{len(t.parts)}部署の合計")
    return "\n".join(lines)


def _header_cell(text: str, style: Any, width: float) -> list[Flowable]:
    """A heading too long for its column is broken after a 「・」 that lets the first part fit
    (「指標（基準値→実績→目標）・」 over 「達成率」), not inside a word (「…・達」 over 「成率」)."""
    avail = width - 9  # the cell's padding
    if stringWidth(text, style.fontName, style.fontSize) <= avail:
        return [JaParagraph.plain(text, style)]
    cuts = [i + 1 for i, ch in enumerate(text) if ch == "・"
            and stringWidth(text[:i + 1], style.fontName, style.fontSize) <= avail]
    if not cuts:
        return [JaParagraph.plain(text, style)]
    return [JaParagraph.plain(text[:cuts[-1]], style), JaParagraph.plain(text[cuts[-1]:], style)]


def _group_key(depth: int) -> str:
    return f"group:{depth}"


def group_columns(plan: PlanView, *, compact: bool) -> tuple[tuple[str, float], ...]:
    """The columns of the groups between the band (the top level) and the initiative: one
    per depth, in the full form of a plan whose groups go deeper than two levels (in a
    two-level plan the initiative's code names its group, as the built-in plans print it)."""
    if compact or plan.depth <= 2:
        return ()
    return tuple((_group_key(d), 24.0) for d in range(2, plan.depth + 1))


def progress_table(plan: PlanView, cycle: Cycle, *, compact: bool, department_id: int | None = None) -> Flowable:
    st = styles()
    has_kpis = any(ini.kpis for ini in plan.initiatives())
    unused = {"進捗評価"} if not plan.evaluation_scale else set()  # optional parts of a plan: no column
    unused |= set() if has_kpis else {"指標（基準値→実績→目標）・達成率"}
    unused |= set() if plan.directions else {"方向性"}
    groups = group_columns(plan, compact=compact)
    columns = (*groups, *(c for c in (_COMPACT if compact else _FULL) if c[0] not in unused))
    width = frame_width("A4L" if compact else "A3L")
    scale = width / (sum(w for _, w in columns) * mm)
    cell = variant(st.cell_small, "pt_cell", fontSize=7.5, leading=10)
    band_style = variant(st.cell_bold, "pt_band", textColor=colors.white)
    names = {"取組": plan.initiative_label} | {key: plan.label_of(d) for d, (key, _w) in enumerate(groups, start=2)}
    header = [[_header_cell(names.get(h, h), st.header_cell, w * mm * scale) for h, w in columns]]
    # per body row: its band's text, or its cells' texts (paragraphs are made by ``row`` when
    # the page that shows the row is laid out: 10,000 initiatives' cells are never all in memory)
    body: list[str | list[str]] = []
    bands: list[int] = []
    owner: list[tuple[int, InitiativeView | None]] = []  # per body row: its band row and initiative
    first_of: set[int] = set()  # the first row of each initiative
    total_rows: set[int] = set()  # the city total of a multi-department initiative
    leaf_of: dict[int, Leaf] = {}  # initiative id → its groups

    def para(text: str) -> list[Flowable]:
        return [JaParagraph.plain(ln, cell) for ln in text.split("\n") if ln.strip()]

    def group_cells(leaf: Leaf, begin: int) -> dict[str, str]:
        """The group columns of an initiative's first row: the groups that begin with it."""
        return {_group_key(g.depth): f"{g.code} {g.title}" for g in leaf.groups[max(1, begin):]} if groups else {}

    for top in plan.groups:
        inis = list(group_leaves(top))
        if not inis:
            continue
        bands.append(len(body))
        owner.append((len(body), None))
        body.append(f"{plan.label_of(1)}{top.code}　{top.title}")
        previous: Leaf | None = None
        for leaf in inis:
            ini = leaf.initiative
            reps = reports_in(ini, cycle, department_id=department_id)
            if department_id is not None and not reps:
                continue
            leaf_of[ini.id] = leaf
            begun = group_cells(leaf, leaf.starts(previous))
            previous = leaf
            totals = [kpi_total(kpi, reps) for kpi in ini.kpis]
            shared = frozenset(t.kpi.id for t in totals if t.shared)
            for k, rep in enumerate(reps or [None]):
                values = (begun if k == 0 else {}) | {
                    "コード": ini.code if k == 0 else "",
                    "取組": ini.title if k == 0 else "",
                    "報告部署": rep.department if rep else "／".join(ini.department_names),
                    "進捗評価": evaluation_label(plan, rep.evaluation) if rep else NOT_REPORTED,
                    "実施状況": rep.activities if rep else "",
                    "指標（基準値→実績→目標）・達成率": _kpi_lines(ini, rep, shared),
                    "課題": rep.issues if rep else "",
                    "方向性": (rep.direction or "") if rep else "",
                    "状態": status_label(rep.status) if rep else NOT_REPORTED,
                }
                if k == 0:
                    first_of.add(len(body))
                owner.append((bands[-1], ini))
                body.append([values.get(h, "") for h, _ in columns])
            if department_id is None and shared:
                # several departments reported on its KPIs: the city total below the parts
                values = {"報告部署": "市全体（合計）", "指標（基準値→実績→目標）・達成率": _total_lines(totals)}
                total_rows.add(len(body))
                owner.append((bands[-1], ini))
                body.append([values.get(h, "") for h, _ in columns])
    band_set = set(bands)

    def row(i: int) -> list[Any]:
        texts = body[i]
        if isinstance(texts, str):
            return [JaParagraph.plain(texts, band_style)] + [""] * (len(columns) - 1)
        return [para(t) for t in texts]


    def repeat(start: int) -> list[int]:
        """Atop a continued page: the band of the top-level group the page continues."""
        band = owner[start][0]
        return [band] if band != start else []

    code_col = next(n for n, (h, _) in enumerate(columns) if h == "コード")
    title_col = next(n for n, (h, _) in enumerate(columns) if h == "取組")

    def continued(start: int, row: Sequence[Any], cut: bool) -> Sequence[Any]:
        """The initiative named again (「①－２－２（続き）」) on a page that continues it."""
        ini = owner[start][1]
        if ini is None or (start in first_of and not cut):
            return row
        out = list(row)
        out[code_col] = para(f"{ini.code}\n（続き）")  # a line of its own: never cut in the narrow column
        out[title_col] = para(ini.title)
        for n, text in enumerate(group_cells(leaf_of[ini.id], 1).values()):
            out[n] = para(text)  # and the groups it sits in (the band names the top level)
        return out

    def row_cmds(i: int, r: int) -> list[tuple[Any, ...]]:
        if i in band_set:
            return [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), NAVY)]
        if i in total_rows:
            return [("BACKGROUND", (2, r), (-1, r), PALE), ("LINEABOVE", (2, r), (-1, r), 1.0, NAVY)]
        return []

    cmds = [*grid_style(), ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    return LongTable(header, LazyRows(len(body), row), [w * mm * scale for _, w in columns], cmds, row_cmds,
                     split_in_row=True, repeat=repeat, continued=continued)


def write_progress_table_pdf(store: Store, opts: ExportOptionsLike, out: Path) -> str:
    """``plandesk export progress-table --out X.pdf``: every report of the cycle in one table
    (``--department``: that department's reports only)."""
    with store.read() as session:
        plan = select_plan(session, opts, prefer_reports=True)
    cycle = select_cycle(plan, opts)
    dept = select_department(plan, opts.department, required=False)
    st = styles()
    title = f"{TITLE}（{cycle.label}）" + (f"　{dept.name}" if dept else "")
    flow = [outlined(JaParagraph.plain(title, st.h1), title, 0),
            progress_table(plan, cycle, compact=False, department_id=dept.id if dept else None)]
    info = DocInfo(TITLE, plan.name, plan.municipality, cycle.label, subject=f"{plan.name} {title}")
    pages = write_pdf(out, info, flow, paper="A3L")
    reports = sum(len(reports_in(i, cycle, department_id=dept.id if dept else None)) for i in printed_initiatives(plan))
    return (f"進捗状況一覧（PDF）を書き出しました：{out}"
            f"（{plan.name}、{cycle.label}、報告 {reports} 件、{pages} ページ）")
