"""The plan editor's operations on an initiative's goals (目標), KPIs (指標) and roadmap
steps (工程表): add, edit, reorder and remove.

Each runs one ``Store.write`` transaction, audits before/after, raises the initiative's
version (optimistic concurrency: pass ``expected_version`` to refuse a stale edit) and
returns a ``Change``. A KPI or step that a report refers to cannot be removed (its actuals
or states would be lost); a new revision (年度見直し) starts without reports, so it can be
dropped there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from planDesk.core.domain.model import (
    Goal,
    Initiative,
    Kpi,
    KpiActual,
    RoadmapStep,
    RoadmapStepGoal,
    StepProgress,
)
from planDesk.core.domain.workflow import GOAL, INITIATIVE, KPI, STEP
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Change, Store, WriteContext
from planDesk.core.plan.edit.base import (
    KIND_LABELS,
    MAX_TITLE,
    bump,
    check_fy,
    check_version,
    diff,
    get_row,
    place,
    plan_of_initiative,
    require_current,
    require_text,
    snap,
)

STEP_KINDS: dict[str, str] = {"one-off": "単発", "continuing": "継続", "milestone": "節目"}
DIRECTIONS: dict[str, str] = {"up": "増えるほど良い", "down": "減るほど良い"}


@dataclass(frozen=True)
class GoalFields:
    mark: str
    text: str
    target_start_fy: int | None = None
    target_end_fy: int | None = None


@dataclass(frozen=True)
class KpiFields:
    name: str
    unit: str = ""
    direction: str = "up"
    baseline: float | None = None
    baseline_as_of: date | None = None
    baseline_as_of_fy: int | None = None
    target: float | None = None
    target_fy: int | None = None
    goal_id: int | None = None


@dataclass(frozen=True)
class StepFields:
    label: str
    start_fy: int
    end_fy: int
    start_quarter: int | None = None
    start_month: int | None = None
    end_quarter: int | None = None
    end_month: int | None = None
    kind: str = "one-off"
    inferred: bool = False
    goal_ids: tuple[int, ...] = ()


Fields = GoalFields | KpiFields | StepFields
_MODELS: dict[str, type[Any]] = {GOAL: Goal, KPI: Kpi, STEP: RoadmapStep}
_KIND_OF = {GoalFields: GOAL, KpiFields: KPI, StepFields: STEP}
_GOAL_FIELDS = ("mark", "text", "target_start_fy", "target_end_fy")
_KPI_FIELDS = ("name", "unit", "direction", "baseline", "baseline_as_of", "baseline_as_of_fy",
               "target", "target_fy")
_STEP_FIELDS = ("label", "start_fy", "start_quarter", "start_month", "end_fy", "end_quarter",
                "end_month", "kind", "inferred")


def detail_snapshot(kind: str, row: Any) -> dict[str, Any]:
    if kind == GOAL:
        return snap(row, _GOAL_FIELDS)
    if kind == KPI:
        data = snap(row, _KPI_FIELDS)
        data["goal"] = row.goal.mark if row.goal is not None else None
        return data
    data = snap(row, _STEP_FIELDS)
    data["goals"] = [link.goal.mark for link in row.goal_links]
    return data


def _title(kind: str, row: Any) -> str:
    text: str = f"{row.mark} {row.text}" if kind == GOAL else row.name if kind == KPI else row.label
    return text if len(text) <= 40 else text[:39] + "…"


def _goals_of(ini: Initiative, ids: tuple[int, ...] | list[int]) -> list[Goal]:
    goals = {g.id: g for g in ini.goals}
    if len(set(ids)) != len(ids):
        raise UserError("同じ目標が 2 回選ばれています。")
    missing = [i for i in ids if i not in goals]
    if missing:
        raise UserError(f"目標（ID {missing[0]}）は「{ini.title}」のものではありません。",
                        hint="画面を更新してください。")
    return [goals[i] for i in ids]


def _number(value: float | None, field: str) -> float | None:
    if value is not None and (math.isnan(value) or math.isinf(value)):
        raise UserError(f"{field}：数値として扱えない値です。")
    return value


def _apply_goal(row: Goal, f: GoalFields) -> None:
    row.mark = require_text(f.mark, "目標の記号（①など）", limit=20)
    row.text = require_text(f.text, "目標の内容", limit=2000)
    row.target_start_fy = check_fy(f.target_start_fy, "目標年度（開始）")
    row.target_end_fy = check_fy(f.target_end_fy, "目標年度（終了）")
    if f.target_start_fy and f.target_end_fy and f.target_end_fy < f.target_start_fy:
        raise UserError("目標年度の終わりが始まりより前です。")


def _apply_kpi(row: Kpi, ini: Initiative, f: KpiFields) -> None:
    row.name = require_text(f.name, "指標名", limit=MAX_TITLE)
    row.unit = require_text(f.unit, "単位", limit=40, required=False)
    if f.direction not in DIRECTIONS:
        raise UserError(f"指標の向き「{f.direction}」は使えません（up：増えるほど良い、down：減るほど良い）。")
    row.direction = f.direction
    row.baseline = _number(f.baseline, "基準値")
    row.baseline_as_of = f.baseline_as_of
    row.baseline_as_of_fy = check_fy(f.baseline_as_of_fy, "基準値の年度")
    row.target = _number(f.target, "目標値")
    row.target_fy = check_fy(f.target_fy, "目標年度")
    row.goal = _goals_of(ini, [f.goal_id])[0] if f.goal_id is not None else None


def _apply_step(row: RoadmapStep, ini: Initiative, f: StepFields) -> None:
    row.label = require_text(f.label, "工程の内容", limit=2000)
    row.start_fy = check_fy(f.start_fy, "開始年度") or f.start_fy
    row.end_fy = check_fy(f.end_fy, "終了年度") or f.end_fy
    for value, field, hi in ((f.start_quarter, "開始の四半期", 4), (f.end_quarter, "終了の四半期", 4),
                             (f.start_month, "開始月", 12), (f.end_month, "終了月", 12)):
        if value is not None and not 1 <= value <= hi:
            raise UserError(f"{field}は 1〜{hi} で指定してください（{value} は使えません）。")
    if f.start_quarter is not None and f.start_month is not None:
        raise UserError("開始は四半期か月のどちらか一方で指定してください。")
    if f.end_quarter is not None and f.end_month is not None:
        raise UserError("終了は四半期か月のどちらか一方で指定してください。")
    if _when(f.end_fy, f.end_quarter, f.end_month, last=True) < _when(f.start_fy, f.start_quarter,
                                                                          f.start_month, last=False):
        raise UserError("工程の終わりが始まりより前です。")
    row.start_quarter, row.start_month = f.start_quarter, f.start_month
    row.end_quarter, row.end_month = f.end_quarter, f.end_month
    if f.kind not in STEP_KINDS:
        raise UserError(f"工程の種類「{f.kind}」は使えません（{'、'.join(STEP_KINDS.values())}）。")
    row.kind = f.kind
    row.inferred = f.inferred
    goals = _goals_of(ini, f.goal_ids)
    keep = {link.goal_id: link for link in row.goal_links}
    if [link.goal_id for link in row.goal_links] != [g.id for g in goals]:
        row.goal_links = [keep.get(g.id) or RoadmapStepGoal(goal=g) for g in goals]


def _when(fy: int, quarter: int | None, month: int | None, *, last: bool) -> int:
    """A month index in fiscal order for comparing a step's start and end."""
    if month is not None:
        return fy * 12 + (month - 4) % 12
    if quarter is not None:
        return fy * 12 + (quarter - 1) * 3 + (2 if last else 0)
    return fy * 12 + (11 if last else 0)


