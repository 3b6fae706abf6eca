"""Undoing a merge, resolving its conflicts, and listing merges and open conflicts.

Undo restores every report a merge (and the conflict resolutions that belong to it)
changed to its state before the merge — or removes a report the merge created — in one
transaction, after a backup. It refuses, changing nothing, when a report was changed
again after the merge (by a later merge or on screen): undo the later change first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planDesk.core.domain.model import Department, Initiative, KpiActual, Plan, ProgressReport, StepProgress
from planDesk.core.domain.round_records import MergeChange, MergeConflict, MergeRecord, SubmissionEvent
from planDesk.core.errors import NotFoundError, UserError
from planDesk.core.persistence import database
from planDesk.core.persistence.store import Change, Store, WriteContext, now
from planDesk.core.reports.ops import cycle_label, snapshot


@dataclass(frozen=True)
class MergeView:
    id: int
    file_name: str
    department: str
    cycle: str
    merged_at: datetime
    actor: str
    applied: int
    conflicts: int
    edited: bool
    stale: bool
    undone_at: datetime | None
    summary: str


@dataclass(frozen=True)
class ConflictView:
    id: int
    merge_id: int
    file_name: str
    department: str
    initiative: str
    field: str
    field_label: str
    sheet: str
    cell: str
    base: Any
    master: Any
    theirs: Any
    state: str


def find_merge(session: Session, ref: str | int) -> MergeRecord:
    """A merge by number (``3``, ``#3``) or by the start of its batch id."""
    text = str(ref).strip().lstrip("#")
    record = None
    if text.isdigit():
        record = session.get(MergeRecord, int(text))
    elif len(text) >= 6:
        record = session.scalars(select(MergeRecord).where(MergeRecord.batch.startswith(text))).first()
    if record is None:
        raise NotFoundError(f"取込 #{text} は記録にありません。",
                            hint="plandesk merge --history で番号を確認してください。")
    return record


def merge_history(store: Store, plan_id: int | None = None) -> list[MergeView]:
    with store.read() as s:
        stmt = select(MergeRecord, Department.name).join(Department, MergeRecord.department_id == Department.id)
        if plan_id is not None:
            stmt = stmt.where(MergeRecord.plan_id == plan_id)
        rows = s.execute(stmt.order_by(MergeRecord.id)).all()
        from planDesk.core.domain.model import ReportingCycle

        cycles = {c.id: cycle_label(c.fy, c.half) for c in s.scalars(select(ReportingCycle))}
        return [MergeView(r.id, r.file_name, dept, cycles.get(r.cycle_id, ""), r.merged_at, r.actor,
                          r.applied_fields, r.conflicts, r.edited, r.stale, r.undone_at, r.summary)
                for r, dept in rows]


def open_conflicts(store: Store, plan_id: int | None = None) -> list[ConflictView]:
    with store.read() as s:
        stmt = (select(MergeConflict, MergeRecord.file_name, Department.name, Initiative.title)
                .join(MergeRecord, MergeConflict.merge_id == MergeRecord.id)
                .join(Department, MergeConflict.department_id == Department.id)
                .join(Initiative, MergeConflict.initiative_id == Initiative.id)
                .where(MergeConflict.state == "open"))
        if plan_id is not None:
            stmt = stmt.where(MergeRecord.plan_id == plan_id)
        return [ConflictView(c.id, c.merge_id, fname, dept, title, c.field, c.field_label, c.sheet, c.cell,
                             c.base, c.master, c.theirs, c.state)
                for c, fname, dept, title in s.execute(stmt.order_by(MergeConflict.id)).all()]


def _restore(session: Session, report: ProgressReport, snap: dict[str, Any]) -> None:
    report.activities = snap.get("activities") or ""
    report.evaluation_code = snap.get("evaluation")
    report.issues = snap.get("issues") or ""
    report.direction = snap.get("direction")
    report.next_steps = snap.get("next_steps") or ""
    report.status = snap.get("status") or "draft"
    submitted = snap.get("submitted_at")
    report.submitted_at = datetime.fromisoformat(submitted) if submitted else None
    actuals: dict[str, Any] = snap.get("kpi_actuals") or {}
    for a in list(report.kpi_actuals):
        if str(a.kpi_id) in actuals:
            a.value = actuals.pop(str(a.kpi_id))
        else:
            report.kpi_actuals.remove(a)
    for kpi_id, value in actuals.items():
        report.kpi_actuals.append(KpiActual(kpi_id=int(kpi_id), value=value))
    states: dict[str, Any] = snap.get("step_states") or {}
    for st in list(report.step_states):
        if str(st.step_id) in states:
            st.state = states.pop(str(st.step_id))
        else:
            report.step_states.remove(st)
    for step_id, state in states.items():
        report.step_states.append(StepProgress(step_id=int(step_id), state=state))


def _same_state(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The report holds what the merge left (versions differ after an undo of a later merge)."""
    return {k: v for k, v in a.items() if k != "version"} == {k: v for k, v in b.items() if k != "version"}


def undo_merge(store: Store, ref: str | int) -> Change:
    """Undo a whole merge (and the resolutions of its conflicts); refuse if anything later
    changed the same reports."""
    with store.read() as s:
        record = find_merge(s, ref)
        if record.undone_at is not None:
            raise UserError(f"取込 #{record.id}（{record.file_name}）は既に取り消されています。")
    db_file = database.sqlite_path(str(store.engine.url))
    if db_file is not None:
        database.backup_sqlite(db_file, "before-undo")
    with store.write("undo-merge", plan_id=record.plan_id) as ctx:
        return _undo(ctx, record.id)


def _undo(ctx: WriteContext, merge_id: int) -> Change:
    from planDesk.core.submissions.merge import full_snapshot

    s = ctx.session
    record = s.get(MergeRecord, merge_id, with_for_update=True)  # a second undo waits, then sees undone_at
    assert record is not None
    if record.undone_at is not None:
        raise UserError(f"取込 #{record.id} は既に取り消されています。")
    changes = list(s.scalars(select(MergeChange).where(MergeChange.merge_id == merge_id).order_by(MergeChange.id)))
    first: dict[int, MergeChange] = {}
    last: dict[int, MergeChange] = {}
    for ch in changes:
        first.setdefault(ch.report_id, ch)
        last[ch.report_id] = ch
    problems: list[str] = []
    reports: dict[int, ProgressReport] = {}
    word = s.scalar(select(Plan.initiative_label).where(Plan.id == record.plan_id)) or ""  # the plan's word
    for report_id, ch in last.items():
        rep = s.get(ProgressReport, report_id, options=[selectinload(ProgressReport.kpi_actuals),
                                                        selectinload(ProgressReport.step_states)])
        title = s.scalar(select(Initiative.title).where(Initiative.id == ch.initiative_id)) or "（削除済み）"
        if rep is None:
            problems.append(f"{word}「{title}」の報告は取込の後に削除されています。")
        elif not _same_state(full_snapshot(rep), ch.after):
            later = s.scalars(
                select(MergeRecord).join(MergeChange, MergeChange.merge_id == MergeRecord.id)
                .where(MergeChange.report_id == report_id, MergeRecord.id != merge_id,
                       MergeRecord.undone_at.is_(None), MergeChange.id > ch.id)).first()
            if later is not None:
                problems.append(f"{word}「{title}」の報告は、後の取込 #{later.id}（{later.file_name}）で"
                                f"変更されています。先に取込 #{later.id} を取り消してください。")
            else:
                problems.append(f"{word}「{title}」の報告は、取込の後に変更されています"
                                f"（版 {ch.version_after} → {rep.version}）。その変更を戻してから取り消してください。")
        else:
            reports[report_id] = rep
    if problems:
        raise UserError(f"取込 #{record.id}（{record.file_name}）は取り消せません。何も変更していません。\n"
                        + "\n".join(problems))
    for report_id, rep in reports.items():
        ctx.initiatives.add(rep.initiative_id)
        before_snap = first[report_id].before
        after_snap = snapshot(rep)
        if before_snap is None:
            s.delete(rep)
            s.flush()
            ctx.audit("report", report_id, f"取込 #{record.id} の取消：取込で作成した報告を削除",
                      before=after_snap, after=None)
            continue
        _restore(s, rep, before_snap)
        rep.version += 1
        rep.updated_by = ctx.actor
        rep.updated_at = now()
        s.flush()
        ctx.audit("report", rep.id, f"取込 #{record.id} の取消：取込前の内容に戻しました",
                  before=after_snap, after=snapshot(rep))
    for conflict in s.scalars(select(MergeConflict).where(MergeConflict.merge_id == merge_id,
                                                          MergeConflict.state == "open")):
        conflict.state = "undone"
    record.undone_at = now()
    record.undone_by = ctx.actor
    record.undo_batch = ctx.batch
    s.add(SubmissionEvent(plan_id=record.plan_id, department_id=record.department_id, cycle_id=record.cycle_id,
                          kind="undone", at=now(), actor=ctx.actor, note=f"取込 #{record.id} を取り消し",
                          merge_id=record.id))
    s.flush()
    ctx.audit("merge", record.id, f"取込 #{record.id}（{record.file_name}）を取り消しました（報告 {len(reports)} 件）",
              before={"file": record.file_name, "reports": sorted(reports)})
    return Store.change_of(ctx, f"取込 #{record.id}（{record.file_name}）を取り消しました（報告 {len(reports)} 件）")


def resolve_conflict(store: Store, conflict_id: int, take: str) -> Change:
    """Resolve an open conflict: ``take="file"`` applies the submission's value,
    ``take="master"`` keeps the database's."""
    if take not in ("file", "master"):
        raise UserError(f"競合の解決方法「{take}」は使えません（file または master）。")
    with store.write("resolve-conflict") as ctx:
        s = ctx.session
        c = s.get(MergeConflict, conflict_id, with_for_update=True)  # a second resolver waits, then sees it
        if c is None:
            raise NotFoundError(f"競合 {conflict_id} はありません。",
                                hint="plandesk merge --conflicts で一覧を確認してください。")
        if c.state != "open":
            raise UserError(f"競合 {conflict_id} は解決済みです（{c.state}）。")
        record = s.get(MergeRecord, c.merge_id)
        assert record is not None
        ctx.plan_id = record.plan_id
        ctx.initiatives.add(c.initiative_id)
        title = s.scalar(select(Initiative.title).where(Initiative.id == c.initiative_id))
        if take == "file":
            _apply_theirs(ctx, c, record)
        c.state = "theirs" if take == "file" else "master"
        c.resolved_at = now()
        c.resolved_by = ctx.actor
        side = "提出ブックの値" if take == "file" else "データベースの値"
        ctx.audit("merge", record.id, f"競合 {c.id}（{title}／{c.field_label}）を{side}で解決しました",
                  before={"master": c.master}, after={"value": c.theirs if take == "file" else c.master})
        return Store.change_of(ctx, f"競合を{side}で解決しました（{title}／{c.field_label}）")


def _apply_theirs(ctx: WriteContext, c: MergeConflict, record: MergeRecord) -> None:
    """The file's value through the one apply path (a batch of one, submitted as a merge is)."""
    from planDesk.core.reports.bulk import ReportChange, apply_changes

    s = ctx.session
    current = s.scalar(select(ProgressReport.version).where(
        ProgressReport.initiative_id == c.initiative_id, ProgressReport.department_id == c.department_id,
        ProgressReport.cycle_id == c.cycle_id))
    [done] = apply_changes(ctx, plan_id=record.plan_id, department_id=c.department_id, cycle_id=c.cycle_id,
                           changes=[ReportChange(c.initiative_id, {c.field: c.theirs}, current)],
                           source=f"競合の解決：{record.file_name}", submit=True)
    if done.changed:
        s.add(MergeChange(merge_id=record.id, report_id=done.report_id, initiative_id=c.initiative_id,
                          kind="resolve", created=done.created, fields={c.field: c.theirs}, before=done.before,
                          after=done.after, version_after=done.version, at=now()))
