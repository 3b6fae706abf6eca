"""Checking a read submission against the database: plan, revision, department, cycle, rows.

Turns the workbook's names (plan key, department name, initiative uid, KPI and step keys)
into this database's ids, and the typed values into their meaning (evaluation code, step
state, direction). A row of an initiative the department does not report on, an unknown
id, a value not on the plan's lists — each is a problem naming sheet and cell, and any
problem refuses the whole file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import jaconv
from sqlalchemy import select
from sqlalchemy.orm import Session

from planDesk.core.domain import codes
from planDesk.core.domain.fiscal import format_fy
from planDesk.core.domain.keys import FieldKey, kpi_keys, step_keys
from planDesk.core.domain.model import (
    Department,
    DirectionChoice,
    EvaluationGrade,
    Initiative,
    InitiativeDepartment,
    Kpi,
    Plan,
    PlanGroup,
    RoadmapStep,
)
from planDesk.core.domain.workflow import STEP_STATE_LABELS
from planDesk.core.plan.view import group_paths
from planDesk.core.reports.assignment import assigned
from planDesk.core.reports.ops import cycle_label
from planDesk.core.submissions.format import FIELD_LABELS, SHEET_COVER, SHEET_META, content_hash, identity_of
from planDesk.core.submissions.read import InputValue, ReadSubmission
from planDesk.core.xlsx.cells import Problem, SubmissionRefused

_STATE_BY_LABEL = {label: key for key, label in STEP_STATE_LABELS.items()}
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class FieldInput:
    """One input cell in this database's terms."""

    initiative_id: int
    field: str        # activities … next_steps, kpi:<kpi id>, step:<step id>
    label: str        # 実施状況, 指標「…」の実績値 …
    sheet: str
    cell: str
    base: Any
    theirs: Any
    base_version: int


@dataclass
class ResolvedSubmission:
    read: ReadSubmission
    plan_id: int
    plan_name: str
    department_id: int
    department: str
    fy: int
    half: int
    initiatives: dict[int, tuple[str, str]] = field(default_factory=dict)  # id → (code, title)
    fields: list[FieldInput] = field(default_factory=list)
    edited: bool = False
    values_digest: str = ""
    has_scale: bool = True  # the plan has an evaluation scale (else no evaluation is asked for)
    has_directions: bool = True  # … and 今後の方向性 choices

    @property
    def cycle_label(self) -> str:
        return cycle_label(self.fy, self.half)

    @property
    def name(self) -> str:
        return self.read.name


@dataclass
class _Ini:
    id: int
    uid: str
    code: str
    title: str
    retired: bool
    departments: list[tuple[int, str | None]] = field(default_factory=list)
    kpis: dict[str, tuple[int, str]] = field(default_factory=dict)   # key → (id, name)
    steps: dict[str, tuple[int, str]] = field(default_factory=dict)


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def _find_plan(session: Session, sub: ReadSubmission) -> Plan:
    meta = sub.meta
    plans = list(session.scalars(select(Plan).where(Plan.key == meta["plan_key"]).order_by(Plan.id)))
    name = meta.get("plan_name") or meta["plan_key"]
    if not plans:
        raise SubmissionRefused(sub.name, [Problem("", "", f"計画「{name}」はこのデータベースにありません。")],
                                hint="別の市町村・別の計画の提出ブックではないか確認してください。")
    current = [p for p in plans if p.is_current] or plans[-1:]
    for plan in current:
        if plan.revision == meta["plan_revision"]:
            return plan
    now_rev = current[0].revision
    raise SubmissionRefused(sub.name, [Problem("", "", (
        f"この提出ブックは計画の「{meta['plan_revision']}」用です。現在の計画は「{now_rev}」です"
        "（改定前の様式です）。"))],
        hint=f"「{now_rev}」の計画から出力し直した提出ブックに入力して送ってもらってください。"
             "このファイルからは何も取り込んでいません。")


