"""The report form: a whole report into the database, validation, workflow and locks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import ime_type, initiative_by_code, no_modal_dialogs, open_window  # noqa: F401  (autouse fixture)
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planDesk.core.persistence.store import Store
from planDesk.core.reports.ops import find_report
from planDesk.gui.identity import Identity
from planDesk.gui.report import actions as report_actions
from planDesk.gui.report.fields import ChoiceBox, UndoLineEdit, UndoTextEdit
from planDesk.gui.report.form import ReportForm
from planDesk.gui.report.values import kpi_key, step_key
from planDesk.gui.window.main_window import MainWindow


@pytest.fixture
def dept_window(qtbot: QtBot, sample_db: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, sample_db, Identity("市民課"))
    yield window
    window.store.close()


def open_form(window: MainWindow, code: str, tab: int = 0) -> ReportForm:
    assert window.select_initiative(initiative_by_code(window, code))
    assert window.page is not None
    assert window.page.forms, "no report form on the page"
    return window.page.forms[tab]


def type_into(qtbot: QtBot, form: ReportForm, key: str, text: str) -> None:
    widget = form.widgets[key]
    assert isinstance(widget, UndoTextEdit | UndoLineEdit), key
    ime_type(widget, text)


def choose(form: ReportForm, key: str, value: str) -> None:
    box = form.widgets[key]
    assert isinstance(box, ChoiceBox)
    index = box.findData(value)
    assert index >= 0, value
    box.setCurrentIndex(index)
    box.activated.emit(index)  # what a user's choice emits


def stored(store: Store, initiative_id: int, department: str, fy: int):  # type: ignore[no-untyped-def]
    with store.read() as s:
        from planDesk.core.domain.model import Department

        dept = s.query(Department).filter_by(name=department).first()
        assert dept is not None
        report = find_report(s, initiative_id, dept.id, fy)
        if report is None:
            return None
        return {
            "activities": report.activities, "evaluation": report.evaluation_code, "issues": report.issues,
            "direction": report.direction, "next_steps": report.next_steps, "status": report.status,
            "kpis": {a.kpi_id: a.value for a in report.kpi_actuals},
            "steps": {p.step_id: p.state for p in report.step_states},
        }


def test_a_whole_report_typed_in_ends_up_in_the_database(dept_window: MainWindow, qtbot: QtBot) -> None:
    form = open_form(dept_window, "①－１－２")
    ini = form.ini
    kpi = ini.kpis[0]
    step = ini.steps[0]
    type_into(qtbot, form, "activities", "出張申請受付を１２回実施")
    type_into(qtbot, form, kpi_key(kpi.id), "７８．５％")  # full-width digits and ％
    choose(form, "evaluation", "B")
    type_into(qtbot, form, "issues", "若年層の申請が少ない")
    choose(form, "direction", "継続")
    type_into(qtbot, form, "next_steps", "大学での出張受付")
    choose(form, step_key(step.id), "in_progress")
    assert form.is_dirty()
    assert dept_window.save_state.property("state") == "dirty"
    assert form._attainment[kpi_key(kpi.id)].text() == "—"  # no target: no attainment
    with qtbot.waitActive(dept_window):
        dept_window.show()
        dept_window.activateWindow()
    qtbot.keyClick(form.widgets["issues"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    assert not form.is_dirty()
    assert dept_window.save_state.property("state") == "saved"
    row = stored(dept_window.store, ini.id, "市民課", dept_window.cycle.fy)
    assert row == {
        "activities": "出張申請受付を１２回実施", "evaluation": "B", "issues": "若年層の申請が少ない",
        "direction": "継続", "next_steps": "大学での出張受付", "status": "draft",
        "kpis": {kpi.id: 78.5}, "steps": {step.id: "in_progress"},
    }
    assert "下書き" in form.header.text()


def test_a_bad_number_is_named_at_the_field_and_nothing_is_saved(dept_window: MainWindow, qtbot: QtBot) -> None:
    form = open_form(dept_window, "①－１－２")
    kpi = form.ini.kpis[0]
    type_into(qtbot, form, kpi_key(kpi.id), "約80")
    assert "実績：マイナンバーカード申請率" in form.message.text()
    assert "数値として読み取れません" in form.message.text()
    assert form.save() is False
    assert dept_window.save_state.property("state") == "error"
    assert stored(dept_window.store, form.ini.id, "市民課", dept_window.cycle.fy) is None
    form.widgets[kpi_key(kpi.id)].clear()
    type_into(qtbot, form, kpi_key(kpi.id), "８０")
    assert form.message.isHidden()
    assert form.save() is True


def test_submit_needs_the_required_fields_then_locks_the_department(dept_window: MainWindow, qtbot: QtBot,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_actions, "confirm_submit", lambda parent, what: True)
    form = open_form(dept_window, "①－１－２")
    type_into(qtbot, form, "activities", "実施しました")
    assert form.submit() is False
    assert "進捗評価" in form.message.text() and "今後の方向性" in form.message.text()
    choose(form, "evaluation", "A")
    choose(form, "direction", "拡充")
    assert form.submit() is True
    qtbot.waitUntil(lambda: dept_window.page is not None and dept_window.page.forms[0] is not form)
    locked = dept_window.page.forms[0]  # type: ignore[union-attr]
    assert locked.status == "submitted"
    assert not locked.editable
    assert locked.widgets["activities"].isReadOnly()
    assert not locked.widgets["evaluation"].isEnabled()
    assert "提出済のため編集できません" in locked.banner.text()
    assert locked.submit_button.isHidden()
    assert stored(dept_window.store, form.ini.id, "市民課", dept_window.cycle.fy)["status"] == "submitted"


def test_division_confirms_or_returns_and_return_unlocks(qtbot: QtBot, sample_db: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_actions, "confirm_submit", lambda parent, what: True)
    monkeypatch.setattr(report_actions, "confirm_confirm", lambda parent, what: True)
    monkeypatch.setattr(report_actions, "ask_return_comment", lambda parent, what: "数値の根拠を追記してください")
    dept = open_window(qtbot, sample_db, Identity("市民課"))
    form = open_form(dept, "①－１－２")
    type_into(qtbot, form, "activities", "実施しました")
    choose(form, "evaluation", "A")
    choose(form, "direction", "拡充")
    assert form.submit()
    dept.store.close()

    division = open_window(qtbot, sample_db, Identity(None))
    part = open_form(division, "①－１－２")
    assert part.ctx.department.name == "市民課"
    assert part.status == "submitted"
    assert part.confirm_button.isVisibleTo(part) and part.return_button.isVisibleTo(part)
    assert part.confirm()
    qtbot.waitUntil(lambda: division.page is not None and division.page.forms[0].status == "confirmed")
    part = division.page.forms[0]  # type: ignore[union-attr]
    assert part.return_to_draft()
    qtbot.waitUntil(lambda: division.page is not None and division.page.forms[0].status == "draft")
    division.store.close()

    again = open_window(qtbot, sample_db, Identity("市民課"))
    form = open_form(again, "①－１－２")
    assert form.editable
    assert "差戻しされました。理由：数値の根拠を追記してください" in form.banner.text()
    assert not form.widgets["activities"].isReadOnly()
    again.store.close()


def test_all_departments_initiative_division_sees_parts_and_kpi_totals(qtbot: QtBot, sample_db: Path) -> None:
    for name, value in (("市民課", "10"), ("高齢福祉課", "５")):
        window = open_window(qtbot, sample_db, Identity(name))
        form = open_form(window, "①－１－１")  # 全部署
        assert form.ctx.department.name == name
        type_into(qtbot, form, kpi_key(form.ini.kpis[0].id), value)
        assert form.save()
        window.store.close()
    division = open_window(qtbot, sample_db, Identity(None))
    assert division.select_initiative(initiative_by_code(division, "①－１－１"))
    page = division.page
    assert page is not None and page.tabs is not None
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert tabs == ["市民課（下書き）", "高齢福祉課（下書き）", "指標の合計"]
    totals = page.tabs.widget(2).table  # type: ignore[attr-defined]
    assert totals.item(0, 3).text() == "15 手続き"
    assert totals.item(0, 4).text() == "2"
    division.store.close()


def test_every_input_has_its_japanese_accessible_name(dept_window: MainWindow) -> None:
    form = open_form(dept_window, "①－１－１")
    names = {key: widget.accessibleName() for key, widget in form.widgets.items()}
    assert names["activities"] == "実施状況"
    assert names["evaluation"] == "進捗評価"
    assert names["direction"] == "今後の方向性"
    assert names[kpi_key(form.ini.kpis[0].id)] == "実績：オンライン化済の手続き数"
    assert all(names.values())
