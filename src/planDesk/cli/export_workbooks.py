"""Export kinds of the submission round trip: ``submission``, ``progress-table``, ``plan``.

``submission`` and ``progress-table`` also print to PDF: for a .pdf the exporter hands
over to the printing modules (``planDesk.core.printing``), which another part of the
program provides; until they exist a .pdf is refused with an explanation.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from planDesk.cli.cmd_export import ExportOptions, exporter
from planDesk.core.errors import UserError
from planDesk.core.store import Store


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
    from planDesk.core.submission_export import export_submission as write

    return write(store, out, plan=opts.plan, department=opts.department, fy=opts.fy, cycle=opts.cycle)
