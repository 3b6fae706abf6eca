"""年度見直し: start the next revision of a plan while the previous one stays readable.

The new revision is a copy of the current one (new rows, ``predecessor_id`` pointing back,
the same ``key``) and becomes the current one. Retired policies, items and initiatives are
left behind in the old revision; departments are copied with their retired flags.
Initiatives keep their ``uid`` so submissions and history line up across revisions.

Reports are NOT copied: they stay attached to the old revision's rows, which is how the
old revision "stays readable with its reports". The new revision starts with no reports
and no reporting cycles (see docs/plan-editing.md for why drafts are not carried over).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planDesk.core.errors import UserError
from planDesk.core.fiscal import format_fy
from planDesk.core.model import (
    Department,
    DirectionChoice,
    EvaluationGrade,
    GlossaryTerm,
    Goal,
    Initiative,
    InitiativeDepartment,
    Kpi,
    Plan,
    Policy,
    PriorityNote,
    PromotionItem,
    RoadmapStep,
    RoadmapStepGoal,
)
from planDesk.core.plan_edit_base import PLAN, check_fy, get_plan, require_current, require_text
from planDesk.core.store import Change, Store, now

_PLAN_FIELDS = ("key", "name", "municipality", "vision", "purpose", "period_note", "start_fy",
                "level1_label", "level2_label", "level3_label", "numbering")


def revisions_of(session: Session, key: str) -> list[Plan]:
    """Every revision of a plan lineage, oldest first."""
    return list(session.scalars(select(Plan).where(Plan.key == key).order_by(Plan.id)))


def start_revision(store: Store, plan_id: int, revision_label: str, revision_fy: int, *,
                   end_fy: int | None = None) -> Change:
    """Copy the current revision into a new one named ``revision_label`` (e.g. 令和6年度見直し版)
    for ``revision_fy``; ``end_fy`` extends the plan period. The change's ``plan_id`` is
    the new revision's id."""
    with store.write("start-revision", plan_id=plan_id) as ctx:
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
        ctx.audit(PLAN, new.id, f"年度見直し：「{old.revision}」から「{label}」を作成（取組 {copied} 件）",
                  before={"plan_id": old.id, "revision": old.revision, "revision_fy": old.revision_fy,
                          "end_fy": old.end_fy},
                  after={"plan_id": new.id, "revision": label, "revision_fy": revision_fy,
                         "end_fy": new_end, "initiatives": copied})
        return Store.change_of(ctx, f"新しい版「{label}」を作成しました（取組 {copied} 件）")


def _copy_contents(s: Session, old: Plan, new: Plan) -> int:
    new.evaluation_grades = [EvaluationGrade(position=g.position, code=g.code, label=g.label)
                             for g in old.evaluation_grades]
    new.direction_choices = [DirectionChoice(position=d.position, label=d.label)
                             for d in old.direction_choices]
    new.glossary = [GlossaryTerm(position=g.position, index_label=g.index_label, term=g.term, text=g.text)
                    for g in old.glossary]
    new.priority_notes = [PriorityNote(position=n.position, title=n.title, text=n.text)
                          for n in old.priority_notes]
    depts = {d.id: Department(name=d.name, pseudo=d.pseudo, position=d.position, retired=d.retired)
             for d in old.departments}
    new.departments = list(depts.values())
    policies = s.scalars(
        select(Policy).where(Policy.plan_id == old.id).order_by(Policy.position)
        .options(selectinload(Policy.items).selectinload(PromotionItem.initiatives).options(
            selectinload(Initiative.department_links), selectinload(Initiative.goals),
            selectinload(Initiative.kpis),
            selectinload(Initiative.steps).selectinload(RoadmapStep.goal_links)))).all()
    count = 0
    for pol in policies:
        if pol.retired:
            continue
        new_pol = Policy(number=pol.number, title=pol.title, position=pol.position)
        new.policies.append(new_pol)
        for item in pol.items:
            if item.retired:
                continue
            new_item = PromotionItem(number=item.number, title=item.title, position=item.position)
            new_pol.items.append(new_item)
            for ini in item.initiatives:
                if not ini.retired:
                    new_item.initiatives.append(_copy_initiative(ini, depts))
                    count += 1
    s.flush()
    return count


def _copy_initiative(ini: Initiative, depts: dict[int, Department]) -> Initiative:
    copy = Initiative(
        uid=ini.uid, number=ini.number, title=ini.title, position=ini.position,
        priority=ini.priority, new_in_fy=ini.new_in_fy, overview=ini.overview,
        status_text=ini.status_text, status_heading=ini.status_heading,
        departments_more=ini.departments_more, retired=False, version=1,
    )
    copy.department_links = [InitiativeDepartment(department=depts[link.department_id],
                                                  position=link.position)
                             for link in ini.department_links]
    goals = {g.id: Goal(position=g.position, mark=g.mark, text=g.text,
                        target_start_fy=g.target_start_fy, target_end_fy=g.target_end_fy)
             for g in ini.goals}
    copy.goals = list(goals.values())
    copy.kpis = [Kpi(position=k.position, name=k.name, unit=k.unit, direction=k.direction,
                     baseline=k.baseline, baseline_as_of=k.baseline_as_of,
                     baseline_as_of_fy=k.baseline_as_of_fy, target=k.target, target_fy=k.target_fy,
                     goal=goals.get(k.goal_id) if k.goal_id is not None else None)
                 for k in ini.kpis]
    steps = []
    for st in ini.steps:
        step = RoadmapStep(position=st.position, label=st.label, start_fy=st.start_fy,
                           start_quarter=st.start_quarter, start_month=st.start_month,
                           end_fy=st.end_fy, end_quarter=st.end_quarter, end_month=st.end_month,
                           kind=st.kind, inferred=st.inferred)
        step.goal_links = [RoadmapStepGoal(goal=goals[link.goal_id]) for link in st.goal_links
                           if link.goal_id in goals]
        steps.append(step)
    copy.steps = steps
    return copy


def predecessor_chain(store: Store, plan_id: int) -> list[int]:
    """This revision and every earlier one, newest first (for the audit view's filter)."""
    out: list[int] = []
    with store.read() as s:
        current: int | None = plan_id
        while current is not None and current not in out:
            out.append(current)
            current = s.scalar(select(Plan.predecessor_id).where(Plan.id == current))
    return out
