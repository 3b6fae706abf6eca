"""Export kinds of the submission round trip: ``submission``, ``progress-table``, ``tracker``, ``plan``.

``submission`` and ``progress-table`` also print to PDF: for a .pdf the exporter hands
over to the printing modules (``planDesk.core.printing``), which another part of the
program provides; until they exist a .pdf is refused with an explanation.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from planDesk.core.errors import UserError
from planDesk.core.exports.registry import ExportOptions, exporter
from planDesk.core.persistence.store import Store


def _pdf_writer(kind: str, module: str, function: str) -> Callable[[Store, ExportOptions, Path], str]:
    """The PDF writer of the printing module, or a UserError when it is not there yet.

    Looked up by name so this module does not depend on the printing modules at import
    (nor at type-check) time.
    """
    try:
        mod = importlib.import_module(f"planDesk.core.printing.{module}")
    except ImportError as exc:
        raise UserError(f"{kind} の PDF 出力はまだ使えません。", hint=".xlsx を指定してください。") from exc
    writer: Callable[[Store, ExportOptions, Path], str] = getattr(mod, function)
    return writer


@exporter("submission", (".xlsx", ".pdf"), "部署の提出用ブック（--department と --fy/--cycle）")
def export_submission(store: Store, opts: ExportOptions, out: Path) -> str:
    if out.suffix.lower() == ".pdf":
        return _pdf_writer("submission", "submission_pdf", "write_submission_pdf")(store, opts, out)
    from planDesk.core.submissions.export import export_submission as write

    return write(store, out, plan=opts.plan, department=opts.department, fy=opts.fy, cycle=opts.cycle)


@exporter("progress-table", (".xlsx", ".pdf"), "進捗状況一覧（全取組×報告部署、A3 横）")
def export_progress_table(store: Store, opts: ExportOptions, out: Path) -> str:
    if out.suffix.lower() == ".pdf":
        return _pdf_writer("progress-table", "progress_table_pdf", "write_progress_table_pdf")(store, opts, out)
    from planDesk.core.exports.progress_table_xlsx import write_progress_table_xlsx
    from planDesk.core.printing.selection import select_cycle, select_department, select_plan

    with store.read() as session:
        plan = select_plan(session, opts, prefer_reports=True)
    cycle = select_cycle(plan, opts)
    if opts.department:
        select_department(plan, opts.department, required=False)
        raise UserError("Excel の進捗状況一覧は全部署分です。--department を外してください"
                        "（部署ごとの一覧は .pdf で出力できます）。")
    rows = write_progress_table_xlsx(plan, cycle, out)
    return f"進捗状況一覧（Excel）を出力しました：{out}（{plan.name}、{cycle.label}、{rows} 行）"


@exporter("tracker", (".xlsx",), "提出状況（部署ごとの未提出・提出済・取込済・差戻し）")
def export_tracker(store: Store, opts: ExportOptions, out: Path) -> str:
    from planDesk.core.plan.view import load_plan
    from planDesk.core.submissions.scope import resolve_cycle, resolve_plan
    from planDesk.core.submissions.tracker import load_tracker
    from planDesk.core.submissions.tracker_shared import load_shared_items
    from planDesk.core.submissions.tracker_xlsx import write_tracker_xlsx

    with store.read() as session:
        plan_id = resolve_plan(session, opts.plan)
        cycle = resolve_cycle(session, plan_id, opts.fy, opts.cycle)
        plan = load_plan(session, plan_id, with_reports=False)
    rows = load_tracker(store, plan_id, cycle)
    write_tracker_xlsx(plan, cycle, rows, out, load_shared_items(store, plan_id, cycle))
    return f"提出状況を出力しました：{out}（{cycle.label}、{len(rows)} 部署）"


@exporter("plan", (".xlsx",), "計画ブック（部署への配布用・計画の取込様式）")
def export_plan(store: Store, opts: ExportOptions, out: Path) -> str:
    from planDesk.core.plan.workbook.write import export_plan_workbook

    return export_plan_workbook(store, out, plan=opts.plan)
