"""The three data sheets of the submission workbook: reports, KPI actuals, step states.

Each row carries its initiative's id (and the KPI or step key) in a hidden column, so
the importer can tell when rows were moved; every input cell is also recorded with its
base value for the metadata sheet (``InputCell``).

The data rows are ``RowsSheet`` rows (core/xlsx/sheet_xml.py): each cell a value and the
style array ``put`` would give it (``cell_of``), written as XML text on saving — the file
is the one openpyxl writes for the same cells, without a Cell object per value (issue 17,
bench/workbooks.py workbooks-export).
"""

from __future__ import annotations

from typing import Any

from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planDesk.core.domain.fiscal import format_date_wareki, format_fy
from planDesk.core.domain.keys import FieldKey, kpi_keys, step_keys
from planDesk.core.domain.workflow import REPORT_STATUS_LABELS, STEP_KIND_LABELS, STEP_STATE_LABELS
from planDesk.core.plan.view import InitiativeView, KpiView, ReportView, StepView
from planDesk.core.submissions.content import InputCell, SubmissionContent
from planDesk.core.submissions.format import (
    FIELD_LABELS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    KPI_COLUMNS,
    NOTE_ROW,
    REPORT_COLUMNS,
    SHEET_KPIS,
    SHEET_REPORTS,
    SHEET_STEPS,
    STEP_COLUMNS,
    TITLE_ROW,
    Column,
    evaluation_display,
    plan_header,
    unused_columns,
)
from planDesk.core.xlsx.sheet_xml import RowCells, RowsSheet, Value
from planDesk.core.xlsx.styles import (
    BOLD,
    CENTER,
    FORMULA_STARTS,
    HEADER_FILL,
    INPUT_FILL,
    SMALL,
    TITLE,
    UNLOCKED,
    checked_text,
    print_setup,
    put,
    row_height,
    style_of,
)

TEXT_FORMAT = "@"  # Excel keeps typed text as typed (no date or number guessing)
NUMBER_FORMAT = "#,##0.##"
PERCENT_UNITS = ("％", "%")


def _start_sheet(ws: Worksheet, columns: tuple[Column, ...], title: str, note: str,
                 content: SubmissionContent) -> None:
    put(ws.cell(TITLE_ROW, 1), title, font=TITLE, border=None, align=None)
    put(ws.cell(NOTE_ROW, 1), note, font=SMALL, border=None, align=None)
    plan = content.plan
    unused = unused_columns(has_scale=bool(plan.evaluation_scale), has_directions=bool(plan.directions))
    for i, col in enumerate(columns, start=1):
        put(ws.cell(HEADER_ROW, i), plan_header(col, plan.initiative_label), font=BOLD, fill=HEADER_FILL, align=CENTER)
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = col.width
        dim.hidden = col.hidden or col.key in unused
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"
    print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
                header_left=f"{content.plan.name}　{ws.title}",
                header_right=f"{content.department}　{content.cycle.label}")
    ws.protection.sheet = True
    # Let people widen columns and rows to read long text; nothing else.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _validation(ws: Worksheet, ref: str, *, kind: str, list_name: str = "") -> None:
    if kind == "list":
        dv = DataValidation(type="list", formula1=f"={list_name}", allow_blank=True,
                            showErrorMessage=True, errorStyle="warning",
                            errorTitle="一覧にない値です", error="一覧から選んでください。",
                            showInputMessage=True, promptTitle="選択", prompt="一覧から選んでください。",
                            imeMode="off")
    elif kind == "number":
        dv = DataValidation(type="decimal", operator="between", formula1="-1000000000000",
                            formula2="1000000000000", allow_blank=True, showErrorMessage=True,
                            errorStyle="warning", errorTitle="数値ではありません",
                            error="数値を入力してください（例：1234）。", showInputMessage=True,
                            promptTitle="実績値", prompt="半角数字で入力してください。", imeMode="off")
    else:
        dv = DataValidation(allow_blank=True, imeMode="hiragana")
    dv.add(ref)
    ws.add_data_validation(dv)


def cell_of(ws: Worksheet, value: Any, *, where: str = "文字列", **style: Any) -> tuple[Value, StyleArray | None]:
    """What ``put(ws.cell(…), value, **style)`` leaves in a fresh cell, for ``RowsSheet.add_row``:
    text cleaned (and checked against Excel's limit), the style array with quotePrefix for
    text that starts like a formula."""
    if isinstance(value, str):
        if not value:
            return None, style_of(ws, **style)
        return checked_text(value, where), style_of(ws, quote=value.startswith(FORMULA_STARTS), **style)
    return value, style_of(ws, **style)


