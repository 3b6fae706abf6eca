"""The consolidated progress table (進捗状況一覧) as an Excel workbook, A3 landscape.

Every initiative of the plan in plan order under a band per top-level group, one row per
report of the cycle (an initiative that collects one report per department shows each part,
then a 市全体 row with each KPI's city total), and one row marked 未報告 for an initiative
without a report. Columns: one per group depth (a branch that ends early leaves the deeper
ones blank), the initiative,
the reporting department, 進捗評価 coloured by the plan's scale, 実施状況, each KPI's
baseline, target, actual and attainment, 課題, 今後の方向性, 今後の取組 and the status.
The same rows as the PDF (core/printing/progress_table_pdf.py).

Written with openpyxl's write-only mode and named styles, the rows as XML text straight into
the sheet's stream (``_SheetRows``), so a plan a hundred times the sample exports in
seconds; see bench/workbooks.py (workbooks-table) and bench/merge_100.py.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from planDesk.core.atomic import write_atomically
from planDesk.core.domain import codes
from planDesk.core.domain.fiscal import format_date_wareki, format_fy
from planDesk.core.plan.view import InitiativeView, KpiView, PlanView, ReportView
from planDesk.core.printing.progress import NOT_REPORTED, evaluation_label, status_label
from planDesk.core.printing.selection import Cycle, reports_in
from planDesk.core.printing.tree import group_leaves
from planDesk.core.reports.attainment import format_attainment, kpi_attainment
from planDesk.core.reports.totals import actual_of, kpi_total
from planDesk.core.xlsx.cells import clean_text
from planDesk.core.xlsx.sheet_xml import cell_xml, row_start
from planDesk.core.xlsx.styles import (
    BASE_FONT,
    BOLD,
    GRID,
    HEADER_FILL,
    japanese_workbook,
    print_setup,
    row_height,
)

# The columns after the group columns (one per depth, made by ``columns_for``); "title" is
# headed by the plan's initiative label.
COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("code", "コード", 10), ("title", "取組", 26),
    ("priority", "重点", 5), ("department", "報告部署", 13), ("evaluation", "進捗評価", 11),
    ("activities", "実施状況", 44), ("kpi", "指標", 26), ("baseline", "基準値", 11), ("target", "目標値", 14),
    ("actual", "実績値", 11), ("attainment", "達成率", 8), ("issues", "課題", 32), ("direction", "方向性", 9),
    ("next_steps", "今後の取組", 30), ("status", "状態", 8),
)
_KPI_KEYS = ("kpi", "baseline", "target", "actual", "attainment")
HEADER_ROW = 3


def group_key(depth: int) -> str:
    """The column key of the groups of a depth (1 = top level)."""
    return f"group:{depth}"


def columns_for(plan: PlanView) -> tuple[tuple[str, str, float], ...]:
    """The columns as this plan needs them: one per group depth headed by its level label,
    then COLUMNS with the initiative label, and no evaluation, KPI or direction columns when
    the plan has no scale, KPIs or directions."""
    has_kpis = any(ini.kpis for ini in plan.initiatives())
    dropped = {"evaluation"} if not plan.evaluation_scale else set()
    dropped |= set() if has_kpis else set(_KPI_KEYS)
    dropped |= set() if plan.directions else {"direction"}
    groups = tuple((group_key(d), plan.label_of(d), 14.0) for d in range(1, plan.depth + 1))
    return (*groups, *((key, plan.initiative_label if key == "title" else header, width)
                       for key, header, width in COLUMNS if key not in dropped))
# Fills of a scale, best grade first: green, yellow, orange, grey (more grades repeat the last).
GRADE_FILLS = ("C6EFCE", "FFEB9C", "F8CBAD", "D9D9D9", "BFBFBF")
NAVY = "1F3864"


def _styles(wb: Workbook, plan: PlanView) -> dict[str, str]:
    top = Alignment(wrap_text=True, vertical="top")
    center = Alignment(horizontal="center", vertical="top", wrap_text=True)
    right = Alignment(horizontal="right", vertical="top", wrap_text=True)
    made = {
        "text": NamedStyle("pt_text", font=BASE_FONT, alignment=top, border=GRID),
        "center": NamedStyle("pt_center", font=BASE_FONT, alignment=center, border=GRID),
        "number": NamedStyle("pt_number", font=BASE_FONT, alignment=right, border=GRID, number_format="#,##0.##"),
        "percent": NamedStyle("pt_percent", font=BASE_FONT, alignment=right, border=GRID, number_format="0%"),
        "multi": NamedStyle("pt_multi", font=BASE_FONT, alignment=right, border=GRID),
        "header": NamedStyle("pt_header", font=BOLD, fill=HEADER_FILL, alignment=center, border=GRID),
        # no wrapping: the group's title runs on over the band's empty cells
        "band": NamedStyle("pt_band", font=Font(name=BASE_FONT.name, size=11, bold=True, color="FFFFFF"),
                           fill=PatternFill("solid", start_color=NAVY), alignment=Alignment(vertical="top"),
                           border=GRID),
        "title": NamedStyle("pt_title", font=Font(name=BASE_FONT.name, size=14, bold=True)),
        "note": NamedStyle("pt_note", font=Font(name=BASE_FONT.name, size=9, color="595959")),
    }
    for i, (code, _label) in enumerate(plan.evaluation_scale):
        fill = PatternFill("solid", start_color=GRADE_FILLS[min(i, len(GRADE_FILLS) - 1)])
        made[f"grade:{code}"] = NamedStyle(f"pt_grade_{i}", font=BASE_FONT, fill=fill, alignment=center, border=GRID)
    for style in made.values():
        wb.add_named_style(style)
    return {key: style.name for key, style in made.items()}


class _SheetRows:
    """The table's rows written straight into a write-only sheet's XML stream.

    openpyxl's write-only ``append`` makes a cell object per value, tries each appended
    cell as a value first (a ``ValueError`` per cell), and et_xmlfile serialises each one
    as an element tree: two thirds of the table's CPU against the baseline's plain values
    (bench/README.md, issue 17). Every value here is text, a number or nothing, so each
    row's XML is written as the text openpyxl would write for it (``<c r= s= t=>`` with an
    inline string or ``<v>``; tests/core/exports/test_progress_table_xlsx.py compares it
    with openpyxl's own cell writer). The rest of the sheet (columns, panes, print set-up)
    and the workbook stay openpyxl's: the rows go in through the sheet's own stream, the
    way ``append`` hands them over, before the sheet is closed on saving.
    """

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self._ids: dict[str, int] = {}
        self._refs: list[str] = []
        self._row = 0
        ws._get_writer()  # type: ignore[attr-defined]  # writes the sheet's head (columns, panes)
        stream = self._stream()
        next(stream)
        ws._rows = stream  # type: ignore[attr-defined]  # ``close`` ends it on saving
        self._send = stream.send

    def _stream(self) -> Generator[None, str, None]:
        """openpyxl's ``WriteOnlyWorksheet._write_rows`` for rows that are already XML."""
        writer: Any = self.ws._writer  # type: ignore[attr-defined]
        xf = writer.xf.send(True)
        write = xf._file  # the text stream et_xmlfile writes the sheet into
        with xf.element("sheetData"):
            try:
                while True:
                    write((yield))
            except GeneratorExit:
                pass
        writer.xf.send(None)

    def style_id(self, name: str) -> int:
        """The index of a named style's cell format, found once (openpyxl's ``cell.style =``
        searches the named styles by name, then the formats, for every cell)."""
        known = self._ids.get(name)
        if known is None:
            template = WriteOnlyCell(self.ws)
            template.style = name
            styles: Any = self.ws.parent
            known = self._ids[name] = styles._cell_styles.add(template._style)  # type: ignore[attr-defined]
        return known

    def append(self, cells: list[tuple[Any, str]], height: float | None = None) -> None:
        """One row of (value, named style); ``height`` in points or None for Excel's own."""
        self._row += 1
        row = str(self._row)
        refs = self._refs
        while len(refs) < len(cells):
            refs.append(get_column_letter(len(refs) + 1))
        ids = self._ids
        out = [row_start(self._row, height)]
        for i, (value, style) in enumerate(cells):
            sid = ids.get(style)
            if sid is None:
                sid = self.style_id(style)
            out.append(cell_xml(refs[i] + row, sid, value))
        out.append("</row>")
        self._send("".join(out))


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _kpi_cells(kpis: tuple[KpiView, ...], rep: ReportView | None, shared: frozenset[int] = frozenset(),
               totals: dict[int, float | None] | None = None) -> list[tuple[Any, str]]:
    """指標, 基準値, 目標値, 実績値, 達成率: numbers for one KPI, lines of text for several.
    A department's part of a KPI several report (``shared``) has no attainment of its own;
    ``totals`` gives the city totals instead of a report's actuals (the 市全体 row)."""
    if not kpis:
        return [("", "text")] * 5

    def actual_of_kpi(k: KpiView) -> float | None:
        return totals.get(k.id) if totals is not None else actual_of(rep, k)

    def rate_of(k: KpiView, actual: float | None) -> float | None:
        return None if k.id in shared and totals is None else kpi_attainment(k, actual)

    if len(kpis) == 1:
        k = kpis[0]
        actual = actual_of_kpi(k)
        target = k.target
        rate = rate_of(k, actual)
        return [(f"{k.name}（{k.unit}）" if k.unit else k.name, "text"), (k.baseline, "number"),
                (target if k.target_fy is None else f"{_number(target)}（{format_fy(k.target_fy)}）",
                 "number" if k.target_fy is None else "multi"),
                (actual, "number"), (rate, "percent")]
    lines: list[list[str]] = [[], [], [], [], []]
    for i, k in enumerate(kpis, start=1):
        # A long name wraps onto several lines: the circled number ties each figure to its KPI.
        mark = codes.circled(i)
        actual = actual_of_kpi(k)
        rate = rate_of(k, actual)
        lines[0].append(mark + (f"{k.name}（{k.unit}）" if k.unit else k.name))
        lines[1].append(mark + _number(k.baseline))
        lines[2].append(mark + _number(k.target) + (f"（{format_fy(k.target_fy)}）" if k.target_fy else ""))
        lines[3].append(mark + _number(actual))
        lines[4].append(mark + format_attainment(rate))
    return [("\n".join(lines[0]), "text"), *(("\n".join(col), "multi") for col in lines[1:])]