def _load_initiatives(session: Session, plan: Plan, uids: list[str]) -> dict[str, _Ini]:
    found: dict[str, _Ini] = {}
    paths = group_paths(session, plan.id, plan.numbering)
    for chunk in _chunks(uids):
        rows = session.execute(
            select(Initiative.id, Initiative.uid, Initiative.number, Initiative.title, Initiative.retired,
                   Initiative.group_id, Initiative.code)
            .join(PlanGroup, Initiative.group_id == PlanGroup.id)
            .where(PlanGroup.plan_id == plan.id, Initiative.uid.in_(chunk))
        ).all()
        for ini_id, uid, number, title, retired, group_id, written in rows:
            code = codes.shown(written, codes.initiative_code_of(plan.numbering, (*paths[group_id][1], number)))
            found[uid] = _Ini(ini_id, uid, code, title, retired)
    by_id = {i.id: i for i in found.values()}
    ids = list(by_id)
    for chunk in _chunks(ids):
        for ini_id, dept_id, pseudo in session.execute(
            select(InitiativeDepartment.initiative_id, InitiativeDepartment.department_id, Department.pseudo)
            .join(Department, InitiativeDepartment.department_id == Department.id)
            .where(InitiativeDepartment.initiative_id.in_(chunk))
        ):
            by_id[ini_id].departments.append((dept_id, pseudo))
        kpis: dict[int, list[tuple[int, str]]] = {}
        for kpi_id, ini_id, name in session.execute(
            select(Kpi.id, Kpi.initiative_id, Kpi.name).where(Kpi.initiative_id.in_(chunk))
            .order_by(Kpi.initiative_id, Kpi.position, Kpi.id)
        ):
            kpis.setdefault(ini_id, []).append((kpi_id, name))
        for ini_id, items in kpis.items():
            keys = kpi_keys([n for _, n in items])
            by_id[ini_id].kpis = {k: item for k, item in zip(keys, items, strict=True)}
        steps: dict[int, list[tuple[int, str]]] = {}
        for step_id, ini_id, label in session.execute(
            select(RoadmapStep.id, RoadmapStep.initiative_id, RoadmapStep.label)
            .where(RoadmapStep.initiative_id.in_(chunk))
            .order_by(RoadmapStep.initiative_id, RoadmapStep.position, RoadmapStep.id)
        ):
            steps.setdefault(ini_id, []).append((step_id, label))
        for ini_id, items in steps.items():
            keys = step_keys([lab for _, lab in items])
            by_id[ini_id].steps = {k: item for k, item in zip(keys, items, strict=True)}
    return found


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _same_text(shown: str, expected: str) -> bool:
    """Equal after NFKC and trimming (the usual case, the very same text, without either)."""
    return shown == expected or _norm(shown) == _norm(expected)


def evaluation_code(raw: str, scale: list[tuple[str, str]]) -> str | None:
    """``A``, ``Ａ``, ``a``, ``A（順調）`` or ``順調`` → ``A``; None when not on the scale."""
    s = jaconv.z2h(_norm(raw), kana=False, ascii=True, digit=True)
    codes_ = {c: c for c, _ in scale}
    upper = {c.upper(): c for c, _ in scale}
    if s in codes_:
        return s
    if s.upper() in upper:
        return upper[s.upper()]
    for sep in ("(", ":", " ", "　"):
        head = s.split(sep, 1)[0].strip()
        if head != s and head.upper() in upper:
            return upper[head.upper()]
    for code, label in scale:
        if _norm(label) == s:
            return code
    return None


