"""What a submission workbook shows: the content gathered in one read, and its input cells.

Shared by the exporter (export.py, which gathers it) and the sheet writers (layout.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from planDesk.core.plan.view import InitiativeView, PlanView, ReportView
from planDesk.core.submissions.scope import CycleRef


@dataclass
class InputCell:
    """One cell a person fills in, with the value it held at export (the merge base)."""

    sheet: str
    cell: str
    uid: str
    field: str
    value: Any       # what the cell shows at export
    base: Any        # the base of the three-way merge
    base_version: int


@dataclass
class SubmissionContent:
    """Everything the workbook shows, gathered from the database in one read."""

    plan: PlanView
    department_id: int
    department: str
    cycle: CycleRef
    initiatives: list[InitiativeView]
    reports: dict[int, ReportView]
    base_mode: str  # "current": base = the values in this database; "empty": a department's copy
    exported_at: datetime
    exported_by: str
    export_id: str = field(default_factory=lambda: str(uuid.uuid4()))
