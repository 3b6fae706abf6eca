"""Starting the desktop application: ``plandesk`` with no subcommand calls ``run(db)``."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Store
from planDesk.gui import data_access, settings
from planDesk.gui.error_handling import ExceptionDialogHook, install_qt_message_handler
from planDesk.gui.fonts import apply_ui_font, register_fonts
from planDesk.gui.i18n import install_translators
from planDesk.logsetup import setup_logging

log = logging.getLogger(__name__)

EXIT_AFTER_FIRST_PAINT = "PLANDESK_EXIT_AFTER_FIRST_PAINT"


class _QuitOnFirstPaint(QObject):
    """Bench hook: end the event loop right after the main window first paints."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._app.quit)
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
    store = Store.open(db, create=True)
    try:
        if not data_access.plans(store):
            from planDesk.core.plan.setup import DEFAULT_SAMPLE, init_sample  # first start only

            log.info("empty database %s: loading the %s sample", store.location, DEFAULT_SAMPLE)
            init_sample(store, DEFAULT_SAMPLE)
    except BaseException:
        store.close()
        raise
    return store


def run(db: str) -> int:
    log_file = setup_logging()
    app = make_application()
    try:
        store = open_store(db)
    except UserError as exc:
        log.warning("database refused: %s", exc)
        box = QMessageBox(QMessageBox.Icon.Critical, "planDesk",
                          QCoreApplication.translate("app", "データベースを開けませんでした。"))
        box.setInformativeText(str(exc))
        box.exec()
        return 1

    from planDesk.gui.window.main_window import MainWindow

    window = MainWindow(store, log_file=str(log_file) if log_file else None)
    ExceptionDialogHook(str(log_file) if log_file else None, window.secure_drafts).install()
    try:
        window.load_plans(settings.last_plan_key())
    except UserError as exc:
        QMessageBox.critical(None, "planDesk", str(exc))
        store.close()
        return 1
    bench = os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1"
    if bench:
        window.installEventFilter(_QuitOnFirstPaint(app))
    window.show()
    if not bench:
        QTimer.singleShot(0, window.after_start)
        if os.environ.get("PLANDESK_GUI_SCRIPT"):
            from planDesk.gui.test_script import start_if_requested

            QTimer.singleShot(0, lambda: start_if_requested(window))
    try:
        return app.exec()
    finally:
        store.close()