def resolve_submission(session: Session, sub: ReadSubmission) -> ResolvedSubmission:
    """Check ``sub`` against the database; raise SubmissionRefused listing every problem."""
    plan = _find_plan(session, sub)
    problems: list[Problem] = list(sub.problems)
    dept = session.scalars(select(Department).where(Department.plan_id == plan.id,
                                                    Department.name == sub.department)).first()
    if dept is None or dept.pseudo or dept.retired:
        why = "はこの計画にありません" if dept is None else (
            "は報告する部署ではありません" if dept.pseudo else "は廃止されています")
        raise SubmissionRefused(sub.name, [Problem("", "", f"部署「{sub.department}」{why}。")],
                                hint="識別情報が改ざんされていないか確認してください。")
    if not (plan.start_fy <= sub.fy <= plan.end_fy) or sub.half not in (0, 1, 2):
        raise SubmissionRefused(sub.name, [Problem("", "", (
            f"報告サイクル（{format_fy(sub.fy)}）が計画の期間"
            f"（{format_fy(plan.start_fy)}〜{format_fy(plan.end_fy)}）にありません。"))])
    if sub.meta.get("base_mode") not in ("current", "empty"):
        raise SubmissionRefused(sub.name, [Problem(SHEET_META, "", "識別情報（base_mode）が正しくありません。")])
    scale = [(c, lab) for c, lab in session.execute(
        select(EvaluationGrade.code, EvaluationGrade.label).where(EvaluationGrade.plan_id == plan.id)
        .order_by(EvaluationGrade.position))]
    directions = {_norm(d): d for d in session.scalars(
        select(DirectionChoice.label).where(DirectionChoice.plan_id == plan.id))}
    uids = sorted({v.uid for v in sub.values if v.sheet != SHEET_COVER})
    inis = _load_initiatives(session, plan, uids)
    word = plan.initiative_label  # the plan's own word for its items, in every message
    res = ResolvedSubmission(read=sub, plan_id=plan.id, plan_name=plan.name, department_id=dept.id,
                             department=dept.name, fy=sub.fy, half=sub.half,
                             has_scale=bool(scale), has_directions=bool(directions))
    hashed: list[tuple[str, str, Any]] = []
    seen: set[tuple[int, str]] = set()
    checked_rows: set[tuple[str, str]] = set()
    assigned_to: dict[int, bool] = {}  # initiative id → the department reports on it
    for v in sub.values:
        if v.sheet == SHEET_COVER:
            hashed.append((v.sheet, v.cell, v.raw))
            continue
        ini = inis.get(v.uid)
        if ini is None:
            problems.append(Problem(v.sheet, v.cell, f"この行の{word}（ID {v.uid[:8]}…）はこの計画にありません。"))
            continue
        if ini.retired:
            problems.append(Problem(v.sheet, v.cell, f"{word} {ini.code}「{ini.title}」は廃止されています。"))
            continue
        reports = assigned_to.get(ini.id)
        if reports is None:
            reports = assigned_to[ini.id] = assigned(ini.departments, dept.id)
        if not reports:
            problems.append(Problem(v.sheet, v.cell, (
                f"{word} {ini.code}「{ini.title}」は「{dept.name}」の担当ではありません。"
                f"この部署が変更できるのは担当する{word}の報告だけです。")))
            continue
        if not _row_agrees(v, ini, checked_rows, problems):
            continue
        fi = _field_input(v, ini, scale, directions, problems, word)
        if fi is None:
            continue
        if (ini.id, fi.field) in seen:
            problems.append(Problem(v.sheet, v.cell, f"{fi.label}の入力欄が重複しています。"))
            continue
        seen.add((ini.id, fi.field))
        res.initiatives[ini.id] = (ini.code, ini.title)
        res.fields.append(fi)
        hashed.append((v.sheet, v.cell, fi.theirs))
    if problems:
        raise SubmissionRefused(sub.name, problems)
    res.values_digest = content_hash(identity_of(sub.meta), hashed)
    res.edited = res.values_digest != sub.meta["content_hash"]
    return res


