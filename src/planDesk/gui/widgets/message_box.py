"""Message boxes wide enough for a Japanese sentence and a file name.

Qt sizes a QMessageBox for short Latin sentences; Japanese has no spaces to wrap at, so
file names and sentences broke every few characters (「進捗報／告.xlsx」). ``roomy`` gives
the texts about thirty characters' width (never more than the screen has).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

WIDTH_EM = 30


def roomy(box: QMessageBox) -> QMessageBox:
    em = box.fontMetrics().height()
    screen = box.screen()
    limit = screen.availableGeometry().width() // 2 if screen is not None else WIDTH_EM * em
    width = min(WIDTH_EM * em, limit)
    box.setStyleSheet(f"QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel {{ min-width: {width}px; }}")
    return box
