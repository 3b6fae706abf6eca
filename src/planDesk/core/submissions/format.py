"""The layout of the submission workbook (提出用ブック) shared by export and import.

One place says which sheet holds what, in which columns, and how a value is turned
into the canonical form that is hashed: the exporter writes by these constants, the
importer reads by them, so the two cannot drift apart. See docs/submission-workbook.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from planDesk.core.domain.workflow import REPORT_FIELD_LABELS
from planDesk.core.xlsx.cells import clean_text, is_clean

FORMAT_ID = "planDesk-submission"
FORMAT_VERSION = 1

SHEET_COVER = "表紙"
SHEET_REPORTS = "進捗報告"
SHEET_KPIS = "指標実績"
SHEET_STEPS = "工程表"
SHEET_LISTS = "選択肢"
SHEET_META = "_planDesk"

TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 3
FIRST_DATA_ROW = 4

# Field keys of a report as they appear in the metadata and the merge.
TEXT_FIELDS = ("activities", "issues", "next_steps")
FIELD_LABELS = {
    **REPORT_FIELD_LABELS,
    "filled_by": "記入者",
    "contact": "連絡先",
}


@dataclass(frozen=True)
class Column:
    key: str          # what the column holds ("code", "activities", "id" …)
    header: str       # the header text printed in the header row
    width: float      # Excel column width (characters of the default font)
    input: bool = False
    hidden: bool = False


REPORT_COLUMNS: tuple[Column, ...] = (
    Column("code", "コード", 11),
    Column("title", "取組事項", 28),
    Column("departments", "担当部署", 14),
    Column("activities", "実施状況", 46, input=True),
    Column("evaluation", "進捗評価", 12, input=True),
    Column("issues", "課題", 34, input=True),
    Column("direction", "今後の方向性", 12, input=True),
    Column("next_steps", "今後の取組", 34, input=True),
    Column("status", "状態", 8),
    Column("id", "ID", 10, hidden=True),
)
KPI_COLUMNS: tuple[Column, ...] = (
    Column("code", "コード", 11),
    Column("title", "取組事項", 26),
    Column("kpi", "指標", 32),
    Column("unit", "単位", 8),
    Column("baseline", "基準値", 11),
    Column("baseline_as_of", "基準時点", 14),
    Column("target", "目標値", 11),
    Column("target_fy", "目標年度", 12),
    Column("actual", "実績値", 12, input=True),
    Column("id", "ID", 10, hidden=True),
    Column("key", "指標キー", 10, hidden=True),
)
STEP_COLUMNS: tuple[Column, ...] = (
    Column("code", "コード", 11),
    Column("title", "取組事項", 26),
    Column("step", "工程", 44),
    Column("period", "期間", 22),
    Column("kind", "区分", 8),
    Column("state", "状況", 10, input=True),
    Column("id", "ID", 10, hidden=True),
    Column("key", "工程キー", 10, hidden=True),
)

def plan_header(col: Column, initiative_label: str) -> str:
    """The header as printed for a plan: the plan's own word for what it reports on."""
    return initiative_label if col.key == "title" else col.header


def unused_columns(*, has_scale: bool, has_directions: bool) -> frozenset[str]:
    """Input columns a plan without an evaluation scale or directions does not show (hidden,
    so that every sheet keeps one layout for the import)."""
    return frozenset(({"evaluation"} if not has_scale else set()) | ({"direction"} if not has_directions else set()))


# Cover sheet: label in column A, value in column B, at these rows.
COVER_ROWS = {
    "plan": 3, "revision": 4, "department": 5, "cycle": 6, "exported_by": 7, "exported_at": 8,
    "reports": 9, "kpis": 10, "steps": 11, "filled_by": 13, "contact": 14,
}
COVER_INPUTS = ("filled_by", "contact")

# Metadata sheet: key/value pairs in rows 1…META_KEYS_MAX, the cell table below.
META_KEYS_MAX = 40
META_TABLE_HEADER_ROW = 42
META_FIRST_CELL_ROW = 43
META_TABLE_COLUMNS = ("sheet", "cell", "uid", "field", "base", "base_version")
MAX_INPUT_CELLS = 200_000  # a plan 100× the sample has ~10,000 rows per department at most




def column_index(columns: Sequence[Column], key: str) -> int:
    """1-based column number of ``key``."""
    for i, col in enumerate(columns, start=1):
        if col.key == key:
            return i
    raise KeyError(key)


def evaluation_display(code: str, label: str) -> str:
    """The drop-down entry of an evaluation grade: ``A（順調）``."""
    return f"{code}（{label}）" if label else code


def canonical(value: Any) -> Any:
    """A value in the form that is hashed and compared (text cleaned, numbers as float)."""
    if value is None:
        return None
    if type(value) is str and is_clean(value):  # nearly every value: no copy made
        return value if value and not value.isspace() else None  # isspace: what strip() removes
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    text = clean_text(str(value))
    return text if text.strip() else None


def same_value(a: Any, b: Any) -> bool:
    """Equal after canonicalisation ("" and None are the same; 5 and 5.0 too)."""
    if a is b or (type(a) is type(b) and a == b):
        return True  # the common case, without cleaning text twice
    ca, cb = canonical(a), canonical(b)
    if isinstance(ca, float) and isinstance(cb, float):
        return abs(ca - cb) <= 1e-9 * max(1.0, abs(ca), abs(cb))
    return bool(ca == cb)


def _digest(payload: Any) -> str:
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def content_hash(identity: dict[str, Any], values: Iterable[tuple[str, str, Any]]) -> str:
    """Hash of the input values (sheet, cell, value) of a workbook and what it is for.

    Written at export; recomputed at import: a difference means the input cells were
    edited after the export (normal for a department that fills the file in by hand).
    """
    return _digest({"id": identity,
                    "values": sorted([s, c, canonical(v)] for s, c, v in values)})


def meta_checksum(pairs: dict[str, str], rows: Iterable[Sequence[Any]]) -> str:
    """Checksum of the metadata sheet itself (catches accidental edits of ids)."""
    body = {k: v for k, v in pairs.items() if k != "meta_checksum"}
    return _digest({"pairs": body, "rows": [[canonical(v) for v in r] for r in rows]})


def identity_of(pairs: dict[str, str]) -> dict[str, Any]:
    """The fields of the metadata that say what a workbook is for (part of the hash)."""
    return {k: pairs.get(k, "") for k in ("plan_key", "plan_revision", "department", "fy", "half",
                                          "export_id")}


