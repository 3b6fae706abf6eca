"""A scripted user for end-to-end tests of the real program (crash recovery, two processes).

When ``PLANDESK_GUI_SCRIPT`` names a JSON file, the started application performs its
steps one after another, as a user would — selecting an initiative and typing through
input-method events — so a test can kill the process at a known point and start it
again. Nothing happens without the variable. Steps (one key each):

    {"select": "①－１－２"}          select an initiative by its code
    {"type": ["activities", "…"]}   type into a field of the shown report form
    {"save": true}                  Ctrl+S
    {"touch": "/path"}              create a file (tell the test a point was reached)
    {"wait_for": "/path"}           wait until a file exists
    {"dump": "/path"}               write the form's values and save state as JSON
    {"sleep": 500}                  wait milliseconds
    {"quit": true}                  close the window and end
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from planDesk.gui.report.form import ReportForm
from planDesk.gui.window.main_window import MainWindow

SCRIPT_ENV = "PLANDESK_GUI_SCRIPT"
log = logging.getLogger(__name__)


class ScriptedUser(QObject):
    def __init__(self, window: MainWindow, steps: list[dict[str, Any]]) -> None:
        super().__init__(window)
        self.window = window
        self.steps = list(steps)

    def start(self) -> None:
        QTimer.singleShot(0, self._next)

    def _form(self) -> ReportForm:
        page = self.window.page
        assert page is not None and page.forms, "no report form shown"
        if page.tabs is not None:
            widget = page.tabs.currentWidget()
            if isinstance(widget, ReportForm):
                return widget
        return page.forms[0]

    def _next(self, delay: int = 0) -> None:
        if not self.steps:
            return
        step = self.steps.pop(0)
        log.info("test script step %s", step)
        (action, arg), = step.items()
        if action == "select":
            ini = next(i for i in self.window.model.initiatives() if i.code == arg)
            self.window.select_initiative(ini.id)
        elif action == "type":
            key, text = arg
            widget = self._form().widgets[key]
            widget.setFocus()
            for char in text:
                event = QInputMethodEvent("", [])
                event.setCommitString(char)
                QApplication.sendEvent(widget, event)
        elif action == "save":
            self.window.save()
        elif action == "touch":
            Path(arg).write_text("ok", encoding="utf-8")
        elif action == "wait_for":
            if not Path(arg).exists():
                self.steps.insert(0, step)
                QTimer.singleShot(50, self._next)
                return
        elif action == "dump":
            form = self._form()
            data = {"values": form.values(), "dirty": form.is_dirty(), "version": form.version,
                    "message": form.message.text(), "banner": form.banner.text(),
                    "state": self.window.save_state.property("state")}
            Path(arg).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        elif action == "sleep":
            QTimer.singleShot(int(arg), self._next)
            return
        elif action == "quit":
            self.window.close()
            QApplication.quit()
            return
        QTimer.singleShot(0, self._next)


def start_if_requested(window: MainWindow) -> None:
    path = os.environ.get(SCRIPT_ENV)
    if path:
        ScriptedUser(window, json.loads(Path(path).read_text(encoding="utf-8"))).start()
