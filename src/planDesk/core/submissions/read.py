"""Reading a submission workbook within bounds (no database needed for this step).

After ``xlsx_guard`` has checked the archive, openpyxl opens it read-only and without
links or macros; only the metadata rows and the rows and columns the metadata names are
read (the sheet's dimension tag is never trusted), so a workbook that claims a cell at
XFD1048576 costs nothing; rows come through ``sheet_rows`` (openpyxl's cells, tokenised
by the C XML parser when the sheet has no DTD, see core/xlsx/rows.py). Every input cell
is checked: no formulas, no error values, text within Excel's limit with control
characters removed, numbers through ``parse_number`` (full-width digits accepted). Any
problem refuses the whole file with messages that name the file, sheet and cell.
``submission_resolve`` then checks the result against the database.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from planDesk.core.domain.keys import FieldKey
from planDesk.core.domain.numbers import NumberInputError, parse_number
from planDesk.core.submissions.format import (
    COVER_INPUTS,
    COVER_ROWS,
    FIELD_LABELS,
    FORMAT_ID,
    FORMAT_VERSION,
    KPI_COLUMNS,
    MAX_INPUT_CELLS,
    META_FIRST_CELL_ROW,
    META_KEYS_MAX,
    REPORT_COLUMNS,
    SHEET_COVER,
    SHEET_KPIS,
    SHEET_META,
    SHEET_REPORTS,
    SHEET_STEPS,
    STEP_COLUMNS,
    Column,
    column_index,
    meta_checksum,
)
from planDesk.core.xlsx.cells import MAX_CELL_TEXT, Problem, SubmissionRefused, clean_text, file_sha256
from planDesk.core.xlsx.guard import DEFAULT_LIMITS, Limits, WorkbookRefused, read_checked, require_defusedxml
from planDesk.core.xlsx.rows import FormulaFound, sheet_rows, sheet_values

log = logging.getLogger(__name__)

_CELL_RE = re.compile(r"^([A-Z]{1,3})([1-9][0-9]{0,6})$")
# Excel stores control characters in cell text as _x0007_ (openpyxl passes them through):
# decoded here so that clean_text removes them (and _x000D_ becomes a line break).
_EXCEL_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f])_")
SHEET_COLUMNS: dict[str, tuple[Column, ...]] = {
    SHEET_REPORTS: REPORT_COLUMNS, SHEET_KPIS: KPI_COLUMNS, SHEET_STEPS: STEP_COLUMNS}
# The column each kind of field must sit in (a metadata row pointing elsewhere is forged).
FIELD_COLUMNS = {
    SHEET_REPORTS: {k: column_index(REPORT_COLUMNS, k)
                    for k in ("activities", "evaluation", "issues", "direction", "next_steps")},
    SHEET_KPIS: {"kpi": column_index(KPI_COLUMNS, "actual")},
    SHEET_STEPS: {"step": column_index(STEP_COLUMNS, "state")},
}
REQUIRED_KEYS = ("format", "format_version", "plan_key", "plan_revision", "department", "fy", "half",
                 "exported_at", "export_id", "base_mode", "cell_count", "content_hash", "meta_checksum")


@dataclass(slots=True)
class InputValue:
    """One input cell as read: where it is, what the metadata says, what it holds now."""

    sheet: str
    cell: str
    uid: str
    field: str
    base: Any
    base_version: int
    raw: Any           # the value as typed (text cleaned); numbers already parsed
    row: int = 0
    # What the row shows beside its hidden identity: (cell, code) and (cell, KPI name or
    # step label); the resolver checks them against the initiative the hidden id names.
    shown_code: tuple[str, str] | None = None
    shown_label: tuple[str, str] | None = None


@dataclass
class ReadSubmission:
    """A workbook read and checked without the database."""

    path: Path
    name: str
    sha256: str
    meta: dict[str, str]
    values: list[InputValue] = field(default_factory=list)
    row_ids: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)  # (sheet,row)→(uid,key)
    problems: list[Problem] = field(default_factory=list)  # cell problems; the file is refused
    saved_at: datetime | None = None  # when the workbook was last saved (docProps), UTC

    @property
    def department(self) -> str:
        return self.meta["department"]

    @property
    def fy(self) -> int:
        return int(self.meta["fy"])

    @property
    def half(self) -> int:
        return int(self.meta["half"])

    @property
    def exported_at(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.meta["exported_at"])
        except ValueError:
            return None

    def cover(self, key: str) -> str:
        for v in self.values:
            if v.sheet == SHEET_COVER and v.field == key:
                return str(v.raw or "")
        return ""


def read_submission(path: Path, limits: Limits = DEFAULT_LIMITS) -> ReadSubmission:
    """Read and check a submission workbook; raise WorkbookRefused or SubmissionRefused.

    Problems in single cells do not raise here: they are in ``problems`` and
    ``resolve_submission`` refuses the file listing them with its own.
    """
    require_defusedxml()
    data = read_checked(path, limits)
    name = path.name
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False,
                           keep_vba=False, rich_text=False)
    except Exception as exc:  # anything openpyxl raises on a malformed or hostile file
        log.info("workbook %s not readable: %r", name, exc)
        raise _unreadable(name, exc) from exc
    try:
        return _read(wb, path, data)
    except (SubmissionRefused, WorkbookRefused):
        raise
    except Exception as exc:
        log.info("workbook %s failed while reading cells: %r", name, exc)
        raise _unreadable(name, exc) from exc
    finally:
        wb.close()


def _unreadable(name: str, exc: Exception) -> WorkbookRefused:
    kind = type(exc).__name__
    chain: BaseException | None = exc
    while chain is not None:  # openpyxl wraps the parser's error in a ValueError
        if type(chain).__module__.startswith("defusedxml"):
            return WorkbookRefused(name, "XML の実体宣言（DTD）を含む、細工されたファイルです。"
                                   "安全のため読み込みません。")
        chain = chain.__cause__ or chain.__context__
    if isinstance(exc, MemoryError):
        return WorkbookRefused(name, "ブックが大きすぎて読み込めません。")
    return WorkbookRefused(
        name, f"ブックを読み込めません。壊れているか、Excel 以外で作られた不正な形式です（{kind}）。",
        hint="Excel で開けるか確認し、保存し直したファイルを送ってもらってください。")


def _read(wb: Any, path: Path, data: bytes) -> ReadSubmission:
    name = path.name
    if SHEET_META not in wb.sheetnames:
        raise WorkbookRefused(
            name, "planDesk の提出用ブックではありません（識別用の隠しシートがありません）。",
            hint="planDesk で出力した提出用ブックに入力して送ってもらってください。")
    meta, rows = _read_meta(wb[SHEET_META], name)
    sub = ReadSubmission(path=path, name=name, sha256=file_sha256(data), meta=meta,
                         saved_at=_saved_at(wb))
    problems: list[Problem] = []
    for sheet in (SHEET_COVER, SHEET_REPORTS, SHEET_KPIS, SHEET_STEPS):
        if sheet not in wb.sheetnames:
            problems.append(Problem(sheet, "", "シートがありません（削除または名前の変更はできません）。"))
    if problems:
        raise SubmissionRefused(name, problems)
    by_sheet: dict[str, list[InputValue]] = {}
    for r in rows:
        by_sheet.setdefault(r.sheet, []).append(r)
    _read_cover(wb[SHEET_COVER], by_sheet.pop(SHEET_COVER, []), problems)
    for sheet in (SHEET_REPORTS, SHEET_KPIS, SHEET_STEPS):
        _read_sheet(wb[sheet], sheet, by_sheet.pop(sheet, []), sub, problems)
    for sheet in by_sheet:
        problems.append(Problem(SHEET_META, "", f"メタデータが不明なシート「{sheet}」を指しています。"))
    if any(p.sheet == SHEET_META for p in problems):
        raise SubmissionRefused(name, problems)  # the metadata itself is wrong: nothing else matters
    # Problems in cells are kept: the database check adds its own and reports them all at once.
    sub.problems = problems
    sub.values = rows
    return sub


def _saved_at(wb: Any) -> datetime | None:
    """The workbook's own last-saved time (Excel and LibreOffice write it on every save)."""
    value = getattr(getattr(wb, "properties", None), "modified", None)
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _meta_text(cell: Any, name: str, where: str) -> str:
    if cell.data_type == "f":
        raise WorkbookRefused(name, "識別用の隠しシートに式が入っています。改ざんされたファイルです。",
                              sheet=SHEET_META, cell=where)
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_meta(ws: Any, name: str) -> tuple[dict[str, str], list[InputValue]]:
    pairs: dict[str, str] = {}
    for row in sheet_rows(ws, 1, META_KEYS_MAX, 2):
        key = _meta_text(row[0], name, f"A{row[0].row}" if hasattr(row[0], "row") else "A")
        if key:
            pairs[key] = _meta_text(row[1], name, f"B{row[0].row}")
    if pairs.get("format") != FORMAT_ID:
        raise WorkbookRefused(name, "planDesk の提出用ブックではありません（識別情報が違います）。",
                              hint="planDesk で出力した提出用ブックに入力して送ってもらってください。")
    if pairs.get("format_version") != str(FORMAT_VERSION):
        version = pairs.get("format_version")
        raise WorkbookRefused(name, f"この planDesk では読めない版の提出用ブックです（形式 {version}）。",
                              hint="planDesk を最新版に更新してください。")
    missing = [k for k in REQUIRED_KEYS if not pairs.get(k)]
    if missing:
        raise WorkbookRefused(name, "識別情報が欠けています（" + "、".join(missing) + "）。"
                              "改ざんされたか壊れたファイルです。", sheet=SHEET_META)
    try:
        count = int(pairs["cell_count"])
        int(pairs["fy"]), int(pairs["half"])
    except ValueError as exc:
        raise WorkbookRefused(name, "識別情報の数値が正しくありません。改ざんされたか壊れたファイルです。",
                              sheet=SHEET_META) from exc
    if not 0 < count <= MAX_INPUT_CELLS:
        raise WorkbookRefused(name, f"識別情報の入力セル数（{count:,}）が範囲外です。"
                              "改ざんされたか壊れたファイルです。", sheet=SHEET_META)
    rows: list[InputValue] = []
    raw_rows: list[tuple[Any, ...]] = []
    last = META_FIRST_CELL_ROW + count - 1
    try:
        for values in sheet_values(ws, META_FIRST_CELL_ROW, last, 6):
            raw_rows.append(values)
            sheet, cell, uid, fld, base, version = values
            if not (isinstance(sheet, str) and isinstance(cell, str) and isinstance(fld, str)):
                raise WorkbookRefused(name, "識別用の隠しシートの内容が壊れています。", sheet=SHEET_META)
            rows.append(InputValue(sheet, cell, str(uid or ""), fld, base,
                                   int(version) if isinstance(version, int | float) else 0, None))
    except FormulaFound as exc:
        raise WorkbookRefused(name, "識別用の隠しシートに式が入っています。改ざんされたファイルです。",
                              sheet=SHEET_META) from exc
    if pairs["meta_checksum"] != meta_checksum(pairs, raw_rows):
        raise WorkbookRefused(name, "識別用の隠しシートが変更されています（チェックサムが一致しません）。"
                              "改ざんされたか壊れたファイルです。",
                              hint="planDesk で出力し直した提出用ブックを送ってもらってください。")
    return pairs, rows


