"""Updating the current revision of a plan in place from a plan spec (import-plan).

Every change is written to ``lines`` in Japanese (renamed, renumbered, moved, retired,
added …) so that nothing is carried over or dropped silently; each changed initiative
gets an audit entry with before and after. Groups and initiatives are matched to the
database's by workbook/match.py; groups and initiatives the file does not have are
retired, never deleted.
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
    PlanGroup,
    PlanLevel,
    PriorityNote,
    ProgressReport,
    RoadmapStep,
    RoadmapStepGoal,
    StepProgress,
)
from planDesk.core.persistence.store import WriteContext
from planDesk.core.plan.samples import child_positions
from planDesk.core.plan.workbook.match import group_rows, initiative_rows, match_groups, match_rows_without_id

_PLAN_ATTRS = (("name", "計画名"), ("municipality", "自治体名"), ("vision", "基本理念"), ("purpose", "策定の目的"),
               ("period_note", "計画期間の説明"), ("start_fy", "開始年度"), ("end_fy", "終了年度"),
               ("revision", "版"), ("revision_fy", "版の年度"), ("numbering", "番号の形式"))
_INI_ATTRS = ("title", "number", "code", "priority", "new_in_fy", "overview", "status_text", "status_heading",
              "departments_more", "retired")
Spec = dict[str, Any]


def _short(value: Any) -> str:
    text = str(value if value is not None else "")
    return text if len(text) <= 40 else text[:40] + "…"


class _Before:
    """The plan's groups and initiative codes as they were before the update (codes in the
    numbering style of then)."""

    def __init__(self, s: Any, plan: Plan) -> None:
        self.groups = list(s.scalars(select(PlanGroup).where(PlanGroup.plan_id == plan.id)
                                     .order_by(PlanGroup.depth, PlanGroup.position, PlanGroup.id)))
        by_id = {g.id: g for g in self.groups}
        numbers: dict[int, tuple[int, ...]] = {}
        for g in self.groups:  # by depth: a parent's numbers are known before its children's
            numbers[g.id] = (*numbers.get(g.parent_id, ()), g.number) if g.parent_id in by_id else (g.number,)
        self.group_codes = {g.id: codes.shown(g.code, codes.group_code(plan.numbering, numbers[g.id]))
                            for g in self.groups}
        self.parent_ids = {g.id: g.parent_id for g in self.groups}
        rows = s.execute(select(Initiative.uid, Initiative.number, Initiative.group_id, Initiative.code)
                         .join(PlanGroup, Initiative.group_id == PlanGroup.id).where(PlanGroup.plan_id == plan.id))
        self.initiative_codes = {
            uid: codes.shown(written, codes.initiative_code_of(plan.numbering, (*numbers[group_id], n)))
            for uid, n, group_id, written in rows}


def update_plan(ctx: WriteContext, plan_id: int, data: dict[str, Any], lines: list[str], *,
                use_group_ids: bool = True) -> None:
    """Update the plan to the spec ``data`` (workbook/check.py). ``use_group_ids``: the file's
    group IDs are this database's (not a department's copy of another one)."""
    s = ctx.session
    plan = s.get(Plan, plan_id, options=[selectinload(Plan.departments), selectinload(Plan.evaluation_grades),
                                         selectinload(Plan.direction_choices), selectinload(Plan.glossary),
                                         selectinload(Plan.priority_notes), selectinload(Plan.levels)])
    assert plan is not None
    p = data["plan"]
    before = _Before(s, plan)
    groups = match_groups(p["numbering"], data["groups"], before.groups, before.group_codes,
                          use_ids=use_group_ids, lines=lines)
    for attr, label in _PLAN_ATTRS:
        if getattr(plan, attr) != p[attr]:
            lines.append(f"計画の{label}：「{_short(getattr(plan, attr))}」→「{_short(p[attr])}」")
            setattr(plan, attr, p[attr])
    _labels(plan, p["level_labels"], lines)
    _lists(plan, p, lines)
    departments = _departments(s, plan, data["departments"], lines)
    rows = _groups(s, plan, data["groups"], groups, before, lines)
    _drop_unused_levels(s, plan, len(p["level_labels"]) - 1, lines)
    _initiatives(ctx, plan, data, rows, departments, before.initiative_codes, lines)
    plan.glossary = [GlossaryTerm(position=i, index_label=g.get("index", ""), term=g["term"], text=g["text"])
                     for i, g in enumerate(data["glossary"])]
    plan.priority_notes = [PriorityNote(position=i, title=n["title"], text=n["text"])
                           for i, n in enumerate(data["priorities"])]
    s.flush()


def _labels(plan: Plan, labels: list[str], lines: list[str]) -> None:
    """The label of every group depth, then the initiatives' label."""
    *group_labels, initiative_label = labels
    by_depth = {level.depth: level for level in plan.levels}
    for depth, label in enumerate(group_labels, start=1):
        level = by_depth.get(depth)
        if level is None:
            plan.levels.append(PlanLevel(depth=depth, label=label))
            lines.append(f"第{depth}階層を追加：{label}")
        elif level.label != label:
            lines.append(f"第{depth}階層の名前：「{level.label}」→「{label}」")
            level.label = label
    if plan.initiative_label != initiative_label:
        lines.append(f"取組の階層の名前：「{plan.initiative_label}」→「{initiative_label}」")
        plan.initiative_label = initiative_label


