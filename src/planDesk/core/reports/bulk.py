"""Saving many reports of one department and cycle at once (the merge's apply step).

The same operation as ``report_ops.apply_input`` — check, optimistic version, new version
only when something changed, an audit entry with before and after in
``report_ops.snapshot``'s format — done with a few SQL statements for hundreds of reports
instead of a dozen per report (merging 100 workbooks of a 10,000-initiative plan is
measured in bench/merge_100.py). With ``submit`` a report still 下書き becomes 提出済 in the
same version (a merged submission is the department's submission). Runs inside the
caller's ``Store.write`` transaction; no ORM objects of these reports may be held by the
session (the merge reads them with plain queries too).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from planDesk.core.domain.keys import FieldKey
from planDesk.core.domain.model import (
    AuditEntry,
    DirectionChoice,
    EvaluationGrade,
    Kpi,
    KpiActual,
    ProgressReport,
    RoadmapStep,
    StepProgress,
)
from planDesk.core.errors import ConflictError, UserError
from planDesk.core.persistence.store import WriteContext, now
from planDesk.core.reports.ops import MAX_TEXT, STEP_STATES

TEXT = ("activities", "issues", "next_steps")
COLUMN = {"activities": "activities", "evaluation": "evaluation_code", "issues": "issues",
          "direction": "direction", "next_steps": "next_steps"}
_R = cast(Table, ProgressReport.__table__)
_K = cast(Table, KpiActual.__table__)
_S = cast(Table, StepProgress.__table__)
_A = cast(Table, AuditEntry.__table__)


@dataclass(frozen=True)
class BulkChange:
    """Fields to set on one initiative's report (diff keys: activities … kpi:<id>, step:<id>)."""

    initiative_id: int
    fields: dict[str, Any]
    expected_version: int | None  # None or 0: the report may not exist yet


@dataclass(frozen=True)
class BulkResult:
    report_id: int
    initiative_id: int
    created: bool
    before: dict[str, Any] | None
    after: dict[str, Any]
    version: int


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def existing_reports(s: Session, department_id: int, cycle_id: int, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Reports of a department and cycle by initiative id, with their KPI actuals and step states."""
    reports: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        for row in s.execute(select(_R).where(_R.c.department_id == department_id, _R.c.cycle_id == cycle_id,
                                              _R.c.initiative_id.in_(chunk))).mappings():
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


def _validate(ctx: WriteContext, plan_id: int, changes: Sequence[BulkChange]) -> None:
    s = ctx.session
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
                raise UserError(f"{key}：{len(value):,} 文字あります。{MAX_TEXT:,} 文字以内にしてください。")
            if kind == "evaluation" and value and value not in grades:
                raise UserError(f"進捗評価「{value}」はこの計画の評価にありません（{'、'.join(sorted(grades))}）。")
            if kind == "direction" and value and value not in choices:
                raise UserError(f"今後の方向性「{value}」は選択肢にありません（{'、'.join(sorted(choices))}）。")
            if kind in ("kpi", "step") and owner[kind].get(int(ident)) != c.initiative_id:
                raise UserError(f"{'指標' if kind == 'kpi' else '工程'}（ID {ident}）はこの取組のものではありません。")
            if kind == "step" and value not in STEP_STATES:
                raise UserError(f"工程の状況「{value}」は使えません（{'、'.join(STEP_STATES.values())}）。")


def apply_bulk(ctx: WriteContext, *, plan_id: int, department_id: int, cycle_id: int,
               changes: Sequence[BulkChange], source: str, labels: dict[int, str],
               submit: bool = True) -> list[BulkResult]:
    """Apply ``changes`` to one department's reports of one cycle (creating missing ones).

    The caller has checked that the department reports on every initiative
    (``report_ops.may_report``); values are checked here as ``apply_input`` checks them.
    ``labels`` (initiative id → 「title」／department／cycle) names each report in the audit log.
    Raises ConflictError when a report's version is not the expected one.
    """
    s = ctx.session
    ctx.plan_id = plan_id
    _validate(ctx, plan_id, changes)
    existing = existing_reports(s, department_id, cycle_id, [c.initiative_id for c in changes])
    stamp, actor = now(), ctx.actor
    new_rows, updates, kpi_new, kpi_upd, step_new, step_upd = [], [], [], [], [], []
    planned: list[tuple[BulkChange, dict[str, Any] | None, dict[str, Any]]] = []
    for c in changes:
        old = existing.get(c.initiative_id)
        if old is None and c.expected_version not in (None, 0):
            raise ConflictError("この報告は他の画面で削除されたか、まだ作成されていません。")
        if old is not None and c.expected_version is not None and old["version"] != c.expected_version:
            raise ConflictError(f"{labels.get(c.initiative_id, '')}の報告は、先に保存されています。"
                                "上書きせずに止めました。")
        before = snapshot_of(old) if old else None
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
        if before is not None and {k: v for k, v in before.items() if k != "version"} == {
                k: v for k, v in after.items() if k != "version"}:
            continue  # nothing changed: no new version, no audit entry (as apply_input)
        if submit and after["status"] == "draft":
            after["status"], after["submitted_at"] = "submitted", _iso(stamp)
        after["version"] = (before["version"] if before else 0) + 1
        planned.append((c, before, after))
    for c, before, after in planned:
        values = {COLUMN[k]: after[k] for k in COLUMN} | {
            "status": after["status"], "version": after["version"], "updated_by": actor, "updated_at": stamp,
            "submitted_at": stamp if after["submitted_at"] == _iso(stamp) else existing.get(
                c.initiative_id, {}).get("submitted_at")}
        if before is None:
            new_rows.append(values | {"initiative_id": c.initiative_id, "department_id": department_id,
                                      "cycle_id": cycle_id, "return_comment": ""})
        else:
            updates.append(values | {"_id": existing[c.initiative_id]["id"]})
    ids = {c.initiative_id: existing[c.initiative_id]["id"] for c, before, _after in planned if before is not None}
    if new_rows:
        returned = s.execute(insert(_R).returning(_R.c.id, _R.c.initiative_id, sort_by_parameter_order=True),
                             new_rows).all()
        ids.update({ini: rid for rid, ini in returned})
    if updates:
        s.execute(update(_R).where(_R.c.id == bindparam("_id")).values(
            {k: bindparam(k) for k in updates[0] if k != "_id"}), updates)
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
    audit = []
    results = []
    for c, before, after in planned:
        rid = ids[c.initiative_id]
        ctx.entities.add(("report", rid))
        audit.append({"at": stamp, "actor": actor, "plan_id": plan_id, "operation": ctx.operation, "entity": "report",
                      "entity_id": rid, "summary": f"{labels.get(c.initiative_id, '')} の報告を保存（{source}）",
                      "before": _plain(before), "after": _plain(after), "batch": ctx.batch})
        results.append(BulkResult(rid, c.initiative_id, before is None, before, after, after["version"]))
    if audit:
        s.execute(insert(_A), audit)
    return results


def _plain(snap: dict[str, Any] | None) -> dict[str, Any] | None:
    """The audit log keeps report_ops.snapshot's keys (submitted_at is the merge's own)."""
    if snap is None:
        return None
    return {k: v for k, v in snap.items() if k != "submitted_at"}
