"""Turning the rows of a plan workbook into a plan spec, checking every cell.

Problems name the sheet and cell (A12 …) and say what to write instead; references
between sheets (a group's parent, an initiative's group and departments, a KPI's goal
mark) are checked here and in workbook/tree.py so that a problem points at the row that
has it. The result is in the sample-plan format 2 (nested groups, core/plan/samples.py)
plus, per row, its ID, ``retired`` flag and row number; the finished spec is also run
through samples.validate_plan_data, the check every plan passes.
"""

from __future__ import annotations

import re
from typing import Any

from planDesk.core.domain import codes
from planDesk.core.domain.workflow import STEP_KIND_LABELS
from planDesk.core.plan.samples import PlanFileError, validate_plan_data
from planDesk.core.plan.workbook.cells import Cells, Rows
from planDesk.core.plan.workbook.layout import (
    DIRECTION_LABELS,
    FIRST_LEVEL_ROW,
    INITIATIVE_SHEET,
    MAX_DEPTH,
    NUMBERING_LABELS,
    PLAN_FIELDS,
    PLAN_FIELDS_V1,
    PSEUDO_LABELS,
    SHEET_BY_NAME,
    SHEET_BY_NAME_V1,
    level_field,
)
from planDesk.core.plan.workbook.refs import ref_key
from planDesk.core.plan.workbook.tree import GroupTree, Place, read_groups, read_groups_v1, written_code
from planDesk.core.xlsx.cells import Problem

_PSEUDO = {label: key for key, label in PSEUDO_LABELS.items()} | {"all": "all", "relevant": "relevant"}
_DIRECTION = {label: key for key, label in DIRECTION_LABELS.items()} | {"up": "up", "down": "down", "": "up"}
_KIND = {label: key for key, label in STEP_KIND_LABELS.items()} | {k: k for k in STEP_KIND_LABELS} | {"": "one-off"}
_NUMBERING = {label: key for key, label in NUMBERING_LABELS.items()} | {
    "maru": "maru", "serial": "serial", "hyphen": "hyphen", "①-1-1": "maru", "01": "serial", "1": "serial",
    "1-1": "hyphen", "1-1-1": "hyphen"}
_NUMBERING_HELP = ("番号の形式は ①－１－１、01、1-1-1 のどれかにしてください"
                   "（計画書どおりのコードは「コード（表記）」に書けます）。")


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\n", "、").replace("，", "、").split("、") if p.strip()]


def check_spec(settings: dict[str, Any], labels: list[tuple[int, Any]], sheets: dict[str, Rows],
               problems: list[Problem]) -> dict[str, Any]:
    """The plan spec of a version 2 workbook; ``labels`` are the values of the 第n階層の名前
    rows (row, value). Problems are appended (the spec is only valid without any)."""
    plan = _plan(settings, PLAN_FIELDS, problems)
    group_labels: list[str] = []
    for depth, (r, value) in enumerate(labels, start=1):
        c = Cells("計画", r, [value], problems, keys=["label"], first_col=2)
        label = c.text("label", required=True, label=level_field(depth), limit=40)
        if label in group_labels:
            same = level_field(group_labels.index(label) + 1)
            c.fail("label", f"{level_field(depth)}「{label}」が{same}と同じです。")
        group_labels.append(label)
    if not labels:
        problems.append(Problem("計画", f"A{FIRST_LEVEL_ROW}", f"「{level_field(1)}」の行がありません。"
                                "グループの階層ごとに 1 行ずつ、名前を書いてください。"))
    if len(labels) > MAX_DEPTH:
        problems.append(Problem("計画", f"A{FIRST_LEVEL_ROW + MAX_DEPTH}",
                                f"グループの階層は {MAX_DEPTH} つまでです。"))
    initiative_label = plan.pop("initiative_label")
    if initiative_label in group_labels:
        row = FIRST_LEVEL_ROW - 1
        problems.append(Problem("計画", f"B{row}", f"取組の階層の名前「{initiative_label}」が"
                                f"{level_field(group_labels.index(initiative_label) + 1)}と同じです。"))
    plan["level_labels"] = [*group_labels, initiative_label]
    data = _common(plan, sheets, SHEET_BY_NAME, problems)
    tree, place = read_groups(sheets["グループ"], group_labels, plan["numbering"], problems)
    return _finish(data, tree, place, sheets, SHEET_BY_NAME, problems)


