"""The plan editor widget driven as a person would: tree actions, dialogs, the edit pane."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id
from planDesk.gui.plan_edit.dialogs import FormDialog, NodeDialog, NumberDialog
from planDesk.gui.plan_edit.editor import COL_CODE, COL_TITLE, PlanEditor


@pytest.fixture
def editor(qtbot: QtBot, sample_db: Path) -> Iterator[PlanEditor]:
    store = Store.open(str(sample_db), actor="情報政策課")
    with store.read() as s:
        plan_id = resolve_plan_id(s)
    widget = PlanEditor(store, plan_id)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    store.close()


def db_plan(editor: PlanEditor) -> PlanView:
    with editor.store.read() as s:
        return load_plan(s, editor.plan_id)


def press_ok(dialog: FormDialog | None) -> None:
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    ok.click()


def test_add_initiative_through_the_ui(qtbot: QtBot, editor: PlanEditor) -> None:
    plan = db_plan(editor)
    item = plan.groups[0].groups[0]
    editor.select("group", item.id)
    with qtbot.waitSignal(editor.planChanged) as signal:
        editor.add_ini_action.trigger()
        dialog = editor.dialog
        assert isinstance(dialog, NodeDialog)
        dialog.title_edit.setText("窓口予約のオンライン化")
        dialog.department.setCurrentIndex(dialog.department.findText("市民課"))
        press_ok(dialog)
    assert signal.args[0].operation == "add-initiative"
    added = [i for i in db_plan(editor).groups[0].groups[0].initiatives if i.title == "窓口予約のオンライン化"]
    assert len(added) == 1 and added[0].department_names == ("市民課",)
    current = editor.tree.currentItem()
    assert current is not None and current.text(COL_TITLE) == "窓口予約のオンライン化"
    assert current.text(COL_CODE) == added[0].code
    assert not dialog.isVisible()


def test_renumber_shows_new_code_and_refusal_keeps_dialog_open(editor: PlanEditor) -> None:
    ini = db_plan(editor).groups[0].groups[0].initiatives[1]
    editor.select("initiative", ini.id)
    editor.number_action.trigger()
    dialog = editor.dialog
    assert isinstance(dialog, NumberDialog)
    dialog.number.setValue(1)  # taken by ①－１－１
    press_ok(dialog)
    assert dialog.isVisible() and "使っています" in dialog.error.text()
    dialog.number.setValue(9)
    press_ok(dialog)
    assert not dialog.isVisible()
    item = editor.tree.currentItem()
    assert item is not None and item.text(COL_CODE) == "①－１－９"
    assert next(i for i in db_plan(editor).initiatives() if i.id == ini.id).code == "①－１－９"


def test_edit_fields_and_save(qtbot: QtBot, editor: PlanEditor) -> None:
    ini = db_plan(editor).groups[0].groups[0].initiatives[0]
    editor.select("initiative", ini.id)
    pane = editor.ini_pane
    assert pane.title.accessibleName() == "取組事項名"  # the plan's word
    pane.title.setText("行政手続きのオンライン化（改）")
    pane.title.textEdited.emit(pane.title.text())
    pane.priority.setChecked(not ini.priority)
    assert pane.dirty() and pane.save_button.isEnabled()
    with qtbot.waitSignal(editor.planChanged):
        pane.save_button.click()
    saved = next(i for i in db_plan(editor).initiatives() if i.id == ini.id)
    assert saved.title == "行政手続きのオンライン化（改）" and saved.priority != ini.priority
    assert not pane.dirty()


def test_leaving_a_node_saves_its_edits(editor: PlanEditor) -> None:
    first, second = db_plan(editor).groups[0].groups[0].initiatives[:2]
    editor.select("initiative", first.id)
    editor.ini_pane.overview.setPlainText("新しい概要")
    editor.select("initiative", second.id)
    assert next(i for i in db_plan(editor).initiatives() if i.id == first.id).overview == "新しい概要"


def test_policy_slogan_edited_in_the_pane(qtbot: QtBot, editor: PlanEditor) -> None:
    plan = db_plan(editor)
    editor.select("group", plan.groups[0].id)
    pane = editor.title_pane
    assert not pane.slogan.isHidden() and pane.slogan.accessibleName() == "スローガン"
    assert plan.label_of(1) in pane.slogan.toolTip()
    pane.slogan.setPlainText("だれもが。\nどこでも。")
    pane.title.setText("市民サービス")  # both at once: the title's save reloads the pane
    pane.title.setModified(True)
    assert pane.dirty()
    with qtbot.waitSignal(editor.planChanged):
        pane.save_button.click()
    saved = db_plan(editor).groups[0]
    assert (saved.title, saved.slogan) == ("市民サービス", "だれもが。\nどこでも。") and not pane.dirty()
    editor.select("group", plan.groups[0].groups[0].id)  # a group of any depth has a slogan
    assert not pane.slogan.isHidden() and pane.slogan.toPlainText() == "" and not pane.dirty()
    assert plan.label_of(2) in pane.slogan.toolTip() and pane.heading.text().startswith(plan.label_of(2))
    editor.select("group", plan.groups[0].id)
    assert pane.slogan.toPlainText() == "だれもが。\nどこでも。"


def test_a_group_renamed_meanwhile_is_not_overwritten(editor: PlanEditor) -> None:
    """Someone else renames the group the pane shows (another window or another user of a
    shared server): saving the pane is refused with a message, the tree shows the other
    name, what was typed stays in the pane (unsaved), and saving again then overwrites on
    purpose."""
    from planDesk.core.plan.edit.nodes import edit_title

    group = db_plan(editor).groups[0].groups[0]
    editor.select("group", group.id)
    pane = editor.title_pane
    pane.title.setText("この画面の名前")
    pane.title.setModified(True)
    edit_title(editor.store, "group", group.id, "他の人の名前", expected_version=group.version)
    assert not pane.save()
    assert "先に変更しています" in editor.message.text() and "入力した内容は残しています" in editor.message.text()
    assert pane.title.text() == "この画面の名前" and pane.dirty()
    assert db_plan(editor).groups[0].groups[0].title == "他の人の名前"
    item = editor.tree.currentItem()
    assert item is not None and item.text(COL_TITLE) == "他の人の名前"
    assert pane.save()
    assert db_plan(editor).groups[0].groups[0].title == "この画面の名前" and not pane.dirty()


def test_an_initiative_changed_meanwhile_is_shown_and_the_typed_fields_kept(editor: PlanEditor) -> None:
    """The same for an initiative: refused, the tree shows the other title, the pane keeps
    the typed overview (unsaved) with the initiative's new version, and saving again keeps
    the other title (a field not typed here) beside the typed overview."""
    from planDesk.core.plan.edit.nodes import InitiativeFields, edit_initiative

    ini = db_plan(editor).groups[0].groups[0].initiatives[0]
    editor.select("initiative", ini.id)
    pane = editor.ini_pane
    pane.overview.setPlainText("この画面で書いた概要")
    assert pane.dirty()
    edit_initiative(editor.store, ini.id, InitiativeFields(title="他の人の題名", department_ids=tuple(
        d.id for d in ini.departments)), expected_version=ini.version)
    assert not pane.save()
    assert "先に変更しています" in editor.message.text() and "入力した内容は残しています" in editor.message.text()
    item = editor.tree.currentItem()
    assert item is not None and item.text(COL_TITLE) == "他の人の題名"
    assert pane.overview.toPlainText() == "この画面で書いた概要" and pane.dirty()
    assert pane.save()
    saved = next(i for i in db_plan(editor).initiatives() if i.id == ini.id)
    assert (saved.title, saved.overview) == ("他の人の題名", "この画面で書いた概要") and not pane.dirty()


def test_retire_and_move_from_the_toolbar(editor: PlanEditor) -> None:
    item = db_plan(editor).groups[0].groups[0]
    second = item.initiatives[1]
    editor.select("initiative", second.id)
    editor.up_action.trigger()
    assert db_plan(editor).groups[0].groups[0].initiatives[0].id == second.id
    editor.retire_action.trigger()
    current = editor.tree.currentItem()
    assert current is not None and current.text(COL_TITLE).endswith("（廃止）")
    assert next(i for i in db_plan(editor).initiatives(include_retired=True) if i.id == second.id).retired
    assert editor.retire_action.text() == "復活"
    editor.up_action.trigger()  # already first in the first item: refused, shown in the message line
    assert "これ以上上へ移動できません" in editor.message.text()


def test_goal_added_through_dialog(editor: PlanEditor) -> None:
    ini = db_plan(editor).groups[0].groups[0].initiatives[0]
    editor.select("initiative", ini.id)
    editor.add_detail("goal")
    dialog = editor.dialog
    assert dialog is not None
    dialog.mark.setText("⑨")  # type: ignore[attr-defined]
    dialog.text.setPlainText("テストの目標")  # type: ignore[attr-defined]
    press_ok(dialog)
    goals = next(i for i in db_plan(editor).initiatives() if i.id == ini.id).goals
    assert goals[-1].mark == "⑨" and editor.ini_pane.tables["goal"].rowCount() == len(goals)


def test_read_only_editor_changes_nothing(qtbot: QtBot, sample_db: Path) -> None:
    store = Store.open(str(sample_db), actor="市民課")
    try:
        with store.read() as s:
            plan_id = resolve_plan_id(s)
        widget = PlanEditor(store, plan_id, read_only=True)
        qtbot.addWidget(widget)
        assert not widget.add_sibling_action.isEnabled() and not widget.number_action.isEnabled()
        assert widget.ini_pane.title.isReadOnly() or widget.stack.currentWidget() is not widget.ini_pane
        assert widget.run(lambda _s: None) is None  # type: ignore[arg-type, return-value]
        assert "編集できません" in widget.message.text()
    finally:
        store.close()


def test_every_input_has_an_accessible_name(editor: PlanEditor) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QPlainTextEdit, QTableWidget

    editor.select("initiative", db_plan(editor).groups[0].groups[0].initiatives[0].id)
    inputs = [w for cls in (QLineEdit, QPlainTextEdit, QComboBox, QTableWidget, QListWidget)
              for w in editor.ini_pane.findChildren(cls)]
    assert len(inputs) >= 10
    assert [w for w in inputs if not w.accessibleName()] == []


def test_start_revision_from_the_dialog(editor: PlanEditor) -> None:
    old_id = editor.plan_id
    editor.revision_action.trigger()
    dialog = editor.dialog
    assert dialog is not None
    assert dialog.label.text() == "令和6年度見直し版"  # type: ignore[attr-defined]
    press_ok(dialog)
    assert editor.plan_id != old_id and editor.plan.is_current and editor.plan.revision == "令和6年度見直し版"
    assert "新しい版「令和6年度見直し版」を作成しました" in editor.message.text()
