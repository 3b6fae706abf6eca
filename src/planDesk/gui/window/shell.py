"""The main window as it first appears: its title, its remembered size and place, 読み込み中….

At start-up (gui/app.py) this is all that exists before the first paint; the menus, the
plan tree and the page are built into the same window right after it
(``MainWindow.build``). So this module imports only what a bare PySide6 window needs —
no planDesk widget module and not even PySide6's ``Qt`` namespace, whose ~100 enums alone
cost about as much as showing the window (bench/README.md, issue 17).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from planDesk.gui import settings
from planDesk.gui.widgets.screen_fit import check_when_shown, keep_inside, place

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

PREFERRED_SIZE = QSize(1280, 800)  # or less: the screen's available area (1366×768, 150 %)


def loading_text() -> str:
    # The main window's context: the same words appear in its panes until the plan is read.
    return QCoreApplication.translate("MainWindow", "読み込み中…")


class ShellWindow(QMainWindow):
    """A top-level window placed where the user left it, showing 読み込み中… centred."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        # Qt adds the application's display name (planDesk) to every window title itself.
        self.setWindowTitle("")
        # Centred by stretches rather than Qt.AlignmentFlag: see the module's docstring.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(QLabel(loading_text()))
        row.addStretch(1)
        note = QWidget(self)
        column = QVBoxLayout(note)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.setCentralWidget(note)
        place(self, PREFERRED_SIZE)
        geometry, _state, _splitter = settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
            keep_inside(self)  # remembered on a larger screen

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The window manager's frame is known only once shown: check again then.
        check_when_shown(self)