def check_spec_v1(settings: dict[str, Any], sheets: dict[str, Rows], problems: list[Problem]) -> dict[str, Any]:
    """The plan spec of a version 1 workbook (基本方針 / 推進事項 as depth 1 and 2)."""
    plan = _plan(settings, PLAN_FIELDS_V1, problems)
    plan["level_labels"] = [plan.pop("level1"), plan.pop("level2"), plan.pop("level3")]
    data = _common(plan, sheets, SHEET_BY_NAME_V1, problems)
    tree, place = read_groups_v1(sheets, plan["numbering"], problems)
    return _finish(data, tree, place, sheets, SHEET_BY_NAME_V1, problems)


def _common(plan: dict[str, Any], sheets: dict[str, Rows], specs: Any, problems: list[Problem]) -> dict[str, Any]:
    data: dict[str, Any] = {"format": 2, "plan": plan, "departments": [], "groups": [], "glossary": [],
                            "priorities": []}
    for r, values in sheets["進捗評価"]:
        c = Cells("進捗評価", r, values, problems)
        plan["evaluation_scale"].append({"code": c.text("code", required=True, label="記号"),
                                         "label": c.text("label", required=True, label="名前")})
    for r, values in sheets["方向性"]:
        plan["directions"].append(Cells("方向性", r, values, problems).text("label", required=True))
    dept_names: set[str] = set()
    for r, values in sheets["部署"]:
        c = Cells("部署", r, values, problems)
        dname = c.text("name", required=True, label="部署名")
        pseudo = _PSEUDO.get(c.text("pseudo"), "?") if c.text("pseudo") else None
        if pseudo == "?":
            c.fail("pseudo", "区分は空欄（部署）、全部署、関係部署 のどれかにしてください。")
        if dname in dept_names:
            c.fail("name", f"部署「{dname}」が重複しています。")
        dept_names.add(dname)
        entry: dict[str, Any] = {"name": dname, "retired": c.flag("retired")}
        if pseudo and pseudo != "?":
            entry["pseudo"] = pseudo
        data["departments"].append(entry)
    return data


def _finish(data: dict[str, Any], tree: GroupTree, place: Place, sheets: dict[str, Rows], specs: Any,
            problems: list[Problem]) -> dict[str, Any]:
    data["groups"] = tree.top
    dept_names = {d["name"] for d in data["departments"]}
    keys = [k for k, _h, _w in specs[INITIATIVE_SHEET].columns]
    refs = _initiatives(sheets[INITIATIVE_SHEET], keys, data["plan"], place, dept_names, problems)
    _details(sheets, refs, problems)
    for r, values in sheets["用語解説"]:
        c = Cells("用語解説", r, values, problems)
        data["glossary"].append({"index": c.text("index"), "term": c.text("term", required=True, label="用語"),
                                 "text": c.text("text", required=True, label="説明")})
    for r, values in sheets["重点取組"]:
        c = Cells("重点取組", r, values, problems)
        data["priorities"].append({"title": c.text("title", required=True, label="題名"),
                                   "text": c.text("text", required=True, label="説明")})
    if not problems:
        try:
            validate_plan_data(data, "計画ブック")
        except PlanFileError as exc:
            problems.append(Problem("", "", exc.message))
    return data


def _plan(settings: dict[str, Any], fields: tuple[tuple[str, str], ...], problems: list[Problem]) -> dict[str, Any]:
    rows = {k: i + 2 for i, (k, _label) in enumerate(fields)}
    label = dict(fields)

    def cell(key: str) -> Cells:  # the value of a setting is in column B of its row
        return Cells("計画", rows[key], [settings.get(key)], problems, keys=[key], first_col=2)

    required = ("key", "name", "municipality", "revision", *(k for k in rows if k.startswith("level")
                                                              or k == "initiative_label"))
    plan: dict[str, Any] = {k: cell(k).text(k, required=True, label=label[k]) for k in required}
    for k in ("vision", "purpose", "period_note"):
        plan[k] = cell(k).text(k)
    start = cell("start_fy").fy("start_fy", required=True, label="開始年度")
    end = cell("end_fy").fy("end_fy", required=True, label="終了年度")
    revision_fy = cell("revision_fy").fy("revision_fy", label="版の年度")
    numbering = _numbering(cell("numbering").text("numbering"))
    if numbering is None:
        problems.append(Problem("計画", f"B{rows['numbering']}", _NUMBERING_HELP))
    if start is not None and end is not None and end < start:
        problems.append(Problem("計画", f"B{rows['end_fy']}", "終了年度が開始年度より前です。"))
    plan.update(start_fy=start or 0, end_fy=end or 0, revision_fy=revision_fy or start or 0,
                numbering=numbering or "maru", evaluation_scale=[], directions=[])
    return plan


