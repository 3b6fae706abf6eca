"""The tracker (提出状況) as a workbook: one row per department, coloured by state."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from planDesk.core.atomic import write_atomically
from planDesk.core.domain.fiscal import format_date_wareki
from planDesk.core.persistence.store import now
from planDesk.core.plan.view import PlanView
from planDesk.core.submissions.scope import CycleRef
from planDesk.core.submissions.tracker import STATES, TrackerRow
from planDesk.core.submissions.tracker_shared import SharedItem
from planDesk.core.xlsx.styles import (
    BOLD,
    CENTER,
    HEADER_FILL,
    SMALL,
    TITLE,
    japanese_workbook,
    print_setup,
    put,
)

STATE_FILLS = {
    "not_submitted": PatternFill("solid", start_color="F8CBAD"),
    "partial": PatternFill("solid", start_color="FCE4D6"),
    "submitted": PatternFill("solid", start_color="FFE699"),
    "merged": PatternFill("solid", start_color="C6EFCE"),
    "returned": PatternFill("solid", start_color="D9D9D9"),
}


def columns(word: str) -> tuple[tuple[str, int], ...]:
    """The tracker's headers and widths; ``word``: the plan's word for its initiatives."""
    return (("部署", 18), ("状態", 9), (f"提出済の{word}", 10), (f"担当する{word}", 10), (f"全部署等の{word}", 16),
            ("報告", 8), ("提出日", 16), ("取込日", 16), ("差戻し日", 16), ("取り込んだファイル", 30), ("記入者", 14),
            ("未解決の競合", 10), ("備考", 36))


def _date(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone()
    return f"{format_date_wareki(local.date())} {local:%H:%M}"


_NOT_IN_SHEET_NAMES = str.maketrans({c: "_" for c in "[]:*?/\\"})


def shared_sheet(word: str) -> str:
    """The second sheet's name (Excel: at most 31 characters, none of []:*?/\\)."""
    return f"全部署等の{word}".translate(_NOT_IN_SHEET_NAMES)[:31]


def shared_columns(word: str) -> tuple[tuple[str, int], ...]:
    return (("コード", 11), (word, 40), ("担当", 12), ("提出済の部署", 12), ("報告する部署", 12), ("割合", 8))


def _write_shared(ws: Any, plan: PlanView, cycle: CycleRef, items: list[SharedItem]) -> None:
    word = plan.initiative_label
    put(ws.cell(1, 1), f"全部署等の{word}の提出状況（{cycle.label}）　{plan.name}", font=TITLE, border=None, align=None)
    put(ws.cell(2, 1), f"各部署が報告する{word}ごとの、提出済（確認済を含む）の部署数／報告する部署数", font=SMALL,
        border=None, align=None)
    for i, (header, width) in enumerate(shared_columns(word), start=1):
        put(ws.cell(3, i), header, font=BOLD, fill=HEADER_FILL, align=CENTER)
        ws.column_dimensions[get_column_letter(i)].width = width
    for r, item in enumerate(items, start=4):
        ratio = item.done / item.total if item.total else None
        for c, value in enumerate((item.code, item.title, item.assigned_to, item.done, item.total, ratio), start=1):
            put(ws.cell(r, c), value, number_format="0%" if c == 6 else None)
    ws.freeze_panes = "C4"
    print_setup(ws, title_rows="3:3", header_left=plan.name, header_right=f"全部署等の{word}　{cycle.label}")


def write_tracker_xlsx(plan: PlanView, cycle: CycleRef, rows: list[TrackerRow], out: Path,
                       shared: list[SharedItem] | None = None) -> Path:
    """Write the tracker to ``out`` atomically (A4 landscape, one page wide); with ``shared``
    a second sheet gives the parts and the total of every 全部署 / 関係部署-type item."""
    wb = japanese_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "提出状況"
    put(ws.cell(1, 1), f"提出状況（{cycle.label}）　{plan.name}", font=TITLE, border=None, align=None)
    counts = {key: sum(1 for r in rows if r.state == key) for key in STATE_FILLS}
    summary = "　".join(f"{label} {counts[key]}" for key, label in STATES.items())
    local = now().astimezone()
    put(ws.cell(2, 1), f"{summary}　（{format_date_wareki(local.date())} {local:%H:%M} 現在）", font=SMALL,
        border=None, align=None)
    headers = columns(plan.initiative_label)
    for i, (header, width) in enumerate(headers, start=1):
        put(ws.cell(3, i), header, font=BOLD, fill=HEADER_FILL, align=CENTER)
        ws.column_dimensions[get_column_letter(i)].width = width
    for r, row in enumerate(rows, start=4):
        values = (row.department, row.state_label, row.complete, row.initiatives,
                  f"{row.shared_complete} / {row.shared}" if row.shared else "", row.reported,
                  _date(row.submitted_at), _date(row.merged_at), _date(row.returned_at), row.last_file,
                  row.filled_by, row.open_conflicts or None, row.note)
        for c, value in enumerate(values, start=1):
            put(ws.cell(r, c), value, fill=STATE_FILLS[row.state] if c == 2 else None)
    ws.freeze_panes = "B4"
    ws.auto_filter.ref = f"A3:{get_column_letter(len(headers))}{max(4, len(rows) + 3)}"
    print_setup(ws, title_rows="3:3", header_left=plan.name, header_right=f"提出状況　{cycle.label}")
    if shared:
        _write_shared(wb.create_sheet(shared_sheet(plan.initiative_label)), plan, cycle, shared)
    write_atomically(out, lambda tmp: wb.save(tmp))
    return out
