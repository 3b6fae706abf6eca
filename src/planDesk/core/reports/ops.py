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

from planDesk.core.domain.fiscal import format_fy
from planDesk.core.domain.model import (
    Department,
    DirectionChoice,
    EvaluationGrade,
    Initiative,
    KpiActual,
    Policy,
    ProgressReport,
    PromotionItem,
    ReportingCycle,
    StepProgress,
)
from planDesk.core.domain.workflow import (
    REPORT_FIELD_LABELS,
    REPORT_STATUS_LABELS,
    REQUIRED_FOR,
    STEP_STATE_LABELS,
    ReportStatus,
    missing_fields,
)
from planDesk.core.errors import ConflictError, NotFoundError, UserError
from planDesk.core.persistence.store import Change, Store, WriteContext, now
from planDesk.core.reports.assignment import may_report

STEP_STATES = STEP_STATE_LABELS  # the codes a report may give a step, with their labels
MAX_TEXT = 32767  # Excel's cell limit: a report must fit its submission workbook


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


def cycle_label(fy: int, half: int = 0) -> str:
    return format_fy(fy) + ("" if half == 0 else ("上半期" if half == 1 else "下半期"))


def get_or_create_cycle(session: Session, plan_id: int, fy: int, half: int = 0) -> ReportingCycle:
    cycle = session.scalars(
        select(ReportingCycle).where(
            ReportingCycle.plan_id == plan_id, ReportingCycle.fy == fy, ReportingCycle.half == half
        )
    ).first()
    if cycle is None:
        cycle = ReportingCycle(plan_id=plan_id, fy=fy, half=half, opened_at=now())
        session.add(cycle)
        session.flush()
    return cycle


def plan_id_of_initiative(session: Session, initiative_id: int) -> int:
    plan_id = session.scalar(
        select(Policy.plan_id)
        .join(PromotionItem, PromotionItem.policy_id == Policy.id)
        .join(Initiative, Initiative.item_id == PromotionItem.id)
        .where(Initiative.id == initiative_id)
    )
    if plan_id is None:
        raise NotFoundError(f"取組（ID {initiative_id}）はありません。")
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


def _validate(session: Session, plan_id: int, ini: Initiative, data: ReportInput) -> None:
    grades = set(session.scalars(select(EvaluationGrade.code).where(EvaluationGrade.plan_id == plan_id)))
    if data.evaluation and data.evaluation not in grades:
        raise UserError(f"進捗評価「{data.evaluation}」はこの計画の評価にありません（{'、'.join(sorted(grades))}）。")
    choices = set(session.scalars(select(DirectionChoice.label).where(DirectionChoice.plan_id == plan_id)))
    if data.direction and data.direction not in choices:
        raise UserError(f"今後の方向性「{data.direction}」は選択肢にありません（{'、'.join(sorted(choices))}）。")
    for name, text in (("実施状況", data.activities), ("課題", data.issues), ("今後の取組", data.next_steps)):
        if len(text) > MAX_TEXT:
            raise UserError(f"{name}：{len(text):,} 文字あります。{MAX_TEXT:,} 文字以内にしてください。")
    kpi_ids = {k.id for k in ini.kpis}
    for kpi_id in data.kpi_actuals:
        if kpi_id not in kpi_ids:
            raise UserError(f"指標（ID {kpi_id}）はこの取組「{ini.title}」のものではありません。")
    step_ids = {s.id for s in ini.steps}
    for step_id, state in data.step_states.items():
        if step_id not in step_ids:
            raise UserError(f"工程（ID {step_id}）はこの取組「{ini.title}」のものではありません。")
        if state not in STEP_STATES:
            raise UserError(f"工程の状況「{state}」は使えません（{'、'.join(STEP_STATES.values())}）。")


def _load_initiative(session: Session, initiative_id: int) -> Initiative:
    ini = session.get(Initiative, initiative_id, options=[
        selectinload(Initiative.department_links), selectinload(Initiative.kpis),
        selectinload(Initiative.steps)])
    if ini is None:
        raise NotFoundError(f"取組（ID {initiative_id}）はありません。")
    return ini


def apply_input(ctx: WriteContext, data: ReportInput, *, expected_version: int | None,
                as_division: bool = False, source: str = "画面") -> ProgressReport:
    """Create or update a report inside an open transaction (used by save and merge)."""
    s = ctx.session
    ini = _load_initiative(s, data.initiative_id)
    plan_id = plan_id_of_initiative(s, ini.id)
    ctx.plan_id = plan_id
    dept = s.get(Department, data.department_id)
    if dept is None or dept.plan_id != plan_id:
        raise NotFoundError(f"部署（ID {data.department_id}）はこの計画にありません。")
    if not may_report(ini, dept):
        raise UserError(f"「{dept.name}」は取組「{ini.title}」の担当部署ではありません。")
    _validate(s, plan_id, ini, data)
    report = find_report(s, ini.id, dept.id, data.fy, data.half)
    if report is None:
        if expected_version not in (None, 0):
            raise ConflictError("この報告は他の画面で削除されたか、まだ作成されていません。")
        cycle = get_or_create_cycle(s, plan_id, data.fy, data.half)
        report = ProgressReport(initiative_id=ini.id, department_id=dept.id, cycle_id=cycle.id,
                                status="draft", version=0)
        s.add(report)
        before: dict[str, Any] | None = None
    else:
        if expected_version is not None and report.version != expected_version:
            raise ConflictError(
                f"「{ini.title}」（{dept.name}）の報告は、{report.updated_by or '他の利用者'} が"
                f"先に保存しています。上書きせずに止めました。",
                hint="最新の内容を読み込んでから、入力した内容を反映してください（入力内容は失われていません）。",
            )
        if report.status != "draft" and not as_division:
            label = REPORT_STATUS_LABELS.get(report.status, report.status)
            raise UserError(f"この報告は{label}のため、部署では編集できません。差戻しを依頼してください。")
        before = snapshot(report)
    report.activities = data.activities
    report.evaluation_code = data.evaluation or None
    report.issues = data.issues
    report.direction = data.direction or None
    report.next_steps = data.next_steps
    actuals = {a.kpi_id: a for a in report.kpi_actuals}
    for kpi_id, value in data.kpi_actuals.items():
        if kpi_id in actuals:
            actuals[kpi_id].value = value
        else:
            report.kpi_actuals.append(KpiActual(kpi_id=kpi_id, value=value))
    states = {st.step_id: st for st in report.step_states}
    for step_id, state in data.step_states.items():
        if step_id in states:
            states[step_id].state = state
        else:
            report.step_states.append(StepProgress(step_id=step_id, state=state))
    after_values = snapshot(report)
    if before is not None and {k: v for k, v in before.items() if k != "version"} == {
        k: v for k, v in after_values.items() if k != "version"
    }:
        return report  # nothing changed: no new version, no audit entry
    report.version = (report.version or 0) + 1
    report.updated_by = ctx.actor
    report.updated_at = now()
    s.flush()
    ctx.audit("report", report.id,
              f"{ini.title}／{dept.name}／{cycle_label(data.fy, data.half)} の報告を保存（{source}）",
              before=before, after=snapshot(report))
    return report


def save_report(store: Store, data: ReportInput, *, expected_version: int | None,
                as_division: bool = False) -> tuple[Change, int]:
    """Save a draft; returns the change and the report's new version."""
    with store.write("save-report") as ctx:
        report = apply_input(ctx, data, expected_version=expected_version, as_division=as_division)
        return Store.change_of(ctx, "報告を保存しました"), report.version


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