def _numbering(text: str) -> str | None:
    """The numbering style named by an example: ①－１－１, 01, 1-1-1 (or 1-8-3: any digits)."""
    key = ref_key(text) or "maru"
    if key in _NUMBERING:
        return _NUMBERING[key]
    if re.fullmatch(r"\d+(-\d+){1,3}", key):
        return "hyphen"
    return None


def _initiative(c: Cells, r: int, dept_names: set[str], uids: set[str], n: int) -> dict[str, Any]:
    uid = c.text("id")
    written = written_code(c)
    number = c.integer("number", required=not written, lo=1, hi=9999)
    if number is None and written and not c.problems_at("number"):
        number = codes.last_number(written) or n + 1  # 1-8-3 → 3; ア → 1
    title = c.text("title", required=True, label="名前")
    depts = _split(c.text("departments"))
    if not depts:
        c.fail("departments", "担当部署を書いてください（複数は「、」で区切ります）。")
    for d in depts:
        if d not in dept_names:
            c.fail("departments", f"部署「{d}」が「部署」シートにありません。")
    if len(set(depts)) != len(depts):
        c.fail("departments", "担当部署が重複しています。")
    if uid:
        if len(uid) > 36:
            c.fail("id", "ID が長すぎます。planDesk が書いた ID を変えないでください。")
        if uid in uids:
            c.fail("id", f"ID「{uid}」が重複しています（行をコピーしたときは ID を空欄にしてください）。")
        uids.add(uid)
    ini: dict[str, Any] = {
        "number": number, "title": title, "departments": depts, "departments_more": c.flag("departments_more"),
        "priority": c.flag("priority"), "overview": c.text("overview"), "status": c.text("status"),
        "status_heading": c.text("status_heading") or "取組状況", "retired": c.flag("retired"),
        "goals": [], "kpis": [], "roadmap": [], "_row": r,
    }
    new_fy = c.fy("new_in_fy", label="新規の年度")
    if new_fy is not None:
        ini["new_in_fy"] = new_fy
    if uid:
        ini["uid"] = uid
    if written:
        ini["code"] = written
    return ini


Refs = tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]


def _initiatives(rows: Rows, keys: list[str], plan: dict[str, Any], place: Place, dept_names: set[str],
                 problems: list[Problem]) -> Refs:
    """The initiatives, placed in their groups; returns how goals, KPIs and steps may name
    them: by ID or displayed code first, then by other spellings (1-1-1 for ①－１－１, the
    path of numbers, a serial number), which may be another initiative's written code."""
    named: dict[str, dict[str, Any]] = {}
    aliases: dict[str, dict[str, Any]] = {}
    uids: set[str] = set()
    shown_codes: set[str] = set()
    for n, (r, values) in enumerate(rows):
        c = Cells(INITIATIVE_SHEET, r, values, problems, keys=keys)
        ini = _initiative(c, r, dept_names, uids, n)
        place(c, ini)
        if "_path" not in ini or ini["number"] is None:
            if ini.get("uid"):  # its goals, KPIs and steps are not reported missing as well
                named.setdefault(ini["uid"], ini)
            continue
        numbers = [*ini.pop("_path"), ini["number"]]
        computed = codes.initiative_code_of(plan["numbering"], numbers)
        if ini.get("code") == computed:
            del ini["code"]  # the same as computed: nothing to keep
        ident = codes.shown(ini.get("code"), computed)  # as displayed
        if ref_key(ident) in shown_codes:
            what = "コード（表記）" if ini.get("code") else "番号"
            c.fail("code" if ini.get("code") else "number", f"{what}が他の取組と重複しています。")
        shown_codes.add(ref_key(ident))
        for k in (ini.get("uid"), ref_key(ident)):
            if k:
                named.setdefault(k, ini)
        others = {"-".join(map(str, numbers)), ref_key(computed)}
        if plan["numbering"] == "serial":
            others |= {str(ini["number"]), f"{ini['number']:02d}"}
        for k in others:
            aliases.setdefault(k, ini)
    return named, aliases


