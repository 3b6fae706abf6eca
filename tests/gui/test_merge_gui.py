"""The division's merge screen and tracker as widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import answered, settled  # noqa: F401  (autouse: the merge's questions are answered)
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot
from submission_helpers import counts, export, fill, ids_of, report_of

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import resolve_plan_id
from planDesk.core.reports.ops import ReportInput, save_report
from planDesk.gui.division.merge_view import MergeView
from planDesk.gui.division.tracker_view import COL_STATE, TrackerModel, TrackerView


def _plan_id(store: Store) -> int:
    with store.read() as s:
        return resolve_plan_id(s, None)


def _cells(table: object, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[attr-defined]


def test_drop_preview_merge_and_undo(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    good = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "画面から取込",
                                                            "evaluation": "A", "direction": "継続"}})
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(good.read_bytes()[:1500])
    view = MergeView(store, _plan_id(store))
    qtbot.addWidget(view)
    view.show()
    changed: list[object] = []
    view.changed.connect(changed.append)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good)), QUrl.fromLocalFile(str(bad))])
    before = counts(store)
    drop = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    view.dropEvent(drop)
    settled(qtbot, view)
    assert view.files.rowCount() == 2
    assert _cells(view.files, 0)[:4] == [good.name, "取込可", "市民課", "令和6年度"]
    assert _cells(view.files, 1)[1] == "取り込めません"
    assert counts(store) == before  # the preview changed nothing
    view.files.selectRow(0)
    rows = [_cells(view.changes, r) for r in range(view.changes.rowCount())]
    assert ["新規", "①－１－２", "マイナンバーカードの普及促進", "実施状況", "（空）", "画面から取込",
            "進捗報告!D5", ""] in rows
    view.files.selectRow(1)
    assert "途中で切れている" in view.messages.toPlainText()
    assert view.merge_button.isEnabled()
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    settled(qtbot, view)
    assert report_of(store, "①－１－２").activities == "画面から取込"  # type: ignore[union-attr]
    assert _cells(view.files, 0)[1] == "取込済" and changed
    assert view.history.rowCount() == 1 and not view.merge_button.isEnabled()
    view.history.selectRow(0)
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    assert report_of(store, "①－１－２") is None
    assert _cells(view.history, 0)[-1] == "取消済"


def test_conflicts_resolved_on_screen(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    ini = ids_of(store, "①－１－２")
    dept = next(d.id for d in ini.departments if d.name == "市民課")
    save_report(store, ReportInput(ini.id, dept, 2024, activities="出力時"), expected_version=None)
    path = export(store, tmp_path)
    save_report(store, ReportInput(ini.id, dept, 2024, activities="課の修正"), expected_version=1)
    fill(path, reports={"①－１－２": {"activities": "部署の修正", "evaluation": "A", "direction": "継続"}})
    view = MergeView(store, _plan_id(store))
    qtbot.addWidget(view)
    view.show()
    view.add_files([path])
    settled(qtbot, view)
    view.merge()
    settled(qtbot, view)
    assert view.conflicts.rowCount() == 1 and view.tabs.tabText(1) == "競合（1）"
    assert _cells(view.conflicts, 0)[5:] == ["出力時", "課の修正", "部署の修正"]
    view.conflicts.selectRow(0)
    qtbot.mouseClick(view.take_file, Qt.MouseButton.LeftButton)
    assert report_of(store, "①－１－２").activities == "部署の修正"  # type: ignore[union-attr]
    assert view.conflicts.rowCount() == 0


def test_tracker_view(qtbot: QtBot, qtmodeltester, store: Store, tmp_path: Path,  # type: ignore[no-untyped-def]
                      monkeypatch: pytest.MonkeyPatch) -> None:
    view = TrackerView(store, _plan_id(store))
    qtbot.addWidget(view)
    view.show()
    view.cycle_box.setCurrentIndex(view.cycle_box.findText("令和6年度"))
    assert view.cycle.fy == 2024
    qtmodeltester.check(view.model, force_py=True)
    names = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    city = names.index("市民課")
    assert view.model.index(city, COL_STATE).data() == "未提出"
    from planDesk.core.submissions.merge import merge_files
    merge_files(store, [fill(export(store, tmp_path), reports={"①－１－２": {"activities": "実施",
                                                                         "evaluation": "A", "direction": "継続"}})])
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert view.model.index(city, COL_STATE).data() == "一部提出"  # 1 of its initiatives
    assert "一部提出 1" in view.summary.text()
    view.table.selectRow(city)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("単位を確認してください", True))
    qtbot.mouseClick(view.return_button, Qt.MouseButton.LeftButton)
    assert view.model.index(city, COL_STATE).data() == "差戻し"
    out = tmp_path / "tracker.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert out.exists()
    assert isinstance(view.model, TrackerModel)
