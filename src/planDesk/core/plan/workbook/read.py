"""Reading a plan workbook (hand-out or filled-in template) into a checked plan spec.

The file passes the same pre-parse guard as a submission (core/xlsx/guard.py) and is read
with openpyxl read-only, row by row up to a cap, stopping after a run of empty rows (the
dimension tag is not trusted). Every cell problem is collected with its sheet and cell;
the result is a dict in the sample-plan format 2 (docs/sample-plan-format.md) plus, per
row, its ID and ``retired`` flag, ready for plan_workbook_apply. Workbooks of format
version 1 (two group sheets, found by their sheet names) are read into the same spec.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from planDesk.core.plan.workbook.check import check_spec, check_spec_v1
from planDesk.core.plan.workbook.layout import (
    ADDED_COLUMNS,
    FIRST_LEVEL_ROW,
    FORMAT_ID,
    GROUP_SHEET,
    LEGACY_CODE,
    MAX_DEPTH,
    META_SHEET,
    PLAN_FIELDS,
    PLAN_FIELDS_V1,
    SHEET_BY_NAME,
    SHEET_BY_NAME_V1,
    SLOGAN,
    WRITTEN_CODE,
    SheetSpec,
    level_field,
)
from planDesk.core.xlsx.cells import Problem, SubmissionRefused, file_sha256
from planDesk.core.xlsx.guard import WorkbookRefused, read_checked, require_defusedxml

log = logging.getLogger(__name__)

MAX_ROWS = 100_000      # per sheet: a plan 300× the sample still fits
EMPTY_RUN = 200         # this many empty rows in a row end a sheet


@dataclass
class PlanWorkbook:
    """What a plan workbook holds, checked; ``data`` is in the sample-plan format."""

    path: Path
    sha256: str
    data: dict[str, Any]
    source: str                       # "handout" (planDesk export) or "template"
    version: int = 2                  # the layout read: 2, or 1 (基本方針 / 推進事項)
    exported_at: datetime | None = None
    meta: dict[str, str] = field(default_factory=dict)


def _rows(ws: Any, width: int) -> list[tuple[int, list[Any]]]:
    """Non-empty data rows (from row 2) of a sheet, bounded; formulas are refused later."""
    out: list[tuple[int, list[Any]]] = []
    empty = 0
    for r, row in enumerate(ws.iter_rows(min_row=2, max_row=MAX_ROWS + 1, min_col=1, max_col=width), start=2):
        values = [getattr(c, "value", None) for c in row]
        types = [getattr(c, "data_type", "n") for c in row]
        if "f" in types:
            out.append((r, [_Formula(v) if t == "f" else v for v, t in zip(values, types, strict=True)]))
            empty = 0
            continue
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            empty += 1
            if empty >= EMPTY_RUN:
                break
            continue
        empty = 0
        out.append((r, values))
    return out


class _Formula(str):
    """A formula cell's text, marked so the row check can refuse it."""


def _check_formulas(sheet: str, rows: list[tuple[int, list[Any]]], problems: list[Problem]) -> None:
    """A formula is a problem of its own; the cell then counts as empty for the other checks."""
    for r, values in rows:
        for i, v in enumerate(values):
            if isinstance(v, _Formula):
                problems.append(Problem(sheet, f"{chr(ord('A') + i)}{r}", "式は使えません。値を入力してください。"))
                values[i] = None


def _headers(ws: Any, sheet: str, expected: list[str], problems: list[Problem]) -> set[int]:
    """Check row 1; return the columns whose values are to be ignored.

    Workbooks of earlier layouts are still read: their 取組事項 column 「コード（参考）」
    was for reading only (ignored), and columns added later at the end of a sheet
    (「コード（表記）」 of 基本方針 / 推進事項, 「スローガン」 of 基本方針) may be missing."""
    got = [getattr(c, "value", None) for row in ws.iter_rows(min_row=1, max_row=1, min_col=1, max_col=len(expected))
           for c in row]
    ignored: set[int] = set()
    for i, header in enumerate(expected):
        value = got[i] if i < len(got) else None
        text = str(value).strip() if value is not None else ""
        if header == WRITTEN_CODE and text == LEGACY_CODE:
            ignored.add(i)
            continue
        if header in ADDED_COLUMNS and not any(
                str(v).strip() for v in got[i:len(expected)] if v is not None):
            ignored.add(i)  # this column and every one after it are absent: an earlier layout
            continue
        if text != header:
            problems.append(Problem(sheet, f"{chr(ord('A') + i)}1",
                                    f"見出しが「{value or ''}」です（「{header}」のはず）。"
                                    "列を追加・削除・入れ替えしないでください。"))
    return ignored


def read_plan_workbook(path: Path) -> PlanWorkbook:
    """Read and check a plan workbook; raise WorkbookRefused or SubmissionRefused (Japanese)."""
    require_defusedxml()
    data = read_checked(path)
    name = path.name
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # anything openpyxl raises on a malformed or hostile file
        log.info("plan workbook %s not readable: %r", name, exc)
        raise WorkbookRefused(name, "ブックを読み込めません。壊れているか、形式が違います"
                              f"（{type(exc).__name__}）。") from exc
    try:
        return _read(wb, path, data)
    except (WorkbookRefused, SubmissionRefused):
        raise
    except Exception as exc:
        log.info("plan workbook %s failed: %r", name, exc)
        raise WorkbookRefused(name, f"ブックを読み込めません（{type(exc).__name__}）。") from exc
    finally:
        wb.close()