def _apply(kind: str, row: Any, ini: Initiative, fields: Fields) -> None:
    if isinstance(fields, GoalFields):
        _apply_goal(row, fields)
    elif isinstance(fields, KpiFields):
        _apply_kpi(row, ini, fields)
    else:
        _apply_step(row, ini, fields)


def _open(ctx: WriteContext, initiative_id: int, expected_version: int | None) -> tuple[Initiative, str]:
    """The initiative, checked, and the plan's word for its initiatives (取組事項 / 事業 …)."""
    ini = get_row(ctx.session, Initiative, initiative_id, INITIATIVE)
    require_current(plan := plan_of_initiative(ctx.session, ini))
    ctx.plan_id = plan.id
    check_version(ini, expected_version, plan.initiative_label)
    ctx.initiatives.add(ini.id)
    return ini, plan.initiative_label


def _siblings(s: Session, kind: str, initiative_id: int) -> list[Any]:
    model = _MODELS[kind]
    return list(s.scalars(select(model).where(model.initiative_id == initiative_id)
                          .order_by(model.position, model.id)))


def add_detail(store: Store, initiative_id: int, fields: Fields, *, index: int | None = None,
               expected_version: int | None = None) -> Change:
    """Add a goal, KPI or step (by the type of ``fields``) at ``index`` (end if None)."""
    kind = _KIND_OF[type(fields)]
    with store.write(f"add-{kind}") as ctx:
        s = ctx.session
        ini, label = _open(ctx, initiative_id, expected_version)
        siblings = _siblings(s, kind, initiative_id)
        row = _MODELS[kind](initiative_id=initiative_id, position=0)
        _apply(kind, row, ini, fields)
        s.add(row)
        place(siblings, row, index)
        bump(ini)
        s.flush()
        ctx.audit(kind, row.id, f"{label}「{ini.title}」に{KIND_LABELS[kind]}「{_title(kind, row)}」を追加",
                  after=detail_snapshot(kind, row))
        ctx.entities.add((INITIATIVE, ini.id))
        return Store.change_of(ctx, f"{KIND_LABELS[kind]}を追加しました")


