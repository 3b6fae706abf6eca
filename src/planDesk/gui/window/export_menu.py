"""The 出力 menu: one action per export kind registered in ``core.exports.registry``.

The exporters are the command line's: each writes its file atomically. The menu is
filled the first time it opens, so reportlab and openpyxl are not loaded at start-up.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMenu

from planDesk.core.errors import UserError
from planDesk.core.reports.assignment import reporting_departments
from planDesk.gui.error_handling import show_user_error

translate = QCoreApplication.translate  # lupdate finds translate("context", "…") calls

if TYPE_CHECKING:
    from planDesk.gui.window.main_window import MainWindow

log = logging.getLogger(__name__)

_FILTERS = {".xlsx": "Excel ブック (*.xlsx)", ".pdf": "PDF (*.pdf)", ".png": "PNG 画像 (*.png)"}


def fill_menu(menu: QMenu, window: MainWindow) -> None:
    """Add one action per export kind (once)."""
    if menu.actions():
        return
    from planDesk.core.exports.kinds import load_kinds
    from planDesk.gui.roadmap import image  # noqa: F401  (registers the .png writer)

    exporters = load_kinds()
    for kind in sorted(exporters):
        exp = exporters[kind]
        action = menu.addAction(f"{exp.help}…")
        action.setObjectName(f"export-{kind}")
        action.triggered.connect(lambda _c=False, k=kind: export(window, k))
    if not exporters:
        menu.addAction(translate("export", "（出力できる帳票がありません）")).setEnabled(False)


def choose_path(window: MainWindow, title: str, suggested: Path, suffixes: tuple[str, ...]) -> Path | None:
    """Ask where to write; tests replace this function."""
    filters = ";;".join(_FILTERS.get(s, f"*{s}") for s in suffixes)
    name, chosen_filter = QFileDialog.getSaveFileName(window, title, str(suggested), filters)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in suffixes:
        suffix = next((s for s in suffixes if s in chosen_filter), suffixes[0])
        path = path.with_name(path.name + suffix)
    return path


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def export(window: MainWindow, kind: str) -> Path | None:
    from planDesk.core.exports.registry import EXPORTERS, ExportOptions

    plan = window.plan
    if plan is None:
        return None
    exp = EXPORTERS[kind]
    window.save()  # what is typed goes into the output too
    department = window.identity.department if window.identity is not None else None
    if kind == "submission" and department is None:
        names = [d.name for d in reporting_departments(plan)]
        question = translate("export", "どの部署の提出用ファイルを出力しますか。")
        name, ok = QInputDialog.getItem(window, exp.help, question, names, 0, False)
        if not ok:
            return None
        department = name
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or ".")
    cycle = window.cycle
    stem = f"{plan.key}_{kind}_{cycle.option()}" + (f"_{department}" if department and kind == "submission" else "")
    path = choose_path(window, exp.help, folder / f"{stem}{exp.suffixes[0]}", exp.suffixes)
    if path is None:
        return None
    options = ExportOptions(plan=str(plan.id), department=department, fy=cycle.fy,
                            cycle=cycle.option() if cycle.half else None, extra={})
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        summary = exp.run(window.store, options, path)
    except UserError as exc:
        QApplication.restoreOverrideCursor()
        show_user_error(window, exc)
        return None
    except BaseException:
        QApplication.restoreOverrideCursor()
        raise
    QApplication.restoreOverrideCursor()
    log.info("exported %s to %s: %s", kind, path, summary)
    window.statusBar().showMessage(summary, 8000)
    open_file(path)
    return path
