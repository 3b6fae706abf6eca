"""Rules of a progress report shared by its operations (ops.py) and its one apply path
(bulk.py): the step states a report may give, the text limit, the cycle's name.

Kept apart so that both modules import them without importing each other. The labels of
workflow codes live in core/domain/workflow.py and who reports on an initiative in
core/reports/assignment.py; they are named here only for the two modules' convenience.
"""

from __future__ import annotations

from planDesk.core.domain.fiscal import format_fy
from planDesk.core.domain.workflow import REPORT_STATUS_LABELS, STEP_STATE_LABELS
from planDesk.core.reports.assignment import may_report

STEP_STATES = STEP_STATE_LABELS  # the codes a report may give a step, with their labels
MAX_TEXT = 32767  # Excel's cell limit: a report must fit its submission workbook

__all__ = ["MAX_TEXT", "REPORT_STATUS_LABELS", "STEP_STATES", "cycle_label", "may_report"]


def cycle_label(fy: int, half: int = 0) -> str:
    return format_fy(fy) + ("" if half == 0 else ("上半期" if half == 1 else "下半期"))