def _drop_unused_levels(s: Any, plan: Plan, depth: int, lines: list[str]) -> None:
    """Levels deeper than the file's: dropped when no group (a retired one either) is at them."""
    s.flush()
    deepest = s.scalar(select(func.max(PlanGroup.depth)).where(PlanGroup.plan_id == plan.id)) or 0
    keep = max(depth, deepest)
    for level in [lv for lv in plan.levels if lv.depth > keep]:
        plan.levels.remove(level)
        lines.append(f"第{level.depth}階層「{level.label}」を削除（グループがない）")
    for level in plan.levels:
        if level.depth > depth:
            lines.append(f"第{level.depth}階層「{level.label}」は、廃止したグループが残っているため残しました")


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


def _label(plan: Plan, depth: int) -> str:
    labels = plan.group_labels
    return labels[depth - 1] if depth <= len(labels) else "グループ"


def _groups(s: Any, plan: Plan, specs: list[Spec], matched: dict[int, PlanGroup], before: _Before,
            lines: list[str]) -> dict[int, PlanGroup]:
    """Create, update, move and retire groups to the file's tree; returns the row of each
    group spec, keyed by ``id(spec)``."""
    rows: dict[int, PlanGroup] = {}
    positions = _positions(plan, specs)
    new_codes: dict[int, str] = {}
    for g, parent_spec, numbers, code in group_rows(plan.numbering, specs):
        new_codes[id(g)] = code
        parent = rows[id(parent_spec)] if parent_spec is not None else None
        depth, label = len(numbers), _label(plan, len(numbers))
        position = positions[id(g)]
        # None: the workbook has no スローガン column (an earlier layout): keep the slogan
        slogan = None if "slogan" in g and g["slogan"] is None else (g.get("slogan") or "")
        row = matched.get(id(g))
        if row is None:
            row = PlanGroup(plan_id=plan.id, parent=parent, depth=depth, number=g["number"], title=g["title"],
                            code=g.get("code") or None, slogan=slogan or "", position=position,
                            retired=bool(g.get("retired")))
            s.add(row)
            lines.append(f"{label}を追加：{code} {g['title']}")
            rows[id(g)] = row
            continue
        old_code = before.group_codes.get(row.id, "")
        if old_code != code:
            lines.append(f"{label}の番号の変更：{old_code} → {code}「{g['title']}」")
        if before.parent_ids.get(row.id) != (parent.id if parent is not None else None):
            old_parent = before.group_codes.get(before.parent_ids.get(row.id) or -1, "最上位")
            new_parent = new_codes[id(parent_spec)] if parent_spec is not None else "最上位"
            lines.append(f"{label} {code}「{g['title']}」を移動：{old_parent} の下 → {new_parent} の下")
        if row.title != g["title"]:
            lines.append(f"{label} {code} の名前：「{row.title}」→「{g['title']}」")
        if slogan is not None and (row.slogan or "") != slogan:
            old_slogan, new_slogan = (_short(t.replace("\n", " ")) for t in (row.slogan or "", slogan))
            lines.append(f"{label} {code} のスローガン：「{old_slogan}」→「{new_slogan}」")
        if row.retired != bool(g.get("retired")):
            lines.append(f"{label} {code}「{g['title']}」を{'廃止' if g.get('retired') else '再開'}")
        was = _group_state(row)
        row.parent, row.depth, row.number, row.title = parent, depth, g["number"], g["title"]
        row.code, row.position, row.retired = g.get("code") or None, position, bool(g.get("retired"))
        if slogan is not None:
            row.slogan = slogan
        if _group_state(row) != was:
            row.version += 1  # an editor still showing the old group is refused (plan/edit/nodes.py)
        rows[id(g)] = row
    kept = {row.id for row in matched.values()}
    for row in before.groups:
        if row.id not in kept and not row.retired:
            row.retired = True
            row.version += 1
            lines.append(f"{_label(plan, row.depth)} {before.group_codes[row.id]}「{row.title}」は"
                         "ファイルにないため廃止扱いにしました")
    s.flush()
    return rows


def _group_state(row: PlanGroup) -> tuple[Any, ...]:
    """What a group's version follows: not its position, which moves when a sibling comes or
    goes (the editor's moves do the same)."""
    return (row.parent, row.depth, row.number, row.title, row.code, row.retired, row.slogan)


