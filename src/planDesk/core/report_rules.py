"""Rules of a progress report shared by its operations (report_ops) and its one apply path
(report_ops_bulk): the step states, the status labels, the text limit, who reports.

Kept apart so that both modules import them without importing each other.
"""

from __future__ import annotations

from planDesk.core.fiscal import format_fy
from planDesk.core.model import Department, Initiative

STEP_STATES: dict[str, str] = {
    "not_started": "未着手",
    "in_progress": "実施中",
    "done": "完了",
    "delayed": "遅れ",
}
REPORT_STATUS_LABELS: dict[str, str] = {
    "draft": "下書き",
    "submitted": "提出済",
    "confirmed": "確認済",
}
MAX_TEXT = 32767  # Excel's cell limit: a report must fit its submission workbook


def cycle_label(fy: int, half: int = 0) -> str:
    return format_fy(fy) + ("" if half == 0 else ("上半期" if half == 1 else "下半期"))


def may_report(initiative: Initiative, department: Department) -> bool:
    """A department reports on an initiative it is assigned to, directly or through a
    pseudo-department (全部署 / 関係部署 …)."""
    if department.pseudo:
        return False
    for link in initiative.department_links:
        if link.department_id == department.id or link.department.pseudo in ("all", "relevant"):
            return True
    return False
