"""The plan's level labels (階層の名前): the word for its groups at each depth (基本方針,
推進事項 / 分野 …) and the word for its initiatives (取組事項 / 取組).

A level may be renamed and a deeper one added below the deepest; the deepest may be
removed only while no group sits at it. Every screen, printout and message names the
plan's levels with these words.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select

from planDesk.core.domain.model import PlanGroup, PlanLevel
from planDesk.core.domain.workflow import PLAN
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Change, Store
from planDesk.core.plan.edit.base import MAX_LABEL, get_plan, require_current, require_text

MAX_LEVELS = 9  # far more than any plan has; keeps a typo from adding a hundred levels


def set_levels(store: Store, plan_id: int, group_labels: Sequence[str], initiative_label: str) -> Change:
    """Set the labels of the plan's group levels (depth 1 first) and of its initiatives.

    Labels beyond the current deepest level add levels; fewer labels remove the deepest
    levels, refused while a group (retired ones included) sits at one of them."""
    with store.write("edit-plan", plan_id=plan_id, structural=True) as ctx:
        s = ctx.session
        plan = get_plan(s, plan_id)
        require_current(plan)
        labels = [require_text(label, f"第 {d} 階層の名前", limit=MAX_LABEL)
                  for d, label in enumerate(group_labels, start=1)]
        ini_label = require_text(initiative_label, "取組の階層の名前", limit=MAX_LABEL)
        if not labels:
            raise UserError("グループの階層を 1 つ以上残してください。")
        if len(labels) > MAX_LEVELS:
            raise UserError(f"階層は {MAX_LEVELS} 段までです（{len(labels)} 段が指定されました）。")
        every = [*labels, ini_label]
        dupes = sorted({x for x in every if every.count(x) > 1}, key=every.index)
        if dupes:
            raise UserError(f"階層の名前「{dupes[0]}」が重複しています。階層ごとに別の名前にしてください。")
        rows = list(s.scalars(select(PlanLevel).where(PlanLevel.plan_id == plan_id).order_by(PlanLevel.depth)))
        old_labels = [r.label for r in rows]
        before = {"levels": old_labels, "initiative_label": plan.initiative_label}
        for row in rows[len(labels):]:
            used = s.scalar(select(func.count(PlanGroup.id))
                            .where(PlanGroup.plan_id == plan_id, PlanGroup.depth >= row.depth)) or 0
            if used:
                raise UserError(
                    f"第 {row.depth} 階層「{row.label}」以下には {used} 件のグループがあるため、"
                    "この階層は削除できません。",
                    hint="先にそのグループを上の階層へ移すか削除してください（報告があれば廃止のまま残ります）。",
                )
        for row in rows[len(labels):]:
            s.delete(row)
        for depth, label in enumerate(labels, start=1):
            if depth <= len(rows):
                rows[depth - 1].label = label
            else:
                s.add(PlanLevel(plan_id=plan_id, depth=depth, label=label))
        plan.initiative_label = ini_label
        after = {"levels": labels, "initiative_label": ini_label}
        if after == before:
            return Store.change_of(ctx, "変更はありません")
        s.flush()
        s.expire(plan)  # its levels were changed behind its relationship
        shown = "・".join([*labels, ini_label])
        ctx.audit(PLAN, plan_id, f"階層の名前を変更：{'・'.join([*old_labels, str(before['initiative_label'])])}"
                  f" → {shown}", before=before, after=after)
        return Store.change_of(ctx, f"階層の名前を保存しました（{shown}）")