def _input(ws: Worksheet, value: Any, *, number: bool = False, where: str,
           number_format: str = NUMBER_FORMAT) -> tuple[Value, StyleArray | None]:
    return cell_of(ws, value, where=where, fill=INPUT_FILL,
                   number_format=number_format if number else TEXT_FORMAT, protection=UNLOCKED)


def _refs(columns: tuple[Column, ...]) -> list[str]:
    return [""] + [get_column_letter(i) for i in range(1, len(columns) + 1)]


_REPORT_REFS, _KPI_REFS, _STEP_REFS = _refs(REPORT_COLUMNS), _refs(KPI_COLUMNS), _refs(STEP_COLUMNS)


def write_table(report_ws: RowsSheet, kpi_ws: RowsSheet, step_ws: RowsSheet,
                content: SubmissionContent, inputs: list[InputCell]) -> dict[str, int]:
    """Fill the three data sheets; append every input cell to ``inputs``; return counts."""
    base_empty = content.base_mode == "empty"
    cycle = content.cycle.label
    l3 = content.plan.initiative_label
    _start_sheet(report_ws, REPORT_COLUMNS, f"進捗報告　{content.department}　{cycle}",
                 f"黄色のセルに入力してください（{l3}ごとに 1 行）。", content)
    _start_sheet(kpi_ws, KPI_COLUMNS, f"指標の実績　{content.department}　{cycle}",
                 f"実績値の列に {cycle}の実績を数値で入力してください。", content)
    _start_sheet(step_ws, STEP_COLUMNS, f"工程表の状況　{content.department}　{cycle}",
                 "状況の列を一覧（未着手・実施中・完了・遅れ）から選んでください。", content)
    grades = dict(content.plan.evaluation_scale)
    rrow, krow, srow = FIRST_DATA_ROW, FIRST_DATA_ROW, FIRST_DATA_ROW
    for ini in content.initiatives:
        report = content.reports.get(ini.id)
        version = 0 if base_empty or report is None else report.version
        _report_row(report_ws, rrow, ini, report, grades, version, base_empty, inputs)
        rrow += 1
        actuals = dict(report.kpi_actuals) if report else {}
        for kpi, key in zip(ini.kpis, kpi_keys([k.name for k in ini.kpis]), strict=True):
            _kpi_row(kpi_ws, krow, ini, kpi, key, actuals.get(kpi.id), version, base_empty, inputs)
            krow += 1
        states = dict(report.step_states) if report else {}
        for step, key in zip(ini.steps, step_keys([s.label for s in ini.steps]), strict=True):
            _step_row(step_ws, srow, ini, step, key, states.get(step.id), version, base_empty, inputs)
            srow += 1
    last = {"r": rrow - 1, "k": krow - 1, "s": srow - 1}
    if last["r"] >= FIRST_DATA_ROW:
        for key, list_name in (("evaluation", "評価一覧"), ("direction", "方向性一覧")):
            letter = _letter(report_ws, REPORT_COLUMNS, key)
            _validation(report_ws, f"{letter}{FIRST_DATA_ROW}:{letter}{last['r']}", kind="list",
                        list_name=list_name)
        for key in ("activities", "issues", "next_steps"):
            letter = _letter(report_ws, REPORT_COLUMNS, key)
            _validation(report_ws, f"{letter}{FIRST_DATA_ROW}:{letter}{last['r']}", kind="text")
    if last["k"] >= FIRST_DATA_ROW:
        letter = _letter(kpi_ws, KPI_COLUMNS, "actual")
        _validation(kpi_ws, f"{letter}{FIRST_DATA_ROW}:{letter}{last['k']}", kind="number")
    if last["s"] >= FIRST_DATA_ROW:
        letter = _letter(step_ws, STEP_COLUMNS, "state")
        _validation(step_ws, f"{letter}{FIRST_DATA_ROW}:{letter}{last['s']}", kind="list",
                    list_name="工程状況一覧")
    return {"reports": rrow - FIRST_DATA_ROW, "kpis": krow - FIRST_DATA_ROW,
            "steps": srow - FIRST_DATA_ROW}


def _letter(ws: Worksheet, columns: tuple[Column, ...], key: str) -> str:
    index = next(i for i, c in enumerate(columns, start=1) if c.key == key)
    return get_column_letter(index)


def _add(inputs: list[InputCell], sheet: str, cell: str, uid: str, field: str, value: Any,
         version: int, base_empty: bool) -> None:
    inputs.append(InputCell(sheet, cell, uid, field, value, None if base_empty else value, version))


