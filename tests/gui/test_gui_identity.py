"""Who am I: the first-start question and what the answer allows."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import no_modal_dialogs, open_window  # noqa: F401  (autouse fixture)
from pytestqt.qtbot import QtBot

from planDesk.core.reports.assignment import reporting_departments
from planDesk.gui.identity import Identity
from planDesk.gui.window.identity_dialog import IdentityDialog


def test_dialog_offers_real_departments_and_preselects_none(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db, None)
    assert window.identity is None
    assert window.identity_button.text() == "所属：未設定"
    plan = window.plan
    assert plan is not None
    dialog = IdentityDialog(plan, None, window)
    qtbot.addWidget(dialog)
    names = [dialog.dept_box.itemText(i) for i in range(dialog.dept_box.count())]
    assert "全部署" not in names and "関係部署" not in names  # pseudo departments are not people
    # The division is the radio button below, not a second entry in the list (issue 15).
    assert names == [d.name for d in reporting_departments(plan) if d.name != "情報政策課"]
    dialog._accept()  # OK without choosing
    assert dialog.result() == 0
    assert dialog.error.text() == "所属する部署を一覧から選んでください。"
    dialog.dept_box.setCurrentIndex(dialog.dept_box.findText("市民課"))
    assert dialog.identity() == Identity("市民課")
    dialog.division_radio.setChecked(True)
    assert dialog.identity() == Identity(None)
    window.set_identity(Identity("市民課"))
    assert window.identity_button.text() == "所属：市民課"
    window.store.close()


def test_no_status_column_before_anyone_is_chosen(qtbot: QtBot, sample_db: Path) -> None:
    from gui_helpers import initiative_by_code

    window = open_window(qtbot, sample_db, None)
    summary = window.model.summary(initiative_by_code(window, "①－１－１"))
    assert summary is not None and summary.status == ""
    window.set_identity(Identity(None))
    summary = window.model.summary(initiative_by_code(window, "①－１－１"))
    assert summary is not None and summary.status == "none"
    window.store.close()
