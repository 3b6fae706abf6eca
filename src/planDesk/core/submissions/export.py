"""Writing the submission workbook (提出用ブック) of one department for one cycle.

The workbook has a cover, one sheet each for the reports, the KPI actuals and the roadmap
step states, a hidden sheet of drop-down choices and a very-hidden metadata sheet that
says what the file is for and what every input cell held at export (the base of the
three-way merge). Layout constants live in ``submission_format``; docs/submission-workbook.md
describes the file for people who fill it in without planDesk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planDesk import __version__
from planDesk.core.atomic import write_atomically
from planDesk.core.domain.fiscal import format_date_wareki, format_fy
from planDesk.core.domain.model import ProgressReport, ReportingCycle
from planDesk.core.domain.workflow import STEP_STATE_LABELS
from planDesk.core.persistence import database
from planDesk.core.persistence.store import Store, now
from planDesk.core.plan.view import PlanView, load_plan, report_view
from planDesk.core.reports.assignment import reports_on
from planDesk.core.submissions.content import InputCell, SubmissionContent
from planDesk.core.submissions.format import (
    COVER_ROWS,
    FIELD_LABELS,
    FORMAT_ID,
    FORMAT_VERSION,
    META_FIRST_CELL_ROW,
    META_TABLE_COLUMNS,
    META_TABLE_HEADER_ROW,
    SHEET_COVER,
    SHEET_KPIS,
    SHEET_LISTS,
    SHEET_META,
    SHEET_REPORTS,
    SHEET_STEPS,
    content_hash,
    evaluation_display,
    identity_of,
    meta_checksum,
)
from planDesk.core.submissions.layout import cell_of, write_table
from planDesk.core.submissions.scope import CycleRef, resolve_cycle, resolve_department, resolve_plan
from planDesk.core.xlsx.sheet_xml import RowsWorkbook
from planDesk.core.xlsx.styles import (
    BOLD,
    INPUT_FILL,
    LABEL_FILL,
    SMALL,
    TITLE,
    UNLOCKED,
    japanese_workbook,
    print_setup,
    put,
    put_text,
)


def gather(session: Session, plan_id: int, department_id: int, cycle: CycleRef, *,
           actor: str, base_mode: str = "auto", plan: PlanView | None = None) -> SubmissionContent:
    """What the workbook shows; ``plan`` (loaded without reports) saves reloading it when
    one run exports many departments."""
    if plan is None:
        plan = load_plan(session, plan_id, with_reports=False)
    dept = next(d for d in plan.departments if d.id == department_id)
    initiatives = [ini for ini in plan.initiatives() if reports_on(ini, department_id)]
    rows = session.scalars(
        select(ProgressReport)
        .join(ReportingCycle, ProgressReport.cycle_id == ReportingCycle.id)
        .where(ProgressReport.department_id == department_id, ReportingCycle.plan_id == plan_id,
               ReportingCycle.fy == cycle.fy, ReportingCycle.half == cycle.half)
        .options(selectinload(ProgressReport.department), selectinload(ProgressReport.cycle),
                 selectinload(ProgressReport.kpi_actuals), selectinload(ProgressReport.step_states),
                 selectinload(ProgressReport.results))
    ).all()
    if base_mode == "auto":
        base_mode = default_base_mode(session, plan_id)
    return SubmissionContent(
        plan=plan, department_id=department_id, department=dept.name, cycle=cycle,
        initiatives=initiatives, reports={r.initiative_id: report_view(r) for r in rows},
        base_mode=base_mode, exported_at=now(), exported_by=actor)


def default_base_mode(session: Session, plan_id: int) -> str:
    """"empty" for a department's copy of a handed-out plan, "current" for the master.

    A copy does not know what the division's database holds, so its export claims no
    base values: every value it carries is the department's own change.
    """
    from planDesk.core.plan.workbook.write import is_department_copy

    return "empty" if is_department_copy(session, plan_id) else "current"


def build_workbook(content: SubmissionContent) -> Workbook:
    """The submission workbook for ``content`` (not yet saved)."""
    wb = japanese_workbook(kind=RowsWorkbook)
    assert isinstance(wb, RowsWorkbook)
    cover = wb.active
    assert cover is not None
    cover.title = SHEET_COVER
    inputs: list[InputCell] = []
    plan = content.plan
    _write_lists(wb, plan)
    report_ws = wb.create_rows_sheet(SHEET_REPORTS)
    kpi_ws = wb.create_rows_sheet(SHEET_KPIS)
    step_ws = wb.create_rows_sheet(SHEET_STEPS)
    counts = write_table(report_ws, kpi_ws, step_ws, content, inputs)
    _write_cover(cover, content, counts, inputs)
    _write_meta(wb, content, inputs)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 1  # open on the report sheet
    return wb


def _write_lists(wb: Workbook, plan: PlanView) -> None:
    ws = wb.create_sheet(SHEET_LISTS)
    columns = (
        ("評価一覧", "進捗評価", [evaluation_display(c, lab) for c, lab in plan.evaluation_scale]),
        ("方向性一覧", "今後の方向性", list(plan.directions)),
        ("工程状況一覧", "工程の状況", list(STEP_STATE_LABELS.values())),
    )
    for col, (name, header, values) in enumerate(columns, start=1):
        put_text(ws.cell(1, col), header)
        for row, value in enumerate(values, start=2):
            put_text(ws.cell(row, col), value)
        letter = get_column_letter(col)
        last = max(2, len(values) + 1)
        wb.defined_names[name] = DefinedName(name, attr_text=f"'{SHEET_LISTS}'!${letter}$2:${letter}${last}")
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _write_cover(ws: Worksheet, content: SubmissionContent, counts: dict[str, int],
                 inputs: list[InputCell]) -> None:
    plan = content.plan
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 60
    put(ws["A1"], "進捗報告書（提出用）", font=TITLE, border=None, align=None)
    local = content.exported_at.astimezone()
    values = {
        "plan": ("計画", plan.name),
        "revision": ("改定", plan.revision),
        "department": ("部署", content.department),
        "cycle": ("報告サイクル", content.cycle.label),
        "exported_by": ("出力者", content.exported_by),
        "exported_at": ("出力日時", f"{format_date_wareki(local.date())} {local:%H:%M}"),
        "reports": (plan.initiative_label, f"{counts['reports']} 件"),
        "kpis": ("指標", f"{counts['kpis']} 件"),
        "steps": ("工程", f"{counts['steps']} 件"),
    }
    for key, (label, value) in values.items():
        row = COVER_ROWS[key]
        put(ws.cell(row, 1), label, font=BOLD, fill=LABEL_FILL)
        put(ws.cell(row, 2), value)
    for key in ("filled_by", "contact"):
        row = COVER_ROWS[key]
        put(ws.cell(row, 1), FIELD_LABELS[key], font=BOLD, fill=LABEL_FILL)
        cell = put(ws.cell(row, 2), None, fill=INPUT_FILL, number_format="@", protection=UNLOCKED)
        inputs.append(InputCell(SHEET_COVER, cell.coordinate, "", key, None, None, 0))
    notes = [
        "【入力のしかた】",
        f"・「{SHEET_REPORTS}」「{SHEET_KPIS}」「{SHEET_STEPS}」の黄色のセルに入力してください。ほかのセルは変更できません。",
        "・進捗評価・今後の方向性・工程の状況は、セルを選ぶと表示される一覧から選んでください。",
        "・実績値は数値で入力してください（全角数字やカンマ付きでも読み取れます）。式（=で始まる計算式）は使えません。",
        "・行の追加・削除・並べ替え、シートの追加・削除はしないでください。取り込めなくなります。",
        "・入力が終わったら、ファイル名を変えずに保存して情報政策課へ送ってください。",
        f"・出力元：planDesk {__version__}（{format_fy(content.cycle.fy)}）",
    ]
    for i, text in enumerate(notes, start=16):
        put(ws.cell(i, 1), text, font=BOLD if i == 16 else SMALL, border=None, align=None)
    print_setup(ws, header_right=f"{content.department}　{content.cycle.label}")
    ws.page_setup.orientation = "portrait"
    ws.protection.sheet = True


def _meta_value(value: Any) -> Any:
    if value is None or isinstance(value, int | float):
        return value
    return str(value)


def _write_meta(wb: RowsWorkbook, content: SubmissionContent, inputs: list[InputCell]) -> None:
    ws = wb.create_rows_sheet(SHEET_META)
    plan = content.plan
    pairs = {
        "format": FORMAT_ID,
        "format_version": str(FORMAT_VERSION),
        "app_version": __version__,
        "schema_revision": database.head_revision(),
        "plan_key": plan.key,
        "plan_name": plan.name,
        "plan_revision": plan.revision,
        "plan_revision_fy": str(plan.revision_fy),
        "department": content.department,
        "fy": str(content.cycle.fy),
        "half": str(content.cycle.half),
        "cycle_label": content.cycle.label,
        "exported_at": content.exported_at.isoformat(),
        "exported_by": content.exported_by,
        "export_id": content.export_id,
        "base_mode": content.base_mode,
        "cell_count": str(len(inputs)),
    }
    pairs["content_hash"] = content_hash(identity_of(pairs),
                                         [(c.sheet, c.cell, c.value) for c in inputs])
    rows = [[c.sheet, c.cell, c.uid, c.field, _meta_value(c.base), c.base_version] for c in inputs]
    pairs["meta_checksum"] = meta_checksum(pairs, rows)
    for i, (key, value) in enumerate(pairs.items(), start=1):
        put_text(ws.cell(i, 1), key)
        put_text(ws.cell(i, 2), value)
    for col, name in enumerate(META_TABLE_COLUMNS, start=1):
        put_text(ws.cell(META_TABLE_HEADER_ROW, col), name)
    for r, row in enumerate(rows, start=META_FIRST_CELL_ROW):  # unstyled, as put_text leaves them
        ws.add_row(r, [cell_of(ws, value, where="メタデータ", border=None, align=None) for value in row])
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def export_submission(store: Store, out: Path, *, plan: str | None, department: str | None,
                      fy: int | None, cycle: str | None, base_mode: str = "auto") -> str:
    """Write the submission workbook for a department and cycle to ``out`` (atomically)."""
    with store.read() as session:
        plan_id = resolve_plan(session, plan)
        dept = resolve_department(session, plan_id, department)
        ref = resolve_cycle(session, plan_id, fy, cycle)
        content = gather(session, plan_id, dept.id, ref, actor=store.actor, base_mode=base_mode)
    wb = build_workbook(content)
    write_atomically(out, lambda tmp: wb.save(tmp))
    filled = sum(1 for r in content.reports.values() if r.activities or r.evaluation)
    return (f"提出用ブックを出力しました：{out}（{content.department}／{ref.label}／"
            f"{len(content.initiatives)} 件、入力済 {filled} 件）")
