"""The plan editor's operations on departments (部署), the evaluation scale (進捗評価) and
the 今後の方向性 choices.

Departments are retired, never deleted (reports name them). A grade or choice that reports
use can only be removed with a mapping to a remaining one; renaming one (same id, new
code or label) re-codes the reports that use it, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planDesk.core.domain.model import (
    Department,
    DirectionChoice,
    EvaluationGrade,
    Initiative,
    InitiativeDepartment,
    ProgressReport,
    ReportingCycle,
)
from planDesk.core.domain.workflow import DEPARTMENT, DIRECTION, GRADE, PLAN
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Change, Store, WriteContext
from planDesk.core.plan.edit.base import (
    MAX_LABEL,
    MAX_NAME,
    get_plan,
    get_row,
    place,
    require_current,
    require_text,
    snap,
)
from planDesk.core.plan.edit.tree import initiative_code

PSEUDO_KINDS: dict[str, str] = {"all": "全部署が報告", "relevant": "関係する各部署が報告"}


@dataclass(frozen=True)
class GradeSpec:
    """One grade of the scale as the editor wants it; ``id`` names an existing grade."""

    code: str
    label: str
    id: int | None = None


@dataclass(frozen=True)
class ChoiceSpec:
    """One 今後の方向性 choice; ``id`` names an existing choice."""

    label: str
    id: int | None = None


# --- departments ---------------------------------------------------------------------------

def _departments(s: Session, plan_id: int) -> list[Department]:
    return list(s.scalars(select(Department).where(Department.plan_id == plan_id)
                          .order_by(Department.position, Department.id)))


def _check_department(s: Session, plan_id: int, name: str, pseudo: str | None,
                      dept_id: int | None) -> str:
    name = require_text(name, "部署名", limit=MAX_NAME)
    if pseudo not in (None, *PSEUDO_KINDS):
        raise UserError(f"部署の種類「{pseudo}」は使えません（all：全部署、relevant：関係部署）。")
    for other in _departments(s, plan_id):
        if other.name == name and other.id != dept_id:
            state = "（廃止済み。復活させて使えます）" if other.retired else ""
            raise UserError(f"部署「{name}」は既にあります{state}。")
    return name


def add_department(store: Store, plan_id: int, name: str, *, pseudo: str | None = None,
                   index: int | None = None) -> Change:
    """A new department (``pseudo``: "all" for 全部署, "relevant" for 関係部署 etc.)."""
    with store.write("add-department", plan_id=plan_id, structural=True) as ctx:
        s = ctx.session
        require_current(get_plan(s, plan_id))
        dept = Department(plan_id=plan_id, name=_check_department(s, plan_id, name, pseudo, None),
                          pseudo=pseudo, position=0, retired=False)
        s.add(dept)
        place(_departments(s, plan_id), dept, index)
        s.flush()
        ctx.audit(DEPARTMENT, dept.id, f"部署「{dept.name}」を追加", after=snap(dept, ("name", "pseudo")))
        return Store.change_of(ctx, f"部署「{dept.name}」を追加しました")


def edit_department(store: Store, dept_id: int, name: str, *, pseudo: str | None = None) -> Change:
    """Rename a department or change its kind; every initiative and report shows the new name."""
    with store.write("edit-department", structural=True) as ctx:
        s = ctx.session
        dept = get_row(s, Department, dept_id, DEPARTMENT)
        require_current(get_plan(s, dept.plan_id))
        ctx.plan_id = dept.plan_id
        before = snap(dept, ("name", "pseudo"))
        dept.name = _check_department(s, dept.plan_id, name, pseudo, dept_id)
        dept.pseudo = pseudo
        after = snap(dept, ("name", "pseudo"))
        if after == before:
            return Store.change_of(ctx, "変更はありません")
        ctx.audit(DEPARTMENT, dept.id, f"部署「{before['name']}」を変更", before=before, after=after)
        return Store.change_of(ctx, f"部署「{dept.name}」を保存しました")


def move_department(store: Store, dept_id: int, index: int) -> Change:
    with store.write("move-department", structural=True) as ctx:
        s = ctx.session
        dept = get_row(s, Department, dept_id, DEPARTMENT)
        require_current(get_plan(s, dept.plan_id))
        ctx.plan_id = dept.plan_id
        old = dept.position
        place(_departments(s, dept.plan_id), dept, index)
        if dept.position != old:
            ctx.audit(DEPARTMENT, dept.id, f"部署「{dept.name}」の順序を変更",
                      before={"position": old}, after={"position": dept.position})
        return Store.change_of(ctx, "部署の順序を変更しました")


def retire_department(store: Store, dept_id: int, *, retired: bool = True) -> Change:
    """Retire a department (its reports stay) or bring it back. Refused while an active
    initiative still lists it: take it off those first."""
    with store.write("retire-department" if retired else "restore-department", structural=True) as ctx:
        s = ctx.session
        dept = get_row(s, Department, dept_id, DEPARTMENT)
        plan = get_plan(s, dept.plan_id)
        require_current(plan)
        ctx.plan_id = plan.id
        if dept.retired == retired:
            raise UserError(f"部署「{dept.name}」は既に{'廃止されています' if retired else '使用中です'}。")
        if retired:
            users = list(s.scalars(
                select(Initiative).join(InitiativeDepartment,
                                        InitiativeDepartment.initiative_id == Initiative.id)
                .where(InitiativeDepartment.department_id == dept_id, Initiative.retired.is_(False))))
            if users:
                names = "、".join(initiative_code(s, ini) for ini in users[:5])
                more = f" ほか {len(users) - 5} 件" if len(users) > 5 else ""
                raise UserError(
                    f"部署「{dept.name}」は{plan.initiative_label} {names}{more} の担当のため廃止できません。",
                    hint=f"先にそれらの{plan.initiative_label}の担当部署から外してください。",
                )
        dept.retired = retired
        verb = "廃止" if retired else "復活"
        ctx.audit(DEPARTMENT, dept.id, f"部署「{dept.name}」を{verb}",
                  before={"retired": not retired}, after={"retired": retired})
        return Store.change_of(ctx, f"部署「{dept.name}」を{verb}しました")


# --- evaluation scale and direction choices ---------------------------------------------------

def _reports_of(s: Session, plan_id: int) -> list[ProgressReport]:
    return list(s.scalars(select(ProgressReport).join(ReportingCycle,
                                                      ProgressReport.cycle_id == ReportingCycle.id)
                          .where(ReportingCycle.plan_id == plan_id)))


def _usage(s: Session, plan_id: int, column: Any) -> dict[str, int]:
    rows = s.execute(
        select(column, func.count(ProgressReport.id))
        .join(ReportingCycle, ProgressReport.cycle_id == ReportingCycle.id)
        .where(ReportingCycle.plan_id == plan_id, column.is_not(None))
        .group_by(column))
    return {str(value): int(count) for value, count in rows}


def grade_usage(store: Store, plan_id: int) -> dict[str, int]:
    """How many reports of the plan use each evaluation code."""
    with store.read() as s:
        return _usage(s, plan_id, ProgressReport.evaluation_code)


def direction_usage(store: Store, plan_id: int) -> dict[str, int]:
    """How many reports of the plan use each 今後の方向性 choice."""
    with store.read() as s:
        return _usage(s, plan_id, ProgressReport.direction)


@dataclass
class _ScaleEdit:
    """The shared logic of both lists: rows keyed by a text that reports store."""

    what: str           # 進捗評価 / 今後の方向性
    key_attr: str       # code / label
    report_attr: str    # evaluation_code / direction
    entity: str


def _items(rows: list[Any], e: _ScaleEdit) -> list[list[str]]:
    """The list as plain data for the audit log: [code, label] or [label]."""
    return [[r.code, r.label] if e.key_attr == "code" else [r.label] for r in rows]


def _set_scale(ctx: WriteContext, plan_id: int, rows: list[Any], specs: list[tuple[int | None, str, dict[str, Any]]],
               mapping: Mapping[str, str], e: _ScaleEdit, make: Any) -> str:
    s = ctx.session
    by_id = {r.id: r for r in rows}
    keys = [key for _, key, _ in specs]
    if not specs:
        raise UserError(f"{e.what}の選択肢を 1 つ以上残してください。")
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise UserError(f"{e.what}「{dupes[0]}」が重複しています。")
    for row_id, _, _ in specs:
        if row_id is not None and row_id not in by_id:
            raise UserError(f"{e.what}（ID {row_id}）はこの計画にありません。画面を更新してください。")
    recode: dict[str, str] = {}
    for row_id, key, _ in specs:
        old = getattr(by_id[row_id], e.key_attr) if row_id is not None else None
        if old is not None and old != key:
            recode[old] = key  # renamed: reports follow
    kept = {row_id for row_id, _, _ in specs}
    usage = _usage(s, plan_id, getattr(ProgressReport, e.report_attr))
    for r in rows:
        old = getattr(r, e.key_attr)
        if r.id in kept or old in keys or not usage.get(old):
            continue
        target = mapping.get(old)
        if target is None:
            raise UserError(
                f"{e.what}「{old}」は {usage[old]} 件の報告で使われているため、そのままでは削除できません。",
                hint="置き換え先を指定してください（その報告の値を置き換えます）。",
            )
        if target not in keys:
            raise UserError(f"置き換え先の{e.what}「{target}」は新しい一覧にありません。")
        recode[old] = target
    before = _items(rows, e)
    for r in rows:  # temporary keys first: the (plan, key) pair is unique and keys may swap
        setattr(r, e.key_attr, f"#{r.id}")
    s.flush()
    for r in rows:
        if r.id not in kept:
            s.delete(r)
    s.flush()
    new_rows = []
    for pos, (row_id, key, extra) in enumerate(specs):
        row = by_id[row_id] if row_id is not None else make()
        setattr(row, e.key_attr, key)
        for attr, value in extra.items():
            setattr(row, attr, value)
        row.position = pos
        if row_id is None:
            row.plan_id = plan_id
            s.add(row)
        new_rows.append(row)
    s.flush()
    changed_reports = 0
    if recode:
        for rep in _reports_of(s, plan_id):
            old = getattr(rep, e.report_attr)
            if old in recode:
                setattr(rep, e.report_attr, recode[old])
                rep.version += 1
                changed_reports += 1
                ctx.audit("report", rep.id, f"{e.what}の変更に合わせて報告の値を置き換え：{old} → {recode[old]}",
                          before={e.report_attr: old}, after={e.report_attr: recode[old]})
    after = _items(new_rows, e)
    if after != before or changed_reports:
        ctx.audit(e.entity, None, f"{e.what}の選択肢を変更", before={"items": before},
                  after={"items": after, "replaced": recode})
    ctx.entities.add((PLAN, plan_id))
    extra_msg = f"（報告 {changed_reports} 件の値を置き換え）" if changed_reports else ""
    return f"{e.what}の選択肢を保存しました{extra_msg}"


def set_evaluation_scale(store: Store, plan_id: int, grades: Sequence[GradeSpec], *,
                         mapping: Mapping[str, str] | None = None) -> Change:
    """Replace the plan's 進捗評価 scale (best first). A removed grade that reports use
    needs ``mapping[old_code] = new_code``; a grade renamed in place re-codes its reports."""
    specs = [(g.id, require_text(g.code, "評価の記号", limit=10),
              {"label": require_text(g.label, f"評価「{g.code}」の名称", limit=MAX_LABEL)}) for g in grades]
    with store.write("edit-evaluation-scale", plan_id=plan_id, structural=True) as ctx:
        s = ctx.session
        plan = get_plan(s, plan_id)
        require_current(plan)
        rows = list(s.scalars(select(EvaluationGrade).where(EvaluationGrade.plan_id == plan_id)
                              .order_by(EvaluationGrade.position)))
        summary = _set_scale(ctx, plan_id, rows, specs, mapping or {},
                             _ScaleEdit("進捗評価", "code", "evaluation_code", GRADE), EvaluationGrade)
        return Store.change_of(ctx, summary)


def set_direction_choices(store: Store, plan_id: int, choices: Sequence[ChoiceSpec], *,
                          mapping: Mapping[str, str] | None = None) -> Change:
    """Replace the plan's 今後の方向性 choices, with the same rules as the evaluation scale."""
    specs: list[tuple[int | None, str, dict[str, Any]]] = [
        (c.id, require_text(c.label, "今後の方向性", limit=MAX_LABEL), {}) for c in choices]
    with store.write("edit-directions", plan_id=plan_id, structural=True) as ctx:
        s = ctx.session
        plan = get_plan(s, plan_id)
        require_current(plan)
        rows = list(s.scalars(select(DirectionChoice).where(DirectionChoice.plan_id == plan_id)
                              .order_by(DirectionChoice.position)))
        summary = _set_scale(ctx, plan_id, rows, specs, mapping or {},
                             _ScaleEdit("今後の方向性", "label", "direction", DIRECTION), DirectionChoice)
        return Store.change_of(ctx, summary)