def table_rows(plan: PlanView, cycle: Cycle) -> Iterator[tuple[str, list[tuple[Any, str]]]]:
    """("band" | "row", [(value, style key) …]) in plan order: a band per top-level group."""
    columns = columns_for(plan)
    for top in plan.groups:
        inis = list(group_leaves(top))
        if not inis:
            continue
        yield "band", [(f"{plan.label_of(1)} {top.code}　{top.title}", "band")] + [(None, "band")] * (len(columns) - 1)
        for leaf in inis:
            # the top level by its title, deeper groups with their codes; a branch that ends
            # early leaves the deeper columns blank
            groups = {group_key(g.depth): (g.title if g.depth == 1 else f"{g.code} {g.title}", "text")
                      for g in leaf.groups}
            yield from _initiative_rows(plan, groups, leaf.initiative, cycle, columns)


def _initiative_rows(plan: PlanView, groups: dict[str, tuple[Any, str]], ini: InitiativeView, cycle: Cycle,
                     columns: tuple[tuple[str, str, float], ...]) -> Iterator[tuple[str, list[tuple[Any, str]]]]:
    reps: list[ReportView | None] = list(reports_in(ini, cycle)) or [None]
    grades = {c for c, _ in plan.evaluation_scale}
    parts = [r for r in reps if r is not None]
    totals = [kpi_total(k, parts) for k in ini.kpis]
    shared = frozenset(t.kpi.id for t in totals if t.shared)
    for rep in reps:
        evaluation = rep.evaluation if rep else None
        values: dict[str, tuple[Any, str]] = {
            **groups, "code": (ini.code, "center"),
            "title": (ini.title, "text"), "priority": ("●" if ini.priority else "", "center"),
            "department": (rep.department if rep else "・".join(ini.department_names), "text"),
            "evaluation": (evaluation_label(plan, evaluation) if rep else NOT_REPORTED,
                           f"grade:{evaluation}" if evaluation in grades else "center"),
            "activities": (clean_text(rep.activities) if rep else "", "text"),
            "issues": (clean_text(rep.issues) if rep else "", "text"),
            "direction": ((rep.direction or "") if rep else "", "center"),
            "next_steps": (clean_text(rep.next_steps) if rep else "", "text"),
            "status": (status_label(rep.status) if rep else NOT_REPORTED, "center"),
        }
        kpi = dict(zip(("kpi", "baseline", "target", "actual", "attainment"), _kpi_cells(ini.kpis, rep, shared),
                       strict=True))
        yield "row", [values.get(key) or kpi.get(key) or ("", "text") for key, _, _ in columns]
    if shared:  # the city total of each KPI its departments reported in parts (PRODUCT.md)
        city = {t.kpi.id: t.total for t in totals if t.shared}
        kpi = dict(zip(("kpi", "baseline", "target", "actual", "attainment"),
                       _kpi_cells(ini.kpis, None, shared, city), strict=True))
        head = {**groups, "code": (ini.code, "center"),
                "title": (ini.title, "text"), "department": (f"市全体（{len(parts)}部署の合計）", "text")}
        yield "row", [head.get(key) or kpi.get(key) or ("", "text") for key, _, _ in columns]


