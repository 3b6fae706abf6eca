"""reporting rounds (the cycle being collected) and the workbook's own save time of a merge

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 05:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("reporting_round",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("plan_key", sa.String(length=64), nullable=False),
    sa.Column("fy", sa.Integer(), nullable=False),
    sa.Column("half", sa.Integer(), nullable=False),
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("opened_by", sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_round")),
    sa.UniqueConstraint("plan_key", name=op.f("uq_reporting_round_plan_key"))
    )
    with op.batch_alter_table("merge_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("saved_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("merge_record", schema=None) as batch_op:
        batch_op.drop_column("saved_at")
    op.drop_table("reporting_round")
