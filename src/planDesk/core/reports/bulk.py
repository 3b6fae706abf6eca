"""The one way a progress report's values change: a batch of reports of one department and cycle.

A save on screen is a batch of one (``report_ops.save_report``); a merge applies hundreds
(``merge.apply_diff``); a conflict resolution applies one field (``submission_undo``). All
get the same checks (the department reports on the initiative, the plan's scales, text
lengths, KPIs and steps of that initiative), the same optimistic versions, the same
"nothing changed → no new version, no audit entry" rule and the same audit entries with
before and after in ``report_ops.snapshot``'s format — done with a few SQL statements per
batch instead of a dozen per report.

Concurrency, the same on SQLite and PostgreSQL: the reports are read ``FOR UPDATE`` (on
SQLite the writer already holds the database's write lock, BEGIN IMMEDIATE), each UPDATE
names the version it read (``WHERE version = :v``: the database itself refuses a lost
update), and a report created meanwhile by someone else is caught by its unique key
(``INSERT … ON CONFLICT DO NOTHING``). Each ends in ConflictError carrying the values that
were not saved, so the caller can give them back to the user.

Runs inside the caller's ``Store.write`` transaction; no ORM objects of these reports may
be held by the session.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Table, and_, bindparam, insert, select, update
from sqlalchemy.orm import Session

from planDesk.core.domain.keys import FieldKey
from planDesk.core.domain.model import (
    AuditEntry,
    Department,
    DirectionChoice,
    EvaluationGrade,
    Initiative,
    InitiativeDepartment,
    Kpi,
    KpiActual,
    Plan,
    PlanGroup,
    ProgressReport,
    ReportingCycle,
    RoadmapStep,
    StepProgress,
)
from planDesk.core.errors import ConflictError, NotFoundError, UserError
from planDesk.core.persistence.database import insert_skipping_duplicates
from planDesk.core.persistence.store import WriteContext, now
from planDesk.core.reports.assignment import may_report_rows
from planDesk.core.reports.rules import MAX_TEXT, REPORT_STATUS_LABELS, STEP_STATES, cycle_label

TEXT = ("activities", "issues", "next_steps")
TEXT_NAMES = {"activities": "実施状況", "issues": "課題", "next_steps": "今後の取組"}
COLUMN = {"activities": "activities", "evaluation": "evaluation_code", "issues": "issues",
          "direction": "direction", "next_steps": "next_steps"}
_R = cast(Table, ProgressReport.__table__)
_K = cast(Table, KpiActual.__table__)
_S = cast(Table, StepProgress.__table__)
_A = cast(Table, AuditEntry.__table__)


@dataclass(frozen=True)
class ReportChange:
    """Fields to set on one initiative's report (keys: activities … kpi:<id>, step:<id>)."""

    initiative_id: int
    fields: dict[str, Any]
    expected_version: int | None  # None or 0: the report may not exist yet; None: any version


@dataclass(frozen=True)
class AppliedReport:
    """One report of the batch after the change (``changed`` False: it already held the values)."""

    report_id: int
    initiative_id: int
    created: bool
    before: dict[str, Any] | None
    after: dict[str, Any]
    version: int
    changed: bool = True


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def existing_reports(s: Session, department_id: int, cycle_id: int, ids: list[int], *,
                     lock: bool = False) -> dict[int, dict[str, Any]]:
    """Reports of a department and cycle by initiative id, with their KPI actuals and step
    states; ``lock``: read FOR UPDATE (in id order, so two writers never deadlock)."""
    reports: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        stmt = select(_R).where(_R.c.department_id == department_id, _R.c.cycle_id == cycle_id,
                                _R.c.initiative_id.in_(chunk)).order_by(_R.c.id)
        if lock:
            stmt = stmt.with_for_update()
        for row in s.execute(stmt).mappings():
            reports[row["initiative_id"]] = dict(row) | {"kpi": {}, "step": {}}
    by_id = {r["id"]: r for r in reports.values()}
    for chunk in _chunks(list(by_id)):
        for rid, kpi_id, value, aid in s.execute(select(_K.c.report_id, _K.c.kpi_id, _K.c.value, _K.c.id)
                                                 .where(_K.c.report_id.in_(chunk))):
            by_id[rid]["kpi"][kpi_id] = (aid, value)
        for rid, step_id, state, sid in s.execute(select(_S.c.report_id, _S.c.step_id, _S.c.state, _S.c.id)
                                                  .where(_S.c.report_id.in_(chunk))):
            by_id[rid]["step"][step_id] = (sid, state)
    return reports


