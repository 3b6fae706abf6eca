"""Operations on progress reports (進捗報告): save a draft, submit, confirm, return.

Every function runs one ``Store.write`` transaction, writes the audit log with before and
after values, and returns a ``Change``. Optimistic concurrency: a save names the version
it started from; if someone saved in between, ConflictError is raised and nothing is
overwritten (the caller keeps the typed text and can show both).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planDesk.core.domain.model import (
    DirectionChoice,
    EvaluationGrade,
    Initiative,
    PlanGroup,
    ProgressReport,
    ReportingCycle,
)
from planDesk.core.domain.workflow import (
    REPORT_FIELD_LABELS,
    REPORT_STATUS_LABELS,
    REQUIRED_FOR,
    ReportStatus,
    missing_fields,
)
from planDesk.core.errors import NotFoundError, UserError
from planDesk.core.persistence.database import insert_skipping_duplicates
from planDesk.core.persistence.store import Change, Store, WriteContext, now
from planDesk.core.reports.assignment import may_report
from planDesk.core.reports.bulk import ReportChange, apply_changes
from planDesk.core.reports.rules import MAX_TEXT, STEP_STATES, cycle_label

__all__ = ["MAX_TEXT", "REPORT_STATUS_LABELS", "STEP_STATES", "ReportInput", "confirm_report", "cycle_label",
           "find_report", "get_or_create_cycle", "may_report", "plan_id_of_initiative", "return_report",
           "save_report", "snapshot", "submit_report"]


@dataclass
class ReportInput:
    """What a department enters for one initiative in one cycle."""

    initiative_id: int
    department_id: int
    fy: int
    half: int = 0
    activities: str = ""
    evaluation: str | None = None
    issues: str = ""
    direction: str | None = None
    next_steps: str = ""
    kpi_actuals: dict[int, float | None] = field(default_factory=dict)
    step_states: dict[int, str] = field(default_factory=dict)


def get_or_create_cycle(session: Session, plan_id: int, fy: int, half: int = 0) -> ReportingCycle:
    """The plan's cycle for ``fy``/``half``, created when missing — race-free: two processes
    opening the same round at once both get the one row (INSERT … ON CONFLICT DO NOTHING)."""
    where = (ReportingCycle.plan_id == plan_id, ReportingCycle.fy == fy, ReportingCycle.half == half)
    cycle = session.scalars(select(ReportingCycle).where(*where)).first()
    if cycle is None:
        session.execute(insert_skipping_duplicates(session, ReportingCycle.__table__),
                        [{"plan_id": plan_id, "fy": fy, "half": half, "opened_at": now()}])
        cycle = session.scalars(select(ReportingCycle).where(*where)).one()
    return cycle


def plan_id_of_initiative(session: Session, initiative_id: int) -> int:
    plan_id = session.scalar(
        select(PlanGroup.plan_id)
        .join(Initiative, Initiative.group_id == PlanGroup.id)
        .where(Initiative.id == initiative_id)
    )
    if plan_id is None:
        raise NotFoundError(f"報告の対象（ID {initiative_id}）は計画にありません。",  # whose plan: unknown
                            hint="他の画面で削除された可能性があります。画面を更新してください。")
    return plan_id


def find_report(session: Session, initiative_id: int, department_id: int, fy: int,
                half: int = 0) -> ProgressReport | None:
    return session.scalars(
        select(ProgressReport)
        .join(ReportingCycle, ProgressReport.cycle_id == ReportingCycle.id)
        .where(
            ProgressReport.initiative_id == initiative_id,
            ProgressReport.department_id == department_id,
            ReportingCycle.fy == fy,
            ReportingCycle.half == half,
        )
        .options(selectinload(ProgressReport.kpi_actuals), selectinload(ProgressReport.step_states))
    ).first()


def snapshot(report: ProgressReport) -> dict[str, Any]:
    """The report's values as plain data (for the audit log and conflict messages)."""
    return {
        "activities": report.activities,
        "evaluation": report.evaluation_code,
        "issues": report.issues,
        "direction": report.direction,
        "next_steps": report.next_steps,
        "status": report.status,
        "kpi_actuals": {str(a.kpi_id): a.value for a in report.kpi_actuals},
        "step_states": {str(s.step_id): s.state for s in report.step_states},
        "version": report.version,
    }


def input_fields(data: ReportInput) -> dict[str, Any]:
    """A ReportInput as the apply path's fields: every text and choice, the KPIs and steps given."""
    fields: dict[str, Any] = {"activities": data.activities, "evaluation": data.evaluation, "issues": data.issues,
                              "direction": data.direction, "next_steps": data.next_steps}
    fields.update({f"kpi:{k}": v for k, v in data.kpi_actuals.items()})
    fields.update({f"step:{k}": v for k, v in data.step_states.items()})
    return fields


