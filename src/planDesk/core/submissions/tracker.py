"""The submission tracker (提出状況): per cycle, each department's state with dates.

States: 未提出 (nothing received), 提出済 (reports submitted in this database, or a file
received but not merged yet), 取込済 (a file merged and not undone), 一部提出 (submitted or
merged, but not every initiative the department reports on has a 提出済/確認済 report),
差戻し (returned by the division after the last submission or merge). Completeness is
n of m initiatives, with the parts of 全部署-type items counted separately. They are derived from the merge
records, the tracker events and the reports' own status, so nothing has to be kept in
step by hand. ``return_submission`` is the division's 差戻し; ``record_received`` lets a
screen note that a file arrived before it is merged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planDesk.core.domain.model import Department, Plan, ProgressReport, ReportingCycle
from planDesk.core.domain.round_records import MergeConflict, MergeRecord, SubmissionEvent
from planDesk.core.errors import NotFoundError, UserError
from planDesk.core.persistence.store import Change, Store, now
from planDesk.core.plan.view import load_plan
from planDesk.core.reports.assignment import reports_on
from planDesk.core.reports.ops import get_or_create_cycle, return_report
from planDesk.core.submissions.scope import CycleRef

STATES = {"not_submitted": "未提出", "partial": "一部提出", "submitted": "提出済", "merged": "取込済",
          "returned": "差戻し"}
DONE_STATUSES = ("submitted", "confirmed")


@dataclass(frozen=True)
class TrackerRow:
    department_id: int
    department: str
    state: str              # a key of STATES
    initiatives: int        # initiatives the department reports on
    reported: int           # its reports in this cycle (any status)
    submitted_at: datetime | None
    merged_at: datetime | None
    returned_at: datetime | None
    last_file: str
    filled_by: str
    open_conflicts: int
    note: str
    complete: int = 0       # initiatives with a 提出済/確認済 report of the department
    shared: int = 0         # of ``initiatives``: parts of 全部署 / 関係部署 items
    shared_complete: int = 0
    workbook_saved_at: datetime | None = None  # 提出日 from the workbook merged last (its own save time)

    @property
    def state_label(self) -> str:
        return STATES[self.state]

    @property
    def completeness(self) -> str:
        """``2 / 13``, with ``（全部署の取組 1 / 5）`` when some are parts of shared items."""
        text = f"{self.complete} / {self.initiatives}"
        if self.shared:
            text += f"（全部署等 {self.shared_complete} / {self.shared}）"
        return text


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _latest(*values: datetime | None) -> datetime | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _submitted_on(state: str, merge: MergeRecord | None, submitted: datetime | None,
                  received: datetime | None) -> datetime | None:
    """提出日: the department's own time — when it saved the workbook that was merged last
    (not when the division merged it), else when it submitted in this database or the
    file was received."""
    if state == "not_submitted":
        return None
    merged_at = _utc(merge.merged_at) if merge is not None else None
    if received is not None and (merged_at is None or received > merged_at):
        return received  # a newer file arrived after the last merge
    if merge is not None:
        return _utc(merge.saved_at)  # None for a merge recorded before 0003: unknown
    return submitted


def tracker_rows(session: Session, plan_id: int, cycle: CycleRef) -> list[TrackerRow]:
    """One row per real department that reports on at least one initiative."""
    plan = load_plan(session, plan_id, with_reports=False)
    cycle_id = session.scalar(select(ReportingCycle.id).where(
        ReportingCycle.plan_id == plan_id, ReportingCycle.fy == cycle.fy, ReportingCycle.half == cycle.half))
    initiatives = list(plan.initiatives())
    counts = {d.id: sum(1 for ini in initiatives if reports_on(ini, d.id))
              for d in plan.departments if not d.pseudo and not d.retired}
    # Initiatives a department reports on only as a part of a 全部署 / 関係部署 item.
    shared_of = {d_id: {ini.id for ini in initiatives if reports_on(ini, d_id)
                        and not any(d.id == d_id for d in ini.departments)} for d_id in counts}
    done: dict[int, set[int]] = {}
    reports: dict[int, tuple[int, datetime | None]] = {}
    merges: dict[int, MergeRecord] = {}
    events: dict[tuple[int, str], SubmissionEvent] = {}
    conflicts: dict[int, int] = {}
    if cycle_id is not None:
        for dept_id, n, submitted in session.execute(
            select(ProgressReport.department_id, func.count(), func.max(ProgressReport.submitted_at))
            .where(ProgressReport.cycle_id == cycle_id).group_by(ProgressReport.department_id)
        ):
            reports[dept_id] = (n, _utc(submitted))
        for rec in session.scalars(select(MergeRecord).where(
                MergeRecord.cycle_id == cycle_id, MergeRecord.undone_at.is_(None)).order_by(MergeRecord.id)):
            merges[rec.department_id] = rec
        for ev in session.scalars(select(SubmissionEvent).where(
                SubmissionEvent.cycle_id == cycle_id).order_by(SubmissionEvent.id)):
            events[(ev.department_id, ev.kind)] = ev
        for dept_id, n in session.execute(
            select(MergeConflict.department_id, func.count()).where(
                MergeConflict.cycle_id == cycle_id, MergeConflict.state == "open")
            .group_by(MergeConflict.department_id)
        ):
            conflicts[dept_id] = n
        for dept_id, ini_id in session.execute(
            select(ProgressReport.department_id, ProgressReport.initiative_id).where(
                ProgressReport.cycle_id == cycle_id, ProgressReport.status.in_(DONE_STATUSES))):
            done.setdefault(dept_id, set()).add(ini_id)
    rows = []
    for dept in plan.departments:
        if dept.id not in counts or counts[dept.id] == 0:
            continue
        n_reports, submitted = reports.get(dept.id, (0, None))
        merge = merges.get(dept.id)
        merged_at = _utc(merge.merged_at) if merge else None
        received = events.get((dept.id, "received"))
        received_at = _utc(received.at) if received else None
        returned = events.get((dept.id, "returned"))
        returned_at = _utc(returned.at) if returned else None
        last_in = _latest(submitted, merged_at, received_at)
        note = ""
        if returned_at is not None and (last_in is None or returned_at > last_in):
            state, note = "returned", returned.note if returned else ""
        elif received_at is not None and (merged_at is None or received_at > merged_at):
            state, note = "submitted", f"受領：{received.note}" if received and received.note else "受領（未取込）"
        elif merge is not None:
            state = "merged"
            if conflicts.get(dept.id):
                note = f"未解決の競合 {conflicts[dept.id]} 件"
        elif submitted is not None:
            state = "submitted"
        else:
            state = "not_submitted"
        complete = len(done.get(dept.id, set()))
        if state in ("merged", "submitted") and complete < counts[dept.id] and not (
                state == "submitted" and received_at is not None and complete == 0):
            state = "partial"  # not every initiative is in: never shown as done
        shared = shared_of.get(dept.id, set())
        rows.append(TrackerRow(
            department_id=dept.id, department=dept.name, state=state, initiatives=counts[dept.id],
            reported=n_reports, submitted_at=_submitted_on(state, merge, submitted, received_at),
            merged_at=merged_at, returned_at=returned_at, last_file=merge.file_name if merge else "",
            filled_by=merge.filled_by if merge else "", open_conflicts=conflicts.get(dept.id, 0), note=note,
            complete=complete, shared=len(shared), shared_complete=len(shared & done.get(dept.id, set())),
            workbook_saved_at=_utc(merge.saved_at) if merge else None))
    return rows


def load_tracker(store: Store, plan_id: int, cycle: CycleRef) -> list[TrackerRow]:
    with store.read() as session:
        return tracker_rows(session, plan_id, cycle)


def initiative_word(store: Store, plan_id: int) -> str:
    """What the plan calls its initiatives (取組事項 / 事業 …), for the tracker's headers."""
    with store.read() as s:
        word = s.scalar(select(Plan.initiative_label).where(Plan.id == plan_id))
    if word is None:
        raise NotFoundError(f"計画（ID {plan_id}）はありません。")
    return word