def _report_row(ws: RowsSheet, row: int, ini: InitiativeView, report: ReportView | None,
                grades: dict[str, str], version: int, base_empty: bool,
                inputs: list[InputCell]) -> None:
    where = f"{ini.code}「{ini.title}」"
    values: dict[str, Any] = {
        "code": ini.code,
        "title": ini.title,
        "departments": "・".join(ini.department_names),
        "status": REPORT_STATUS_LABELS.get(report.status, report.status) if report else "未入力",
        "id": ini.uid,
    }
    semantic = {
        "activities": report.activities if report else "",
        "evaluation": report.evaluation if report else None,
        "issues": report.issues if report else "",
        "direction": report.direction if report else None,
        "next_steps": report.next_steps if report else "",
    }
    texts: list[tuple[str, float]] = []
    cells: RowCells = []
    number = str(row)
    for i, col in enumerate(REPORT_COLUMNS, start=1):
        if col.input:
            value = semantic[col.key]
            shown = value
            if col.key == "evaluation" and value:
                shown = evaluation_display(value, grades.get(value, ""))
            cells.append(_input(ws, shown or None, where=f"{where}の{FIELD_LABELS[col.key]}"))
            _add(inputs, SHEET_REPORTS, _REPORT_REFS[i] + number, ini.uid, col.key, value or None, version,
                 base_empty)
            texts.append((str(shown or ""), col.width))
        else:
            cells.append(cell_of(ws, values[col.key]))
            if not col.hidden:
                texts.append((str(values[col.key]), col.width))
    ws.add_row(row, cells, row_height(texts, minimum=2))


def _kpi_row(ws: RowsSheet, row: int, ini: InitiativeView, kpi: KpiView, key: str,
             actual: float | None, version: int, base_empty: bool, inputs: list[InputCell]) -> None:
    as_of = ""
    if kpi.baseline_as_of:
        as_of = format_date_wareki(kpi.baseline_as_of)
    elif kpi.baseline_as_of_fy:
        as_of = format_fy(kpi.baseline_as_of_fy)
    values: dict[str, Any] = {
        "code": ini.code, "title": ini.title, "kpi": kpi.name, "unit": kpi.unit,
        "baseline": kpi.baseline, "baseline_as_of": as_of, "target": kpi.target,
        "target_fy": format_fy(kpi.target_fy) if kpi.target_fy else "", "id": ini.uid, "key": key,
    }
    cells: RowCells = []
    for i, col in enumerate(KPI_COLUMNS, start=1):
        if col.input:
            ref = _KPI_REFS[i] + str(row)
            # A ％ KPI's cell keeps Excel's General format: typing "76.4%" there makes Excel and
            # LibreOffice switch the cell to a percent format, which the merge reads (0.764 → 76.4).
            # Under "#,##0.##" the typed percentage would be indistinguishable from 0.764.
            cells.append(_input(ws, actual, number=True, where=f"シート「{ws.title}」{ref}",
                                number_format="General" if kpi.unit.strip() in PERCENT_UNITS else NUMBER_FORMAT))
            _add(inputs, SHEET_KPIS, ref, ini.uid, FieldKey.kpi(key), actual, version, base_empty)
        else:
            value = values[col.key]
            cells.append(cell_of(ws, value, number_format=NUMBER_FORMAT if isinstance(value, float) else None))
    ws.add_row(row, cells, row_height(
        [(ini.title, KPI_COLUMNS[1].width), (kpi.name, KPI_COLUMNS[2].width)], minimum=1))


def _step_row(ws: RowsSheet, row: int, ini: InitiativeView, step: StepView, key: str,
              state: str | None, version: int, base_empty: bool, inputs: list[InputCell]) -> None:
    period = format_fy(step.start_fy)
    if step.end_fy != step.start_fy:
        period += f"〜{format_fy(step.end_fy)}"
    values: dict[str, Any] = {
        "code": ini.code, "title": ini.title, "step": step.label, "period": period,
        "kind": STEP_KIND_LABELS.get(step.kind, step.kind), "id": ini.uid, "key": key,
    }
    cells: RowCells = []
    for i, col in enumerate(STEP_COLUMNS, start=1):
        if col.input:
            ref = _STEP_REFS[i] + str(row)
            shown = STEP_STATE_LABELS.get(state, state) if state else None
            cells.append(_input(ws, shown, where=f"シート「{ws.title}」{ref}"))
            _add(inputs, SHEET_STEPS, ref, ini.uid, FieldKey.step(key), state, version, base_empty)
        else:
            cells.append(cell_of(ws, values[col.key]))
    ws.add_row(row, cells, row_height(
        [(ini.title, STEP_COLUMNS[1].width), (step.label, STEP_COLUMNS[2].width)], minimum=1))
