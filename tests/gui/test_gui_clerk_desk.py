"""At the clerk's desk (issue 15): the hand-in after 提出, the merge screen's words, the
audit log's, rows and titles, English, and the small things."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from gui_helpers import documents_folder, initiative_by_code, no_modal_dialogs, open_window, settled  # noqa: F401
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from submission_helpers import export, fill

from planDesk.core.persistence.audit_query import AuditRecord, operation_label
from planDesk.core.persistence.store import Store
from planDesk.core.reports.ops import ReportInput, save_report
from planDesk.gui.division import merge_messages
from planDesk.gui.division.audit_sessions import collapse
from planDesk.gui.division.audit_view import AuditLogView
from planDesk.gui.division.merge_view import MergeView
from planDesk.gui.i18n import install_translators
from planDesk.gui.identity import Identity
from planDesk.gui.report import actions as report_actions
from planDesk.gui.report.form import ReportForm
from planDesk.gui.window import export_menu
from planDesk.gui.window.main_window import MainWindow

SRC = Path(__file__).resolve().parents[2] / "src" / "planDesk"


def submitted_form(qtbot: QtBot, window: MainWindow, code: str) -> ReportForm:
    window.select_initiative(initiative_by_code(window, code))
    assert window.page is not None
    form = window.page.forms[0]
    plan = window.plan
    assert plan is not None
    form.apply_value("activities", "窓口で申請を支援した")
    for key, value in (("evaluation", plan.evaluation_scale[0][0]), ("direction", plan.directions[0])):
        form.widgets[key].set_value(value)
        form._edited(key, value, mergeable=False)
    assert form.submit()
    qtbot.waitUntil(lambda: window.page is not None and window.page.forms[0] is not form)
    assert window.page is not None
    return window.page.forms[0]


def test_after_submit_the_form_offers_the_files_and_writes_them_to_documents(
        qtbot: QtBot, sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[tuple[str, str, Path | None]] = []
    monkeypatch.setattr(report_actions, "confirm_submit", lambda parent, what: True)
    monkeypatch.setattr(export_menu, "tell",
                        lambda _w, title, text, details, folder: told.append((text, details, folder)))
    window = open_window(qtbot, sample_db, Identity("市民課"))
    window.resize(700, 500)
    with qtbot.waitExposed(window):
        window.show()
    draft = window.select_initiative(initiative_by_code(window, "①－１－２")) and window.page
    assert draft and draft.forms[0].handin_button.isHidden()  # nothing to hand in before 提出
    form = submitted_form(qtbot, window, "①－１－２")
    assert form.handin_button.isVisibleTo(window)
    assert "提出用ファイルを作成" in form.banner.text()
    qtbot.waitUntil(lambda: window.page_scroll.verticalScrollBar().value() > 0)  # still at the buttons
    qtbot.mouseClick(form.handin_button, Qt.MouseButton.LeftButton)
    settled(qtbot, window)  # written in the background
    documents = tmp_path / "Documents"
    names = sorted(p.name for p in documents.iterdir())
    assert names == ["市民課_令和7年度_進捗報告.pdf", "市民課_令和7年度_進捗報告.xlsx"]
    book = openpyxl.load_workbook(documents / names[1])
    assert "窓口で申請を支援した" in {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row}
    (_text, details, folder), = told
    assert folder == documents and str(documents) in details and names[1] in details
    assert "情報政策課に送ってください" in details and "決裁" in details
    window.store.close()


def test_the_division_sees_no_hand_in_button_and_words_without_command_line_options(
        qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db, Identity(None))
    window.select_initiative(initiative_by_code(window, "①－１－２"))
    assert window.page is not None
    assert all(f.handin_button.isHidden() for f in window.page.forms)
    export_menu.fill_menu(window.export_menu, window)
    assert not [a.text() for a in window.export_menu.actions() if "--" in a.text()]
    assert export_menu.item_title("submission") == "提出用ファイルを作成（Excel・PDF）"
    window.store.close()


def test_an_export_says_where_it_went_and_whether_it_was_opened(qtbot: QtBot, sample_db: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, sample_db, Identity(None))
    asked: list[tuple[str, Path]] = []
    told: list[str] = []

    def choose(_w: object, title: str, suggested: Path, suffixes: tuple[str, ...]) -> Path:
        asked.append((title, suggested))
        return tmp_path / "計画ブック.xlsx"

    monkeypatch.setattr(export_menu, "choose_path", choose)
    monkeypatch.setattr(export_menu, "open_file", lambda path: False)  # no program for .xlsx here
    monkeypatch.setattr(export_menu, "tell", lambda _w, title, text, details, folder: told.append(details))
    assert export_menu.export(window, "plan") == tmp_path / "計画ブック.xlsx"
    settled(qtbot, window)
    (title, suggested), = asked
    assert title == "計画ブック（配布用・取込様式）" and suggested.parent == tmp_path / "Documents"
    assert "--" not in suggested.name
    (details,), = [told]
    assert str(tmp_path / "計画ブック.xlsx") in details and "開いていません" in details
    monkeypatch.setattr(export_menu, "open_file", lambda path: True)
    export_menu.export(window, "plan")
    settled(qtbot, window)
    assert len(told) == 1 and "開きました" in window.statusBar().currentMessage()
    window.store.close()


def test_submission_file_names_are_safe_for_windows() -> None:
    assert export_menu.submission_stem("市民課", 2025, 0) == "市民課_令和7年度_進捗報告"
    assert export_menu.submission_stem("人事課/行政 改革", 2025, 1) == "人事課_行政_改革_令和7年度上半期_進捗報告"


def test_submit_question_keeps_the_sentence_whole(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append(box)
        return int(QMessageBox.StandardButton.No.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    title = "①－１－２ マイナンバーカードの普及促進／市民課／令和7年度"
    assert report_actions.confirm_submit(None, title) is False
    box, = seen
    assert box.text() == "次の報告を提出します。よろしいですか。"  # the title no longer splits it
    assert box.informativeText().startswith(title + "\n")


def test_file_dialogs_start_in_documents_and_speak_japanese(qtbot: QtBot, tmp_path: Path, qapp: QApplication,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QLabel

    from planDesk.gui.widgets import file_dialogs

    install_translators(qapp, "ja")  # as the program starts: Qt's own Japanese too

    seen: list[QFileDialog] = []

    def fake_exec(dialog: QFileDialog) -> int:
        seen.append(dialog)
        return 0

    monkeypatch.setattr(QFileDialog, "exec", fake_exec)
    assert file_dialogs.open_paths(None, "提出ブックを選ぶ", "Excel ブック (*.xlsx)") == []
    dialog, = seen
    assert Path(dialog.directory().absolutePath()) == tmp_path / "Documents"  # not the working folder
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"場所(&L):", "ファイルの種類(&T):", "ファイル名(&N):"} <= labels  # no 「Look in:」
    assert not [t for t in labels if re.search(r"[A-Za-z]{3}", t.replace("&", ""))]


# -- merge ---------------------------------------------------------------------------------------

def test_merge_asks_then_says_what_it_did_and_shows_evaluations_by_name(
        qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(merge_messages, "confirm_merge", lambda _p, outcomes: asked.append(len(outcomes)) or True)
    monkeypatch.setattr(merge_messages, "tell_merged",
                        lambda _p, outcomes: told.append(merge_messages.merged_text(outcomes)))
    good = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "画面から取込", "evaluation": "A",
                                                                  "direction": "継続"}})
    from planDesk.core.plan.view import resolve_plan_id

    with store.read() as s:
        plan_id = resolve_plan_id(s, None)
    view = MergeView(store, plan_id)
    qtbot.addWidget(view)
    view.show()
    view.add_files([good])
    settled(qtbot, view)
    assert view.messages_pane.isHidden()  # nothing to say: no empty pane
    values = [view.changes.item(r, 5).text() for r in range(view.changes.rowCount())]
    assert "A 順調" in values
    header = view.files.horizontalHeader()
    assert header.sectionSize(0) > header.sectionSize(7)  # the file name, not 「Excelで編集」, is wide
    view.merge()
    settled(qtbot, view)
    assert asked == [1]
    (head, details), = told
    assert head == "1 件のファイルを取り込みました。" and "［履歴］" in details
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:1500])
    view.add_files([broken])
    settled(qtbot, view)
    view.files.selectRow(1)
    assert view.messages_pane.isVisibleTo(view) and view.messages_label.text() == "取り込めない理由・注意"


def test_workbooks_dropped_on_the_main_window_open_the_merge_screen(qtbot: QtBot, sample_db: Path,
                                                                    tmp_path: Path) -> None:
    window = open_window(qtbot, sample_db, Identity(None))
    book = export(window.store, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(book))])
    drop = QDropEvent(QPointF(QPoint(20, 20)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    tool = window.tools.get("merge")
    assert tool is not None and tool.isVisible()
    merge = tool.tool()
    assert isinstance(merge, MergeView) and merge.paths == [book]
    settled(qtbot, merge)
    tool.close()
    dept = open_window(qtbot, sample_db, Identity("市民課"))
    assert dept._dropped_workbooks(mime) == []  # a department has no merge screen
    window.store.close()
    dept.store.close()


# -- audit log -----------------------------------------------------------------------------------

def test_every_operation_has_a_japanese_name() -> None:
    written = set()
    for path in SRC.rglob("*.py"):
        # a write names its operation, so does a run (a write the store runs again when a server asks)
        written |= set(re.findall(r'store\.(?:write|run)\(\s*"([a-z-]+)"', path.read_text(encoding="utf-8")))
    assert {"merge-submission", "undo-merge", "save-report", "import-plan"} <= written
    for op in sorted(written):
        label = operation_label(op)
        assert label != op and not re.search(r"[a-z]", label), (op, label)
    for verb in ("add", "edit", "move", "remove", "renumber"):
        for kind in ("initiative", "goal", "kpi", "step", "policy", "item"):
            assert not re.search(r"[a-z]", operation_label(f"{verb}-{kind}")), f"{verb}-{kind}"


def _rec(i: int, minutes: float, op: str = "save-report", entity_id: int = 7,
         actor: str = "市民課／tanaka") -> AuditRecord:
    at = datetime(2026, 6, 1, 9, 0, tzinfo=UTC) + timedelta(minutes=minutes)
    return AuditRecord(i, at, actor, 1, op, "report", entity_id, f"保存 {i}", {"activities": f"v{i - 1}"},
                       {"activities": f"v{i}"}, None)


def test_autosaves_of_one_session_are_one_row() -> None:
    newest_first = [_rec(i, i * 2) for i in range(11, 0, -1)]  # eleven saves, two minutes apart
    newest_first.insert(0, _rec(12, 200))  # a later session
    newest_first.append(_rec(0, -1, entity_id=8))  # another report
    rows = collapse(newest_first)
    assert [r.count for r in rows] == [1, 11, 1]
    session = rows[1].record
    assert session.id == 11 and session.before == {"activities": "v0"} and session.after == {"activities": "v11"}


def test_audit_log_shows_department_and_user_and_one_row_per_session(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db, Identity("市民課"), actor="tanaka")
    assert window.store.actor == "市民課／tanaka"
    ini = window.model.initiative(initiative_by_code(window, "①－１－２"))
    assert ini is not None
    dept = next(d.id for d in ini.departments if d.name == "市民課")
    version = None
    for text in ("一", "一二", "一二三"):
        _change, version = save_report(window.store, ReportInput(ini.id, dept, 2025, activities=text),
                                       expected_version=version)
    view = AuditLogView(window.store, window.plan.id)  # type: ignore[union-attr]
    qtbot.addWidget(view)
    model = view.model
    top = [model.index(0, c).data() for c in range(model.columnCount())]
    assert top[1] == "市民課　tanaka"
    assert top[2] == "報告の保存（3 回の保存）"
    window.store.close()


# -- rows, titles, English -------------------------------------------------------------------------

def test_rows_are_tall_enough_for_japanese(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db, Identity(None))
    with qtbot.waitExposed(window):
        window.show()
    index = window.proxy.index(0, 0)
    assert window.tree.visualRect(index).height() >= window.tree.fontMetrics().height() * 1.5
    window.store.close()


def test_the_title_says_planDesk_once(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db, Identity(None))
    assert "planDesk" not in window.windowTitle()  # Qt adds 「— planDesk」 itself
    assert window.windowTitle().startswith("ひたちなか市")
    window.store.close()


def test_english_tree_header_division_and_years(qtbot: QtBot, sample_db: Path, qapp: QApplication) -> None:
    install_translators(qapp, "en")
    try:
        window = open_window(qtbot, sample_db, Identity(None))
        assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Policy / item / initiative"
        assert window.identity_button.text() == "User: 情報政策課 (the division)"
        years = [window.cycle_selector.fy_box.itemText(i) for i in range(window.cycle_selector.fy_box.count())]
        assert years == ["FY2023 (R5)", "FY2024 (R6)", "FY2025 (R7)"]
        window.store.close()
    finally:
        install_translators(qapp, "ja")
    window = open_window(qtbot, sample_db, Identity(None))
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "基本方針／推進事項／取組事項"
    assert window.cycle_selector.fy_box.itemText(0) == "令和5年度"
    window.store.close()