def _split(ref: str) -> tuple[int, int] | None:
    m = _CELL_RE.match(ref)
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _read_cover(ws: Any, values: list[InputValue], problems: list[Problem]) -> None:
    last = max(COVER_ROWS[k] for k in COVER_INPUTS)
    grid = {(c.row, c.column): c for row in sheet_rows(ws, 1, last, 2)
            for c in row if hasattr(c, "row")}
    for v in values:
        pos = _split(v.cell)
        if v.field not in COVER_INPUTS or pos is None or pos != (COVER_ROWS[v.field], 2):
            problems.append(Problem(SHEET_META, "", f"表紙の入力セル {v.cell} の指定が正しくありません。"))
            continue
        v.raw = _text_value(grid.get(pos), FIELD_LABELS[v.field], SHEET_COVER, v.cell, problems)


def _read_sheet(ws: Any, sheet: str, values: list[InputValue], sub: ReadSubmission,
                problems: list[Problem]) -> None:
    if not values:
        return
    columns = SHEET_COLUMNS[sheet]
    id_col = column_index(columns, "id")
    key_col = column_index(columns, "key") if sheet != SHEET_REPORTS else 0
    code_col = column_index(columns, "code")
    label_col = {SHEET_KPIS: column_index(KPI_COLUMNS, "kpi"),
                 SHEET_STEPS: column_index(STEP_COLUMNS, "step")}.get(sheet, 0)
    code_letter = get_column_letter(code_col)
    label_letter = get_column_letter(label_col) if label_col else ""
    input_columns = FIELD_COLUMNS[sheet]
    by_row: dict[int, list[tuple[int, InputValue, str]]] = {}
    seen: set[tuple[int, int]] = set()
    for v in values:
        pos = _split(v.cell)
        key_of = FieldKey(v.field)
        if pos is None or input_columns.get(key_of.kind) != pos[1] or pos[0] < 4:
            problems.append(Problem(SHEET_META, "",
                                    f"入力セル {sheet}!{v.cell}（{v.field}）の指定が正しくありません。"))
            continue
        if pos in seen:
            problems.append(Problem(SHEET_META, "", f"入力セル {sheet}!{v.cell} が重複しています。"))
            continue
        seen.add(pos)
        v.row = pos[0]
        by_row.setdefault(pos[0], []).append((pos[1], v, key_of.ident))
    if not by_row:
        return
    found: set[int] = set()
    # Only the rows and columns the metadata names are read: the dimension tag is not trusted.
    looked_at = {id_col, key_col, code_col, label_col, *input_columns.values()} - {0}
    for r, row in enumerate(sheet_rows(ws, min(by_row), max(by_row), len(columns), only=looked_at),
                            start=min(by_row)):
        inputs = by_row.get(r)
        if inputs is None:
            continue
        found.add(r)
        uid = _plain(row[id_col - 1])
        key = _plain(row[key_col - 1]) if key_col else ""
        shown_code = (f"{code_letter}{r}", _plain(row[code_col - 1]))
        shown_label = (f"{label_letter}{r}", _plain(row[label_col - 1])) if label_col else None
        for col, v, expected_key in inputs:
            if uid != v.uid or key != expected_key:
                problems.append(Problem(sheet, v.cell, "この行の隠し列の識別が出力時と違います。"
                                        "行の挿入・削除・並べ替えをせずに入力してください。"))
                continue
            sub.row_ids[(sheet, r)] = (uid, key)
            v.shown_code = shown_code
            v.shown_label = shown_label
            label = _field_label(sheet, v.field)
            if sheet == SHEET_KPIS:
                v.raw = _number_value(row[col - 1], label, sheet, v.cell, problems)
            else:
                v.raw = _text_value(row[col - 1], label, sheet, v.cell, problems)
    for r in sorted(set(by_row) - found):
        problems.append(Problem(sheet, by_row[r][0][1].cell,
                                "入力欄の行がありません（行が削除された可能性があります）。"))


