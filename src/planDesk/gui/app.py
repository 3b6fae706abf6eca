"""Starting the desktop application: ``plandesk`` with no subcommand calls ``run(db)``."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from planDesk import logsetup
from planDesk.core.errors import UserError
from planDesk.gui import settings
from planDesk.gui.error_handling import ExceptionDialogHook, install_qt_message_handler
from planDesk.gui.fonts import apply_ui_font, register_fonts
from planDesk.gui.i18n import install_translators

if TYPE_CHECKING:  # SQLAlchemy is imported by the loader's thread, after the first paint
    from planDesk.core.persistence.store import Store
    from planDesk.gui.plan_loader import Failed, Loaded

log = logging.getLogger(__name__)

# Bench hook: "1" quits right after the window first paints (the database is not opened);
# "plan" quits once the plan read after that paint is shown in the tree.
EXIT_AFTER_FIRST_PAINT = "PLANDESK_EXIT_AFTER_FIRST_PAINT"


class _OnFirstPaint(QObject):
    """Calls ``then`` (from the event loop) after ``watched`` first paints."""

    def __init__(self, watched: QObject, then: Callable[[], None]) -> None:
        super().__init__(watched)
        self._then: Callable[[], None] | None = then
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            QTimer.singleShot(0, then)
        return False


def make_application() -> QApplication:
    """The QApplication with planDesk's names, fonts, translators and Qt log handler."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(settings.APPLICATION)
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationDisplayName("planDesk")
    install_qt_message_handler()
    register_fonts()
    apply_ui_font(app)
    install_translators(app, settings.language())
    return app


def open_store(db: str) -> Store:
    """Open (or create) the database; the first start loads the Hitachinaka sample plan."""
    from planDesk.gui.plan_loader import open_store as open_or_create

    return open_or_create(db)


def run(db: str) -> int:
    """Show the main window at once (its shell: title, size and place, 読み込み中…), build its
    menus, tree and panes into it after that first paint, then open the database and read
    the plan off the GUI thread. Exit status 1 if the database cannot be opened."""
    # The log file is opened after the first paint; hold_records keeps what comes before.
    logsetup.hold_records()
    log_file = str(logsetup.log_file())
    app = make_application()

    from planDesk.gui.window.main_window import MainWindow

    window = MainWindow(None, log_file=log_file, build=False)
    hook = ExceptionDialogHook(log_file, window.secure_drafts)
    hook.install()
    bench = os.environ.get(EXIT_AFTER_FIRST_PAINT, "")
    opened: list[Store] = []
    unexpected: list[BaseException] = []

    def loaded(result: Loaded | Failed) -> None:
        from PySide6.QtWidgets import QMessageBox

        from planDesk.gui.plan_loader import Failed

        if isinstance(result, Failed):
            window.hide()
            if not isinstance(result.error, UserError):
                unexpected.append(result.error)  # raised again below: main() logs and reports it
            elif result.opening:
                log.warning("database refused: %s", result.error)
                box = QMessageBox(QMessageBox.Icon.Critical, "planDesk",
                                  QCoreApplication.translate("app", "データベースを開けませんでした。"))
                box.setInformativeText(str(result.error))
                box.exec()
            else:
                QMessageBox.critical(None, "planDesk", str(result.error))
            app.exit(1)
            return
        opened.append(result.store)
        window.attach_store(result.store)
        window.show_plans(result.plans, result.plan)
        # What exists now (modules, the window, a plan of up to ~300,000 objects) lives on:
        # the collector need not walk it again on every full collection.
        gc.freeze()
        if bench == "plan":
            _OnFirstPaint(window.tree.viewport(), app.quit)
            window.tree.viewport().update()
        elif not bench:
            QTimer.singleShot(0, window.after_start)
            if os.environ.get("PLANDESK_GUI_SCRIPT"):
                from planDesk.gui.test_script import start_if_requested

                QTimer.singleShot(0, lambda: start_if_requested(window))

    def first_painted() -> None:
        from PySide6.QtCore import Qt

        from planDesk.gui.plan_loader import PlanLoader

        opened_log = logsetup.setup_logging()
        window.log_file = hook.log_file = str(opened_log) if opened_log else None
        window.build()
        loader = PlanLoader(db, settings.last_plan_key(), window)
        loader.done.connect(loaded, Qt.ConnectionType.QueuedConnection)  # on the GUI thread
        loader.start()

    _OnFirstPaint(window, app.quit if bench == "1" else first_painted)
    window.show()
    try:
        status = app.exec()
    finally:
        window.hide()  # run() may be called again in the same process (the tests do)
        window.deleteLater()
        for store in opened:
            store.close()
    if unexpected:
        raise unexpected[0]
    return status
