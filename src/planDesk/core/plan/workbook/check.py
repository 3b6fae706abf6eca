"""Turning the rows of a plan workbook into a plan spec, checking every cell.

Problems name the sheet and cell (A12 …) and say what to write instead; references
between sheets (an item's policy, an initiative's departments, a KPI's goal mark) are
checked here so that a problem points at the row that has it. The finished spec is also
run through sample_loader.validate_plan_data, the check every plan passes.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import jaconv
from openpyxl.utils import get_column_letter

from planDesk.core.domain import codes
from planDesk.core.domain.fiscal import FiscalYearError, parse_fy
from planDesk.core.domain.model import MAX_SLOGAN
from planDesk.core.domain.numbers import NumberInputError, parse_number
from planDesk.core.domain.workflow import STEP_KIND_LABELS
from planDesk.core.plan.samples import PlanFileError, validate_plan_data
from planDesk.core.plan.workbook.write import (
    DIRECTION_LABELS,
    NUMBERING_LABELS,
    PLAN_FIELDS,
    PSEUDO_LABELS,
    SHEET_BY_NAME,
)
from planDesk.core.xlsx.cells import MAX_CELL_TEXT, Problem, clean_text

Rows = list[tuple[int, list[Any]]]
_TRUE = {"○", "〇", "◯", "●", "1", "TRUE", "はい", "Y", "YES", "X", "✓"}
_FALSE = {"", "×", "✕", "0", "FALSE", "いいえ", "N", "NO", "-", "－"}
_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_PSEUDO = {label: key for key, label in PSEUDO_LABELS.items()} | {"all": "all", "relevant": "relevant"}
_DIRECTION = {label: key for key, label in DIRECTION_LABELS.items()} | {"up": "up", "down": "down", "": "up"}
_KIND = {label: key for key, label in STEP_KIND_LABELS.items()} | {k: k for k in STEP_KIND_LABELS} | {"": "one-off"}
_NUMBERING = {label: key for key, label in NUMBERING_LABELS.items()} | {
    "maru": "maru", "serial": "serial", "hyphen": "hyphen", "①-1-1": "maru", "01": "serial", "1": "serial",
    "1-1": "hyphen", "1-1-1": "hyphen"}
_NUMBERING_HELP = ("番号の形式は ①－１－１、01、1-1-1 のどれかにしてください"
                   "（計画書どおりのコードは「コード（表記）」に書けます）。")


class Cells:
    """Typed reading of one row's cells; problems name sheet and cell."""

    def __init__(self, sheet: str, row: int, values: list[Any], problems: list[Problem], *,
                 keys: list[str] | None = None, first_col: int = 1) -> None:
        self.sheet, self.row, self.values, self.problems = sheet, row, values, problems
        self.keys = keys if keys is not None else [k for k, _h, _w in SHEET_BY_NAME[sheet].columns]
        self.first_col = first_col

    def _ref(self, key: str) -> tuple[str, Any]:
        i = self.keys.index(key)
        return f"{get_column_letter(self.first_col + i)}{self.row}", self.values[i] if i < len(self.values) else None

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.sheet, self._ref(key)[0], message))

    def problems_at(self, key: str) -> bool:
        ref = self._ref(key)[0]
        return any(p.sheet == self.sheet and p.cell == ref for p in self.problems)

    def text(self, key: str, *, required: bool = False, label: str = "", limit: int = MAX_CELL_TEXT) -> str:
        _ref, value = self._ref(key)
        if value is None:
            value = ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = clean_text(str(value)).strip()
        if len(text) > limit:
            self.fail(key, f"{label or key}が長すぎます（{len(text):,} 文字、{limit:,} 文字まで）。")
            return ""
        if required and not text:
            self.fail(key, f"{label or '値'}を入力してください。")
        return text

    def integer(self, key: str, *, required: bool = False, lo: int = 0, hi: int = 10**6,
                label: str = "") -> int | None:
        _ref, value = self._ref(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(key, f"{label or '番号'}を入力してください。")
            return None
        try:
            number = parse_number(value if not isinstance(value, bool) else str(value), label or "番号")
        except NumberInputError as exc:
            self.fail(key, f"{exc}。")
            return None
        if number is None or not float(number).is_integer() or not lo <= number <= hi:
            self.fail(key, f"{label or '番号'}は {lo}〜{hi} の整数にしてください（「{value}」）。")
            return None
        return int(number)

    def number(self, key: str, label: str) -> float | None:
        _ref, value = self._ref(key)
        if value is None or isinstance(value, datetime | date):
            if value is not None:
                self.fail(key, f"{label}は数値で入力してください。")
            return None
        try:
            return parse_number(value if not isinstance(value, bool) else str(value), label)
        except NumberInputError as exc:
            self.fail(key, f"{exc}。")
            return None

    def fy(self, key: str, *, required: bool = False, label: str = "年度") -> int | None:
        _ref, value = self._ref(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(key, f"{label}を入力してください（例：2025、R7、令和7年度）。")
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
            value = str(int(value))
        try:
            return parse_fy(str(value))
        except FiscalYearError as exc:
            self.fail(key, f"{label}：{exc}。")
            return None

    def flag(self, key: str) -> bool:
        _ref, value = self._ref(key)
        text = jaconv.z2h(str(value if value is not None else "").strip(), kana=False, ascii=True,
                          digit=True).upper()
        if text in _TRUE:
            return True
        if text not in _FALSE:
            self.fail(key, f"「{value}」は ○ か空欄にしてください。")
        return False

    def day(self, key: str, label: str) -> date | None:
        _ref, value = self._ref(key)
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        m = _DATE_RE.match(jaconv.z2h(str(value).strip(), kana=False, ascii=True, digit=True))
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
        self.fail(key, f"{label}「{value}」は日付として読めません（例：2023/3/31）。")
        return None


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\n", "、").replace("，", "、").split("、") if p.strip()]


def _ref_key(text: str) -> str:
    return jaconv.z2h(text, kana=False, ascii=True, digit=True).replace("－", "-").replace("ー", "-").strip()


def check_spec(settings: dict[str, Any], sheets: dict[str, Rows], problems: list[Problem]) -> dict[str, Any]:
    """The plan spec of a workbook; problems are appended (the spec is only valid without any)."""
    plan = _plan(settings, problems)
    data: dict[str, Any] = {"format": 1, "plan": plan, "departments": [], "policies": [], "glossary": [],
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
    policies: dict[int, dict[str, Any]] = {}
    for r, values in sheets["基本方針"]:
        c = Cells("基本方針", r, values, problems)
        number = c.integer("number", required=True, lo=1, hi=999)
        title = c.text("title", required=True, label="名前")
        if number is not None:
            if number in policies:
                c.fail("number", f"基本方針の番号 {number} が重複しています。")
            policies[number] = {"number": number, "title": title, "retired": c.flag("retired"), "items": []}
            if slogan := c.text("slogan", label="スローガン", limit=MAX_SLOGAN):
                policies[number]["slogan"] = slogan
            if code := _code(c):
                policies[number]["code"] = code
    items: dict[tuple[int, int], dict[str, Any]] = {}
    for r, values in sheets["推進事項"]:
        c = Cells("推進事項", r, values, problems)
        pnum = c.integer("policy", required=True, lo=1, hi=999, label="基本方針の番号")
        number = c.integer("number", required=True, lo=1, hi=999)
        title = c.text("title", required=True, label="名前")
        if pnum is not None and pnum not in policies:
            c.fail("policy", f"基本方針 {pnum} が「基本方針」シートにありません。")
        elif pnum is not None and number is not None:
            if (pnum, number) in items:
                c.fail("number", f"推進事項 {pnum}-{number} が重複しています。")
            items[(pnum, number)] = {"number": number, "title": title, "retired": c.flag("retired"),
                                     "initiatives": []}
            if code := _code(c):
                items[(pnum, number)]["code"] = code
            policies[pnum]["items"].append(items[(pnum, number)])
    refs = _initiatives(sheets["取組事項"], plan, items, dept_names, problems)
    _details(sheets, refs, problems)
    for r, values in sheets["用語解説"]:
        c = Cells("用語解説", r, values, problems)
        data["glossary"].append({"index": c.text("index"), "term": c.text("term", required=True, label="用語"),
                                 "text": c.text("text", required=True, label="説明")})
    for r, values in sheets["重点取組"]:
        c = Cells("重点取組", r, values, problems)
        data["priorities"].append({"title": c.text("title", required=True, label="題名"),
                                   "text": c.text("text", required=True, label="説明")})
    data["policies"] = [policies[n] for n in policies]
    if not problems:
        try:
            validate_plan_data(data, "計画ブック")
        except PlanFileError as exc:
            problems.append(Problem("", "", exc.message))
    return data


def _plan(settings: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    rows = {k: i + 2 for i, (k, _label) in enumerate(PLAN_FIELDS)}
    label = dict(PLAN_FIELDS)

    def cell(key: str) -> Cells:  # the value of a setting is in column B of its row
        return Cells("計画", rows[key], [settings.get(key)], problems, keys=[key], first_col=2)

    plan: dict[str, Any] = {k: cell(k).text(k, required=True, label=label[k])
                            for k in ("key", "name", "municipality", "revision", "level1", "level2", "level3")}
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
                numbering=numbering or "maru",
                level_labels=[plan.pop("level1"), plan.pop("level2"), plan.pop("level3")],
                evaluation_scale=[], directions=[])
    return plan


def _numbering(text: str) -> str | None:
    """The numbering style named by an example: ①－１－１, 01, 1-1-1 (or 1-8-3: any digits)."""
    key = _ref_key(text) or "maru"
    if key in _NUMBERING:
        return _NUMBERING[key]
    if re.fullmatch(r"\d+(-\d+){1,2}", key):
        return "hyphen"
    return None


def _code(c: Cells) -> str:
    code = c.text("code")
    if len(code) > 40:
        c.fail("code", "コード（表記）は 40 文字までにしてください。")
        return ""
    return code


def _initiatives(rows: Rows, plan: dict[str, Any], items: dict[tuple[int, int], dict[str, Any]],
                 dept_names: set[str], problems: list[Problem]) -> dict[str, dict[str, Any]]:
    refs: dict[str, dict[str, Any]] = {}
    uids: set[str] = set()
    numbers: set[str] = set()
    for r, values in rows:
        c = Cells("取組事項", r, values, problems)
        uid = c.text("id")
        pnum = c.integer("policy", required=True, lo=1, hi=999, label="基本方針の番号")
        inum = c.integer("item", required=True, lo=1, hi=999, label="推進事項の番号")
        written = _code(c)
        number = c.integer("number", required=not written, lo=1, hi=9999)
        if number is None and written and not c.problems_at("number"):
            number = codes.last_number(written) or len(refs) + 1  # 1-8-3 → 3; ア → 1
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
        if written and number is not None and pnum is not None and inum is not None and \
                written != codes.initiative_code(plan["numbering"], pnum, inum, number):
            ini["code"] = written  # as the plan writes it (the same as computed: nothing to keep)
        if pnum is None or inum is None or number is None:
            continue
        if (pnum, inum) not in items:
            c.fail("item", f"推進事項 {pnum}-{inum} が「推進事項」シートにありません。")
            continue
        ident = ini.get("code") or codes.initiative_code(plan["numbering"], pnum, inum, number)  # as displayed
        if ident in numbers:
            what = "コード（表記）" if ini.get("code") else "番号"
            c.fail("code" if ini.get("code") else "number", f"{what}が他の取組と重複しています。")
        numbers.add(ident)
        items[(pnum, inum)]["initiatives"].append(ini)
        keys = {f"{pnum}-{inum}-{number}", _ref_key(codes.initiative_code(plan["numbering"], pnum, inum, number))}
        if ini.get("code"):
            keys.add(_ref_key(ini["code"]))
        if plan["numbering"] == "serial":
            keys |= {str(number), f"{number:02d}"}
        if uid:
            keys.add(uid)
        for k in keys:
            refs.setdefault(k, ini)
    return refs


def _target(c: Cells, refs: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    key = c.text("initiative") or _ref_key(c.text("code"))
    if not key:
        c.fail("initiative", "取組ID（または取組コード）を書いてください。")
        return None
    ini = refs.get(key) or refs.get(_ref_key(key))
    if ini is None:
        c.fail("initiative", f"取組「{key}」が「取組事項」シートにありません。")
    return ini


def _details(sheets: dict[str, Rows], refs: dict[str, dict[str, Any]], problems: list[Problem]) -> None:
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
