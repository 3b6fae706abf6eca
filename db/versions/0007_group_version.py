"""a version on every group of the plan's tree: renaming, a new slogan or code, renumbering
and retiring a group name the version they read, so two people editing the same group at
once no longer overwrite each other (the later one is refused, as for initiatives)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 04:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # NOT NULL with a server default: every existing group starts at version 1.
    with op.batch_alter_table("plan_group", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("plan_group", schema=None) as batch_op:
        batch_op.drop_column("version")
