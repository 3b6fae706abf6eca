"""When something goes wrong: Qt's messages to the log, and a Japanese dialog for bugs.

An unexpected exception is logged with its traceback; typed text is secured first (every
open report form writes its journal and tries to save its draft), then a dialog says what
happened and where the log is. A database or input problem (``UserError``) is the user's
to fix and is shown as a plain message without a traceback.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from planDesk.core.errors import UserError

translate = QCoreApplication.translate  # lupdate finds translate("context", "…") calls

log = logging.getLogger("planDesk.gui")
qt_log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.category})" if context.category and context.category != "default" else ""
    qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def install_qt_message_handler() -> None:
    """Qt's own warnings go to planDesk's rotating log."""
    qInstallMessageHandler(_qt_message)


def show_user_error(parent: QWidget | None, exc: UserError, title: str = "") -> None:
    """A refused action: its Japanese message (and hint) in a dialog."""
    from PySide6.QtWidgets import QMessageBox  # not at start-up: its enums are built on import

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or translate("errors", "planDesk"))
    box.setText(exc.message)
    if exc.hint:
        box.setInformativeText(exc.hint)
    box.exec()


class ExceptionDialogHook:
    """``sys.excepthook`` for the GUI: secure typed text, log, tell the user."""

    def __init__(self, log_file: str | None, secure_drafts: Callable[[], None]) -> None:
        self.log_file = log_file
        self.secure_drafts = secure_drafts
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, exc, tb))
        secured = True
        try:
            self.secure_drafts()
        except Exception:  # the dialog must still appear
            secured = False
            log.exception("securing drafts after an error failed")
        if isinstance(exc, UserError):  # a refusal that escaped a handler: show it plainly
            if not self._showing and QApplication.instance() is not None:
                self._showing = True
                try:
                    show_user_error(QApplication.activeWindow(), exc)
                finally:
                    self._showing = False
            return
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            self._show(exc, secured)
        finally:
            self._showing = False

    def _show(self, exc: BaseException, secured: bool) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(translate("errors", "予期しないエラー"))
        box.setText(translate("errors",
                              "予期しないエラーが発生しました。作業中の操作は完了していない可能性があります。"))
        saved = (translate("errors", "入力中の内容は下書きとして保護しました。")
                 if secured else translate("errors", "入力中の内容を保護できなかった可能性があります。"))
        where = (translate("errors", "詳しい記録はログファイルにあります：\n{0}").format(self.log_file)
                 if self.log_file else translate("errors", "ログファイルを書き込めませんでした。"))
        advice = translate("errors", "問題が続くときは、ログファイルを添えて情報政策課に連絡してください。")
        box.setInformativeText(f"{saved}\n{where}\n{advice}")
        box.setDetailedText(f"{type(exc).__name__}: {exc}")
        box.exec()