def snapshot_of(r: dict[str, Any]) -> dict[str, Any]:
    """``report_ops.snapshot`` (and ``submitted_at``) of a report read by ``existing_reports``."""
    return {
        "activities": r["activities"], "evaluation": r["evaluation_code"], "issues": r["issues"],
        "direction": r["direction"], "next_steps": r["next_steps"], "status": r["status"],
        "kpi_actuals": {str(k): v for k, (_i, v) in r["kpi"].items()},
        "step_states": {str(k): v for k, (_i, v) in r["step"].items()},
        "version": r["version"], "submitted_at": _iso(r["submitted_at"]),
    }


def _initiatives(s: Session, plan_id: int, department: Department, ids: list[int]) -> dict[int, str]:
    """The batch's initiatives' titles, each checked: in the plan, reported on by the
    department (on plain rows: loading ~1,000 initiatives per merged file as ORM objects
    with their links took 40 % of writing it)."""
    titles: dict[int, str] = {}
    retired: set[int] = set()
    links: dict[int, list[tuple[int, str | None]]] = {}
    for chunk in _chunks(ids):
        for ini_id, title, is_retired in s.execute(
                select(Initiative.id, Initiative.title, Initiative.retired)
                .join(PlanGroup, Initiative.group_id == PlanGroup.id)
                .where(Initiative.id.in_(chunk), PlanGroup.plan_id == plan_id)):
            titles[ini_id] = title
            if is_retired:
                retired.add(ini_id)
        for ini_id, dept_id, pseudo in s.execute(
                select(InitiativeDepartment.initiative_id, InitiativeDepartment.department_id, Department.pseudo)
                .join(Department, InitiativeDepartment.department_id == Department.id)
                .where(InitiativeDepartment.initiative_id.in_(chunk))):
            links.setdefault(ini_id, []).append((dept_id, pseudo))
    word = ""
    for ini_id in ids:
        known = titles.get(ini_id)
        reports = known is not None and may_report_rows(ini_id in retired, links.get(ini_id, ()), department)
        if not reports:
            word = word or s.scalar(select(Plan.initiative_label).where(Plan.id == plan_id)) or ""
        if known is None:
            raise NotFoundError(f"{word}（ID {ini_id}）はこの計画にありません。")
        if not reports:
            raise UserError(f"「{department.name}」は{word}「{known}」の担当部署ではありません。")
    return titles


def _validate(s: Session, plan_id: int, changes: Sequence[ReportChange], titles: dict[int, str]) -> None:
    grades = set(s.scalars(select(EvaluationGrade.code).where(EvaluationGrade.plan_id == plan_id)))
    choices = set(s.scalars(select(DirectionChoice.label).where(DirectionChoice.plan_id == plan_id)))
    ids = [c.initiative_id for c in changes]
    owner: dict[str, dict[int, int]] = {"kpi": {}, "step": {}}
    for chunk in _chunks(ids):
        owner["kpi"].update(s.execute(select(Kpi.id, Kpi.initiative_id).where(Kpi.initiative_id.in_(chunk))).all())
        owner["step"].update(s.execute(select(RoadmapStep.id, RoadmapStep.initiative_id)
                                       .where(RoadmapStep.initiative_id.in_(chunk))).all())
    for c in changes:
        for key, value in c.fields.items():
            kind, ident = FieldKey(key).kind, FieldKey(key).ident
            if kind in TEXT and len(value or "") > MAX_TEXT:
                raise UserError(f"{TEXT_NAMES[kind]}：{len(value):,} 文字あります。"
                                f"{MAX_TEXT:,} 文字以内にしてください。")
            if kind == "evaluation" and value and value not in grades:
                raise UserError(f"進捗評価「{value}」はこの計画の評価にありません（{'、'.join(sorted(grades))}）。")
            if kind == "direction" and value and value not in choices:
                raise UserError(f"今後の方向性「{value}」は選択肢にありません（{'、'.join(sorted(choices))}）。")
            if kind in ("kpi", "step") and owner[kind].get(int(ident)) != c.initiative_id:
                raise UserError(f"{'指標' if kind == 'kpi' else '工程'}（ID {ident}）は"
                                f"「{titles.get(c.initiative_id, '')}」のものではありません。")
            if kind == "step" and value not in STEP_STATES:
                raise UserError(f"工程の状況「{value}」は使えません（{'、'.join(STEP_STATES.values())}）。")


