"""Menus: the division's tools, renumbering seen everywhere, exports, language, layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from gui_helpers import (  # noqa: F401  (autouse fixtures)
    documents_folder,
    ime_type,
    initiative_by_code,
    no_modal_dialogs,
    open_window,
    settled,
)
from pytestqt.qtbot import QtBot

from planDesk.core.domain.workflow import INITIATIVE
from planDesk.core.plan.edit import numbers as plan_edit_numbers
from planDesk.gui import settings
from planDesk.gui.division.audit_view import AuditLogView
from planDesk.gui.identity import Identity
from planDesk.gui.plan_edit.editor import PlanEditor
from planDesk.gui.window import export_menu
from planDesk.gui.window.main_window import MainWindow


@pytest.fixture
def division(qtbot: QtBot, sample_db: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, sample_db, Identity(None))
    yield window
    window.store.close()


def test_plan_menu_is_the_divisions_only(division: MainWindow, qtbot: QtBot, sample_db: Path) -> None:
    assert division.plan_menu.menuAction().isVisible()
    dept = open_window(qtbot, sample_db, Identity("市民課"))
    assert not dept.plan_menu.menuAction().isVisible()
    dept.set_identity(Identity(None))
    assert dept.plan_menu.menuAction().isVisible()
    dept.store.close()


def test_a_renumbered_initiative_shows_its_new_code_everywhere(division: MainWindow, qtbot: QtBot) -> None:
    ini = initiative_by_code(division, "①－１－４")
    division.select_initiative(ini)
    tool = division.open_plan_editor()
    assert tool is not None
    editor = tool.tool()
    assert isinstance(editor, PlanEditor)
    editor.run(plan_edit_numbers.renumber, INITIATIVE, ini, 9)
    assert initiative_by_code(division, "①－１－９") == ini  # the tree
    index = division.proxy.mapFromSource(division.model.index_of_initiative(ini))
    assert str(index.data()).startswith("①－１－９　")
    assert division.page is not None and division.page.initiative.code == "①－１－９"  # the page
    tool.close()


def test_audit_log_window_shows_the_plans_log(division: MainWindow) -> None:
    tool = division.open_audit_log()
    assert tool is not None
    assert isinstance(tool.tool(), AuditLogView)
    assert tool.tool().model.rowCount() > 0
    tool.close()


def test_export_writes_the_file_with_what_was_just_typed(qtbot: QtBot, sample_db: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    documents = tmp_path / "Documents"  # gui_helpers.documents_folder
    window = open_window(qtbot, sample_db, Identity("市民課"))
    window.select_initiative(initiative_by_code(window, "①－１－２"))
    form = window.page.forms[0]  # type: ignore[union-attr]
    form._timer.setInterval(60_000)
    ime_type(form.widgets["activities"], "出力直前に入力した実施状況")
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(export_menu, "tell", lambda _w, _title, text, details, _folder: told.append((text, details)))
    export_menu.fill_menu(window.export_menu, window)
    action = next(a for a in window.export_menu.actions() if a.objectName() == "export-submission")
    assert action.text() == "提出用ファイルを作成（Excel・PDF）(&S)…"
    action.trigger()
    settled(qtbot, window)  # written in the background
    out = documents / "市民課_令和7年度_進捗報告.xlsx"
    assert sorted(p.name for p in documents.iterdir()) == ["市民課_令和7年度_進捗報告.pdf", out.name]
    book = openpyxl.load_workbook(out)
    texts = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert "出力直前に入力した実施状況" in texts
    (_text, details), = told
    assert str(documents) in details and "情報政策課に送ってください" in details
    window.store.close()


def test_window_layout_and_language_are_remembered(qtbot: QtBot, sample_db: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, sample_db, Identity("市民課"))
    with qtbot.waitExposed(window):
        window.show()
    window.resize(700, 500)  # the offscreen screen is 800×600
    window.splitter.setSizes([250, 450])
    window.close()
    window.store.close()
    again = open_window(qtbot, sample_db, None)
    with qtbot.waitExposed(again):
        again.show()
    assert (again.size().width(), again.size().height()) == (700, 500)
    left, right = again.splitter.sizes()
    assert left < right * 0.7  # the narrow tree pane came back (minimum sizes may move it a little)
    assert again.identity == Identity("市民課")
    again.store.close()
    assert settings.language() == "ja"


def test_roadmap_follows_the_tree_filter_and_opens_initiatives(division: MainWindow) -> None:
    from planDesk.gui.roadmap.view import RoadmapView

    tool = division.open_roadmap()
    assert tool is not None
    view = tool.tool()
    assert isinstance(view, RoadmapView)
    assert view.cycle_fy == division.cycle.fy
    division.filter_bar.priority.setChecked(True)
    priority = {initiative_by_code(division, "①－１－１"), initiative_by_code(division, "③－１－３")}
    assert view._filter_ids == priority
    target = initiative_by_code(division, "③－１－３")
    view.initiativeActivated.emit(target)
    assert division.page is not None and division.page.initiative.id == target
    tool.close()


def test_keyboard_ctrl_f_searches_and_enter_goes_to_the_form(qtbot: QtBot, sample_db: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = open_window(qtbot, sample_db, Identity("市民課"))
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.filter_bar.search
    window.select_initiative(initiative_by_code(window, "①－１－２"))
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Return)
    assert window.page is not None
    assert QApplication.focusWidget() is window.page.forms[0].widgets["activities"]
    window.store.close()


def test_collect_menu_hosts_merge_and_tracker_for_the_division(division: MainWindow, qtbot: QtBot,
                                                                sample_db: Path) -> None:
    from planDesk.gui.division.merge_view import MergeView
    from planDesk.gui.division.tracker_view import TrackerView

    assert division.collect_menu.menuAction().isVisible()
    merge = division.open_merge()
    assert merge is not None and isinstance(merge.tool(), MergeView)
    tracker = division.open_tracker()
    assert tracker is not None and isinstance(tracker.tool(), TrackerView)
    assert tracker.windowTitle().startswith("提出状況")
    merge.close()
    tracker.close()
    dept = open_window(qtbot, sample_db, Identity("市民課"))
    assert not dept.collect_menu.menuAction().isVisible()
    dept.store.close()
