"""Loading a plan from the sample-plan TOML format (docs/sample-plan-format.md).

``read_plan_file`` parses and validates a file into a ``PlanSpec`` (plain dicts checked
field by field, every problem reported in Japanese with the file and the TOML path);
``create_plan`` writes a spec into the database inside a ``Store.write`` transaction.
"""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from planDesk import paths
from planDesk.core.domain import codes
from planDesk.core.domain.codes import NUMBERING_STYLES
from planDesk.core.domain.model import (
    MAX_DEPTH,
    MAX_SLOGAN,
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
    ProgressReport,
    ReportFigure,
    ReportingCycle,
    ReportResult,
    RoadmapStep,
    RoadmapStepGoal,
)
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import WriteContext, now

STEP_KINDS = ("one-off", "continuing", "milestone")
STEP_STATES = ("not_started", "in_progress", "done", "delayed")
REPORT_STATUSES = ("draft", "submitted", "confirmed")
_STATUS_ALIASES = {"下書き": "draft", "提出済": "submitted", "確認済": "confirmed"}


class PlanFileError(UserError):
    """A plan file is malformed; the message names the file and the field."""


def sample_names() -> list[str]:
    return sorted(p.stem for p in paths.samples_dir().glob("*.toml"))


def sample_path(name: str) -> Path:
    path = paths.samples_dir() / f"{name}.toml"
    if not path.is_file():
        raise PlanFileError(
            f"サンプル計画「{name}」はありません。",
            hint="使えるサンプル：" + "、".join([*sample_names(), "empty"]),
        )
    return path