def build_workbook(plan: PlanView, cycle: Cycle) -> tuple[Workbook, int]:
    """The workbook and how many table rows it has."""
    wb = japanese_workbook(write_only=True)
    names = _styles(wb, plan)
    ws = wb.create_sheet("進捗状況一覧")
    columns = columns_for(plan)
    for i, (_key, _header, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"{get_column_letter(plan.depth + 3)}{HEADER_ROW + 1}"  # groups, code and title stay
    print_setup(ws, paper="A3", title_rows=f"{HEADER_ROW}:{HEADER_ROW}", header_left=plan.name,
                header_right=f"進捗状況一覧　{cycle.label}")
    rows = _SheetRows(ws)
    rows.append([(f"進捗状況一覧（{cycle.label}）　{plan.name}", names["title"])])
    legend = "　".join(f"{c} {label}" for c, label in plan.evaluation_scale)
    stamp = format_date_wareki(date.today())
    rows.append([(f"進捗評価：{legend}　　{stamp} 出力" if legend else f"{stamp} 出力", names["note"])])
    rows.append([(header, names["header"]) for _key, header, _w in columns])
    count = 0
    # Excel does not size the rows of a generated file by itself; only the columns that
    # hold long text decide a row's height.
    tall = [(i, w) for i, (key, _h, w) in enumerate(columns)
            if key.startswith("group:") or key in ("title", "department", "activities", "kpi", "target", "issues",
                                                   "next_steps")]
    for kind, cells in table_rows(plan, cycle):
        height = None
        if kind == "row":
            height = row_height([(v, w) for i, w in tall if isinstance(v := cells[i][0], str) and v])
        rows.append([(value, names[style]) for value, style in cells], height)
        count += 1
    return wb, count


def write_progress_table_xlsx(plan: PlanView, cycle: Cycle, out: Path) -> int:
    """Write the table to ``out`` atomically; return the number of table rows."""
    wb, count = build_workbook(plan, cycle)
    write_atomically(out, lambda tmp: wb.save(tmp))
    return count
