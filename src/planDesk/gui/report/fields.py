"""Input widgets of the report form that leave undo to the page's QUndoStack.

Qt's text widgets keep their own undo history and take Ctrl+Z for themselves; here that
is switched off so Ctrl+Z / Ctrl+Shift+Z reach the page-wide stack (one history across
every field of the page), and the context menu offers no second, separate undo.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def _is_undo_key(event: QEvent) -> bool:
    if not isinstance(event, QKeyEvent):
        return False
    if any(event.matches(k) for k in _UNDO_KEYS):
        return True
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    return event.key() == Qt.Key.Key_Z and event.modifiers() == ctrl_shift


class UndoTextEdit(QPlainTextEdit):
    """Multi-line text (実施状況, 課題, 今後の取組)."""

    focusLeft = Signal()
    focusEntered = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)  # Tab moves on; the form is filled from the keyboard

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_key(event):
            event.ignore()  # let the window's 元に戻す / やり直す shortcuts fire
            return False
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLeft.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focusEntered.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        for action in menu.actions():
            if action.objectName() in ("edit-undo", "edit-redo"):
                menu.removeAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def set_text_keep_place(self, text: str) -> None:
        """Replace the text (undo/redo) and put the cursor where the change is."""
        old = self.toPlainText()
        if old == text:
            return
        prefix = 0
        for a, b in zip(old, text, strict=False):
            if a != b:
                break
            prefix += 1
        self.setPlainText(text)
        cursor = self.textCursor()
        cursor.setPosition(min(len(text), prefix + max(0, len(text) - len(old))), QTextCursor.MoveMode.MoveAnchor)
        self.setTextCursor(cursor)


class UndoLineEdit(QLineEdit):
    """One-line input (KPI actuals)."""

    focusLeft = Signal()
    focusEntered = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_key(event):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_undo_key(event):
            event.ignore()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLeft.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focusEntered.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() in ("edit-undo", "edit-redo"):
                menu.removeAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def set_text_keep_place(self, text: str) -> None:
        if self.text() != text:
            self.setText(text)


class ChoiceBox(QComboBox):
    """A closed list (進捗評価, 今後の方向性, 工程の状況); the mouse wheel does not change it
    while the page scrolls past."""

    focusLeft = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: Any) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLeft.emit()

    def value(self) -> str:
        data = self.currentData()
        return "" if data is None else str(data)

    def set_value(self, value: str) -> None:
        index = self.findData(value)
        if index < 0:
            index = self.findData("")
        if index != self.currentIndex():
            self.setCurrentIndex(max(0, index))
