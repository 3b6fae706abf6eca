"""Screens name a plan's levels with the plan's own words (issue 14 item 3)."""

from __future__ import annotations

from pathlib import Path

from any_plan_helpers import BUILTIN_WORDS, city_plan, make_store, view_of
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolButton
from pytestqt.qtbot import QtBot

from planDesk.gui.i18n import install_translators
from planDesk.gui.plan_edit.dialogs import FormDialog, NumberDialog, NumberingDialog
from planDesk.gui.plan_edit.editor import COL_CODE, PlanEditor
from planDesk.gui.roadmap.view import RoadmapView


def test_editor_and_roadmap_use_the_plans_level_labels(qtbot: QtBot, tmp_path: Path) -> None:
    store = make_store(tmp_path / "city.sqlite3", city_plan())
    plan = view_of(store)
    editor = PlanEditor(store, plan.id)
    qtbot.addWidget(editor)
    assert [a.text() for a in (editor.add_top_action, editor.add_child_action, editor.add_ini_action)] == [
        "柱を追加", "方策を追加", "事業を追加"]
    view = RoadmapView(plan)
    qtbot.addWidget(view)
    texts = [b.text() for b in view.findChildren(QToolButton)]
    assert "方策で折りたたむ" in texts
    shown = " ".join([*texts, *(a.text() for a in editor.actions())])
    assert [w for w in BUILTIN_WORDS if w in shown] == []
    store.close()


def test_editor_sets_written_codes_and_the_numbering_style(qtbot: QtBot, tmp_path: Path) -> None:
    store = make_store(tmp_path / "city.sqlite3", city_plan(numbering="maru"))
    plan = view_of(store)
    editor = PlanEditor(store, plan.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.numbering_action.trigger()
    dialog = editor.dialog
    assert isinstance(dialog, NumberingDialog)
    assert [dialog.numbering.itemText(i) for i in range(dialog.numbering.count())] == ["①－２－３", "03", "1-2-3"]
    dialog.numbering.setCurrentIndex(2)
    press_ok(dialog)
    assert view_of(store).numbering == "hyphen"
    ini = next(plan.initiatives())
    editor.select("initiative", ini.id)
    editor.number_action.trigger()
    number = editor.dialog
    assert isinstance(number, NumberDialog) and number.code.text() == ""
    number.code.setText("1-8-3")
    press_ok(number)
    assert not number.isVisible()
    assert next(view_of(store).initiatives()).code == "1-8-3"
    item = editor.tree.currentItem()
    assert item is not None and item.text(COL_CODE) == "1-8-3"
    store.close()


def press_ok(dialog: object) -> None:
    assert isinstance(dialog, FormDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    ok.click()


def test_the_new_strings_have_english(qapp: QApplication) -> None:
    install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("RoadmapView", "{0}で折りたたむ") == "Collapse to {0}"
        assert QCoreApplication.translate("NumberingDialog", "番号の形式") == "Numbering style"
        assert QCoreApplication.translate("NumberDialog", "コード（表記）") == "Written code"
    finally:
        install_translators(qapp, "ja")
