"""Shared helpers of the submission tests: export a workbook, fill it in as a person
would in Excel (openpyxl, normal mode), count what the database holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import func, select

from planDesk.core.domain.model import AuditEntry, KpiActual, ProgressReport, StepProgress
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import InitiativeView, ReportView, load_plan, resolve_plan_id
from planDesk.core.submissions.export import export_submission
from planDesk.core.submissions.format import (
    FIRST_DATA_ROW,
    KPI_COLUMNS,
    META_FIRST_CELL_ROW,
    META_KEYS_MAX,
    REPORT_COLUMNS,
    SHEET_KPIS,
    SHEET_META,
    SHEET_REPORTS,
    SHEET_STEPS,
    STEP_COLUMNS,
    column_index,
    meta_checksum,
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
    done: set[object] = set()
    if reports:
        ws = wb[SHEET_REPORTS]
        for row in range(FIRST_DATA_ROW, ws.max_row + 1):
            code = str(ws.cell(row, 1).value)
            for key, value in reports.get(code, {}).items():
                _type(ws.cell(row, column_index(REPORT_COLUMNS, key)), value)
                done.add(code)
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
                _type(ws.cell(row, column_index(columns, input_key)), wanted[key])
                done.add(key)
    missing = [k for k in [*(reports or {}), *(kpis or {}), *(steps or {})] if k not in done]
    assert not missing, f"not in the workbook: {missing}"
    for (sheet, cell), value in (raw or {}).items():
        wb[sheet][cell].value = value
    target = out or path
    wb.save(target)
    return target


def _type(cell: Any, value: Any) -> None:
    """As Excel stores what a person types: "=…" becomes a formula, other text stays text.
    ``Text("=…")`` types text that starts with "=" (Excel's leading apostrophe)."""
    if isinstance(value, Text):
        cell.value = str(value)
        cell.data_type = "s"
    else:
        cell.value = value


class Text(str):
    """A value typed as text even when it starts with "=" ('=1+1 in Excel)."""


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


def forge_meta(path: Path, out: Path, pairs: dict[str, str] | None = None,
               rows: Callable[[list[list[Any]]], None] | None = None, *,
               recompute_checksum: bool = True) -> Path:
    """Change the very-hidden metadata as an attacker (or a careless edit) would."""
    wb = load_workbook(path)
    ws = wb[SHEET_META]
    meta: dict[str, str] = {}
    where: dict[str, int] = {}
    for r in range(1, META_KEYS_MAX + 1):
        key = ws.cell(r, 1).value
        if key:
            meta[str(key)] = str(ws.cell(r, 2).value)
            where[str(key)] = r
    count = int(meta["cell_count"])  # the table as written, whatever the forged count says
    for key, value in (pairs or {}).items():
        meta[key] = value
        ws.cell(where[key], 2).value = value
    table = [[ws.cell(r, c).value for c in range(1, 7)]
             for r in range(META_FIRST_CELL_ROW, META_FIRST_CELL_ROW + count)]
    if rows:
        rows(table)
        for i, row in enumerate(table):
            for c, value in enumerate(row, start=1):
                ws.cell(META_FIRST_CELL_ROW + i, c).value = value
    if recompute_checksum:
        meta["meta_checksum"] = meta_checksum(meta, table)
        ws.cell(where["meta_checksum"], 2).value = meta["meta_checksum"]
    wb.save(out)
    return out


def report_of(store: Store, code: str, department: str = "市民課", fy: int = 2024) -> ReportView | None:
    """The report of one initiative (by display code) as the division sees it."""
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s, None))
    for ini in plan.initiatives():
        if ini.code == code:
            for r in ini.reports:
                if r.department == department and r.fy == fy:
                    return r
            return None
    raise AssertionError(f"no initiative {code}")


def ids_of(store: Store, code: str) -> InitiativeView:
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s, None), with_reports=False)
    return next(i for i in plan.initiatives() if i.code == code)
