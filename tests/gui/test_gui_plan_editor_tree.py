"""The plan editor on trees of groups of any depth: a 4-level plan whose branches end at
different depths, and a plan with one level of groups (any_plan_helpers.tree_plan)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from any_plan_helpers import FOUR_LEVELS_MIXED, TWO_LEVEL_LABELS, TWO_LEVELS, make_store, tree_plan, view_of
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import GroupView, PlanView
from planDesk.gui.i18n import install_translators
from planDesk.gui.plan_edit.dialogs import FormDialog, NodeDialog, NumberDialog, ParentDialog
from planDesk.gui.plan_edit.editor import COL_CODE, COL_TITLE, PlanEditor
from planDesk.gui.plan_edit.lists import LevelsDialog


def open_editor(qtbot: QtBot, store: Store) -> PlanEditor:
    editor = PlanEditor(store, view_of(store).id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


@pytest.fixture
def four(qtbot: QtBot, tmp_path: Path) -> Iterator[PlanEditor]:
    store = make_store(tmp_path / "four.sqlite3", tree_plan(FOUR_LEVELS_MIXED, reports=False))
    yield open_editor(qtbot, store)
    store.close()


@pytest.fixture
def flat(qtbot: QtBot, tmp_path: Path) -> Iterator[PlanEditor]:
    store = make_store(tmp_path / "flat.sqlite3", tree_plan(TWO_LEVELS, labels=TWO_LEVEL_LABELS))
    yield open_editor(qtbot, store)
    store.close()


def group(plan: PlanView, code: str) -> GroupView:
    return next(g for g in plan.walk_groups() if g.code == code)


def press_ok(dialog: object) -> None:
    assert isinstance(dialog, FormDialog) and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    ok.click()


def rows(item: QTreeWidgetItem, depth: int = 0) -> Iterator[tuple[int, str]]:
    yield depth, item.text(COL_CODE)
    for i in range(item.childCount()):
        child = item.child(i)
        assert child is not None
        yield from rows(child, depth + 1)


def tree_rows(editor: PlanEditor) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for i in range(editor.tree.topLevelItemCount()):
        item = editor.tree.topLevelItem(i)
        assert item is not None
        out += rows(item)
    return out


def test_the_tree_shows_every_depth_in_the_plans_order(four: PlanEditor) -> None:
    assert tree_rows(four) == [
        (0, "1"), (1, "1-1"), (2, "1-1-1"), (2, "1-1-2"), (1, "1-2"), (2, "1-2-1"), (3, "1-2-1-1"),
        (4, "1-2-1-1-1"), (3, "1-2-1-2"), (4, "1-2-1-2-1"), (4, "1-2-1-2-2"), (2, "1-2-2"),
        (0, "2"), (1, "2-1"), (1, "2-2"), (0, "3"), (1, "3-1"), (2, "3-1-1"), (3, "3-1-1-1")]


def test_add_actions_name_the_levels_of_the_selection(four: PlanEditor) -> None:
    plan = four.plan
    assert (four.add_top_action.text(), four.add_ini_action.text()) == ("柱を追加", "事業を追加")
    for code, child in (("1", "方策を追加"), ("1-2", "系統を追加"), ("1-2-1", "細目を追加")):
        four.select("group", group(plan, code).id)
        assert four.add_child_action.text() == child and four.add_child_action.isEnabled()
        assert four.title_pane.heading.text() == f"{plan.label_of(len(code.split('-')))} {code}"
    four.select("group", group(plan, "1-2-1-2").id)
    assert four.add_child_action.text() == "下の階層はありません" and not four.add_child_action.isEnabled()
    ini = next(i for i in plan.initiatives() if i.code == "2-1")
    four.select("initiative", ini.id)  # beside an initiative: a group of its group's next level
    assert four.add_child_action.text() == "方策を追加"
    assert four.ini_pane.heading.text() == "事業 2-1"


def test_add_a_child_group_and_an_initiative_through_the_ui(qtbot: QtBot, four: PlanEditor) -> None:
    four.select("group", group(four.plan, "1-1").id)
    with qtbot.waitSignal(four.planChanged) as signal:
        four.add_child_action.trigger()
        dialog = four.dialog
        assert isinstance(dialog, NodeDialog) and dialog.windowTitle() == "系統を追加"
        dialog.title_edit.setText("窓口の系統")
        press_ok(dialog)
    assert signal.args[0].operation == "add-group"
    made = group(view_of(four.store), "1-1-3")
    assert (made.depth, made.title) == (3, "窓口の系統")
    current = four.tree.currentItem()
    assert current is not None and (current.text(COL_CODE), current.text(COL_TITLE)) == ("1-1-3", "窓口の系統")
    four.add_ini_action.trigger()  # into the new group
    dialog = four.dialog
    assert isinstance(dialog, NodeDialog)
    dialog.title_edit.setText("三段目の事業")
    press_ok(dialog)
    ini = next(i for i in view_of(four.store).initiatives() if i.title == "三段目の事業")
    assert ini.code == "1-1-3-1" and ini.group_id == made.id
    assert four.ini_pane.heading.text() == "事業 1-1-3-1"


def test_a_group_added_beside_the_selection_keeps_its_level(four: PlanEditor) -> None:
    four.select("group", group(four.plan, "1-2-1-1").id)
    four.add_sibling_action.trigger()
    dialog = four.dialog
    assert isinstance(dialog, NodeDialog) and dialog.windowTitle() == "細目を追加"
    dialog.title_edit.setText("間の細目")
    press_ok(dialog)
    assert [g.title for g in group(view_of(four.store), "1-2-1").groups] == [
        "細目1-2-1-1の部", "間の細目", "細目1-2-1-2の部"]


def test_move_dialog_offers_only_places_the_subtree_fits(four: PlanEditor) -> None:
    plan = four.plan
    tall = group(plan, "1-2")  # its subtree spans three levels: only the top level or a depth-1 group
    four.select("group", tall.id)
    four.move_action.trigger()
    dialog = four.dialog
    assert isinstance(dialog, ParentDialog)
    offered = [dialog.target.item(i).text() for i in range(dialog.target.count())]  # type: ignore[union-attr]
    assert offered == ["（最上位の柱として）", "柱 1 柱1の部", "柱 2 柱2の部", "柱 3 柱3の部"]
    dialog.target.setCurrentRow(2)
    press_ok(dialog)
    moved = view_of(four.store).find_group(tall.id)
    assert (moved.depth, moved.code) == (2, "2-3")
    assert [g.code for g in moved.walk()] == ["2-3", "2-3-1", "2-3-1-1", "2-3-1-2"]
    ini = next(i for i in view_of(four.store).initiatives() if i.code == "3-1-1-1")
    four.select("initiative", ini.id)
    four.move_action.trigger()
    dialog = four.dialog
    assert isinstance(dialog, ParentDialog)
    offered = [dialog.target.item(i).text() for i in range(dialog.target.count())]  # type: ignore[union-attr]
    assert offered[0] == "柱 1 柱1の部" and "　　　細目 2-3-1-2 細目1-2-1-2の部" in offered


def test_number_dialog_on_a_deep_group(four: PlanEditor) -> None:
    four.select("group", group(four.plan, "1-2-1-2").id)
    four.number_action.trigger()
    dialog = four.dialog
    assert isinstance(dialog, NumberDialog)
    dialog.number.setValue(1)
    press_ok(dialog)
    assert dialog.isVisible() and "細目「1-2-1-1 細目1-2-1-1の部」 が使っています" in dialog.error.text()
    dialog.number.setValue(6)
    press_ok(dialog)
    assert not dialog.isVisible()
    assert [c.code for c in group(view_of(four.store), "1-2-1-6").initiatives] == ["1-2-1-6-1", "1-2-1-6-2"]


def test_levels_dialog_adds_a_level_the_editor_then_offers(four: PlanEditor) -> None:
    four.select("group", group(four.plan, "1-2-1-2").id)
    four.levels_action.trigger()
    dialog = four.dialog
    assert isinstance(dialog, LevelsDialog)
    assert dialog.group_labels() == ["柱", "方策", "系統", "細目"] and dialog.initiative_label() == "事業"
    assert not dialog.remove_button.isEnabled()  # 細目 has groups
    dialog.add_level()
    item = dialog.table.item(4, 0)
    assert item is not None
    item.setText("枝番")
    dialog.initiative.setText("個別事業")
    press_ok(dialog)
    assert view_of(four.store).level_labels == ("柱", "方策", "系統", "細目", "枝番", "個別事業")
    assert four.add_child_action.isEnabled() and four.add_child_action.text() == "枝番を追加"
    assert four.add_ini_action.text() == "個別事業を追加"
    four.levels_action.trigger()
    dialog = four.dialog
    assert isinstance(dialog, LevelsDialog) and dialog.remove_button.isEnabled()  # nothing at 枝番 yet
    dialog.remove_level()
    dialog.remove_level()  # stops at the deepest level in use
    assert dialog.group_labels() == ["柱", "方策", "系統", "細目"]
    press_ok(dialog)
    assert view_of(four.store).depth == 4


def test_one_level_plan_has_no_child_level_to_add(flat: PlanEditor) -> None:
    plan = flat.plan
    assert plan.depth == 1 and [a.text() for a in (flat.add_top_action, flat.add_ini_action)] == [
        "領域を追加", "事業を追加"]
    flat.select("group", plan.groups[0].id)
    assert not flat.add_child_action.isEnabled()
    flat.add_node("child")  # e.g. from a stale menu: refused with the level named
    assert "この計画には「領域」の下の階層がありません" in flat.message.text() and flat.dialog is None
    ini = plan.groups[1].initiatives[0]
    flat.select("initiative", ini.id)
    flat.up_action.trigger()  # past the first: to the end of the previous 領域
    assert view_of(flat.store).groups[0].initiatives[-1].id == ini.id
    current = flat.tree.currentItem()
    assert current is not None and current.parent() is flat.tree.topLevelItem(0)


def test_the_new_strings_have_english(qapp: QApplication) -> None:
    install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("LevelsDialog", "階層の名前") == "Level names"
        assert QCoreApplication.translate("PlanEditor", "下の階層はありません") == "No level below"
        assert QCoreApplication.translate("PlanEditor", "（最上位の{0}として）") == "(as a top-level {0})"
    finally:
        install_translators(qapp, "ja")


def test_renaming_a_deep_group_updates_its_row_without_reloading(
        qtbot: QtBot, four: PlanEditor, monkeypatch: pytest.MonkeyPatch) -> None:
    from planDesk.gui.plan_edit import editor as editor_module

    loads: list[int] = []
    real = editor_module.load_plan
    monkeypatch.setattr(editor_module, "load_plan", lambda *a, **k: loads.append(1) or real(*a, **k))
    deep = group(four.plan, "1-2-1-2")
    four.select("group", deep.id)
    pane = four.title_pane
    pane.title.setText("細目の新しい名前")
    pane.title.setModified(True)
    pane.slogan.setPlainText("四段目の標語")
    with qtbot.waitSignal(four.planChanged):
        assert pane.save()
    assert loads == []
    item = four.tree.currentItem()
    assert item is not None and item.text(COL_TITLE) == "細目の新しい名前"
    assert four.plan.find_group(deep.id).slogan == "四段目の標語"
    saved = view_of(four.store).find_group(deep.id)
    assert (saved.title, saved.slogan) == ("細目の新しい名前", "四段目の標語")
    ini = next(i for i in four.plan.initiatives() if i.code == "1-2-1-2-1")
    assert ini.path[-1].title == "細目の新しい名前"  # the initiatives below see the new name


def test_drag_and_drop_moves_through_the_core(qtbot: QtBot, four: PlanEditor,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QAbstractItemView

    plan = four.plan
    moved = group(plan, "1-1")
    # onto a group: at its end, one level deeper (its initiatives follow)
    assert four.drop(("group", moved.id), ("group", group(plan, "3-1").id), "on") is not None
    assert [(g.depth, g.code) for g in view_of(four.store).find_group(moved.id).walk()] == [(3, "3-1-2")]
    # above a row: beside it, in its group
    ini = next(i for i in four.plan.initiatives() if i.code == "2-2")
    four.drop(("initiative", ini.id), ("group", group(four.plan, "1-2-1").id), "above")
    assert [c.code for c in group(view_of(four.store), "1-2").children] == ["1-2-3", "1-2-1", "1-2-2"]
    # an initiative dropped on the empty area (the top level) is refused in the message line
    assert four.drop(("initiative", ini.id), None, "end") is None
    assert "事業はいずれかのグループの下に置きます" in four.message.text()
    # the real drop event: below the row of 3, the selected group 2 becomes last
    four.select("group", group(four.plan, "2").id)
    target = four._items[("group", group(four.plan, "3").id)]
    where = four.tree.visualItemRect(target).center()
    monkeypatch.setattr(four.tree, "dropIndicatorPosition",
                        lambda: QAbstractItemView.DropIndicatorPosition.BelowItem)
    event = QDropEvent(QPointF(where), Qt.DropAction.MoveAction, QMimeData(), Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(four.planChanged):
        four.tree.dropEvent(event)
    assert event.dropAction() == Qt.DropAction.IgnoreAction  # Qt leaves the rows alone
    assert [g.title for g in view_of(four.store).groups] == ["柱1の部", "柱3の部", "柱2の部"]