def tracker_cycles(store: Store, plan_id: int) -> tuple[list[CycleRef], CycleRef]:
    """The cycles a tracker can show, newest first (every fiscal year of the plan and the
    half-year cycles that were opened), and the one to show first."""
    from planDesk.core.domain.model import Plan
    from planDesk.core.submissions.scope import resolve_cycle

    with store.read() as s:
        default = resolve_cycle(s, plan_id, None, None)
        plan = s.get(Plan, plan_id)
        assert plan is not None
        cycles = {(c.fy, c.half) for c in s.scalars(select(ReportingCycle).where(
            ReportingCycle.plan_id == plan_id))} | {(default.fy, default.half)}
        cycles |= {(fy, 0) for fy in range(plan.start_fy, plan.end_fy + 1)}
    return [CycleRef(fy, half) for fy, half in sorted(cycles, reverse=True)], default


def _department(session: Session, plan_id: int, department_id: int) -> Department:
    dept = session.get(Department, department_id)
    if dept is None or dept.plan_id != plan_id or dept.pseudo:
        raise UserError(f"部署（ID {department_id}）はこの計画の報告部署ではありません。")
    return dept


def record_received(store: Store, plan_id: int, department_id: int, cycle: CycleRef, file_name: str) -> Change:
    """Note that a department's file arrived (提出済) before it is merged."""
    with store.write("receive-submission", plan_id=plan_id) as ctx:
        dept = _department(ctx.session, plan_id, department_id)
        c = get_or_create_cycle(ctx.session, plan_id, cycle.fy, cycle.half)
        ctx.session.add(SubmissionEvent(plan_id=plan_id, department_id=dept.id, cycle_id=c.id, kind="received",
                                        at=now(), actor=ctx.actor, note=file_name))
        ctx.audit("submission", dept.id, f"{dept.name}（{cycle.label}）の提出ファイル「{file_name}」を受領")
        return Store.change_of(ctx, f"{dept.name} の提出を受領しました")