def edit_detail(store: Store, kind: str, row_id: int, fields: Fields, *,
                expected_version: int | None = None) -> Change:
    """Change a goal, KPI or step."""
    if _KIND_OF[type(fields)] != kind:
        raise ValueError(f"{type(fields).__name__} does not edit a {kind}")
    with store.write(f"edit-{kind}") as ctx:
        s = ctx.session
        row = get_row(s, _MODELS[kind], row_id, kind)
        ini, label = _open(ctx, row.initiative_id, expected_version)
        before = detail_snapshot(kind, row)
        _apply(kind, row, ini, fields)
        s.flush()
        old, new = diff(before, detail_snapshot(kind, row))
        if not new:
            return Store.change_of(ctx, "変更はありません")
        bump(ini)
        ctx.audit(kind, row.id, f"{label}「{ini.title}」の{KIND_LABELS[kind]}「{_title(kind, row)}」を編集",
                  before=old, after=new)
        ctx.entities.add((INITIATIVE, ini.id))
        return Store.change_of(ctx, f"{KIND_LABELS[kind]}を保存しました")


def move_detail(store: Store, kind: str, row_id: int, index: int, *,
                expected_version: int | None = None) -> Change:
    """Put a goal, KPI or step at ``index`` in its initiative's list."""
    with store.write(f"move-{kind}") as ctx:
        s = ctx.session
        row = get_row(s, _MODELS[kind], row_id, kind)
        ini, label = _open(ctx, row.initiative_id, expected_version)
        siblings = _siblings(s, kind, ini.id)
        old = row.position
        if not 0 <= index < len(siblings):
            raise UserError(f"{KIND_LABELS[kind]}をこれ以上動かせません。")
        place(siblings, row, index)
        if row.position == old:
            return Store.change_of(ctx, "変更はありません")
        bump(ini)
        ctx.audit(kind, row.id, f"{label}「{ini.title}」の{KIND_LABELS[kind]}「{_title(kind, row)}」の順序を変更",
                  before={"position": old}, after={"position": row.position})
        ctx.entities.add((INITIATIVE, ini.id))
        return Store.change_of(ctx, f"{KIND_LABELS[kind]}の順序を変更しました")


def remove_detail(store: Store, kind: str, row_id: int, *,
                  expected_version: int | None = None) -> Change:
    """Delete a goal, KPI or step; refused for a KPI or step that reports refer to."""
    with store.write(f"remove-{kind}") as ctx:
        s = ctx.session
        row = get_row(s, _MODELS[kind], row_id, kind)
        ini, label = _open(ctx, row.initiative_id, expected_version)
        used = 0
        if kind == KPI:
            used = s.scalar(select(func.count(KpiActual.id)).where(KpiActual.kpi_id == row_id)) or 0
        elif kind == STEP:
            used = s.scalar(select(func.count(StepProgress.id)).where(StepProgress.step_id == row_id)) or 0
        if used:
            what = "実績値" if kind == KPI else "工程の状況"
            raise UserError(
                f"{KIND_LABELS[kind]}「{_title(kind, row)}」は {used} 件の報告に{what}があるため削除できません。",
                hint="報告を残すため、この版では残してください。年度見直しで作る新しい版から外せます。",
            )
        before = detail_snapshot(kind, row)
        title = _title(kind, row)
        if kind == GOAL:
            for kpi in s.scalars(select(Kpi).where(Kpi.goal_id == row_id)):
                kpi.goal = None  # the KPI stays; it just no longer names this goal
            s.execute(delete(RoadmapStepGoal).where(RoadmapStepGoal.goal_id == row_id))
        s.delete(row)
        place([x for x in _siblings(s, kind, ini.id) if x.id != row_id], None, None)
        bump(ini)
        s.flush()
        ctx.audit(kind, row_id, f"{label}「{ini.title}」の{KIND_LABELS[kind]}「{title}」を削除", before=before)
        ctx.entities.add((INITIATIVE, ini.id))
        return Store.change_of(ctx, f"{KIND_LABELS[kind]}を削除しました")