def _snapshot(ini: Initiative) -> dict[str, Any]:
    return {a: getattr(ini, a) for a in _INI_ATTRS} | {"group_id": ini.group_id}


def _initiatives(ctx: WriteContext, plan: Plan, data: dict[str, Any], groups: dict[int, PlanGroup],
                 departments: dict[str, Department], old_codes: dict[str, str], lines: list[str]) -> None:
    s = ctx.session
    existing = {ini.uid: ini for ini in s.scalars(
        select(Initiative).join(PlanGroup, Initiative.group_id == PlanGroup.id).where(PlanGroup.plan_id == plan.id)
        .options(selectinload(Initiative.department_links), selectinload(Initiative.goals),
                 selectinload(Initiative.kpis), selectinload(Initiative.steps).selectinload(RoadmapStep.goal_links)))}
    reports = dict(s.execute(select(ProgressReport.initiative_id, func.count()).group_by(ProgressReport.initiative_id)
                             ).all())
    matched = match_rows_without_id(plan.numbering, data["groups"], existing, old_codes, lines)
    seen: set[str] = set()
    positions = _positions(plan, data["groups"])
    for d, group_spec, code in initiative_rows(plan.numbering, data["groups"]):
        group = groups[id(group_spec)]
        pos = positions[id(d)]
        ini = existing.get(d.get("uid", "")) or matched.get(id(d))
        if ini is None:
            ini = Initiative(uid=d.get("uid") or str(uuid.uuid4()), group=group, number=d["number"],
                             title=d["title"], position=pos, version=1)
            s.add(ini)
            before = None
            lines.append(f"{plan.initiative_label}を追加：{code} {d['title']}")
        else:
            before = _snapshot(ini)
            _report(lines, plan, ini, group, d, old_codes.get(ini.uid, ""), code, reports.get(ini.id, 0))
        seen.add(ini.uid)
        _fields(ini, group, pos, d)
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


def _positions(plan: Plan, specs: list[Spec]) -> dict[int, int]:
    """The position of every group and initiative row of the file among its parent's
    children, keyed by ``id(spec)``: the rule create_plan follows (``child_positions``)."""
    out = {id(g): i for i, g in enumerate(specs)}
    for g, _parent, _numbers, _code in group_rows(plan.numbering, specs):
        out.update(child_positions(g, plan.numbering))
    return out


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def _report(lines: list[str], plan: Plan, ini: Initiative, group: PlanGroup, d: dict[str, Any], old_code: str,
            code: str, n_reports: int) -> None:
    if old_code and old_code != code:
        moved = f"（{_label(plan, group.depth)}を移動）" if ini.group_id != group.id else ""
        lines.append(f"番号の変更：{old_code} → {code}「{d['title']}」{moved}")
    if ini.title != d["title"]:
        lines.append(f"名前の変更：{code}「{ini.title}」→「{d['title']}」")
    if ini.retired != bool(d.get("retired")):
        state = "廃止" if d.get("retired") else "再開"
        kept = f"（報告 {n_reports} 件は残っています）" if n_reports else ""
        lines.append(f"{state}：{code}「{d['title']}」{kept}")


def _fields(ini: Initiative, group: PlanGroup, pos: int, d: dict[str, Any]) -> None:
    ini.group, ini.position, ini.number, ini.title = group, pos, d["number"], d["title"]
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
    specs = d.get("goals", [])
    wanted = [(gd["mark"], gd["text"], gd.get("target_start_fy"), gd.get("target_end_fy", gd.get("target_start_fy")), i)
              for i, gd in enumerate(specs)]
    if wanted == [(g.mark, g.text, g.target_start_fy, g.target_end_fy, g.position) for g in ini.goals]:
        goals = list(ini.goals)  # as they are: the steps' links to them may stay (no flush per initiative)
    else:
        for step in ini.steps:  # links are rebuilt from the marks below
            step.goal_links = []
        s.flush()
        old_goals = dict(zip(kpi_keys([g.mark for g in ini.goals]), ini.goals, strict=True))
        goals = []
        for key, gd, new in zip(kpi_keys([x["mark"] for x in specs]), specs, wanted, strict=True):
            goal = old_goals.pop(key, None) or Goal(mark=gd["mark"], text=gd["text"])
            changed |= (goal.text, goal.target_start_fy, goal.target_end_fy, goal.position) != new[1:]
            goal.mark, (goal.text, goal.target_start_fy, goal.target_end_fy, goal.position) = gd["mark"], new[1:]
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
        marks = [m for m in dict.fromkeys(sd.get("goals", [])) if m in by_mark]
        linked = [link.goal_id for link in sorted(step.goal_links, key=lambda link: link.id or 0)]
        if step.id is None or linked != [by_mark[m].id for m in marks]:  # in the order the view reads them
            changed |= step.id is not None and bool(linked or marks)
            step.goal_links = [RoadmapStepGoal(goal=by_mark[m]) for m in marks]
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
