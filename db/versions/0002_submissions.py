"""submission round trip: merge records (undo), conflicts, tracker events, plan imports

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 06:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # New tables only: nothing of 0001 changes (see core/model_merge.py).
    op.create_table("plan_import",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("plan_id", sa.Integer(), nullable=False),
    sa.Column("file_name", sa.String(length=260), nullable=False),
    sa.Column("file_sha256", sa.String(length=64), nullable=False),
    sa.Column("source", sa.String(length=20), nullable=False),
    sa.Column("source_revision", sa.String(length=100), nullable=False),
    sa.Column("exported_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(length=100), nullable=False),
    sa.Column("summary", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_import_plan_id_plan"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_import"))
    )
    with op.batch_alter_table("plan_import", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_import_plan_id"), ["plan_id"], unique=False)

    op.create_table("merge_record",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("batch", sa.String(length=36), nullable=False),
    sa.Column("plan_id", sa.Integer(), nullable=False),
    sa.Column("department_id", sa.Integer(), nullable=False),
    sa.Column("cycle_id", sa.Integer(), nullable=False),
    sa.Column("file_name", sa.String(length=260), nullable=False),
    sa.Column("file_sha256", sa.String(length=64), nullable=False),
    sa.Column("export_id", sa.String(length=36), nullable=False),
    sa.Column("exported_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("exported_by", sa.String(length=100), nullable=False),
    sa.Column("base_mode", sa.String(length=20), nullable=False),
    sa.Column("content_hash", sa.String(length=64), nullable=False),
    sa.Column("values_digest", sa.String(length=64), nullable=False),
    sa.Column("edited", sa.Boolean(), nullable=False),
    sa.Column("stale", sa.Boolean(), nullable=False),
    sa.Column("filled_by", sa.String(length=100), nullable=False),
    sa.Column("contact", sa.String(length=200), nullable=False),
    sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(length=100), nullable=False),
    sa.Column("applied_fields", sa.Integer(), nullable=False),
    sa.Column("conflicts", sa.Integer(), nullable=False),
    sa.Column("unchanged_fields", sa.Integer(), nullable=False),
    sa.Column("summary", sa.Text(), nullable=False),
    sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("undone_by", sa.String(length=100), nullable=False),
    sa.Column("undo_batch", sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(["cycle_id"], ["reporting_cycle.id"], name=op.f("fk_merge_record_cycle_id_reporting_cycle"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["department_id"], ["department.id"], name=op.f("fk_merge_record_department_id_department"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_merge_record_plan_id_plan"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_record")),
    sa.UniqueConstraint("batch", name=op.f("uq_merge_record_batch"))
    )
    with op.batch_alter_table("merge_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merge_record_export_id"), ["export_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_merge_record_file_sha256"), ["file_sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_merge_record_plan_id"), ["plan_id"], unique=False)

    op.create_table("submission_event",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("plan_id", sa.Integer(), nullable=False),
    sa.Column("department_id", sa.Integer(), nullable=False),
    sa.Column("cycle_id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=20), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(length=100), nullable=False),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("merge_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["cycle_id"], ["reporting_cycle.id"], name=op.f("fk_submission_event_cycle_id_reporting_cycle"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["department_id"], ["department.id"], name=op.f("fk_submission_event_department_id_department"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_submission_event_plan_id_plan"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_event"))
    )
    with op.batch_alter_table("submission_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submission_event_plan_id"), ["plan_id"], unique=False)

    op.create_table("merge_change",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("merge_id", sa.Integer(), nullable=False),
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("initiative_id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=20), nullable=False),
    sa.Column("created", sa.Boolean(), nullable=False),
    sa.Column("fields", sa.JSON(), nullable=False),
    sa.Column("before", sa.JSON(), nullable=True),
    sa.Column("after", sa.JSON(), nullable=False),
    sa.Column("version_after", sa.Integer(), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["merge_id"], ["merge_record.id"], name=op.f("fk_merge_change_merge_id_merge_record"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_change"))
    )
    with op.batch_alter_table("merge_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merge_change_merge_id"), ["merge_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_merge_change_report_id"), ["report_id"], unique=False)

    op.create_table("merge_conflict",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("merge_id", sa.Integer(), nullable=False),
    sa.Column("initiative_id", sa.Integer(), nullable=False),
    sa.Column("department_id", sa.Integer(), nullable=False),
    sa.Column("cycle_id", sa.Integer(), nullable=False),
    sa.Column("field", sa.String(length=60), nullable=False),
    sa.Column("field_label", sa.Text(), nullable=False),
    sa.Column("sheet", sa.String(length=40), nullable=False),
    sa.Column("cell", sa.String(length=20), nullable=False),
    sa.Column("base", sa.JSON(), nullable=True),
    sa.Column("master", sa.JSON(), nullable=True),
    sa.Column("theirs", sa.JSON(), nullable=True),
    sa.Column("state", sa.String(length=20), nullable=False),
    sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("resolved_by", sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(["cycle_id"], ["reporting_cycle.id"], name=op.f("fk_merge_conflict_cycle_id_reporting_cycle"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["department_id"], ["department.id"], name=op.f("fk_merge_conflict_department_id_department"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["initiative_id"], ["initiative.id"], name=op.f("fk_merge_conflict_initiative_id_initiative"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["merge_id"], ["merge_record.id"], name=op.f("fk_merge_conflict_merge_id_merge_record"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_conflict"))
    )
    with op.batch_alter_table("merge_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merge_conflict_merge_id"), ["merge_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("merge_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_conflict_merge_id"))

    op.drop_table("merge_conflict")
    with op.batch_alter_table("merge_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_change_report_id"))
        batch_op.drop_index(batch_op.f("ix_merge_change_merge_id"))

    op.drop_table("merge_change")
    with op.batch_alter_table("submission_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_event_plan_id"))

    op.drop_table("submission_event")
    with op.batch_alter_table("merge_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_record_plan_id"))
        batch_op.drop_index(batch_op.f("ix_merge_record_file_sha256"))
        batch_op.drop_index(batch_op.f("ix_merge_record_export_id"))

    op.drop_table("merge_record")
    with op.batch_alter_table("plan_import", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_import_plan_id"))

    op.drop_table("plan_import")
