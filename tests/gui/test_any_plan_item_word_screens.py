"""The screens call a plan's items by the plan's own word (取組事項, 取組, 事業 …), never by
the program's 取組: main window, filter bar, report page, plan editor, merge and tracker
screens, roadmap — driven for a plan whose items are 事業 (PROGRAM_WORDS stay)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from any_plan_helpers import PROGRAM_WORDS, stray_item_word, view_of
from any_plan_helpers import city_db as city_database
from gui_helpers import initiative_by_code, no_modal_dialogs, open_window, settled  # noqa: F401  (autouse fixture)
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from submission_helpers import export, fill, ids_of

from planDesk.core.persistence.store import Store
from planDesk.core.plan.edit.numbers import retire_node
from planDesk.gui.division.merge_view import MergeView
from planDesk.gui.division.tracker_view import TrackerView
from planDesk.gui.i18n import install_translators
from planDesk.gui.identity import Identity
from planDesk.gui.plan_edit.dialogs import RevisionDialog
from planDesk.gui.plan_edit.editor import PlanEditor
from planDesk.gui.roadmap.view import RoadmapView

KEY = "other-city"
WORD = "事業"  # city_plan's word for its items


def screen_texts(root: QWidget) -> list[str]:
    """Every text a user can see or hear on ``root`` and its children: titles, labels, button
    and action texts, tooltips, accessible names, placeholders, list and table headers."""
    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        out += [w.windowTitle(), w.accessibleName(), w.toolTip()]
        out += [t for a in w.actions() for t in (a.text(), a.toolTip())]
        if isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
        if isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit):
            out.append(w.placeholderText())
        if isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            out += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QHeaderView) and w.model() is not None:
            out += [str(w.model().headerData(c, w.orientation()) or "") for c in range(w.count())]
    return [t for t in out if t]


def no_stray_word(texts: list[str]) -> None:
    assert stray_item_word(texts) == []


@pytest.fixture
def city_db(tmp_path: Path) -> Path:
    return city_database(tmp_path)


@pytest.fixture
def store(city_db: Path) -> Iterator[Store]:
    store = Store.open(str(city_db), actor="情報化係")
    yield store
    store.close()


def test_main_window_filter_bar_and_report_page(qtbot: QtBot, city_db: Path) -> None:
    window = open_window(qtbot, city_db, Identity("住民窓口室"), plan_key=KEY)
    assert window.placeholder.text() == f"左の一覧から{WORD}を選んでください。"
    assert window.filter_bar.mine.accessibleName() == f"自部署の{WORD}だけ表示"
    texts = screen_texts(window)
    # 1-1-1 is 電算室's alone: 住民窓口室 reads it and is told it does not report on it
    assert window.select_initiative(initiative_by_code(window, "1-1-1"))
    page = screen_texts(window)
    assert f"住民窓口室はこの{WORD}の担当部署ではないため、報告の入力はありません。" in page
    no_stray_word(texts + page)
    window.store.close()


def test_report_form(qtbot: QtBot, city_db: Path) -> None:
    window = open_window(qtbot, city_db, Identity("電算室"), plan_key=KEY)
    assert window.select_initiative(initiative_by_code(window, "1-1-1"))
    texts = screen_texts(window)
    assert f"{WORD}を進める上での課題があれば書いてください。" in texts
    assert "今後の取組" in texts  # a report field of the program: stays
    no_stray_word(texts)
    window.store.close()


def test_plan_editor_pane_actions_and_revision_dialog(qtbot: QtBot, store: Store) -> None:
    editor = PlanEditor(store, view_of(store).id)
    qtbot.addWidget(editor)
    editor.show()
    before = screen_texts(editor)
    editor.select("initiative", ids_of(store, "1-1-1").id)
    pane = editor.ini_pane
    assert (pane.title.accessibleName(), pane.priority.text()) == (f"{WORD}名", f"重点{WORD}")
    assert editor.add_ini_action.text() == f"{WORD}を追加"
    texts = before + screen_texts(editor)
    editor.revision_action.trigger()
    dialog = editor.dialog
    assert isinstance(dialog, RevisionDialog)
    revision = screen_texts(dialog)
    assert any(f"廃止した{WORD}は新しい版には写しません。" in t for t in revision)
    no_stray_word(texts + revision)
    dialog.reject()


def test_merge_and_tracker_screens(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = fill(export(store, tmp_path, department="電算室", fy=2026),
                reports={"1-1-1": {"activities": "実施しました", "evaluation": "◎（計画以上）", "direction": "伸ばす"}})
    retire_node(store, "initiative", ids_of(store, "1-1-1").id)  # retired after the export
    view = MergeView(store, view_of(store).id)
    qtbot.addWidget(view)
    view.show()
    view.add_files([path])
    settled(qtbot, view)
    view.files.selectRow(0)
    messages = view.messages.toPlainText()
    assert f"{WORD} 1-1-1「事業111のデジタル化」は廃止されています。" in messages
    merge = screen_texts(view)
    assert WORD in merge  # the changes' and conflicts' column
    tracker = TrackerView(store, view_of(store).id)
    qtbot.addWidget(tracker)
    tracker.show()
    texts = screen_texts(tracker)
    assert f"提出済／担当{WORD}" in texts
    no_stray_word([*merge, *messages.splitlines(), *texts])


def test_roadmap_scope(qtbot: QtBot, store: Store) -> None:
    view = RoadmapView(view_of(store))
    qtbot.addWidget(view)
    view.set_filter(lambda ini: ini.code.startswith("1-"))
    assert view.scope_text() == f"絞り込み：{WORD} 4 件"
    no_stray_word(screen_texts(view))


def test_the_new_strings_have_english(qapp: QApplication) -> None:
    install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("MainWindow", "左の一覧から{0}を選んでください。").format(WORD) == (
            f"Choose from the list on the left ({WORD}).")
        assert QCoreApplication.translate("TrackerModel", "提出済／担当{0}") == "Submitted / assigned {0}"
    finally:
        install_translators(qapp, "ja")


def test_the_program_words_are_few() -> None:
    """What may still say 取組 to any plan: a report's 今後の取組, the default 取組状況."""
    assert stray_item_word(["今後の取組", "取組状況の見出し", "取組の階層の名前", "取組を追加"]) == ["取組を追加"]
    assert len(PROGRAM_WORDS) == 3