@dataclass
class _Checker:
    """Reads typed fields from TOML tables, naming file and path in every error."""

    file: str

    def fail(self, where: str, what: str) -> PlanFileError:
        return PlanFileError(f"{self.file}：{where}：{what}")

    def table(self, data: Any, where: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(where, "表（テーブル）である必要があります")
        return data

    def tables(self, data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{where}.{key}", "表の配列である必要があります")
        return [self.table(v, f"{where}.{key}[{i + 1}]") for i, v in enumerate(value)]

    def text(self, data: dict[str, Any], key: str, where: str, *, required: bool = True,
             default: str = "") -> str:
        if key not in data:
            if required:
                raise self.fail(where, f"「{key}」がありません")
            return default
        value = data[key]
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", "文字列である必要があります")
        if required and not value.strip():
            raise self.fail(f"{where}.{key}", "空にできません")
        return value

    def integer(self, data: dict[str, Any], key: str, where: str, *, required: bool = True,
                lo: int | None = None, hi: int | None = None) -> int | None:
        if key not in data:
            if required:
                raise self.fail(where, f"「{key}」がありません")
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{where}.{key}", "整数である必要があります")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise self.fail(f"{where}.{key}", f"{value} は範囲外です（{lo}〜{hi}）")
        return value

    def number(self, data: dict[str, Any], key: str, where: str) -> float | None:
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{where}.{key}", "数値である必要があります（文字列やカンマは不可）")
        return float(value)

    def flag(self, data: dict[str, Any], key: str, where: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "true か false である必要があります")
        return value

    def choice(self, data: dict[str, Any], key: str, where: str, choices: tuple[str, ...],
               default: str) -> str:
        value = self.text(data, key, where, required=False, default=default)
        if value not in choices:
            raise self.fail(f"{where}.{key}", f"「{value}」は使えません（{'、'.join(choices)}）")
        return value

    def iso_date(self, data: dict[str, Any], key: str, where: str) -> date | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError as exc:
            raise self.fail(f"{where}.{key}", f"「{value}」は YYYY-MM-DD 形式の日付ではありません") from exc

    def strings(self, data: dict[str, Any], key: str, where: str) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}.{key}", "文字列の配列である必要があります")
        return list(value)


def read_plan_file(path: Path) -> dict[str, Any]:
    """Parse and validate a plan file; return its data. Raises PlanFileError in Japanese."""
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanFileError(f"{path}：読み込めません（{exc.strerror or exc}）") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PlanFileError(f"{name}：UTF-8 のテキストではありません") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PlanFileError(f"{name}：書式の誤り（{exc}）") from exc
    validate_plan_data(data, name)
    return data


def validate_plan_data(data: dict[str, Any], name: str) -> None:
    c = _Checker(name)
    fmt = data.get("format")
    if fmt not in (1, 2):
        raise c.fail("format", "この形式（format）には対応していません（1 か 2）")
    plan = c.table(data.get("plan"), "plan")
    for field in ("key", "name", "municipality", "revision"):
        c.text(plan, field, "plan")
    start = c.integer(plan, "start_fy", "plan", lo=1989, hi=2200)
    end = c.integer(plan, "end_fy", "plan", lo=1989, hi=2200)
    assert start is not None and end is not None
    if end < start:
        raise c.fail("plan.end_fy", "計画期間の終わりが始まりより前です")
    c.integer(plan, "revision_fy", "plan", lo=1989, hi=2200)
    labels = c.strings(plan, "level_labels", "plan")
    if not all(s.strip() for s in labels) or len(set(labels)) != len(labels) or any(len(s) > 40 for s in labels):
        raise c.fail("plan.level_labels", "階層の名前は空でなく、重複せず、40 文字以内にしてください")
    if fmt == 1 and len(labels) != 3:
        raise c.fail("plan.level_labels", "3 つの階層名が必要です（例：基本方針、推進事項、取組事項）")
    if not 2 <= len(labels) <= MAX_DEPTH + 1:
        raise c.fail("plan.level_labels",
                     f"階層の名前はグループの階層（1〜{MAX_DEPTH}）と取組の名前を上から順に並べてください"
                     "（例：分野、取組）")
    c.choice(plan, "numbering", "plan", NUMBERING_STYLES, "maru")
    scale = c.tables(plan, "evaluation_scale", "plan")  # may be empty: a plan without a scale
    grade_codes = [c.text(g, "code", f"plan.evaluation_scale[{i + 1}]") for i, g in enumerate(scale)]
    for g_i, g in enumerate(scale):
        c.text(g, "label", f"plan.evaluation_scale[{g_i + 1}]")
    if len(set(grade_codes)) != len(grade_codes):
        raise c.fail("plan.evaluation_scale", "評価の記号が重複しています")
    directions = c.strings(plan, "directions", "plan")
    if len(set(directions)) != len(directions):
        raise c.fail("plan.directions", "今後の方向性の選択肢が重複しています")

    dept_names: set[str] = set()
    for i, d in enumerate(c.tables(data, "departments", "")):
        where = f"departments[{i + 1}]"
        dname = c.text(d, "name", where)
        if dname in dept_names:
            raise c.fail(where, f"部署「{dname}」が重複しています")
        dept_names.add(dname)
        if "pseudo" in d:
            c.choice(d, "pseudo", where, ("all", "relevant"), "all")

    seen_numbers: set[str] = set()
    style = str(plan.get("numbering", "maru"))
    depth_labels = len(labels) - 1

    def group(g: dict[str, Any], where: str, depth: int, numbers: tuple[int, ...]) -> None:
        if depth > depth_labels:
            raise c.fail(where, f"第{depth}階層の名前が plan.level_labels にありません")
        c.text(g, "title", where)
        c.text(g, "slogan", where, required=False)
        if len(str(g.get("slogan") or "").strip()) > MAX_SLOGAN:
            raise c.fail(f"{where}.slogan", f"スローガンは {MAX_SLOGAN} 文字以内にしてください")
        c.flag(g, "retired", where)
        _written_code(c, g, where)
        num = c.integer(g, "number", where, lo=1, hi=999)
        assert num is not None
        nums = (*numbers, num)
        for i, sub in enumerate(c.tables(g, "groups", where)):
            group(sub, f"{where}.groups[{i + 1}]", depth + 1, nums)
        for ni, ini in enumerate(c.tables(g, "initiatives", where)):
            nw = f"{where}.initiatives[{ni + 1}]"
            _written_code(c, ini, nw)
            _validate_initiative(c, ini, nw, dept_names, set(grade_codes), start, end)
            n = c.integer(ini, "number", nw, lo=1, hi=9999)
            assert n is not None
            # Codes as displayed must differ (written ones too): for computed codes that is
            # the same as numbers differing (across the plan when serial, else per group).
            ident = ini.get("code") or codes.initiative_code_of(style, (*nums, n))
            if ident in seen_numbers:
                raise c.fail(nw, "番号が他の取組と重複しています")
            seen_numbers.add(ident)

    if fmt == 1:
        for pi, pol in enumerate(c.tables(data, "policies", "")):
            pw = f"policies[{pi + 1}]"
            for ii, item in enumerate(c.tables(pol, "items", pw)):
                c.table(item, f"{pw}.items[{ii + 1}]")
            for key in ("groups", "initiatives"):
                if key in pol:
                    raise c.fail(f"{pw}.{key}", "format 1 の基本方針には items だけを書きます（format 2 では groups）")
    for gi, g in enumerate(c.tables({"groups": tree_of(data)}, "groups", "")):
        group(g, f"policies[{gi + 1}]" if fmt == 1 else f"groups[{gi + 1}]", 1, ())
    for gi, g in enumerate(c.tables(data, "glossary", "")):
        c.text(g, "term", f"glossary[{gi + 1}]")
        c.text(g, "text", f"glossary[{gi + 1}]")
    for ri, p in enumerate(c.tables(data, "priorities", "")):
        c.text(p, "title", f"priorities[{ri + 1}]")
        c.text(p, "text", f"priorities[{ri + 1}]")


def _written_code(c: _Checker, data: dict[str, Any], where: str) -> None:
    """An optional ``code`` as the plan writes it (1-8-3, Ⅰ-2, ア …), at most 40 characters."""
    if len(c.text(data, "code", where, required=False)) > 40:
        raise c.fail(f"{where}.code", "コードは 40 文字までです")


def _validate_initiative(c: _Checker, ini: dict[str, Any], where: str, departments: set[str],
                         grades: set[str], start: int, end: int) -> None:
    c.text(ini, "title", where)
    depts = c.strings(ini, "departments", where)
    if not depts:
        raise c.fail(f"{where}.departments", "担当部署がありません")
    for d in depts:
        if d not in departments:
            raise c.fail(f"{where}.departments", f"部署「{d}」が departments にありません")
    if len(set(depts)) != len(depts):
        raise c.fail(f"{where}.departments", "担当部署が重複しています")
    c.flag(ini, "priority", where)
    c.flag(ini, "departments_more", where)
    c.integer(ini, "new_in_fy", where, required=False, lo=1989, hi=2200)
    for field in ("overview", "status", "status_heading"):
        c.text(ini, field, where, required=False)
    marks: set[str] = set()
    for gi, g in enumerate(c.tables(ini, "goals", where)):
        gw = f"{where}.goals[{gi + 1}]"
        marks.add(c.text(g, "mark", gw))
        c.text(g, "text", gw)
        t_start = c.integer(g, "target_start_fy", gw, required=False, lo=1989, hi=2200)
        t_end = c.integer(g, "target_end_fy", gw, required=False, lo=1989, hi=2200)
        if t_start is not None and t_end is not None and t_end < t_start:
            raise c.fail(gw, "目標年度の終わりが始まりより前です")
    for ki, k in enumerate(c.tables(ini, "kpis", where)):
        kw = f"{where}.kpis[{ki + 1}]"
        c.text(k, "name", kw)
        c.text(k, "unit", kw, required=False)
        c.choice(k, "direction", kw, ("up", "down"), "up")
        c.number(k, "baseline", kw)
        c.number(k, "target", kw)
        c.iso_date(k, "baseline_as_of", kw)
        c.integer(k, "baseline_as_of_fy", kw, required=False, lo=1989, hi=2200)
        c.integer(k, "target_fy", kw, required=False, lo=1989, hi=2200)
        goal = c.text(k, "goal", kw, required=False)
        if goal and goal not in marks:
            raise c.fail(f"{kw}.goal", f"目標「{goal}」がこの取組にありません")
    for si, s in enumerate(c.tables(ini, "roadmap", where)):
        sw = f"{where}.roadmap[{si + 1}]"
        c.text(s, "label", sw)
        sfy = c.integer(s, "start_fy", sw, lo=1989, hi=2200)
        efy = c.integer(s, "end_fy", sw, lo=1989, hi=2200)
        assert sfy is not None and efy is not None
        if efy < sfy:
            raise c.fail(sw, "工程の終わりが始まりより前です")
        for key in ("start_quarter", "end_quarter"):
            c.integer(s, key, sw, required=False, lo=1, hi=4)
        for key in ("start_month", "end_month"):
            c.integer(s, key, sw, required=False, lo=1, hi=12)
        c.choice(s, "kind", sw, STEP_KINDS, "one-off")
        c.flag(s, "inferred", sw)
        for mark in c.strings(s, "goals", sw):
            if mark not in marks:
                raise c.fail(f"{sw}.goals", f"目標「{mark}」がこの取組にありません")
    for ri, r in enumerate(c.tables(ini, "reports", where)):
        rw = f"{where}.reports[{ri + 1}]"
        c.integer(r, "fy", rw, lo=1989, hi=2200)
        c.integer(r, "half", rw, required=False, lo=0, hi=2)
        dept = c.text(r, "department", rw)
        if dept not in departments:
            raise c.fail(f"{rw}.department", f"部署「{dept}」が departments にありません")
        evaluation = c.text(r, "evaluation", rw, required=False)
        if evaluation and evaluation not in grades:
            raise c.fail(f"{rw}.evaluation", f"評価「{evaluation}」は評価の段階にありません")
        status = _STATUS_ALIASES.get(str(r.get("status", "draft")), r.get("status", "draft"))
        if status not in REPORT_STATUSES:
            raise c.fail(f"{rw}.status", f"状態「{r.get('status')}」は使えません")
        for key in ("activities", "issues", "direction", "next_steps"):
            c.text(r, key, rw, required=False)
        for xi, res in enumerate(c.tables(r, "results", rw)):
            xw = f"{rw}.results[{xi + 1}]"
            c.text(res, "heading", xw, required=False)
            c.text(res, "text", xw, required=False)
            for fi, f in enumerate(c.tables(res, "figures", xw)):
                fw = f"{xw}.figures[{fi + 1}]"
                if c.number(f, "value", fw) is None:
                    raise c.fail(fw, "「value」がありません")
                c.text(f, "label", fw, required=False)
                c.text(f, "unit", fw, required=False)


def create_plan(ctx: WriteContext, data: dict[str, Any]) -> Plan:
    """Write a validated plan spec into the database (inside the caller's transaction)."""
    s = ctx.session
    p = data["plan"]
    labels = p["level_labels"]
    plan = Plan(
        key=p["key"],
        name=p["name"],
        municipality=p["municipality"],
        vision=p.get("vision", ""),
        purpose=p.get("purpose", ""),
        period_note=p.get("period_note", ""),
        start_fy=p["start_fy"],
        end_fy=p["end_fy"],
        revision=p["revision"],
        revision_fy=p.get("revision_fy", p["start_fy"]),
        initiative_label=labels[-1],
        numbering=p.get("numbering", "maru"),
        is_current=True,
        created_at=now(),
    )
    plan.evaluation_grades = [
        EvaluationGrade(position=i, code=g["code"], label=g["label"])
        for i, g in enumerate(p["evaluation_scale"])
    ]
    plan.direction_choices = [
        DirectionChoice(position=i, label=label) for i, label in enumerate(p.get("directions", []))
    ]
    plan.glossary = [
        GlossaryTerm(position=i, index_label=g.get("index", ""), term=g["term"], text=g["text"])
        for i, g in enumerate(data.get("glossary", []))
    ]
    plan.priority_notes = [
        PriorityNote(position=i, title=n["title"], text=n["text"])
        for i, n in enumerate(data.get("priorities", []))
    ]
    departments = {
        d["name"]: Department(name=d["name"], pseudo=d.get("pseudo"), position=i)
        for i, d in enumerate(data.get("departments", []))
    }
    plan.departments = list(departments.values())
    s.add(plan)
    s.flush()
    plan.levels = [PlanLevel(depth=i + 1, label=label) for i, label in enumerate(labels[:-1])]
    cycles: dict[tuple[int, int], ReportingCycle] = {}
    style = plan.numbering  # a written code the same as the computed one is not kept

    def build(d: dict[str, Any], position: int, parent: PlanGroup | None, numbers: tuple[int, ...]) -> PlanGroup:
        nums = (*numbers, d["number"])
        group = PlanGroup(plan=plan, parent=parent, depth=len(nums), number=d["number"], title=d["title"],
                          position=position, retired=bool(d.get("retired", False)),
                          slogan=str(d.get("slogan") or "").strip(),
                          code=_own_code(d, codes.group_code(style, nums)))
        s.add(group)
        positions = child_positions(d, style)
        for sub in d.get("groups", []):
            build(sub, positions[id(sub)], group, nums)
        for ini_d in d.get("initiatives", []):
            ini = _build_initiative(s, plan, ini_d, positions[id(ini_d)], departments, cycles)
            ini.code = _own_code(ini_d, codes.initiative_code_of(style, (*nums, ini_d["number"])))
            group.initiatives.append(ini)
        return group

    for gi, group_d in enumerate(tree_of(data)):
        build(group_d, gi, None, ())
    s.flush()
    ctx.plan_id = plan.id
    ctx.audit("plan", plan.id, f"計画「{plan.name}」（{plan.revision}）を作成",
              after={"name": plan.name, "revision": plan.revision}, plan_id=plan.id)
    return plan


def child_positions(group: dict[str, Any], style: str) -> dict[int, int]:
    """The position of each child of a group spec (its ``groups`` and ``initiatives``),
    keyed by ``id(child)``: each list keeps its own order, and where a group holds both they
    are interleaved by number, since the two share one numbering (a group 1-2 between the
    initiatives 1-1 and 1-3 stays between them). Plans that number initiatives across the
    plan (serial) have no shared numbering: their groups come first."""
    groups: list[dict[str, Any]] = group.get("groups", [])
    inis: list[dict[str, Any]] = group.get("initiatives", [])
    order: list[dict[str, Any]] = []
    if style == "serial":
        order = [*groups, *inis]
    else:
        i = j = 0
        while i < len(groups) and j < len(inis):
            if inis[j]["number"] < groups[i]["number"]:
                order.append(inis[j])
                j += 1
            else:
                order.append(groups[i])
                i += 1
        order += groups[i:] + inis[j:]
    return {id(child): position for position, child in enumerate(order)}


def tree_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The top-level groups of plan data in format 2's shape (``groups`` holding ``groups``
    and/or ``initiatives``); format 1's ``policies`` → ``items`` → ``initiatives`` are two
    levels of groups."""
    if data.get("format") == 1 or "policies" in data:
        return [{**{k: v for k, v in pol.items() if k != "items"},
                 "groups": pol.get("items", []) if isinstance(pol, dict) else []}
                for pol in data.get("policies", []) if isinstance(pol, dict)]
    groups = data.get("groups", [])
    return groups if isinstance(groups, list) else []


def _own_code(d: dict[str, Any], computed: str) -> str | None:
    """The written code of a row, unless it is just the computed one."""
    written = d.get("code") or None
    return None if written == computed else written


def _build_initiative(s: Any, plan: Plan, d: dict[str, Any], position: int,
                      departments: dict[str, Department],
                      cycles: dict[tuple[int, int], ReportingCycle]) -> Initiative:
    ini = Initiative(
        uid=str(uuid.uuid4()),
        number=d["number"],
        title=d["title"],
        position=position,
        priority=d.get("priority", False),
        new_in_fy=d.get("new_in_fy"),
        overview=d.get("overview", ""),
        status_text=d.get("status", ""),
        status_heading=d.get("status_heading", "取組状況") or "取組状況",
        departments_more=d.get("departments_more", False),
    )
    ini.department_links = [
        InitiativeDepartment(department=departments[name], position=i)
        for i, name in enumerate(d["departments"])
    ]
    goals: dict[str, Goal] = {}
    for gi, g in enumerate(d.get("goals", [])):
        goal = Goal(position=gi, mark=g["mark"], text=g["text"],
                    target_start_fy=g.get("target_start_fy"),
                    target_end_fy=g.get("target_end_fy", g.get("target_start_fy")))
        ini.goals.append(goal)
        goals.setdefault(g["mark"], goal)
    for ki, k in enumerate(d.get("kpis", [])):
        kpi = Kpi(
            position=ki, name=k["name"], unit=k.get("unit", ""),
            direction=k.get("direction", "up"),
            baseline=_float(k.get("baseline")),
            baseline_as_of=_date(k.get("baseline_as_of")),
            baseline_as_of_fy=k.get("baseline_as_of_fy"),
            target=_float(k.get("target")), target_fy=k.get("target_fy"),
            goal=goals.get(k["goal"]) if k.get("goal") else None,
        )
        ini.kpis.append(kpi)
    for si, st in enumerate(d.get("roadmap", [])):
        step = RoadmapStep(
            position=si, label=st["label"], start_fy=st["start_fy"],
            start_quarter=st.get("start_quarter"), start_month=st.get("start_month"),
            end_fy=st["end_fy"], end_quarter=st.get("end_quarter"), end_month=st.get("end_month"),
            kind=st.get("kind", "one-off"), inferred=st.get("inferred", False),
        )
        step.goal_links = [RoadmapStepGoal(goal=goals[m]) for m in st.get("goals", [])]
        ini.steps.append(step)
    for r in d.get("reports", []):
        key = (r["fy"], r.get("half", 0))
        cycle = cycles.get(key)
        if cycle is None:
            cycle = ReportingCycle(fy=key[0], half=key[1], opened_at=now())
            plan.cycles.append(cycle)
            cycles[key] = cycle
        status = _STATUS_ALIASES.get(r.get("status", "draft"), r.get("status", "draft"))
        report = ProgressReport(
            department=departments[r["department"]], cycle=cycle,
            activities=r.get("activities", ""), evaluation_code=r.get("evaluation") or None,
            issues=r.get("issues", ""), direction=r.get("direction") or None,
            next_steps=r.get("next_steps", ""), status=status,
            updated_by="サンプル", updated_at=now(),
            submitted_at=now() if status != "draft" else None,
        )
        report.results = [
            ReportResult(
                position=xi, heading=res.get("heading", ""), text=res.get("text", ""),
                figures=[ReportFigure(position=fi, label=f.get("label", ""),
                                      value=float(f["value"]), unit=f.get("unit", ""))
                         for fi, f in enumerate(res.get("figures", []))],
            )
            for xi, res in enumerate(r.get("results", []))
        ]
        ini.reports.append(report)
    return ini


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