def _row_agrees(v: InputValue, ini: _Ini, checked: set[tuple[str, str]], problems: list[Problem]) -> bool:
    """The row's visible code (and KPI name or step label) names the initiative (and item)
    of its hidden identity. A clerk who sorts only the visible columns moves the text typed
    for one initiative beside another's hidden id: that row is refused, naming the cells."""
    wrong: list[tuple[str, str, str]] = []
    if v.shown_code is not None and not _same_text(v.shown_code[1], ini.code):
        wrong.append((v.shown_code[0], v.shown_code[1], ini.code))
    kind, _, key = v.field.partition(":")
    if v.shown_label is not None and kind in ("kpi", "step"):
        item = (ini.kpis if kind == "kpi" else ini.steps).get(key)
        if item is not None and not _same_text(v.shown_label[1], item[1]):
            wrong.append((v.shown_label[0], v.shown_label[1], item[1]))
    if not wrong:
        return True
    row_key = (v.sheet, str(v.row))
    if row_key not in checked:
        checked.add(row_key)
        for cell, shown, expected in wrong:
            problems.append(Problem(v.sheet, cell, (
                f"この行には「{shown}」と表示されていますが、隠し列の識別は {ini.code}「{ini.title}」"
                f"（{expected}）です。行が並べ替えられたか、表示の列だけが動かされています。"
                "並べ替えを元に戻すか、出力し直したブックに入力してください。")))
    return False


def _state_key(raw: Any) -> Any:
    if raw is None:
        return None
    return _STATE_BY_LABEL.get(_norm(str(raw)), _norm(str(raw)))


def _field_input(v: InputValue, ini: _Ini, scale: list[tuple[str, str]], directions: dict[str, str],
                 problems: list[Problem], word: str) -> FieldInput | None:
    """``word``: what the plan calls its initiatives, for the messages."""
    field = FieldKey(v.field)
    kind, key = field.kind, field.ident
    theirs: Any = v.raw
    base: Any = v.base
    if kind == "kpi":
        item = ini.kpis.get(key)
        if item is None:
            problems.append(Problem(v.sheet, v.cell,
                                    f"指標「{key}」は{word} {ini.code} にありません（計画が変わっています）。"))
            return None
        field_key, label = FieldKey.kpi(item[0]), f"指標「{item[1]}」の実績値"
        base = float(base) if isinstance(base, int | float) and not isinstance(base, bool) else None
    elif kind == "step":
        item = ini.steps.get(key)
        if item is None:
            problems.append(Problem(v.sheet, v.cell,
                                    f"工程「{key}」は{word} {ini.code} にありません（計画が変わっています）。"))
            return None
        field_key, label = FieldKey.step(item[0]), f"工程「{item[1]}」の状況"
        if theirs is not None:
            state = _state_key(theirs)
            if state not in STEP_STATE_LABELS:
                problems.append(Problem(v.sheet, v.cell, (
                    f"{label}「{theirs}」は使えません。一覧（{'・'.join(STEP_STATE_LABELS.values())}）から選んでください。")))
                return None
            theirs = state
    elif kind in FIELD_LABELS and kind not in ("filled_by", "contact"):
        field_key, label = FieldKey(kind), FIELD_LABELS[kind]
        if kind == "evaluation" and theirs is not None:
            code = evaluation_code(str(theirs), scale)
            if code is None:
                grades = "、".join(f"{c}（{lab}）" for c, lab in scale)
                problems.append(Problem(v.sheet, v.cell, (
                    f"進捗評価「{theirs}」はこの計画の評価にありません（{grades}）。一覧から選んでください。")))
                return None
            theirs = code
        if kind == "direction" and theirs is not None:
            label_ = directions.get(_norm(str(theirs)))
            if label_ is None:
                problems.append(Problem(v.sheet, v.cell, (
                    f"今後の方向性「{theirs}」は選択肢にありません（{'・'.join(directions.values())}）。"
                    "一覧から選んでください。")))
                return None
            theirs = label_
    else:
        problems.append(Problem(SHEET_META, "", f"入力セル {v.sheet}!{v.cell} の項目「{v.field}」は不明です。"))
        return None
    return FieldInput(ini.id, field_key, label, v.sheet, v.cell, base, theirs, v.base_version)
