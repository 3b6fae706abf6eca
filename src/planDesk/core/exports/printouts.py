"""Registers the printouts as export kinds: ``booklet``, ``results`` and ``summary`` (PDF).

The ``submission`` and ``progress-table`` kinds are registered with the workbooks (their
.pdf form calls ``core.printing.submission_pdf`` / ``progress_table_pdf``).
"""

from __future__ import annotations

from pathlib import Path

from planDesk.core.exports.registry import ExportOptions, exporter
from planDesk.core.persistence.store import Store
from planDesk.core.printing.booklet import write_booklet
from planDesk.core.printing.results_report import write_results_report
from planDesk.core.printing.summary import write_summary


@exporter("results", (".pdf",), "実績報告書（年度の実施状況と実績）")
def export_results(store: Store, opts: ExportOptions, out: Path) -> str:
    return write_results_report(store, opts, out)


@exporter("booklet", (".pdf",), "計画の冊子（概要・体系図・取組ごとの概要と工程表・用語解説）")
def export_booklet(store: Store, opts: ExportOptions, out: Path) -> str:
    return write_booklet(store, opts, out)


@exporter("summary", (".pdf",), "会議用の概要（評価の件数・注意を要する取組・指標の達成状況・進捗状況一覧）")
def export_summary(store: Store, opts: ExportOptions, out: Path) -> str:
    return write_summary(store, opts, out)
