"""年度見直し: start the next revision of a plan while the previous one stays readable.

The new revision is a copy of the current one (new rows, ``predecessor_id`` pointing back,
the same ``key``) and becomes the current one. Retired groups and initiatives are left
behind in the old revision (a retired group with its whole subtree); departments are
copied with their retired flags.
Initiatives keep their ``uid`` so submissions and history line up across revisions.

Reports are NOT copied: they stay attached to the old revision's rows, which is how the
old revision "stays readable with its reports". The new revision starts with no reports
and no reporting cycles (see docs/plan-editing.md for why drafts are not carried over).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from planDesk.core.domain.fiscal import format_fy
from planDesk.core.domain.model import (
    Department,
    DirectionChoice,
    EvaluationGrade,
    GlossaryTerm,
    Goal,
    Initiative,
    InitiativeDepartment,
    Kpi,
    Plan,
    PlanGroup,
    PlanLevel,
    PriorityNote,
    RoadmapStep,
    RoadmapStepGoal,
)
from planDesk.core.domain.workflow import PLAN
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Change, Store, now
from planDesk.core.plan.edit.base import check_fy, get_plan, require_current, require_text

_PLAN_FIELDS = ("key", "name", "municipality", "vision", "purpose", "period_note", "start_fy",
                "initiative_label", "numbering")


def revisions_of(session: Session, key: str) -> list[Plan]:
    """Every revision of a plan lineage, oldest first."""
    return list(session.scalars(select(Plan).where(Plan.key == key).order_by(Plan.id)))


def start_revision(store: Store, plan_id: int, revision_label: str, revision_fy: int, *,
                   end_fy: int | None = None) -> Change:
    """Copy the current revision into a new one named ``revision_label`` (e.g. 令和6年度見直し版)
    for ``revision_fy``; ``end_fy`` extends the plan period. The change's ``plan_id`` is
    the new revision's id."""
    with store.write("start-revision", plan_id=plan_id, structural=True) as ctx:
        s = ctx.session
        old = get_plan(s, plan_id)
        require_current(old)
        label = require_text(revision_label, "版の名前", limit=100)
        if any(p.revision == label for p in revisions_of(s, old.key)):
            raise UserError(f"版「{label}」は既にあります。",
                            hint=f"別の名前にしてください（例：{format_fy(revision_fy)}見直し版）。")
        check_fy(revision_fy, "見直しの年度")
        new_end = old.end_fy if end_fy is None else end_fy
        check_fy(new_end, "計画期間の終わり")
        if revision_fy < old.revision_fy:
            raise UserError(
                f"見直しの年度（{format_fy(revision_fy)}）が今の版「{old.revision}」の年度"
                f"（{format_fy(old.revision_fy)}）より前です。")
        if new_end < old.end_fy:
            raise UserError("計画期間を短くすることはできません（延長のみ）。")
        if not old.start_fy <= revision_fy <= new_end:
            raise UserError(
                f"見直しの年度（{format_fy(revision_fy)}）が計画期間"
                f"（{format_fy(old.start_fy)}〜{format_fy(new_end)}）の外です。",
                hint="計画期間を延長するか、新しい計画として作成してください。")
        new = Plan(**{f: getattr(old, f) for f in _PLAN_FIELDS}, end_fy=new_end, revision=label,
                   revision_fy=revision_fy, predecessor_id=old.id, is_current=True, created_at=now())
        old.is_current = False
        s.add(new)
        s.flush()
        copied = _copy_contents(s, old, new)
        ctx.plan_id = new.id
        ctx.audit(PLAN, old.id, f"年度見直しにより「{old.revision}」は過去の版になりました（新しい版：{label}）",
                  before={"is_current": True}, after={"is_current": False, "successor_id": new.id},
                  plan_id=old.id)
        word = new.initiative_label
        ctx.audit(PLAN, new.id, f"年度見直し：「{old.revision}」から「{label}」を作成（{word} {copied} 件）",
                  before={"plan_id": old.id, "revision": old.revision, "revision_fy": old.revision_fy,
                          "end_fy": old.end_fy},
                  after={"plan_id": new.id, "revision": label, "revision_fy": revision_fy,
                         "end_fy": new_end, "initiatives": copied})
        return Store.change_of(ctx, f"新しい版「{label}」を作成しました（{word} {copied} 件）")


