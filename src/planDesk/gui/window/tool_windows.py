"""Windows beside the main window for the division's tools (plan editor, audit log, …).

Each tool is a widget written on its own (gui/plan_edit/editor.py, gui/division/audit_view.py …); it is
hosted here in a plain top-level window whose size and place are remembered.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from planDesk.gui import settings
from planDesk.gui.widgets.screen_fit import check_when_shown, keep_inside, place

PREFERRED_SIZE = QSize(1200, 780)  # shrunk to the screen (1366×768, 150 %) by place()


class ToolWindow(QMainWindow):
    def __init__(self, name: str, title: str, widget: QWidget, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setCentralWidget(widget)
        place(self, PREFERRED_SIZE)
        geometry = settings.app_settings().value(f"tools/{name}")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)  # remembered, perhaps from a larger screen:
            keep_inside(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The window manager's frame is known only once shown: check again then.
        check_when_shown(self)

    def tool(self) -> QWidget:
        widget = self.centralWidget()
        assert widget is not None
        return widget

    def closeEvent(self, event: QCloseEvent) -> None:
        settings.app_settings().setValue(f"tools/{self.objectName()}", self.saveGeometry())
        super().closeEvent(event)


def show_tool(window: ToolWindow) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
