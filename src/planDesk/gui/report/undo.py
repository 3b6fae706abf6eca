"""Undo commands of the report form (QUndoCommand, one stack per initiative page).

Typing in one field is one step: consecutive edits of the same field in the same editing
session (until the user leaves the field) merge into one command.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

TEXT_EDIT_ID = 1001


class ValueTarget(Protocol):
    """What a command changes: a report form's fields by key."""

    def apply_value(self, key: str, value: str) -> None: ...

    def field_label(self, key: str) -> str: ...


class FieldEditCommand(QUndoCommand):
    def __init__(self, target: ValueTarget, key: str, old: str, new: str, session: int,
                 mergeable: bool = True) -> None:
        super().__init__()
        self.target = target
        self.key = key
        self.old = old
        self.new = new
        self.session = session
        self.mergeable = mergeable
        self.setText(target.field_label(key))

    def id(self) -> int:
        return TEXT_EDIT_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEditCommand) or not self.mergeable:
            return False
        if other.target is not self.target or other.key != self.key or other.session != self.session:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.target.apply_value(self.key, self.new)

    def undo(self) -> None:
        self.target.apply_value(self.key, self.old)


class SetValuesCommand(QUndoCommand):
    """Several fields at once (taking another user's saved values after a conflict)."""

    def __init__(self, target: ValueTarget, old: dict[str, str], new: dict[str, str], text: str) -> None:
        super().__init__(text)
        self.target = target
        self.old = old
        self.new = new

    def redo(self) -> None:
        for key, value in self.new.items():
            self.target.apply_value(key, value)

    def undo(self) -> None:
        for key, value in self.old.items():
            self.target.apply_value(key, value)
