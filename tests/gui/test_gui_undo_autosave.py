"""Never losing typed text: undo/redo, autosave, the draft journal, conflicts, errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import ime_type, initiative_by_code, no_modal_dialogs, open_window  # noqa: F401  (autouse fixture)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from planDesk.core.persistence.store import Store
from planDesk.core.reports.ops import ReportInput, save_report
from planDesk.gui.error_handling import ExceptionDialogHook
from planDesk.gui.identity import Identity
from planDesk.gui.report import conflict_dialog
from planDesk.gui.report import form as report_form
from planDesk.gui.report.draft_journal import DraftJournal
from planDesk.gui.report.form import ReportForm
from planDesk.gui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(report_form, "AUTOSAVE_MS", 150)
    w = open_window(qtbot, sample_db, Identity("市民課"))
    yield w
    w.store.close()


def form_of(window: MainWindow, code: str = "①－１－２") -> ReportForm:
    assert window.select_initiative(initiative_by_code(window, code))
    assert window.page is not None
    return window.page.forms[0]


def show(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()


def test_typing_in_one_field_is_one_undo_step_across_the_page(window: MainWindow, qtbot: QtBot) -> None:
    form = form_of(window)
    stack = window.page.undo_stack  # type: ignore[union-attr]
    ime_type(form.widgets["activities"], "説明会を開催")
    ime_type(form.widgets["issues"], "人手不足")
    ime_type(form.widgets["activities"], "した")  # a new visit to the field: a new step
    assert stack.count() == 3
    window.undo()
    assert form.values()["activities"] == "説明会を開催"
    window.undo()
    assert form.values()["issues"] == ""
    assert form.widgets["issues"].toPlainText() == ""
    window.undo()
    assert form.values()["activities"] == ""
    assert not form.is_dirty()
    window.redo()
    window.redo()
    assert form.values()["activities"] == "説明会を開催"
    assert form.widgets["issues"].toPlainText() == "人手不足"


def test_ctrl_z_in_a_text_field_reaches_the_page_stack(window: MainWindow, qtbot: QtBot) -> None:
    show(qtbot, window)
    form = form_of(window)
    ime_type(form.widgets["activities"], "あいう")
    ime_type(form.widgets["issues"], "えお")
    widget = form.widgets["issues"]
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert form.values()["issues"] == ""
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert form.values()["activities"] == ""
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert form.values()["activities"] == "あいう"
    assert window.page.undo_stack.index() == 1  # type: ignore[union-attr]


def test_autosave_after_a_pause_and_journal_cleared(window: MainWindow, qtbot: QtBot) -> None:
    form = form_of(window)
    journal = DraftJournal(window.journal.path)
    ime_type(form.widgets["activities"], "自動保存される文章")
    assert DraftJournal(window.journal.path).get(form.key).values["activities"] == "自動保存される文章"
    qtbot.waitUntil(lambda: not form.is_dirty(), timeout=3000)
    assert form.version == 1
    assert DraftJournal(window.journal.path).get(form.key) is None
    assert window.save_state.property("state") == "saved"
    del journal


def test_leaving_a_field_saves_it(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    show(qtbot, window)
    form = form_of(window)
    form._timer.setInterval(60_000)  # only the focus change may save here
    ime_type(form.widgets["activities"], "フォーカス移動で保存")
    assert form.is_dirty()
    form.widgets["issues"].setFocus()
    qtbot.waitUntil(lambda: not form.is_dirty(), timeout=2000)
    assert form.version == 1


def test_same_field_conflict_asks_and_keeps_both_texts(window: MainWindow, qtbot: QtBot, sample_db: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    form = form_of(window)
    form._timer.setInterval(60_000)
    ime_type(form.widgets["activities"], "わたしの文章")
    other = Store.open(str(sample_db), actor="別の職員")
    save_report(other, ReportInput(form.ini.id, form.ctx.department.id, form.ctx.cycle.fy,
                                   activities="相手の文章"), expected_version=0)
    asked: list[list[tuple[str, str, str]]] = []
    monkeypatch.setattr(conflict_dialog, "ask", lambda parent, who, rows: asked.append(rows) or "later")
    assert form.save() is False
    assert asked == [[("実施状況", "わたしの文章", "相手の文章")]]
    assert window.save_state.property("state") == "error"
    assert DraftJournal(window.journal.path).get(form.key).values["activities"] == "わたしの文章"

    monkeypatch.setattr(conflict_dialog, "ask", lambda parent, who, rows: "theirs")
    assert form.save() is True
    assert form.values()["activities"] == "相手の文章"
    window.undo()  # my text is one undo away
    assert form.values()["activities"] == "わたしの文章"
    monkeypatch.setattr(conflict_dialog, "ask", lambda parent, who, rows: "mine")
    assert form.save() is True
    with other.read() as s:
        from planDesk.core.reports.ops import find_report

        assert find_report(s, form.ini.id, form.ctx.department.id, form.ctx.cycle.fy).activities == "わたしの文章"
    other.close()


def test_different_fields_merge_without_asking(window: MainWindow, sample_db: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    form = form_of(window)
    ime_type(form.widgets["activities"], "わたしの実施状況")
    other = Store.open(str(sample_db), actor="別の職員")
    save_report(other, ReportInput(form.ini.id, form.ctx.department.id, form.ctx.cycle.fy, issues="相手の課題"),
                expected_version=0)
    monkeypatch.setattr(conflict_dialog, "ask", lambda *a: pytest.fail("no question expected"))
    assert form.save() is True
    assert form.values()["issues"] == "相手の課題"
    with other.read() as s:
        from planDesk.core.reports.ops import find_report

        row = find_report(s, form.ini.id, form.ctx.department.id, form.ctx.cycle.fy)
        assert (row.activities, row.issues, row.version) == ("わたしの実施状況", "相手の課題", 2)
    other.close()


def test_unexpected_error_secures_drafts_and_names_the_log(window: MainWindow, qtbot: QtBot,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    form = form_of(window)
    form._timer.setInterval(60_000)
    ime_type(form.widgets["activities"], "落ちる前の文章")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text() + "\n" + box.informativeText()) or 0)
    hook = ExceptionDialogHook("/tmp/appdata/logs/planDesk.log", window.secure_drafts)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        hook(RuntimeError, exc, exc.__traceback__)
    assert not form.is_dirty()  # secured: saved to the database
    assert shown and "予期しないエラーが発生しました" in shown[0]
    assert "/tmp/appdata/logs/planDesk.log" in shown[0]
    assert "入力中の内容は下書きとして保護しました" in shown[0]


def test_draft_for_a_report_locked_meanwhile_is_shown_not_lost(window: MainWindow, qtbot: QtBot, sample_db: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conflict_dialog, "ask", lambda parent, who, rows: "later")
    form = form_of(window)
    form._timer.setInterval(60_000)
    ime_type(form.widgets["activities"], "提出前に書きかけた文章")
    key = form.key
    # Meanwhile someone saves and submits the report (another process).
    other = Store.open(str(sample_db), actor="別の職員")
    from planDesk.core.reports.ops import submit_report

    _c, _v = save_report(other, ReportInput(form.ini.id, form.ctx.department.id, form.ctx.cycle.fy,
                                            activities="完成版", evaluation="A", direction="継続"), expected_version=0)
    with other.read() as s:
        from planDesk.core.reports.ops import find_report

        report_id = find_report(s, form.ini.id, form.ctx.department.id, form.ctx.cycle.fy).id
    submit_report(other, report_id)
    other.close()
    window.open_plan(window.plan.id)  # type: ignore[union-attr]  (a later start)
    again = form_of(window)
    assert not again.editable
    assert again.values()["activities"] == "完成版"
    assert "提出前に書きかけた文章" in again.stranded.text()
    assert DraftJournal(window.journal.path).get(key) is not None
    again.discard_button.click()
    assert DraftJournal(window.journal.path).get(key) is None
