"""The codes of the reporting workflow and their Japanese labels: their one home.

Codes are ``StrEnum`` members, stored as their text value (a member *is* a ``str``, so
rows written before this module existed read back unchanged). Every screen, workbook and
printout takes its label from here; the GUI passes the same Japanese text through Qt's
translation system (gui/labels.py), so a translation cannot drift from the core's words.
The per-plan scales (進捗評価, 今後の方向性) are master data of each plan, not codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class ReportStatus(StrEnum):
    """The status of a progress report (進捗報告): 下書き → 提出済 → 確認済."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    CONFIRMED = "confirmed"


class StepState(StrEnum):
    """What a department reported for one roadmap step (工程) in a cycle."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DELAYED = "delayed"


class StepKind(StrEnum):
    """The shape of a roadmap step: one-off (単発), continuing (継続), milestone (節目)."""

    ONE_OFF = "one-off"
    CONTINUING = "continuing"
    MILESTONE = "milestone"


REPORT_STATUS_LABELS: dict[str, str] = {
    ReportStatus.DRAFT: "下書き",
    ReportStatus.SUBMITTED: "提出済",
    ReportStatus.CONFIRMED: "確認済",
}
# In the order the drop-downs and legends offer them.
STEP_STATE_LABELS: dict[str, str] = {
    StepState.NOT_STARTED: "未着手",
    StepState.IN_PROGRESS: "実施中",
    StepState.DONE: "完了",
    StepState.DELAYED: "遅れ",
}
NO_REPORT_LABEL = "報告なし"  # a step nobody has reported on yet
STEP_KIND_LABELS: dict[str, str] = {
    StepKind.ONE_OFF: "単発",
    StepKind.CONTINUING: "継続",
    StepKind.MILESTONE: "節目",
}

# Kinds of entity named in the audit log and in Change.entities.
PLAN, GROUP, INITIATIVE = "plan", "group", "initiative"
# The two fixed levels of plans before the tree of groups (migration 0006): old audit
# entries keep these names.
POLICY, ITEM = "policy", "item"
GOAL, KPI, STEP = "goal", "kpi", "step"
DEPARTMENT, GRADE, DIRECTION, REPORT = "department", "grade", "direction", "report"
ENTITY_LABELS: dict[str, str] = {
    PLAN: "計画",
    GROUP: "グループ",
    POLICY: "基本方針",
    ITEM: "推進事項",
    INITIATIVE: "取組",
    GOAL: "目標",
    KPI: "指標",
    STEP: "工程",
    DEPARTMENT: "部署",
    GRADE: "進捗評価",
    DIRECTION: "今後の方向性",
    REPORT: "報告",
}


def report_status_label(status: str) -> str:
    return REPORT_STATUS_LABELS.get(status, status)


def step_state_label(state: str | None, *, none: str = "—") -> str:
    """The label of a reported step state; ``none`` when nothing was reported."""
    return STEP_STATE_LABELS.get(state or "", none)

# The status shown for a report part nobody has saved yet (未作成); never stored.
NOT_STARTED = "none"

# The fields of a progress report, with their Japanese names (screens, workbooks, messages).
REPORT_FIELD_LABELS: dict[str, str] = {
    "activities": "実施状況",
    "evaluation": "進捗評価",
    "issues": "課題",
    "direction": "今後の方向性",
    "next_steps": "今後の取組",
}
# What a report needs before it may move to a status: the on-screen 提出, the command
# line and a merged workbook all ask this one table.
REQUIRED_FOR: dict[str, tuple[str, ...]] = {
    ReportStatus.SUBMITTED: ("activities", "evaluation", "direction"),
    ReportStatus.CONFIRMED: ("activities", "evaluation", "direction"),
}


def required_fields(status: str, *, has_scale: bool = True, has_directions: bool = True) -> tuple[str, ...]:
    """The fields a report needs for ``status`` in a plan: a plan without an evaluation scale
    (or without 今後の方向性 choices) asks for no evaluation (or direction)."""
    return tuple(key for key in REQUIRED_FOR.get(status, ())
                 if (key != "evaluation" or has_scale) and (key != "direction" or has_directions))


def missing_fields(status: str, values: Mapping[str, object], *, has_scale: bool = True,
                   has_directions: bool = True) -> list[str]:
    """The keys of the fields ``values`` still lacks for ``status`` (blank text is missing)."""
    return [key for key in required_fields(status, has_scale=has_scale, has_directions=has_directions)
            if values.get(key) is None or not str(values.get(key)).strip()]