def _target(c: Cells, refs: Refs) -> dict[str, Any] | None:
    key = c.text("initiative") or ref_key(c.text("code"))
    if not key:
        c.fail("initiative", "取組ID（または取組コード）を書いてください。")
        return None
    named, aliases = refs
    ini = named.get(key) or named.get(ref_key(key)) or aliases.get(key) or aliases.get(ref_key(key))
    if ini is None:
        c.fail("initiative", f"取組「{key}」が「取組事項」シートにありません。")
    return ini


def _details(sheets: dict[str, Rows], refs: Refs, problems: list[Problem]) -> None:
    for r, values in sheets["目標"]:
        c = Cells("目標", r, values, problems)
        ini = _target(c, refs)
        goal: dict[str, Any] = {"mark": c.text("mark", required=True, label="記号"),
                                "text": c.text("text", required=True, label="目標")}
        start, end = c.fy("start_fy", label="目標年度"), c.fy("end_fy", label="目標年度")
        if start is not None:
            goal["target_start_fy"] = start
        if end is not None:
            goal["target_end_fy"] = end
        if start is not None and end is not None and end < start:
            c.fail("end_fy", "目標年度の終わりが始まりより前です。")
        if ini is not None:
            ini["goals"].append(goal)
    for r, values in sheets["指標"]:
        c = Cells("指標", r, values, problems)
        ini = _target(c, refs)
        direction = _DIRECTION.get(c.text("direction"))
        if direction is None:
            c.fail("direction", "方向は「上昇」（増えるほどよい）か「低下」（減るほどよい）にしてください。")
        kpi: dict[str, Any] = {"name": c.text("name", required=True, label="指標名"), "unit": c.text("unit"),
                               "direction": direction or "up"}
        for key, label in (("baseline", "基準値"), ("target", "目標値")):
            value = c.number(key, label)
            if value is not None:
                kpi[key] = value
        as_of = c.day("baseline_as_of", "基準日")
        if as_of is not None:
            kpi["baseline_as_of"] = as_of.isoformat()
        for key, label in (("baseline_as_of_fy", "基準年度"), ("target_fy", "目標年度")):
            fy = c.fy(key, label=label)
            if fy is not None:
                kpi[key] = fy
        mark = c.text("goal")
        if mark:
            kpi["goal"] = mark
        if ini is not None:
            if mark and mark not in {g["mark"] for g in ini["goals"]}:
                c.fail("goal", f"目標「{mark}」がこの取組の目標にありません。")
            ini["kpis"].append(kpi)
    for r, values in sheets["工程表"]:
        c = Cells("工程表", r, values, problems)
        ini = _target(c, refs)
        kind = _KIND.get(c.text("kind"))
        if kind is None:
            c.fail("kind", "区分は 単発・継続・節目 のどれかにしてください。")
        step: dict[str, Any] = {"label": c.text("label", required=True, label="工程"), "kind": kind or "one-off",
                                "inferred": c.flag("inferred"), "goals": _split(c.text("goals"))}
        step["start_fy"] = c.fy("start_fy", required=True, label="開始年度") or 0
        step["end_fy"] = c.fy("end_fy", required=True, label="終了年度") or 0
        if step["start_fy"] and step["end_fy"] and step["end_fy"] < step["start_fy"]:
            c.fail("end_fy", "終了年度が開始年度より前です。")
        for key, hi in (("start_quarter", 4), ("end_quarter", 4), ("start_month", 12), ("end_month", 12)):
            value = c.integer(key, lo=1, hi=hi, label="四半期" if "quarter" in key else "月")
            if value is not None:
                step[key] = value
        if ini is not None:
            marks = {g["mark"] for g in ini["goals"]}
            for m in step["goals"]:
                if m not in marks:
                    c.fail("goals", f"目標「{m}」がこの取組の目標にありません。")
            ini["roadmap"].append(step)