def _is_percent(cell: Any) -> bool:
    fmt = str(getattr(cell, "number_format", "") or "")
    # a "%" inside quotes or after a backslash is a literal character, not the percent format
    fmt = re.sub(r'"[^"]*"|\\.', "", fmt)
    return "%" in fmt


def _plain(cell: Any) -> str:
    value = getattr(cell, "value", None)
    return "" if value is None else str(value)


def _field_label(sheet: str, fld: str) -> str:
    if sheet == SHEET_KPIS:
        return f"指標「{fld.split(':', 1)[1]}」の実績値"
    if sheet == SHEET_STEPS:
        return f"工程「{fld.split(':', 1)[1]}」の状況"
    return FIELD_LABELS.get(fld, fld)


def _formula_or_error(cell: Any, label: str, sheet: str, ref: str, problems: list[Problem]) -> bool:
    if cell is None:
        return False
    if cell.data_type == "f" or not isinstance(cell.value, str | int | float | datetime | date | time | None):
        problems.append(Problem(sheet, ref, f"{label}に式が入っています。式は使えません。値を直接入力してください。"))
        return True
    if cell.data_type == "e":
        problems.append(Problem(sheet, ref, f"{label}がエラー値（{cell.value}）です。正しい値を入力してください。"))
        return True
    return False


