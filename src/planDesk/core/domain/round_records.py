"""Tables of the submission round trip: merges (for undo), conflicts, tracker events, plan imports.

Kept apart from core/domain/model.py (which imports this module at its end so the tables are
part of ``Base.metadata``); created by migration 0002. Values of report fields are stored
as JSON scalars (text, number or null).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from planDesk.core.domain.base import Base, UtcDateTime


class MergeRecord(Base):
    """One submission workbook merged into the database (取込): what, from where, by whom."""

    __tablename__ = "merge_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch: Mapped[str] = mapped_column(String(36), unique=True)  # = the audit-log batch
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("reporting_cycle.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(260))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    export_id: Mapped[str] = mapped_column(String(36), index=True)
    exported_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    exported_by: Mapped[str] = mapped_column(String(100), default="")
    base_mode: Mapped[str] = mapped_column(String(20), default="current")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    values_digest: Mapped[str] = mapped_column(String(64), default="")
    edited: Mapped[bool] = mapped_column(Boolean, default=False)  # edited after export (Excel)
    stale: Mapped[bool] = mapped_column(Boolean, default=False)  # applied although stale
    filled_by: Mapped[str] = mapped_column(String(100), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    # When the department last saved the workbook (its own 提出日; docProps modified), 0003.
    saved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    merged_at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(100))
    applied_fields: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    unchanged_fields: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(Text, default="")
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    undone_by: Mapped[str] = mapped_column(String(100), default="")
    undo_batch: Mapped[str | None] = mapped_column(String(36), default=None)


class MergeChange(Base):
    """One report as a merge (or a conflict resolution) changed it: before and after."""

    __tablename__ = "merge_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    merge_id: Mapped[int] = mapped_column(ForeignKey("merge_record.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int] = mapped_column(Integer, index=True)  # no FK: undo may delete it
    initiative_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default="apply")  # "apply" | "resolve"
    created: Mapped[bool] = mapped_column(Boolean, default=False)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)  # field key → applied value
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)
    version_after: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class MergeConflict(Base):
    """A field changed both in the submission and in the database since the export."""

    __tablename__ = "merge_conflict"

    id: Mapped[int] = mapped_column(primary_key=True)
    merge_id: Mapped[int] = mapped_column(ForeignKey("merge_record.id", ondelete="CASCADE"), index=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiative.id", ondelete="CASCADE"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("reporting_cycle.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(60))
    field_label: Mapped[str] = mapped_column(Text, default="")
    sheet: Mapped[str] = mapped_column(String(40), default="")
    cell: Mapped[str] = mapped_column(String(20), default="")
    base: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)
    master: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)
    theirs: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)
    state: Mapped[str] = mapped_column(String(20), default="open")  # open/theirs/master/undone
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    resolved_by: Mapped[str] = mapped_column(String(100), default="")


class SubmissionEvent(Base):
    """What happened to a department's submission in a cycle (the tracker's source)."""

    __tablename__ = "submission_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("reporting_cycle.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # merged / undone / returned / received
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    merge_id: Mapped[int | None] = mapped_column(Integer, default=None)


class PlanImport(Base):
    """A plan workbook imported into this database (``plandesk import-plan``)."""

    __tablename__ = "plan_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(260))
    file_sha256: Mapped[str] = mapped_column(String(64))
    # "handout": a planDesk export of another database (this one is a department's copy);
    # "template": a plan typed into the template (this database holds the master).
    source: Mapped[str] = mapped_column(String(20))
    source_revision: Mapped[str] = mapped_column(String(100), default="")
    exported_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(100))
    summary: Mapped[str] = mapped_column(Text, default="")
