"""codes as the plan writes them: an optional written code on policy, item and initiative

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 05:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("policy", "promotion_item", "initiative")


def upgrade() -> None:
    # Nullable columns only: existing rows keep their computed codes (NULL = computed).
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("code", sa.String(length=40), nullable=True))


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("code")