def _text_value(cell: Any, label: str, sheet: str, ref: str, problems: list[Problem]) -> str | None:
    if cell is None or _formula_or_error(cell, label, sheet, ref, problems):
        return None
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        problems.append(Problem(sheet, ref, f"{label}に TRUE/FALSE が入っています。文字で入力してください。"))
        return None
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    elif isinstance(value, date | time):
        text = value.isoformat()
    else:
        text = str(value)
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = clean_text(text)
    if len(text) > MAX_CELL_TEXT:
        problems.append(Problem(sheet, ref, f"{label}が {len(text):,} 文字あります。"
                                f"{MAX_CELL_TEXT:,} 文字以内にしてください。"))
        return None
    return text if text.strip() else None


def _number_value(cell: Any, label: str, sheet: str, ref: str, problems: list[Problem]) -> float | None:
    if cell is None or _formula_or_error(cell, label, sheet, ref, problems):
        return None
    value = cell.value
    if isinstance(value, datetime | date | time):
        problems.append(Problem(sheet, ref, f"{label}が日付になっています。数値を入力してください。"))
        return None
    if isinstance(value, str):
        value = clean_text(value)
        if len(value) > 100:
            problems.append(Problem(sheet, ref, f"{label}：数値として長すぎます。数値を入力してください。"))
            return None
    if isinstance(value, int | float) and not isinstance(value, bool) and _is_percent(cell):
        # 76.4% typed into a cell is stored by Excel and LibreOffice as 0.764 with a percent
        # format: what the person meant (and what a ％ KPI holds) is 76.4.
        return float(Decimal(repr(float(value))) * 100)
    try:
        return parse_number(value, label)
    except NumberInputError as exc:
        problems.append(Problem(sheet, ref, f"{exc}。"))
        return None