def _layout(wb: Any, name: str) -> tuple[int, dict[str, SheetSpec]]:
    """Which format version the sheets are in (a hand-typed template has no meta sheet)."""
    if GROUP_SHEET not in wb.sheetnames and all(s in wb.sheetnames for s in ("基本方針", "推進事項")):
        return 1, SHEET_BY_NAME_V1
    missing = [s for s in ("計画", *SHEET_BY_NAME) if s not in wb.sheetnames]
    if missing:
        raise WorkbookRefused(name, "計画ブックではありません（シート " + "、".join(f"「{s}」" for s in missing)
                              + " がありません）。", hint="plandesk export plan で出力したブックを元にしてください。")
    return 2, SHEET_BY_NAME


def _settings(ws: Any, fields: tuple[tuple[str, str], ...], problems: list[Problem],
              formulas: list[Problem]) -> dict[str, Any]:
    settings = {}
    for r, (key, label) in enumerate(fields, start=2):
        row = next(iter(ws.iter_rows(min_row=r, max_row=r, min_col=1, max_col=2)))
        got_label, value = (getattr(c, "value", None) for c in row)
        if str(got_label or "").strip() != label:
            problems.append(Problem("計画", f"A{r}", f"項目名が「{got_label or ''}」です（「{label}」のはず）。"))
        if getattr(row[1], "data_type", "n") == "f":
            formulas.append(Problem("計画", f"B{r}", "式は使えません。値を入力してください。"))
            value = None
        settings[key] = value
    return settings


def _level_labels(ws: Any, problems: list[Problem], formulas: list[Problem]) -> list[tuple[int, Any]]:
    """The 第1階層の名前, 第2階層の名前 … rows after the settings, as (row, value)."""
    labels: list[tuple[int, Any]] = []
    rows = ws.iter_rows(min_row=FIRST_LEVEL_ROW, max_row=FIRST_LEVEL_ROW + MAX_DEPTH, min_col=1, max_col=2)
    for r, row in enumerate(rows, start=FIRST_LEVEL_ROW):
        got_label, value = (getattr(c, "value", None) for c in row)
        text = str(got_label or "").strip()
        if not text and (value is None or not str(value).strip()):
            break
        depth = len(labels) + 1
        if text != level_field(depth):
            problems.append(Problem("計画", f"A{r}", f"項目名が「{text}」です（「{level_field(depth)}」のはず）。"
                                    "階層の名前は第1階層から順に 1 行ずつ書いてください。"))
            break
        if getattr(row[1], "data_type", "n") == "f":
            formulas.append(Problem("計画", f"B{r}", "式は使えません。値を入力してください。"))
            value = None
        labels.append((r, value))
    return labels


def _read(wb: Any, path: Path, raw: bytes) -> PlanWorkbook:
    name = path.name
    version, layout = _layout(wb, name)
    meta: dict[str, str] = {}
    if META_SHEET in wb.sheetnames:
        for row in wb[META_SHEET].iter_rows(min_row=1, max_row=20, min_col=1, max_col=2):
            key, value = (getattr(c, "value", None) for c in row)
            if key:
                meta[str(key)] = str(value or "")
    problems: list[Problem] = []
    formulas: list[Problem] = []
    sheets: dict[str, list[tuple[int, list[Any]]]] = {}
    absent: set[tuple[str, str]] = set()  # (sheet, header) of columns an earlier layout lacks
    for sheet, spec in layout.items():
        ignored = _headers(wb[sheet], sheet, spec.headers, problems)
        absent |= {(sheet, spec.columns[i][1]) for i in ignored}
        sheets[sheet] = _rows(wb[sheet], len(spec.columns))
        for _r, values in sheets[sheet]:
            for i in ignored:
                if i < len(values):
                    values[i] = None
        _check_formulas(sheet, sheets[sheet], formulas)
    settings = _settings(wb["計画"], PLAN_FIELDS if version == 2 else PLAN_FIELDS_V1, problems, formulas)
    labels = _level_labels(wb["計画"], problems, formulas) if version == 2 else []
    hint = "このファイルからは何も取り込んでいません。直してから取り込んでください。"
    if problems:  # the layout itself is wrong: cell checks would only add noise
        raise SubmissionRefused(name, problems, hint=hint)
    problems = formulas
    if version == 2:
        plan_spec = check_spec(settings, labels, sheets, problems)
    else:
        plan_spec = check_spec_v1(settings, sheets, problems)
    if problems:
        raise SubmissionRefused(name, problems, hint=hint)
    if ("基本方針", SLOGAN) in absent:
        for group in plan_spec["groups"]:
            group["slogan"] = None  # a workbook without the column: an update keeps the slogans
    exported = None
    if meta.get("format") == FORMAT_ID and meta.get("exported_at"):
        try:
            exported = datetime.fromisoformat(meta["exported_at"])
        except ValueError:
            exported = None
    source = "handout" if meta.get("format") == FORMAT_ID and meta.get("source") == "handout" else "template"
    return PlanWorkbook(path=path, sha256=file_sha256(raw), data=plan_spec, source=source, exported_at=exported,
                        meta=meta, version=version)