def _check_locked_all(s: Session, department_id: int, cycle_id: int, ids: list[int],
                      locked: dict[int, dict[str, Any]]) -> None:
    """On a server, a report the login may read but not update is left out of the FOR UPDATE
    read by row-level security: that is the server's refusal, not a missing report."""
    if s.get_bind().dialect.name != "postgresql":
        return
    visible: set[int] = set()
    for chunk in _chunks(ids):
        visible.update(s.scalars(select(_R.c.initiative_id).where(
            _R.c.department_id == department_id, _R.c.cycle_id == cycle_id, _R.c.initiative_id.in_(chunk))))
    if visible - set(locked):
        from planDesk.core.persistence.server import permission_denied

        raise permission_denied(s.get_bind().engine.url)


def _conflict(label: str, by: str | None, change: ReportChange, current: dict[str, Any] | None) -> ConflictError:
    return ConflictError(
        f"{label}の報告は、{by or '他の利用者'} が先に保存しています。上書きせずに止めました。",
        hint="最新の内容を読み込んでから、入力した内容を反映してください（入力内容は失われていません）。",
        unsaved=dict(change.fields), current=current)


def apply_changes(ctx: WriteContext, *, plan_id: int, department_id: int, cycle_id: int,
                  changes: Sequence[ReportChange], source: str, submit: bool = False,
                  as_division: bool = True) -> list[AppliedReport]:
    """Apply ``changes`` to one department's reports of one cycle (creating missing ones);
    one result per change, in order.

    ``submit``: a report still 下書き becomes 提出済 in the same new version (a merged
    submission is the department's submission). Without ``as_division`` a report that is
    提出済 or 確認済 is refused (the department asks for a 差戻し). Raises UserError
    (nothing written) for a bad value and ConflictError when a report's version is not the
    expected one or it was created meanwhile.
    """
    s = ctx.session
    ctx.plan_id = plan_id
    dept = s.get(Department, department_id)
    if dept is None or dept.plan_id != plan_id:
        raise NotFoundError(f"部署（ID {department_id}）はこの計画にありません。")
    cycle = s.get(ReportingCycle, cycle_id)
    if cycle is None or cycle.plan_id != plan_id:
        raise NotFoundError(f"報告の回（ID {cycle_id}）はこの計画にありません。")
    ids = [c.initiative_id for c in changes]
    titles = _initiatives(s, plan_id, dept, ids)
    labels = {i: f"{title}／{dept.name}／{cycle_label(cycle.fy, cycle.half)}" for i, title in titles.items()}
    _validate(s, plan_id, changes, titles)
    existing = existing_reports(s, department_id, cycle_id, ids, lock=True)
    _check_locked_all(s, department_id, cycle_id, ids, existing)
    stamp, actor = now(), ctx.actor
    planned: list[tuple[ReportChange, dict[str, Any] | None, dict[str, Any]]] = []
    results: dict[int, AppliedReport] = {}
    for c in changes:
        old = existing.get(c.initiative_id)
        if old is None and c.expected_version not in (None, 0):
            raise ConflictError("この報告は他の画面で削除されたか、まだ作成されていません。",
                                unsaved=dict(c.fields), current=None)
        before = snapshot_of(old) if old else None
        if old is not None and c.expected_version is not None and old["version"] != c.expected_version:
            raise _conflict(f"「{titles[c.initiative_id]}」（{dept.name}）", old["updated_by"], c, before)
        if old is not None and old["status"] != "draft" and not as_division:
            label = REPORT_STATUS_LABELS.get(old["status"], old["status"])
            raise UserError(f"この報告は{label}のため、部署では編集できません。差戻しを依頼してください。")
        after = dict(before) if before else {"activities": "", "evaluation": None, "issues": "", "direction": None,
                                             "next_steps": "", "status": "draft", "kpi_actuals": {},
                                             "step_states": {}, "version": 0, "submitted_at": None}
        after["kpi_actuals"], after["step_states"] = dict(after["kpi_actuals"]), dict(after["step_states"])
        for key, value in c.fields.items():
            kind, ident = FieldKey(key).kind, FieldKey(key).ident
            if kind == "kpi":
                after["kpi_actuals"][ident] = value
            elif kind == "step":
                after["step_states"][ident] = value
            else:
                after[kind] = (value or "") if kind in TEXT else (value or None)
        if before is not None and old is not None and {k: v for k, v in before.items() if k != "version"} == {
                k: v for k, v in after.items() if k != "version"}:
            # nothing changed: no new version, no audit entry
            results[c.initiative_id] = AppliedReport(old["id"], c.initiative_id, False, before, before,
                                                     old["version"], changed=False)
            continue
        if submit and after["status"] == "draft":
            after["status"], after["submitted_at"] = "submitted", _iso(stamp)
        after["version"] = (before["version"] if before else 0) + 1
        planned.append((c, before, after))
    ids_of = _write_reports(ctx, planned, existing, department_id, cycle_id, labels, stamp)
    audit = []
    for c, before, after in planned:
        rid = ids_of[c.initiative_id]
        ctx.entities.add(("report", rid))
        ctx.initiatives.add(c.initiative_id)
        audit.append({"at": stamp, "actor": actor, "plan_id": plan_id, "operation": ctx.operation, "entity": "report",
                      "entity_id": rid, "summary": f"{labels[c.initiative_id]} の報告を保存（{source}）",
                      "before": _plain(before), "after": _plain(after), "batch": ctx.batch})
        results[c.initiative_id] = AppliedReport(rid, c.initiative_id, before is None, before, after,
                                                 after["version"])
    if audit:
        s.execute(insert(_A), audit)
    return [results[c.initiative_id] for c in changes]


