"""a tree of groups of any depth: plan_level, plan_group and initiative.group_id replace the
fixed policy → promotion_item levels and the three level labels

Policies become groups of depth 1 (same ids), promotion items groups of depth 2 (ids moved
past the policies' so the two fit in one table); every initiative keeps its place. Audit
entries keep their entity names ("policy", "item"): the audit view labels them by depth.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 01:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_level",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_level_plan_id_plan"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_level")),
        sa.UniqueConstraint("plan_id", "depth", name=op.f("uq_plan_level_plan_id_depth")),
    )
    with op.batch_alter_table("plan_level", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_level_plan_id"), ["plan_id"], unique=False)
    op.create_table(
        "plan_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("slogan", sa.Text(), server_default="", nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_group_plan_id_plan"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["plan_group.id"], name=op.f("fk_plan_group_parent_id_plan_group"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_group")),
    )
    with op.batch_alter_table("plan_group", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_group_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_group_parent_id"), ["parent_id"], unique=False)
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("initiative_label", sa.String(length=40), nullable=False, server_default=""))
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_id", sa.Integer(), nullable=True))

    conn = op.get_bind()
    conn.execute(sa.text("INSERT INTO plan_level (plan_id, depth, label) SELECT id, 1, level1_label FROM plan"))
    conn.execute(sa.text("INSERT INTO plan_level (plan_id, depth, label) SELECT id, 2, level2_label FROM plan"))
    conn.execute(sa.text("UPDATE plan SET initiative_label = level3_label"))
    conn.execute(sa.text(
        "INSERT INTO plan_group (id, plan_id, parent_id, depth, number, code, title, slogan, position, retired) "
        "SELECT id, plan_id, NULL, 1, number, code, title, slogan, position, retired FROM policy"))
    offset = conn.execute(sa.text("SELECT COALESCE(MAX(id), 0) FROM policy")).scalar_one()
    conn.execute(sa.text(
        "INSERT INTO plan_group (id, plan_id, parent_id, depth, number, code, title, slogan, position, retired) "
        "SELECT i.id + :offset, p.plan_id, i.policy_id, 2, i.number, i.code, i.title, '', i.position, i.retired "
        "FROM promotion_item i JOIN policy p ON p.id = i.policy_id"), {"offset": offset})
    conn.execute(sa.text("UPDATE initiative SET group_id = item_id + :offset"), {"offset": offset})
    if conn.dialect.name == "postgresql":  # the ids above were given explicitly
        conn.execute(sa.text(
            "SELECT setval(pg_get_serial_sequence('plan_group', 'id'), COALESCE(MAX(id), 0) + 1, false) "
            "FROM plan_group"))

    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_item_id"))
        batch_op.drop_constraint(batch_op.f("fk_initiative_item_id_promotion_item"), type_="foreignkey")
        batch_op.drop_column("item_id")
        batch_op.alter_column("group_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f("fk_initiative_group_id_plan_group"), "plan_group",
                                    ["group_id"], ["id"], ondelete="CASCADE")
        batch_op.create_index(batch_op.f("ix_initiative_group_id"), ["group_id"], unique=False)
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_column("level1_label")
        batch_op.drop_column("level2_label")
        batch_op.drop_column("level3_label")
    op.drop_table("promotion_item")
    op.drop_table("policy")


def downgrade() -> None:
    conn = op.get_bind()
    deep = conn.execute(sa.text(
        "SELECT COUNT(*) FROM plan_group WHERE depth > 2 OR (depth = 1 AND id IN "
        "(SELECT group_id FROM initiative)) OR (depth = 2 AND parent_id IS NULL)")).scalar_one()
    levels = conn.execute(sa.text("SELECT COUNT(*) FROM plan_level WHERE depth > 2")).scalar_one()
    if deep or levels:
        raise RuntimeError("the plans' trees are not all of depth 2: they cannot be written as policies and items")
    op.create_table(
        "policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.Column("slogan", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_policy_plan_id_plan"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy")),
    )
    with op.batch_alter_table("policy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_policy_plan_id"), ["plan_id"], unique=False)
    op.create_table(
        "promotion_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["policy_id"], ["policy.id"], name=op.f("fk_promotion_item_policy_id_policy"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion_item")),
    )
    with op.batch_alter_table("promotion_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_promotion_item_policy_id"), ["policy_id"], unique=False)
    conn.execute(sa.text(
        "INSERT INTO policy (id, plan_id, number, title, position, retired, code, slogan) "
        "SELECT id, plan_id, number, title, position, retired, code, slogan FROM plan_group WHERE depth = 1"))
    conn.execute(sa.text(
        "INSERT INTO promotion_item (id, policy_id, number, title, position, retired, code) "
        "SELECT id, parent_id, number, title, position, retired, code FROM plan_group WHERE depth = 2"))
    with op.batch_alter_table("plan", schema=None) as batch_op:
        for n in (1, 2, 3):
            batch_op.add_column(sa.Column(f"level{n}_label", sa.String(length=40), nullable=True))
    conn.execute(sa.text(
        "UPDATE plan SET level3_label = initiative_label, "
        "level1_label = (SELECT label FROM plan_level l WHERE l.plan_id = plan.id AND l.depth = 1), "
        "level2_label = (SELECT label FROM plan_level l WHERE l.plan_id = plan.id AND l.depth = 2)"))
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.add_column(sa.Column("item_id", sa.Integer(), nullable=True))
    conn.execute(sa.text("UPDATE initiative SET item_id = group_id"))
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_group_id"))
        batch_op.drop_constraint(batch_op.f("fk_initiative_group_id_plan_group"), type_="foreignkey")
        batch_op.drop_column("group_id")
        batch_op.alter_column("item_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f("fk_initiative_item_id_promotion_item"), "promotion_item",
                                    ["item_id"], ["id"], ondelete="CASCADE")
        batch_op.create_index(batch_op.f("ix_initiative_item_id"), ["item_id"], unique=False)
    with op.batch_alter_table("plan", schema=None) as batch_op:
        for n in (1, 2, 3):
            batch_op.alter_column(f"level{n}_label", existing_type=sa.String(length=40), nullable=False)
        batch_op.drop_column("initiative_label")
    op.drop_table("plan_group")
    op.drop_table("plan_level")
