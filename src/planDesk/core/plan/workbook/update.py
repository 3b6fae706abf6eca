"""Updating the current revision of a plan in place from a plan spec (import-plan).

Every change is written to ``lines`` in Japanese (renamed, renumbered, moved, retired,
added …) so that nothing is carried over or dropped silently; each changed initiative
gets an audit entry with before and after.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from planDesk.core.domain import codes
from planDesk.core.domain.keys import kpi_keys
from planDesk.core.domain.model import (
    Department,
    DirectionChoice,
    EvaluationGrade,
    GlossaryTerm,
    Goal,
    Initiative,
    InitiativeDepartment,
    Kpi,
    KpiActual,
    Plan,
    Policy,
    PriorityNote,
    ProgressReport,
    PromotionItem,
    RoadmapStep,
    RoadmapStepGoal,
    StepProgress,
)
from planDesk.core.persistence.store import WriteContext
from planDesk.core.plan.workbook.match import match_rows_without_id

_PLAN_ATTRS = (("name", "計画名"), ("municipality", "自治体名"), ("vision", "基本理念"), ("purpose", "策定の目的"),
               ("period_note", "計画期間の説明"), ("start_fy", "開始年度"), ("end_fy", "終了年度"),
               ("revision", "版"), ("revision_fy", "版の年度"), ("numbering", "番号の形式"))
_INI_ATTRS = ("title", "number", "code", "priority", "new_in_fy", "overview", "status_text", "status_heading",
              "departments_more", "retired")


def _short(value: Any) -> str:
    text = str(value if value is not None else "")
    return text if len(text) <= 40 else text[:40] + "…"


def update_plan(ctx: WriteContext, plan_id: int, data: dict[str, Any], lines: list[str]) -> None:
    s = ctx.session
    plan = s.get(Plan, plan_id, options=[selectinload(Plan.departments), selectinload(Plan.evaluation_grades),
                                         selectinload(Plan.direction_choices), selectinload(Plan.glossary),
                                         selectinload(Plan.priority_notes)])
    assert plan is not None
    p = data["plan"]
    old_codes = _codes(s, plan)
    for attr, label in _PLAN_ATTRS:
        if getattr(plan, attr) != p[attr]:
            lines.append(f"計画の{label}：「{_short(getattr(plan, attr))}」→「{_short(p[attr])}」")
            setattr(plan, attr, p[attr])
    for i, attr in enumerate(("level1_label", "level2_label", "level3_label")):
        if getattr(plan, attr) != p["level_labels"][i]:
            lines.append(f"第{i + 1}階層の名前：「{getattr(plan, attr)}」→「{p['level_labels'][i]}」")
            setattr(plan, attr, p["level_labels"][i])
    _lists(plan, p, lines)
    departments = _departments(s, plan, data["departments"], lines)
    items = _hierarchy(s, plan, data["policies"], lines)
    _initiatives(ctx, plan, data, items, departments, old_codes, lines)
    plan.glossary = [GlossaryTerm(position=i, index_label=g.get("index", ""), term=g["term"], text=g["text"])
                     for i, g in enumerate(data["glossary"])]
    plan.priority_notes = [PriorityNote(position=i, title=n["title"], text=n["text"])
                           for i, n in enumerate(data["priorities"])]
    s.flush()


def _codes(s: Any, plan: Plan) -> dict[str, str]:
    rows = s.execute(select(Initiative.uid, Initiative.number, PromotionItem.number, Policy.number, Initiative.code)
                     .join(PromotionItem, Initiative.item_id == PromotionItem.id)
                     .join(Policy, PromotionItem.policy_id == Policy.id).where(Policy.plan_id == plan.id)).all()
    return {uid: codes.shown(written, codes.initiative_code(plan.numbering, pol, item, n))
            for uid, n, item, pol, written in rows}


def _lists(plan: Plan, p: dict[str, Any], lines: list[str]) -> None:
    grades = {g.code: g for g in plan.evaluation_grades}
    new_grades = []
    for i, g in enumerate(p["evaluation_scale"]):
        row = grades.pop(g["code"], None)
        if row is None:
            row = EvaluationGrade(code=g["code"], label=g["label"], position=i)
            lines.append(f"進捗評価を追加：{g['code']} {g['label']}")
        elif row.label != g["label"]:
            lines.append(f"進捗評価 {g['code']} の名前：「{row.label}」→「{g['label']}」")
        row.label, row.position = g["label"], i
        new_grades.append(row)
    for code in grades:
        lines.append(f"進捗評価を削除：{code}（この評価の報告は評価の記号のまま残ります）")
    plan.evaluation_grades = new_grades
    choices = {d.label: d for d in plan.direction_choices}
    new_choices: list[DirectionChoice] = []
    for i, label in enumerate(p["directions"]):
        choice = choices.pop(label, None)
        if choice is None:
            choice = DirectionChoice(label=label, position=i)
            lines.append(f"今後の方向性を追加：{label}")
        choice.position = i
        new_choices.append(choice)
    for label in choices:
        lines.append(f"今後の方向性を削除：{label}")
    plan.direction_choices = new_choices


def _departments(s: Any, plan: Plan, specs: list[dict[str, Any]], lines: list[str]) -> dict[str, Department]:
    by_name = {d.name: d for d in plan.departments}
    seen = set()
    for i, d in enumerate(specs):
        row = by_name.get(d["name"])
        if row is None:
            row = Department(name=d["name"], position=i, pseudo=d.get("pseudo"))
            plan.departments.append(row)
            by_name[row.name] = row
            lines.append(f"部署を追加：{row.name}")
        retired = bool(d.get("retired"))
        if row.retired != retired:
            lines.append(f"部署「{row.name}」を{'廃止' if retired else '再開'}")
        row.pseudo, row.position, row.retired = d.get("pseudo"), i, retired
        seen.add(row.name)
    for name, row in by_name.items():
        if name not in seen and not row.retired:
            row.retired = True
            lines.append(f"部署「{name}」はファイルにないため廃止扱いにしました")
    s.flush()
    return by_name


def _hierarchy(s: Any, plan: Plan, specs: list[dict[str, Any]],
               lines: list[str]) -> dict[tuple[int, int], PromotionItem]:
    l1, l2 = plan.level1_label, plan.level2_label
    policies = {pol.number: pol for pol in s.scalars(select(Policy).where(Policy.plan_id == plan.id)
                                                     .options(selectinload(Policy.items)))}
    items: dict[tuple[int, int], PromotionItem] = {}
    seen_pol: set[int] = set()
    for i, pd in enumerate(specs):
        pol = policies.get(pd["number"])
        if pol is None:
            pol = Policy(plan_id=plan.id, number=pd["number"], title=pd["title"], position=i)
            s.add(pol)
            policies[pol.number] = pol
            lines.append(f"{l1}を追加：{pd['number']} {pd['title']}")
        elif pol.title != pd["title"]:
            lines.append(f"{l1} {pd['number']} の名前：「{pol.title}」→「{pd['title']}」")
        if pol.code != (pd.get("code") or None):
            lines.append(f"{l1} {pd['number']} のコード：「{pol.code or ''}」→「{pd.get('code') or ''}」")
        # None: the workbook has no スローガン column (an earlier layout): keep the slogan
        slogan = (pol.slogan or "") if "slogan" in pd and pd["slogan"] is None else (pd.get("slogan") or "")
        if (pol.slogan or "") != slogan:
            old_slogan, new_slogan = (_short(t.replace("\n", " ")) for t in (pol.slogan or "", slogan))
            lines.append(f"{l1} {pd['number']} のスローガン：「{old_slogan}」→「{new_slogan}」")
        pol.title, pol.position, pol.retired = pd["title"], i, bool(pd.get("retired"))
        pol.code = pd.get("code") or None
        pol.slogan = slogan
        seen_pol.add(pol.number)
        existing = {it.number: it for it in pol.items}
        seen_items: set[int] = set()
        for j, itd in enumerate(pd["items"]):
            item = existing.get(itd["number"])
            if item is None:
                item = PromotionItem(number=itd["number"], title=itd["title"], position=j)
                pol.items.append(item)
                lines.append(f"{l2}を追加：{pd['number']}-{itd['number']} {itd['title']}")
            elif item.title != itd["title"]:
                lines.append(f"{l2} {pd['number']}-{itd['number']} の名前：「{item.title}」→「{itd['title']}」")
            if item.code != (itd.get("code") or None):
                lines.append(f"{l2} {pd['number']}-{itd['number']} のコード："
                             f"「{item.code or ''}」→「{itd.get('code') or ''}」")
            item.title, item.position, item.retired = itd["title"], j, bool(itd.get("retired"))
            item.code = itd.get("code") or None
            seen_items.add(item.number)
            items[(pd["number"], itd["number"])] = item
        for number, item in existing.items():
            if number not in seen_items and not item.retired:
                item.retired = True
                lines.append(f"{l2} {pd['number']}-{number}「{item.title}」はファイルにないため廃止扱いにしました")
    for number, pol in policies.items():
        if number not in seen_pol and not pol.retired:
            pol.retired = True
            lines.append(f"{l1} {number}「{pol.title}」はファイルにないため廃止扱いにしました")
    s.flush()
    return items


def _snapshot(ini: Initiative) -> dict[str, Any]:
    return {a: getattr(ini, a) for a in _INI_ATTRS} | {"item_id": ini.item_id}


def _initiatives(ctx: WriteContext, plan: Plan, data: dict[str, Any], items: dict[tuple[int, int], PromotionItem],
                 departments: dict[str, Department], old_codes: dict[str, str], lines: list[str]) -> None:
    s = ctx.session
    existing = {ini.uid: ini for ini in s.scalars(
        select(Initiative).join(PromotionItem, Initiative.item_id == PromotionItem.id)
        .join(Policy, PromotionItem.policy_id == Policy.id).where(Policy.plan_id == plan.id)
        .options(selectinload(Initiative.department_links), selectinload(Initiative.goals),
                 selectinload(Initiative.kpis), selectinload(Initiative.steps).selectinload(RoadmapStep.goal_links)))}
    reports = dict(s.execute(select(ProgressReport.initiative_id, func.count()).group_by(ProgressReport.initiative_id)
                             ).all())
    matched = match_rows_without_id(plan, data, existing, old_codes, lines)
    seen: set[str] = set()
    for pd in data["policies"]:
        for itd in pd["items"]:
            item = items[(pd["number"], itd["number"])]
            for pos, d in enumerate(itd["initiatives"]):
                code = codes.shown(d.get("code"), codes.initiative_code(plan.numbering, pd["number"], itd["number"],
                                                                        d["number"]))
                ini = existing.get(d.get("uid", "")) or matched.get(id(d))
                if ini is None:
                    ini = Initiative(uid=d.get("uid") or str(uuid.uuid4()), item=item, number=d["number"],
                                     title=d["title"], position=pos, version=1)
                    s.add(ini)
                    before = None
                    lines.append(f"{plan.level3_label}を追加：{code} {d['title']}")
                else:
                    before = _snapshot(ini)
                    _report(lines, plan, ini, item, d, old_codes.get(ini.uid, ""), code, reports.get(ini.id, 0))
                seen.add(ini.uid)
                _fields(ini, item, pos, d)
                _links(s, ini, [departments[n] for n in d["departments"]])
                changed_details = _details(s, ini, d, lines, code)
                after = _snapshot(ini)
                if before is not None and (before != after or changed_details):
                    ini.version += 1
                    s.flush()
                    ctx.audit("initiative", ini.id, f"計画ブックの取込で {code}「{ini.title}」を更新",
                              before=_plain(before), after=_plain(after))
    for uid, ini in existing.items():
        if uid not in seen and not ini.retired:
            ini.retired = True
            ini.version += 1
            n = reports.get(ini.id, 0)
            lines.append(f"{old_codes.get(uid, '')}「{ini.title}」はファイルにないため廃止扱いにしました"
                         + (f"（報告 {n} 件は残っています）" if n else ""))
            s.flush()
            ctx.audit("initiative", ini.id, f"計画ブックの取込で「{ini.title}」を廃止扱い",
                      before={"retired": False}, after={"retired": True})


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def _report(lines: list[str], plan: Plan, ini: Initiative, item: PromotionItem, d: dict[str, Any], old_code: str,
            code: str, n_reports: int) -> None:
    if old_code and old_code != code:
        moved = "（推進事項を移動）" if ini.item_id != item.id else ""
        lines.append(f"番号の変更：{old_code} → {code}「{d['title']}」{moved}")
    if ini.title != d["title"]:
        lines.append(f"名前の変更：{code}「{ini.title}」→「{d['title']}」")
    if ini.retired != bool(d.get("retired")):
        state = "廃止" if d.get("retired") else "再開"
        kept = f"（報告 {n_reports} 件は残っています）" if n_reports else ""
        lines.append(f"{state}：{code}「{d['title']}」{kept}")


def _fields(ini: Initiative, item: PromotionItem, pos: int, d: dict[str, Any]) -> None:
    ini.item, ini.position, ini.number, ini.title = item, pos, d["number"], d["title"]
    ini.code = d.get("code") or None
    ini.priority, ini.new_in_fy = bool(d.get("priority")), d.get("new_in_fy")
    ini.overview, ini.status_text = d.get("overview", ""), d.get("status", "")
    ini.status_heading = d.get("status_heading") or "取組状況"
    ini.departments_more, ini.retired = bool(d.get("departments_more")), bool(d.get("retired"))


def _links(s: Any, ini: Initiative, depts: Sequence[Department]) -> None:
    # Reuse rows of departments that stay, so the unique (initiative, department) holds
    # while the unit of work inserts before it deletes.
    by_dept = {link.department_id: link for link in ini.department_links}
    links = []
    for i, dept in enumerate(depts):
        link = by_dept.pop(dept.id, None) or InitiativeDepartment(department=dept)
        link.position = i
        links.append(link)
    ini.department_links = links


def _details(s: Any, ini: Initiative, d: dict[str, Any], lines: list[str], code: str) -> bool:
    """Goals, KPIs and steps; True when anything changed."""
    changed = False
    for step in ini.steps:  # links are rebuilt from the marks below
        step.goal_links = []
    s.flush()
    old_goals = dict(zip(kpi_keys([g.mark for g in ini.goals]), ini.goals, strict=True))
    goals = []
    for i, gd in enumerate(d.get("goals", [])):
        key = kpi_keys([x["mark"] for x in d["goals"]])[i]
        goal = old_goals.pop(key, None) or Goal(mark=gd["mark"], text=gd["text"])
        new = (gd["text"], gd.get("target_start_fy"), gd.get("target_end_fy", gd.get("target_start_fy")), i)
        changed |= (goal.text, goal.target_start_fy, goal.target_end_fy, goal.position) != new
        goal.mark, (goal.text, goal.target_start_fy, goal.target_end_fy, goal.position) = gd["mark"], new
        goals.append(goal)
    changed |= bool(old_goals)
    ini.goals = goals
    s.flush()
    by_mark: dict[str, Goal] = {}
    for g in goals:
        by_mark.setdefault(g.mark, g)
    changed |= _kpis(s, ini, d.get("kpis", []), by_mark, lines, code)
    changed |= _steps(s, ini, d.get("roadmap", []), by_mark, lines, code)
    return changed


def _kpis(s: Any, ini: Initiative, specs: list[dict[str, Any]], by_mark: dict[str, Goal], lines: list[str],
          code: str) -> bool:
    old = dict(zip(kpi_keys([k.name for k in ini.kpis]), ini.kpis, strict=True))
    keep: list[Kpi] = []
    changed = False
    for i, (key, kd) in enumerate(zip(kpi_keys([k["name"] for k in specs]), specs, strict=True)):
        kpi = old.pop(key, None) or Kpi(name=kd["name"])
        as_of = date.fromisoformat(kd["baseline_as_of"]) if kd.get("baseline_as_of") else None
        new = (kd.get("unit", ""), kd.get("direction", "up"), kd.get("baseline"), as_of,
               kd.get("baseline_as_of_fy"), kd.get("target"), kd.get("target_fy"), by_mark.get(kd.get("goal") or ""), i)
        old_values = (kpi.unit, kpi.direction, kpi.baseline, kpi.baseline_as_of, kpi.baseline_as_of_fy, kpi.target,
                      kpi.target_fy, kpi.goal, kpi.position)
        changed |= old_values != new
        (kpi.unit, kpi.direction, kpi.baseline, kpi.baseline_as_of, kpi.baseline_as_of_fy, kpi.target,
         kpi.target_fy, kpi.goal, kpi.position) = new
        keep.append(kpi)
    for kpi in old.values():
        used = s.scalar(select(func.count()).select_from(KpiActual).where(KpiActual.kpi_id == kpi.id))
        if used:
            kpi.position = len(keep)
            keep.append(kpi)
            lines.append(f"{code} の指標「{kpi.name}」はファイルにありませんが、"
                         f"実績が {used} 件入力されているため残しました")
        else:
            changed = True
            lines.append(f"{code} の指標「{kpi.name}」を削除（ファイルにない）")
    ini.kpis = keep
    return changed


def _steps(s: Any, ini: Initiative, specs: list[dict[str, Any]], by_mark: dict[str, Goal], lines: list[str],
           code: str) -> bool:
    old = dict(zip(kpi_keys([st.label for st in ini.steps]), ini.steps, strict=True))
    keep: list[RoadmapStep] = []
    changed = False
    for i, (key, sd) in enumerate(zip(kpi_keys([x["label"] for x in specs]), specs, strict=True)):
        step = old.pop(key, None) or RoadmapStep(label=sd["label"], start_fy=sd["start_fy"], end_fy=sd["end_fy"])
        new = (sd["start_fy"], sd.get("start_quarter"), sd.get("start_month"), sd["end_fy"], sd.get("end_quarter"),
               sd.get("end_month"), sd.get("kind", "one-off"), bool(sd.get("inferred")), i)
        old_values = (step.start_fy, step.start_quarter, step.start_month, step.end_fy, step.end_quarter,
                      step.end_month, step.kind, step.inferred, step.position)
        changed |= old_values != new
        (step.start_fy, step.start_quarter, step.start_month, step.end_fy, step.end_quarter, step.end_month,
         step.kind, step.inferred, step.position) = new
        step.goal_links = [RoadmapStepGoal(goal=by_mark[m]) for m in dict.fromkeys(sd.get("goals", []))
                           if m in by_mark]
        keep.append(step)
    for step in old.values():
        used = s.scalar(select(func.count()).select_from(StepProgress).where(StepProgress.step_id == step.id))
        if used:
            step.position = len(keep)
            keep.append(step)
            lines.append(f"{code} の工程「{_short(step.label)}」はファイルにありませんが、"
                         f"状況が {used} 件入力されているため残しました")
        else:
            changed = True
            lines.append(f"{code} の工程「{_short(step.label)}」を削除（ファイルにない）")
    ini.steps = keep
    return changed
