"""The plan as a workbook (計画ブック): the hand-out to departments and the import template.

``export plan`` writes the current plan with one sheet per kind of row (plan settings with
the label of every depth, evaluation scale, directions, departments, the groups of every
depth, initiatives, goals, KPIs, roadmap steps, glossary, priority notes), in format
version 2 (workbook/layout.py). The same layout, filled in by hand, is the template for
creating a plan from scratch (docs/plan-template.md); ``import-plan`` reads it back
(plan_workbook_read) and creates or updates the plan (plan_workbook_apply).

Initiatives carry their ``uid`` in the ID column and groups their id: that is how a
renamed, renumbered or moved row is recognised on import. A group names its parent, and an
initiative its group, by code (workbook/refs.py); goals, KPIs and steps name their
initiative by ID (or, in a new template without IDs, by its code).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
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
from planDesk.core.domain.model import Plan
from planDesk.core.domain.round_records import PlanImport
from planDesk.core.domain.workflow import STEP_KIND_LABELS
from planDesk.core.persistence.store import Store, now
from planDesk.core.plan.view import GroupView, PlanView, load_plan, resolve_plan_id
from planDesk.core.plan.workbook.layout import (
    DIRECTION_LABELS,
    FIRST_LEVEL_ROW,
    FORMAT_ID,
    FORMAT_VERSION,
    GROUP_SHEET,
    INITIATIVE_SHEET,
    META_SHEET,
    NUMBERING_LABELS,
    PLAN_FIELDS,
    PSEUDO_LABELS,
    SHEET_BY_NAME,
    YES,
    SheetSpec,
    level_field,
)
from planDesk.core.plan.workbook.refs import RefNode, references
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

_TEXT_COLUMN = 20  # columns at least this wide hold running text (names, 概要 …): wrapped
NOTES = (
    "【計画ブックの使い方】",
    "・このブックは planDesk の計画を表にしたものです。各部署への配布と、"
    "計画の新規作成・更新（plandesk import-plan）に使います。",
    "・1 行目は見出しです。2 行目から 1 行に 1 件を書きます。列の意味は docs/plan-template.md を見てください。",
    "・「取組事項」と「グループ」の ID は行を見分ける番号です。名前や番号を変えても ID は変えないでください"
    "（変えると別の行として扱われます）。新しい行は ID を空欄にします。",
    "・「グループ」には計画のすべての階層のグループを書きます。「階層」は 1 が最上位です（各階層の名前は"
    "「計画」シートの「第1階層の名前」以下）。2 以上の階層では「親のコード」に上の階層のグループのコードを書きます。",
    "・「取組事項」の「所属グループのコード」には、その取組が属するグループのコードを書きます。"
    "同じコードのグループが複数あるときは、上の階層からのコードを「／」で区切って書きます（例：1／ア）。",
    "・「コード（表記）」は計画書どおりの表記（1-8-3、Ⅰ-2、ア など）を書く欄です。空欄なら"
    "「番号」と「番号の形式」からコードを作ります（例：①－１－１、01、1-1-1）。",
    "・ID のない行は、コード（と名前）が同じ既存の取組・グループ（グループは同じ親の中で）として扱います。"
    "目標・指標・工程表では、ID の代わりに取組コード（例：①－１－１ または 1-1-1）で取組を指定できます。",
    "・ファイルにない取組とグループは、取り込むと「廃止」として扱われ、その一覧が表示されます（報告は残ります）。",
    "・「スローガン」は、計画書で各グループ（分野など）の上に掲げる標語です（なければ空欄）。"
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


def _groups_with_parents(plan: PlanView) -> list[tuple[GroupView, GroupView | None]]:
    """Every group (retired ones too) in plan order, each with its parent."""
    out: list[tuple[GroupView, GroupView | None]] = []

    def visit(group: GroupView, parent: GroupView | None) -> None:
        out.append((group, parent))
        for child in group.groups:
            visit(child, group)

    for top in plan.groups:
        visit(top, None)
    return out


def group_references(plan: PlanView) -> dict[int, str]:
    """How the workbook names each group of ``plan`` (by id): its code, or its path of codes
    where the code alone is not unique (workbook/refs.py)."""
    nodes: dict[int, RefNode] = {}
    for g, parent in _groups_with_parents(plan):
        node = RefNode(g.id, g.code, top=parent is None, parent=nodes[parent.id] if parent is not None else None)
        if node.parent is not None:
            node.parent.children.append(node)
        nodes[g.id] = node
    return dict(zip(nodes, references(list(nodes.values())), strict=True))


def plan_instance(session: Session, plan_id: int) -> str:
    """Names this plan row of this database (its id and when it was made): a file whose
    meta names the same instance was exported from here, so its group IDs are this
    database's. A department's copy or a later revision has its own rows and IDs."""
    created = session.scalar(select(Plan.created_at).where(Plan.id == plan_id))
    return f"{plan_id}@{created.isoformat() if created is not None else ''}"


def build_plan_workbook(plan: PlanView, *, exported_by: str, instance: str = "") -> Workbook:
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
              "revision_fy": format_fy(plan.revision_fy),
              "numbering": NUMBERING_LABELS.get(plan.numbering, plan.numbering),
              "initiative_label": plan.initiative_label}
    put(ws.cell(1, 1), "項目", font=BOLD, fill=HEADER_FILL, align=CENTER)
    put(ws.cell(1, 2), "値", font=BOLD, fill=HEADER_FILL, align=CENTER)
    for r, (key, label) in enumerate(PLAN_FIELDS, start=2):
        put(ws.cell(r, 1), label, font=BOLD)
        put(ws.cell(r, 2), values[key] or None, where=f"計画の{label}")
    for depth, group_label in enumerate(plan.group_labels, start=1):
        r = FIRST_LEVEL_ROW + depth - 1
        put(ws.cell(r, 1), level_field(depth), font=BOLD)
        put(ws.cell(r, 2), group_label, where=f"計画の{level_field(depth)}")
    print_setup(ws, header_left="計画")
    _table(wb, SHEET_BY_NAME["進捗評価"], [(c, lab) for c, lab in plan.evaluation_scale])
    _table(wb, SHEET_BY_NAME["方向性"], [(d,) for d in plan.directions])
    _table(wb, SHEET_BY_NAME["部署"], [(d.name, PSEUDO_LABELS.get(d.pseudo or ""), _flag(d.retired))
                                     for d in plan.departments])
    refs = group_references(plan)
    _table(wb, SHEET_BY_NAME[GROUP_SHEET], [
        (g.id, g.depth, refs[parent.id] if parent is not None else None, g.number, g.written_code, g.title,
         g.slogan or None, _flag(g.retired)) for g, parent in _groups_with_parents(plan)])
    inis, goals, kpis, steps = [], [], [], []
    for ini in plan.initiatives(include_retired=True):
        inis.append((ini.uid, refs[ini.group_id], ini.number, ini.written_code, ini.title,
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
    _table(wb, SHEET_BY_NAME[INITIATIVE_SHEET], inis)
    _table(wb, SHEET_BY_NAME["目標"], goals)
    _table(wb, SHEET_BY_NAME["指標"], kpis)
    _table(wb, SHEET_BY_NAME["工程表"], steps)
    _table(wb, SHEET_BY_NAME["用語解説"], [(g.index_label, g.term, g.text) for g in plan.glossary])
    _table(wb, SHEET_BY_NAME["重点取組"], list(plan.priority_notes))
    meta = wb.create_sheet(META_SHEET)
    for r, (key, value) in enumerate((
        ("format", FORMAT_ID), ("format_version", str(FORMAT_VERSION)), ("source", "handout"),
        ("plan_key", plan.key), ("plan_revision", plan.revision), ("plan_instance", instance),
        ("exported_at", now().isoformat()),
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
        instance = plan_instance(session, view.id)
    wb = build_plan_workbook(view, exported_by=store.actor, instance=instance)
    write_atomically(out, lambda tmp: wb.save(tmp))
    n = sum(1 for _ in view.initiatives(include_retired=True))
    return f"計画ブックを出力しました：{out}（{view.name}、{view.revision}、{view.initiative_label} {n} 件）"


def is_department_copy(session: Session, plan_id: int) -> bool:
    """The plan in this database came from a hand-out of another database (import-plan)."""
    first = session.scalars(select(PlanImport).where(PlanImport.plan_id == plan_id)
                            .order_by(PlanImport.id)).first()
    return first is not None and first.source == "handout"