def _write_reports(ctx: WriteContext, planned: list[tuple[ReportChange, dict[str, Any] | None, dict[str, Any]]],
                   existing: dict[int, dict[str, Any]], department_id: int, cycle_id: int,
                   labels: dict[int, str], stamp: datetime) -> dict[int, int]:
    """Insert and update the planned reports and their KPI actuals and step states;
    return report ids by initiative id."""
    s = ctx.session
    new_rows, updates = [], []
    for c, before, after in planned:
        values = {COLUMN[k]: after[k] for k in COLUMN} | {
            "status": after["status"], "version": after["version"], "updated_by": ctx.actor, "updated_at": stamp,
            "submitted_at": stamp if after["submitted_at"] == _iso(stamp) else existing.get(
                c.initiative_id, {}).get("submitted_at")}
        if before is None:
            new_rows.append(values | {"initiative_id": c.initiative_id, "department_id": department_id,
                                      "cycle_id": cycle_id, "return_comment": ""})
        else:
            updates.append(values | {"_id": existing[c.initiative_id]["id"], "_version": before["version"]})
    ids = {c.initiative_id: existing[c.initiative_id]["id"] for c, before, _after in planned if before is not None}
    if new_rows:
        # ON CONFLICT DO NOTHING: a report someone else created meanwhile is not returned
        returned = s.execute(insert_skipping_duplicates(s, _R).returning(_R.c.id, _R.c.initiative_id),
                             new_rows).all()
        ids.update({ini: rid for rid, ini in returned})
        for c, before, _after in planned:
            if before is None and c.initiative_id not in ids:
                raise _conflict(labels[c.initiative_id], None, c, None)
    if updates:
        # WHERE version = the version read: the database refuses an update that would be lost
        stmt = (update(_R).where(and_(_R.c.id == bindparam("_id"), _R.c.version == bindparam("_version")))
                .values({k: bindparam(k) for k in updates[0] if not k.startswith("_")}))
        done = cast(CursorResult[Any], s.execute(stmt, updates))
        if done.rowcount != len(updates):
            c = next(c for c, before, _after in planned if before is not None)
            raise _conflict(labels[c.initiative_id], None, c, None)
    kpi_new, kpi_upd, step_new, step_upd = [], [], [], []
    for c, _before, _after in planned:
        rid = ids[c.initiative_id]
        old = existing.get(c.initiative_id, {"kpi": {}, "step": {}})
        for key, value in c.fields.items():
            kind, ident = FieldKey(key).kind, FieldKey(key).ident
            if kind == "kpi":
                hit = old["kpi"].get(int(ident))
                (kpi_upd.append({"_id": hit[0], "value": value}) if hit
                 else kpi_new.append({"report_id": rid, "kpi_id": int(ident), "value": value, "note": ""}))
            elif kind == "step":
                hit = old["step"].get(int(ident))
                (step_upd.append({"_id": hit[0], "state": value}) if hit
                 else step_new.append({"report_id": rid, "step_id": int(ident), "state": value, "note": ""}))
    for table, rows, column in ((_K, kpi_upd, "value"), (_S, step_upd, "state")):
        if rows:
            s.execute(update(table).where(table.c.id == bindparam("_id")).values({column: bindparam(column)}), rows)
    for table, rows in ((_K, kpi_new), (_S, step_new)):
        if rows:
            s.execute(insert(table), rows)
    return ids


def _plain(snap: dict[str, Any] | None) -> dict[str, Any] | None:
    """The audit log keeps report_ops.snapshot's keys (submitted_at is the merge's own)."""
    if snap is None:
        return None
    return {k: v for k, v in snap.items() if k != "submitted_at"}