def _copy_contents(s: Session, old: Plan, new: Plan) -> int:
    """Copy the plan's rows with bulk INSERT … RETURNING (ids in parameter order), level by
    level, remapping foreign keys: a 10,000-initiative plan copies in seconds, where one ORM
    object per row took minutes."""
    remap: dict[str, dict[int, int]] = {"plan": {old.id: new.id}}
    for model in (EvaluationGrade, DirectionChoice, GlossaryTerm, PriorityNote):
        _copy(s, model.__table__, model.plan_id == old.id, {"plan_id": "plan"}, remap)
    _copy(s, Department.__table__, Department.plan_id == old.id, {"plan_id": "plan"}, remap)
    _copy(s, PlanLevel.__table__, PlanLevel.plan_id == old.id, {"plan_id": "plan"}, remap)
    # Groups depth by depth, so that every group's parent is copied (and remapped) first;
    # a retired group stays behind with its subtree.
    groups = remap.setdefault(PlanGroup.__tablename__, {})
    depth, copied = 1, -1
    while len(groups) > copied:  # stops at the first depth that copied nothing
        copied = len(groups)
        parents = PlanGroup.parent_id.is_(None) if depth == 1 else PlanGroup.parent_id.in_(list(groups))
        _copy(s, PlanGroup.__table__, (PlanGroup.plan_id == old.id) & (PlanGroup.depth == depth) & parents
              & PlanGroup.retired.is_(False), {"plan_id": "plan", "parent_id": "plan_group"}, remap)
        depth += 1
    _copy(s, Initiative.__table__, Initiative.group_id.in_(list(groups)) & Initiative.retired.is_(False),
          {"group_id": "plan_group"}, remap, reset={"version": 1})
    ini_ids = list(remap["initiative"])
    _copy(s, InitiativeDepartment.__table__, InitiativeDepartment.initiative_id.in_(ini_ids),
          {"initiative_id": "initiative", "department_id": "department"}, remap)
    _copy(s, Goal.__table__, Goal.initiative_id.in_(ini_ids), {"initiative_id": "initiative"}, remap)
    _copy(s, Kpi.__table__, Kpi.initiative_id.in_(ini_ids),
          {"initiative_id": "initiative", "goal_id": "goal"}, remap)
    _copy(s, RoadmapStep.__table__, RoadmapStep.initiative_id.in_(ini_ids),
          {"initiative_id": "initiative"}, remap)
    _copy(s, RoadmapStepGoal.__table__, RoadmapStepGoal.step_id.in_(list(remap["roadmap_step"])),
          {"step_id": "roadmap_step", "goal_id": "goal"}, remap)
    s.expire(new)  # its relationships were filled behind the ORM's back
    return len(ini_ids)


def _copy(s: Session, table: Any, where: Any, fks: dict[str, str], remap: dict[str, dict[int, int]],
          *, reset: dict[str, Any] | None = None) -> None:
    """Copy the rows of ``table`` matching ``where``; ``fks`` names each foreign-key column's
    table, whose old → new ids are in ``remap``; the new ids go into remap[table.name]."""
    ids = remap.setdefault(table.name, {})
    old_rows = s.execute(select(table).where(where).order_by(table.c.id)).mappings().all()
    if not old_rows:
        return
    rows = []
    for row in old_rows:
        data = {k: v for k, v in row.items() if k != "id"}
        for column, target in fks.items():
            if data[column] is not None:
                data[column] = remap[target][data[column]]
        data.update(reset or {})
        rows.append(data)
    if s.get_bind().dialect.name == "sqlite":
        # SQLite answers RETURNING one row per statement when the order must be kept; the
        # write transaction holds the database lock (BEGIN IMMEDIATE), so ids handed out
        # after the current maximum are ours, and one executemany inserts them all.
        first = (s.scalar(select(func.max(table.c.id))) or 0) + 1
        for offset, (old_row, data) in enumerate(zip(old_rows, rows, strict=True)):
            data["id"] = ids[old_row["id"]] = first + offset
        s.execute(insert(table), rows)
        return
    for start in range(0, len(rows), 5000):  # keeps each statement's parameters bounded
        chunk_old = old_rows[start:start + 5000]
        result = s.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                           rows[start:start + 5000])
        for old_row, new_id in zip(chunk_old, result.scalars().all(), strict=True):
            ids[old_row["id"]] = new_id


def predecessor_chain(store: Store, plan_id: int) -> list[int]:
    """This revision and every earlier one, newest first (for the audit view's filter)."""
    out: list[int] = []
    with store.read() as s:
        current: int | None = plan_id
        while current is not None and current not in out:
            out.append(current)
            current = s.scalar(select(Plan.predecessor_id).where(Plan.id == current))
    return out
