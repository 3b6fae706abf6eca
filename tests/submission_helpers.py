"""Shared helpers of the submission tests: export a workbook, fill it in as a person
would in Excel (openpyxl, normal mode), count what the database holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import func, select

from planDesk.core.model import AuditEntry, KpiActual, ProgressReport, StepProgress
from planDesk.core.store import Store
from planDesk.core.submission_export import export_submission
from planDesk.core.submission_format import (
    FIRST_DATA_ROW,
    KPI_COLUMNS,
    REPORT_COLUMNS,
    SHEET_KPIS,
    SHEET_REPORTS,
    SHEET_STEPS,
    STEP_COLUMNS,
    column_index,
)


def export(store: Store, folder: Path, department: str = "市民課", fy: int = 2024,
           name: str | None = None) -> Path:
    out = folder / (name or f"{department}_{fy}.xlsx")
    export_submission(store, out, plan=None, department=department, fy=fy, cycle=None)
    return out


def report_rows(path: Path) -> dict[str, int]:
    """Initiative code → row number on the report sheet."""
    wb = load_workbook(path, read_only=True)
    ws = wb[SHEET_REPORTS]
    rows = {}
    for r, (code,) in enumerate(ws.iter_rows(min_row=FIRST_DATA_ROW, max_col=1, values_only=True),
                                start=FIRST_DATA_ROW):
        if code:
            rows[str(code)] = r
    wb.close()
    return rows


def fill(path: Path, reports: dict[str, dict[str, Any]] | None = None,
         kpis: dict[tuple[str, str], Any] | None = None,
         steps: dict[tuple[str, str], Any] | None = None, *, out: Path | None = None,
         raw: dict[tuple[str, str], Any] | None = None) -> Path:
    """Type values into the input cells like a person in Excel and save.

    ``reports``: code → {column key: value}; ``kpis``: (code, KPI name) → value;
    ``steps``: (code, step label) → value; ``raw``: (sheet, cell) → value.
    """
    wb = load_workbook(path)
    if reports:
        ws = wb[SHEET_REPORTS]
        for row in range(FIRST_DATA_ROW, ws.max_row + 1):
            code = ws.cell(row, 1).value
            for key, value in reports.get(str(code), {}).items():
                ws.cell(row, column_index(REPORT_COLUMNS, key)).value = value
    for sheet, columns, wanted, name_key, input_key in (
        (SHEET_KPIS, KPI_COLUMNS, kpis, "kpi", "actual"),
        (SHEET_STEPS, STEP_COLUMNS, steps, "step", "state"),
    ):
        if not wanted:
            continue
        ws = wb[sheet]
        for row in range(FIRST_DATA_ROW, ws.max_row + 1):
            key = (str(ws.cell(row, 1).value), str(ws.cell(row, column_index(columns, name_key)).value))
            if key in wanted:
                ws.cell(row, column_index(columns, input_key)).value = wanted[key]
    for (sheet, cell), value in (raw or {}).items():
        wb[sheet][cell].value = value
    target = out or path
    wb.save(target)
    return target


def counts(store: Store) -> dict[str, Any]:
    """Rows and versions that a refused merge must leave exactly as they were."""
    with store.read() as s:
        return {
            "reports": s.scalar(select(func.count()).select_from(ProgressReport)),
            "versions": s.scalar(select(func.coalesce(func.sum(ProgressReport.version), 0))),
            "actuals": s.scalar(select(func.count()).select_from(KpiActual)),
            "states": s.scalar(select(func.count()).select_from(StepProgress)),
            "audit": s.scalar(select(func.count()).select_from(AuditEntry)),
        }
