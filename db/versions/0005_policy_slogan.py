"""the area's slogan: a text on policy (level 1), printed above the area in the results report

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 20:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # NOT NULL with a server default: existing policies get "" (no slogan).
    with op.batch_alter_table("policy", schema=None) as batch_op:
        batch_op.add_column(sa.Column("slogan", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("policy", schema=None) as batch_op:
        batch_op.drop_column("slogan")
