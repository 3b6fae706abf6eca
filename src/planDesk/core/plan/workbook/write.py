"""The plan as a workbook (計画ブック): the hand-out to departments and the import template.

``export plan`` writes the current plan with one sheet per kind of row (plan settings,
evaluation scale, directions, departments, policies, promotion items, initiatives, goals,
KPIs, roadmap steps, glossary, priority notes). The same layout, filled in by hand, is the
template for creating a plan from scratch (docs/plan-template.md); ``import-plan`` reads
it back (plan_workbook_read) and creates or updates the plan (plan_workbook_apply).

Initiatives carry their ``uid`` in the ID column: that is how a renamed, renumbered or
moved initiative is recognised on import. Goals, KPIs and steps name their initiative by
that ID (or, in a new template without IDs, by its code).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from planDesk import __version__
from planDesk.core.atomic import write_atomically
from planDesk.core.domain.fiscal import format_fy
from planDesk.core.domain.round_records import PlanImport
from planDesk.core.domain.workflow import STEP_KIND_LABELS
from planDesk.core.persistence.store import Store, now
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id
from planDesk.core.xlsx.styles import (
    BOLD,
    CENTER,
    HEADER_FILL,
    LINE_HEIGHT,
    SMALL,
    WRAP_TOP,
    japanese_workbook,
    print_setup,
    put,
    put_text,
    row_height,
)

FORMAT_ID = "planDesk-plan"
FORMAT_VERSION = 1
META_SHEET = "_planDesk"
YES = "○"
_TEXT_COLUMN = 20  # columns at least this wide hold running text (names, 概要 …): wrapped
PSEUDO_LABELS = {"all": "全部署", "relevant": "関係部署"}
DIRECTION_LABELS = {"up": "上昇", "down": "低下"}
NUMBERING_LABELS = {"maru": "①－１－１", "serial": "01", "hyphen": "1-1-1"}
WRITTEN_CODE = "コード（表記）"
SLOGAN = "スローガン"
# Columns added at the end of a sheet in a later layout: a workbook written before they
# existed (no header there) is still read, as if they were empty.
ADDED_COLUMNS = (WRITTEN_CODE, SLOGAN)
LEGACY_CODE = "コード（参考）"  # the 取組事項 column of format 1 workbooks: read-only, ignored


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[tuple[str, str, float], ...]  # (key, header, width)


PLAN_FIELDS: tuple[tuple[str, str], ...] = (
    ("key", "キー（英数字）"), ("name", "計画名"), ("municipality", "自治体名"), ("vision", "基本理念"),
    ("purpose", "策定の目的"), ("period_note", "計画期間の説明"), ("start_fy", "開始年度"), ("end_fy", "終了年度"),
    ("revision", "版"), ("revision_fy", "版の年度"), ("level1", "第1階層の名前"), ("level2", "第2階層の名前"),
    ("level3", "第3階層の名前"), ("numbering", "番号の形式"),
)
SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("進捗評価", (("code", "記号", 8), ("label", "名前", 16))),
    SheetSpec("方向性", (("label", "今後の方向性", 16),)),
    SheetSpec("部署", (("name", "部署名", 24), ("pseudo", "区分", 10), ("retired", "廃止", 6))),
    SheetSpec("基本方針", (("number", "番号", 6), ("title", "名前", 40), ("retired", "廃止", 6),
                       ("code", WRITTEN_CODE, 10), ("slogan", SLOGAN, 40))),
    SheetSpec("推進事項", (("policy", "基本方針の番号", 8), ("number", "番号", 6), ("title", "名前", 40),
                       ("retired", "廃止", 6), ("code", WRITTEN_CODE, 10))),
    SheetSpec("取組事項", (
        ("id", "ID", 12), ("policy", "基本方針の番号", 8), ("item", "推進事項の番号", 8), ("number", "番号", 6),
        ("code", WRITTEN_CODE, 12), ("title", "名前", 34), ("departments", "担当部署（、区切り）", 26),
        ("departments_more", "「など」", 6), ("priority", "重点", 6), ("new_in_fy", "新規の年度", 12),
        ("overview", "概要", 48), ("status_heading", "状況の見出し", 12), ("status", "取組状況", 48),
        ("retired", "廃止", 6))),
    SheetSpec("目標", (("initiative", "取組ID", 12), ("code", "取組コード", 12), ("mark", "記号", 6),
                     ("text", "目標", 56), ("start_fy", "目標年度（から）", 12), ("end_fy", "目標年度（まで）", 12))),
    SheetSpec("指標", (("initiative", "取組ID", 12), ("code", "取組コード", 12), ("name", "指標名", 36),
                     ("unit", "単位", 8), ("direction", "方向", 8), ("baseline", "基準値", 11),
                     ("baseline_as_of", "基準日", 12), ("baseline_as_of_fy", "基準年度", 12),
                     ("target", "目標値", 11), ("target_fy", "目標年度", 12), ("goal", "目標の記号", 8))),
    SheetSpec("工程表", (("initiative", "取組ID", 12), ("code", "取組コード", 12), ("label", "工程", 44),
                      ("goals", "目標の記号（、区切り）", 10), ("start_fy", "開始年度", 12),
                      ("start_quarter", "開始四半期", 8), ("start_month", "開始月", 7), ("end_fy", "終了年度", 12),
                      ("end_quarter", "終了四半期", 8), ("end_month", "終了月", 7), ("kind", "区分", 8),
                      ("inferred", "推定", 6))),
    SheetSpec("用語解説", (("index", "索引", 6), ("term", "用語", 24), ("text", "説明", 70))),
    SheetSpec("重点取組", (("title", "題名", 30), ("text", "説明", 80))),
)
SHEET_BY_NAME = {s.name: s for s in SHEETS}
NOTES = (
    "【計画ブックの使い方】",
    "・このブックは planDesk の計画を表にしたものです。各部署への配布と、"
    "計画の新規作成・更新（plandesk import-plan）に使います。",
    "・1 行目は見出しです。2 行目から 1 行に 1 件を書きます。列の意味は docs/plan-template.md を見てください。",
    "・「取組事項」の ID は取組を見分ける番号です。名前や番号を変えても ID は変えないでください"
    "（変えると別の取組として扱われます）。",
    "・「コード（表記）」は計画書どおりの表記（1-8-3、Ⅰ-2、ア など）を書く欄です。空欄なら"
    "「番号」と「番号の形式」からコードを作ります（例：①－１－１、01、1-1-1）。",
    "・新しい取組は ID を空欄にします。ID のない行は、コード（と名前）が同じ既存の取組として扱います。"
    "目標・指標・工程表では、ID の代わりに取組コード（例：①－１－１ または 1-1-1）で取組を指定できます。",
    "・ファイルにない取組は、取り込むと「廃止」として扱われ、その一覧が表示されます（報告は残ります）。",
    "・「基本方針」の「スローガン」は、計画書で各基本方針（分野）の上に掲げる標語です（なければ空欄）。"
    "改行はそのまま印刷されます（実績報告書）。",
    "・年度は 2025、R7、令和7年度 のどれでも書けます。○ は「はい」です。",
)


def _fy(value: int | None) -> str | None:
    return format_fy(value) if value is not None else None


def _flag(value: bool) -> str | None:
    return YES if value else None


def _table(wb: Workbook, spec: SheetSpec, rows: Sequence[Sequence[Any]]) -> Worksheet:
    ws: Worksheet = wb.create_sheet(spec.name)
    for i, (_key, header, width) in enumerate(spec.columns, start=1):
        put(ws.cell(1, i), header, font=BOLD, fill=HEADER_FILL, align=CENTER)
        ws.column_dimensions[get_column_letter(i)].width = width
    widths = [w for _k, _h, w in spec.columns]
    for r, row in enumerate(rows, start=2):
        long_texts = []
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c)
            if isinstance(value, str):
                put_text(cell, value, f"シート「{spec.name}」{cell.coordinate}")
                if widths[c - 1] >= _TEXT_COLUMN:
                    # printed from a spreadsheet program: long texts (概要, 取組状況 …) wrap in
                    # their column, top-aligned, and the row is as tall as its longest text
                    cell.alignment = WRAP_TOP
                    long_texts.append((value, widths[c - 1]))
            else:
                cell.value = value
                if isinstance(value, date):
                    cell.number_format = "yyyy/mm/dd"
        height = row_height(long_texts)
        if height > LINE_HEIGHT + 4:
            ws.row_dimensions[r].height = height
    ws.freeze_panes = "A2"
    print_setup(ws, title_rows="1:1", header_left=spec.name)
    return ws


def build_plan_workbook(plan: PlanView, *, exported_by: str) -> Workbook:
    wb = japanese_workbook()
    first = wb.active
    assert first is not None
    first.title = "説明"
    first.column_dimensions["A"].width = 120
    for i, text in enumerate(NOTES, start=1):
        put(first.cell(i, 1), text, font=BOLD if i == 1 else SMALL, border=None, align=WRAP_TOP)
    print_setup(first, header_left="説明")
    ws = wb.create_sheet("計画")
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 80
    values = {"key": plan.key, "name": plan.name, "municipality": plan.municipality, "vision": plan.vision,
              "purpose": plan.purpose.strip(), "period_note": plan.period_note.strip(),
              "start_fy": format_fy(plan.start_fy), "end_fy": format_fy(plan.end_fy), "revision": plan.revision,
              "revision_fy": format_fy(plan.revision_fy), "level1": plan.level_labels[0],
              "level2": plan.level_labels[1], "level3": plan.level_labels[2],
              "numbering": NUMBERING_LABELS.get(plan.numbering, plan.numbering)}
    put(ws.cell(1, 1), "項目", font=BOLD, fill=HEADER_FILL, align=CENTER)
    put(ws.cell(1, 2), "値", font=BOLD, fill=HEADER_FILL, align=CENTER)
    for r, (key, label) in enumerate(PLAN_FIELDS, start=2):
        put(ws.cell(r, 1), label, font=BOLD)
        put(ws.cell(r, 2), values[key] or None, where=f"計画の{label}")
    print_setup(ws, header_left="計画")
    _table(wb, SHEET_BY_NAME["進捗評価"], [(c, lab) for c, lab in plan.evaluation_scale])
    _table(wb, SHEET_BY_NAME["方向性"], [(d,) for d in plan.directions])
    _table(wb, SHEET_BY_NAME["部署"], [(d.name, PSEUDO_LABELS.get(d.pseudo or ""), _flag(d.retired))
                                     for d in plan.departments])
    _table(wb, SHEET_BY_NAME["基本方針"], [(p.number, p.title, _flag(p.retired), p.written_code,
                                        p.slogan or None) for p in plan.policies])
    _table(wb, SHEET_BY_NAME["推進事項"], [(p.number, it.number, it.title, _flag(it.retired), it.written_code)
                                       for p in plan.policies for it in p.items])
    inis, goals, kpis, steps = [], [], [], []
    for p in plan.policies:
        for it in p.items:
            for ini in it.initiatives:
                inis.append((ini.uid, p.number, it.number, ini.number, ini.written_code, ini.title,
                             "、".join(ini.department_names), _flag(ini.departments_more), _flag(ini.priority),
                             _fy(ini.new_in_fy), ini.overview.strip(), ini.status_heading, ini.status.strip(),
                             _flag(ini.retired)))
                goals += [(ini.uid, ini.code, g.mark, g.text, _fy(g.target_start_fy), _fy(g.target_end_fy))
                          for g in ini.goals]
                kpis += [(ini.uid, ini.code, k.name, k.unit, DIRECTION_LABELS.get(k.direction, k.direction),
                          k.baseline, k.baseline_as_of, _fy(k.baseline_as_of_fy), k.target, _fy(k.target_fy),
                          k.goal_mark) for k in ini.kpis]
                steps += [(ini.uid, ini.code, s.label, "、".join(s.goal_marks), _fy(s.start_fy), s.start_quarter,
                           s.start_month, _fy(s.end_fy), s.end_quarter, s.end_month,
                           STEP_KIND_LABELS.get(s.kind, s.kind), _flag(s.inferred)) for s in ini.steps]
    _table(wb, SHEET_BY_NAME["取組事項"], inis)
    _table(wb, SHEET_BY_NAME["目標"], goals)
    _table(wb, SHEET_BY_NAME["指標"], kpis)
    _table(wb, SHEET_BY_NAME["工程表"], steps)
    _table(wb, SHEET_BY_NAME["用語解説"], [(g.index_label, g.term, g.text) for g in plan.glossary])
    _table(wb, SHEET_BY_NAME["重点取組"], list(plan.priority_notes))
    meta = wb.create_sheet(META_SHEET)
    for r, (key, value) in enumerate((
        ("format", FORMAT_ID), ("format_version", str(FORMAT_VERSION)), ("source", "handout"),
        ("plan_key", plan.key), ("plan_revision", plan.revision), ("exported_at", now().isoformat()),
        ("exported_by", exported_by), ("export_id", str(uuid.uuid4())), ("app_version", __version__),
    ), start=1):
        put_text(meta.cell(r, 1), key)
        put_text(meta.cell(r, 2), value)
    meta.sheet_state = "veryHidden"
    wb.active = 1
    return wb


def export_plan_workbook(store: Store, out: Path, *, plan: str | None = None) -> str:
    """``plandesk export plan --out FILE.xlsx``: the current plan as the hand-out/template."""
    with store.read() as session:
        view = load_plan(session, resolve_plan_id(session, plan), with_reports=False)
    wb = build_plan_workbook(view, exported_by=store.actor)
    write_atomically(out, lambda tmp: wb.save(tmp))
    n = sum(1 for _ in view.initiatives(include_retired=True))
    return f"計画ブックを出力しました：{out}（{view.name}、{view.revision}、{view.level_labels[2]} {n} 件）"


def is_department_copy(session: Session, plan_id: int) -> bool:
    """The plan in this database came from a hand-out of another database (import-plan)."""
    first = session.scalars(select(PlanImport).where(PlanImport.plan_id == plan_id)
                            .order_by(PlanImport.id)).first()
    return first is not None and first.source == "handout"
