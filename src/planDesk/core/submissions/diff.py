"""The three-way diff of a submission against the database, field by field.

For every input cell: ``base`` (what the cell held at export), ``theirs`` (what it holds
now) and ``master`` (what the database holds now):

* theirs = base → unchanged (the department did not touch it; the database keeps its value);
* theirs = master → same (already there);
* master = base → apply (changed only in the submission);
* otherwise → conflict (changed on both sides: the division chooses; never last-writer-wins).

One refinement: when the database still holds the value that an earlier, not undone merge
of this department applied to the field, the department is the last one who wrote it, so
its newer change applies instead of conflicting with itself (a corrected file sent again).
The diff also finds an identical file merged before (duplicate) and a file older than one
already merged for the department and cycle (stale).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from planDesk.core.domain.keys import FieldKey
from planDesk.core.domain.model import Kpi, ProgressReport, ReportingCycle
from planDesk.core.domain.round_records import MergeChange, MergeRecord
from planDesk.core.reports.bulk import existing_reports
from planDesk.core.submissions.format import same_value
from planDesk.core.submissions.plausible import review_note
from planDesk.core.submissions.resolve import FieldInput, ResolvedSubmission

KINDS = {"apply": "変更", "new": "新規", "conflict": "競合", "unchanged": "変更なし", "same": "同じ値"}


@dataclass(frozen=True, slots=True)
class FieldChange:
    initiative_id: int
    code: str
    title: str
    field: str
    label: str
    sheet: str
    cell: str
    base: Any
    master: Any
    theirs: Any
    kind: str  # apply / new / conflict / unchanged / same
    review: str = ""  # 要確認: why the figure looks implausible (submission_plausible)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


@dataclass
class MasterReport:
    report_id: int
    version: int
    values: dict[str, Any]
    status: str = "draft"


@dataclass
class FileDiff:
    resolved: ResolvedSubmission
    changes: list[FieldChange] = field(default_factory=list)
    masters: dict[int, MasterReport] = field(default_factory=dict)  # initiative id → report
    duplicate_of: MergeRecord | None = None
    newer_merge: MergeRecord | None = None  # set when this file is stale
    # initiatives whose report is taken in as 下書き (required fields empty, the division's choice)
    draft_initiatives: frozenset[int] = frozenset()

    @property
    def stale(self) -> bool:
        return self.newer_merge is not None

    def of_kind(self, *kinds: str) -> list[FieldChange]:
        return [c for c in self.changes if c.kind in kinds]

    @property
    def to_apply(self) -> list[FieldChange]:
        return self.of_kind("apply", "new")

    @property
    def conflicts(self) -> list[FieldChange]:
        return self.of_kind("conflict")

    @property
    def flagged(self) -> list[FieldChange]:
        """Figures to check (要確認) among the changes that would be applied or are conflicts."""
        return [c for c in self.changes if c.review and c.kind in ("apply", "new", "conflict")]


def report_values(report: ProgressReport) -> dict[str, Any]:
    """A report's fields under the diff's keys (kpi:<id>, step:<id> for actuals and states)."""
    values: dict[str, Any] = {
        "activities": report.activities, "evaluation": report.evaluation_code,
        "issues": report.issues, "direction": report.direction, "next_steps": report.next_steps,
    }
    for a in report.kpi_actuals:
        values[FieldKey.kpi(a.kpi_id)] = a.value
    for s in report.step_states:
        values[FieldKey.step(s.step_id)] = s.state
    return values


def cycle_id_of(session: Session, res: ResolvedSubmission) -> int | None:
    return session.scalar(select(ReportingCycle.id).where(
        ReportingCycle.plan_id == res.plan_id, ReportingCycle.fy == res.fy, ReportingCycle.half == res.half))


def load_masters(session: Session, res: ResolvedSubmission) -> dict[int, MasterReport]:
    """The database's reports of the file's department and cycle (plain queries, no ORM
    objects: the apply step writes them with plain statements)."""
    cycle_id = cycle_id_of(session, res)
    if cycle_id is None:
        return {}
    masters = {}
    for ini_id, r in existing_reports(session, res.department_id, cycle_id, list(res.initiatives)).items():
        values: dict[str, Any] = {"activities": r["activities"], "evaluation": r["evaluation_code"],
                                  "issues": r["issues"], "direction": r["direction"], "next_steps": r["next_steps"]}
        values |= {FieldKey.kpi(k): v for k, (_i, v) in r["kpi"].items()}
        values |= {FieldKey.step(k): v for k, (_i, v) in r["step"].items()}
        masters[ini_id] = MasterReport(r["id"], r["version"], values, r["status"])
    return masters


def _last_applied(session: Session, report_ids: Iterable[int]) -> dict[tuple[int, str], Any]:
    ids = list(report_ids)
    out: dict[tuple[int, str], Any] = {}
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(MergeChange.report_id, MergeChange.fields)
            .join(MergeRecord, MergeChange.merge_id == MergeRecord.id)
            .where(MergeRecord.undone_at.is_(None), MergeChange.report_id.in_(ids[i:i + 500]))
            .order_by(MergeChange.id)
        ).all()
        for report_id, fields in rows:
            for key, value in (fields or {}).items():
                out[(report_id, key)] = value
    return out


def classify(fi: FieldInput, master: Any, exists: bool, lineage: Any, has_lineage: bool) -> str:
    if same_value(fi.theirs, fi.base):
        return "unchanged"
    if fi.field.startswith("step:") and fi.theirs is None:
        return "unchanged"  # a step state cannot be emptied, only set
    if same_value(fi.theirs, master):
        return "same"
    if same_value(master, fi.base) or (has_lineage and same_value(master, lineage)):
        return "apply" if exists else "new"
    return "conflict"


def compute_diff(session: Session, res: ResolvedSubmission) -> FileDiff:
    """Classify every field of ``res`` against the database (reads only)."""
    diff = FileDiff(resolved=res, masters=load_masters(session, res))
    diff.duplicate_of, diff.newer_merge = _history(session, res)
    # An older file does not supersede what the department sent later: no lineage for it.
    lineage = {} if diff.stale else _last_applied(session, [m.report_id for m in diff.masters.values()])
    figures = _kpi_figures(session, [int(fi.field[4:]) for fi in res.fields if fi.field.startswith("kpi:")])
    for fi in res.fields:
        code, title = res.initiatives[fi.initiative_id]
        m = diff.masters.get(fi.initiative_id)
        master = m.values.get(fi.field) if m else None
        key = (m.report_id, fi.field) if m else None
        kind = classify(fi, master, m is not None, lineage.get(key) if key else None,
                        key is not None and key in lineage)
        review = ""
        if kind in ("apply", "new", "conflict") and fi.field.startswith("kpi:") and fi.theirs is not None:
            baseline, target = figures.get(int(fi.field[4:]), (None, None))
            review = review_note(float(fi.theirs), baseline, target)
        diff.changes.append(FieldChange(fi.initiative_id, code, title, fi.field, fi.label, fi.sheet,
                                        fi.cell, fi.base, master, fi.theirs, kind, review))
    return diff


def _kpi_figures(session: Session, kpi_ids: list[int]) -> dict[int, tuple[float | None, float | None]]:
    out: dict[int, tuple[float | None, float | None]] = {}
    for i in range(0, len(kpi_ids), 500):
        for kpi_id, baseline, target in session.execute(
                select(Kpi.id, Kpi.baseline, Kpi.target).where(Kpi.id.in_(kpi_ids[i:i + 500]))):
            out[kpi_id] = (baseline, target)
    return out


def _history(session: Session, res: ResolvedSubmission) -> tuple[MergeRecord | None, MergeRecord | None]:
    read = res.read
    active = (MergeRecord.plan_id == res.plan_id, MergeRecord.undone_at.is_(None))
    duplicate = session.scalars(
        select(MergeRecord).where(*active, or_(
            MergeRecord.file_sha256 == read.sha256,
            (MergeRecord.export_id == read.meta["export_id"]) & (MergeRecord.values_digest == res.values_digest),
        )).order_by(MergeRecord.id)
    ).first()
    exported = read.exported_at
    newer = None
    if exported is not None:
        cycle_ids = select(ReportingCycle.id).where(ReportingCycle.plan_id == res.plan_id,
                                                    ReportingCycle.fy == res.fy, ReportingCycle.half == res.half)
        newest = session.scalar(
            select(func.max(MergeRecord.exported_at)).where(
                *active, MergeRecord.department_id == res.department_id,
                MergeRecord.cycle_id.in_(cycle_ids), MergeRecord.export_id != read.meta["export_id"]))
        if newest is not None and _aware(newest) > _aware(exported):
            newer = session.scalars(select(MergeRecord).where(
                *active, MergeRecord.department_id == res.department_id,
                MergeRecord.cycle_id.in_(cycle_ids), MergeRecord.exported_at == newest)).first()
    return duplicate, newer


def _aware(value: datetime) -> datetime:
    # SQLite returns naive datetimes for timezone-aware columns; they were stored in UTC.
    from datetime import UTC

    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