def return_submission(store: Store, plan_id: int, department_id: int, cycle: CycleRef, reason: str) -> Change:
    """差戻し: the division sends a department's submission back with a reason.

    Its submitted or confirmed reports of the cycle go back to 下書き (report_ops.return_report,
    each audited), and the tracker shows 差戻し until the department submits again.
    """
    if not reason.strip():
        raise UserError("差戻しの理由を入力してください。")
    with store.read() as s:
        dept = _department(s, plan_id, department_id)
        name = dept.name
        report_ids = list(s.scalars(
            select(ProgressReport.id).join(ReportingCycle, ProgressReport.cycle_id == ReportingCycle.id)
            .where(ProgressReport.department_id == department_id, ReportingCycle.plan_id == plan_id,
                   ReportingCycle.fy == cycle.fy, ReportingCycle.half == cycle.half,
                   ProgressReport.status.in_(("submitted", "confirmed")))))
    returned = [return_report(store, report_id, reason, as_division=True) for report_id in report_ids]
    with store.write("return-submission", plan_id=plan_id) as ctx:
        c = get_or_create_cycle(ctx.session, plan_id, cycle.fy, cycle.half)
        ctx.session.add(SubmissionEvent(plan_id=plan_id, department_id=department_id, cycle_id=c.id,
                                        kind="returned", at=now(), actor=ctx.actor, note=reason.strip()))
        ctx.audit("submission", department_id, f"{name}（{cycle.label}）の提出を差し戻しました：{reason.strip()}")
        last = Store.change_of(ctx, f"{name} の提出を差し戻しました（報告 {len(report_ids)} 件を下書きに戻しました）")
    # one change for the GUI: the returned reports' initiatives and the tracker's event
    return Change.combined(last.operation, last.summary, [*returned, last], plan_id=plan_id)

