"""Baseline of the start-up scenario: the least a PySide6 program does to show a window.

QApplication, a QMainWindow holding an empty QTreeView, shown, and quit right after its
first paint — the same way planDesk's ``PLANDESK_EXIT_AFTER_FIRST_PAINT`` hook quits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView


class QuitOnFirstPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._app.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTreeView())
    window.resize(1200, 800)
    window.installEventFilter(QuitOnFirstPaint(app))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
