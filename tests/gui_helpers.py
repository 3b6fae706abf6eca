"""Shared pieces of the GUI tests (imported by tests/test_gui_*.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from planDesk.core.persistence.store import Store
from planDesk.gui import settings
from planDesk.gui.identity import Identity
from planDesk.gui.window.main_window import MainWindow


def open_window(qtbot: QtBot, db: Path, identity: Identity | None, *, plan_key: str = "hitachinaka",
                actor: str = "テスト") -> MainWindow:
    """A main window on ``db`` as ``identity`` (remembered in the test's own settings)."""
    if identity is not None:
        settings.set_identity_value(plan_key, identity.to_setting())
    store = Store.open(str(db), actor=actor)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.load_plans(plan_key)
    return window


def settled(qtbot: QtBot, view: Any, timeout: int = 60_000) -> None:
    """Wait until a screen's background work (a merge screen's check or merge) is done."""
    qtbot.waitUntil(lambda: not view.busy, timeout=timeout)


def initiative_by_code(window: MainWindow, code: str) -> int:
    for ini in window.model.initiatives():
        if ini.code == code:
            return ini.id
    raise AssertionError(f"no initiative {code}")


def ime_type(widget: QWidget, text: str) -> None:
    """Type Japanese as an input method does: each character committed by an IME event.

    (QTest.keyClicks only knows ASCII keys.)
    """
    widget.setFocus()
    for char in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


@pytest.fixture(autouse=True)
def documents_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Files a user saves to Documents go to the test's own folder."""
    folder = tmp_path / "Documents"
    monkeypatch.setenv("PLANDESK_DOCUMENTS_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog nobody answers would hang the suite: make it fail the test instead
    (a test that expects one replaces the function it calls)."""

    def refuse(self: QDialog, *args: object) -> int:
        raise AssertionError(f"unexpected modal dialog: {self.windowTitle()} {getattr(self, 'text', str)()}")

    def refuse_static(*args: object, **kwargs: object) -> int:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    for name in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, refuse_static)


@pytest.fixture(autouse=True)
def answered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The merge's question is answered yes; its report is recorded (no modal dialogs)."""
    from planDesk.gui.division import merge_messages

    said: list[str] = []
    monkeypatch.setattr(merge_messages, "confirm_merge", lambda _parent, outcomes: said.append("asked") or True)
    monkeypatch.setattr(merge_messages, "tell_merged",
                        lambda _parent, outcomes: said.append(merge_messages.merged_text(outcomes)[0]))
    return said