def save_report(store: Store, data: ReportInput, *, expected_version: int | None,
                as_division: bool = False) -> tuple[Change, int]:
    """Save a draft; returns the change and the report's version (unchanged when the values
    were already saved). A batch of one through ``report_ops_bulk.apply_changes``: a
    version that moved on raises ConflictError carrying the unsaved values."""
    def body(ctx: WriteContext) -> tuple[Change, int]:
        plan_id = plan_id_of_initiative(ctx.session, data.initiative_id)
        cycle = get_or_create_cycle(ctx.session, plan_id, data.fy, data.half)
        [done] = apply_changes(ctx, plan_id=plan_id, department_id=data.department_id, cycle_id=cycle.id,
                               changes=[ReportChange(data.initiative_id, input_fields(data), expected_version)],
                               source="画面", as_division=as_division)
        return Store.change_of(ctx, "報告を保存しました"), done.version

    return store.run("save-report", body)


# The fields a 提出済 report needs, with their labels (the rule: core/domain/workflow.py).
REQUIRED_FIELDS: dict[str, str] = {k: REPORT_FIELD_LABELS[k] for k in REQUIRED_FOR[ReportStatus.SUBMITTED]}


def missing_required(activities: str | None, evaluation: str | None, direction: str | None, *,
                     has_scale: bool = True, has_directions: bool = True) -> list[str]:
    """The labels of the required fields a 提出済 report would lack (workflow.missing_fields:
    the on-screen 提出 and the merge of a submission workbook both ask it); empty when complete."""
    values = {"activities": activities, "evaluation": evaluation, "direction": direction}
    return [REPORT_FIELD_LABELS[k] for k in missing_fields(ReportStatus.SUBMITTED, values, has_scale=has_scale,
                                                           has_directions=has_directions)]


def plan_parts(session: Session, plan_id: int) -> tuple[bool, bool]:
    """Whether the plan has an evaluation scale and 今後の方向性 choices (both optional)."""
    has_scale = session.scalar(select(EvaluationGrade.id).where(EvaluationGrade.plan_id == plan_id).limit(1))
    has_directions = session.scalar(select(DirectionChoice.id).where(DirectionChoice.plan_id == plan_id).limit(1))
    return has_scale is not None, has_directions is not None


def _transition(store: Store, report_id: int, operation: str, *, allowed_from: tuple[str, ...],
                to: str, as_division: bool, division_only: bool, comment: str = "",
                require_complete: bool = False) -> Change:
    with store.write(operation) as ctx:
        s = ctx.session
        report = s.get(ProgressReport, report_id)
        if report is None:
            raise NotFoundError(f"報告（ID {report_id}）はありません。")
        ctx.plan_id = plan_id_of_initiative(s, report.initiative_id)
        ctx.initiatives.add(report.initiative_id)
        if division_only and not as_division:
            raise UserError("この操作は情報政策課（取りまとめ担当）だけが行えます。")
        if report.status not in allowed_from:
            raise UserError(
                f"この報告は{REPORT_STATUS_LABELS.get(report.status, report.status)}のため、"
                f"{REPORT_STATUS_LABELS.get(to, to)}にできません。"
            )
        if require_complete:
            has_scale, has_directions = plan_parts(s, ctx.plan_id)
            missing = missing_fields(to, {"activities": report.activities, "evaluation": report.evaluation_code,
                                          "direction": report.direction},
                                     has_scale=has_scale, has_directions=has_directions)
            if missing:
                raise UserError("提出の前に入力してください：" + "、".join(REPORT_FIELD_LABELS[k] for k in missing))
        before = snapshot(report)
        report.status = to
        if to == "submitted":
            report.submitted_at = now()
        if comment:
            report.return_comment = comment
        report.version += 1
        report.updated_by = ctx.actor
        report.updated_at = now()
        s.flush()
        ctx.audit("report", report.id, f"報告を{REPORT_STATUS_LABELS[to]}にしました"
                  + (f"（理由：{comment}）" if comment else ""),
                  before=before, after=snapshot(report))
        return Store.change_of(ctx, f"報告を{REPORT_STATUS_LABELS[to]}にしました")


def submit_report(store: Store, report_id: int) -> Change:
    """下書き → 提出済 (required fields checked); the department can no longer edit."""
    return _transition(store, report_id, "submit-report", allowed_from=("draft",), to="submitted",
                       as_division=False, division_only=False, require_complete=True)


def confirm_report(store: Store, report_id: int, *, as_division: bool) -> Change:
    """提出済 → 確認済 (division only)."""
    return _transition(store, report_id, "confirm-report", allowed_from=("submitted",),
                       to="confirmed", as_division=as_division, division_only=True)


def return_report(store: Store, report_id: int, comment: str, *, as_division: bool) -> Change:
    """差戻し: 提出済 or 確認済 → 下書き with a comment (division only)."""
    if not comment.strip():
        raise UserError("差戻しの理由を入力してください。")
    return _transition(store, report_id, "return-report", allowed_from=("submitted", "confirmed"),
                       to="draft", as_division=as_division, division_only=True, comment=comment)
