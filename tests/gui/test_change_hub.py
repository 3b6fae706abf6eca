"""The change funnel reaches the screens: each write's Change is announced on the hub and
every screen refreshes only what it names — no whole-plan reload for a rename, a text
edit, a merge, a conflict resolved or an undo; merges run off the GUI thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import answered, documents_folder, no_modal_dialogs, open_window, settled  # noqa: F401
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from submission_helpers import export, fill

from planDesk.core.persistence.store import Change
from planDesk.core.plan import view as plan_view
from planDesk.gui.division.merge_view import MergeView
from planDesk.gui.identity import Identity
from planDesk.gui.plan.tree_model import COL_NAME, COL_STATUS
from planDesk.gui.plan_edit import editor as editor_module
from planDesk.gui.plan_edit.editor import COL_TITLE, PlanEditor
from planDesk.gui.window.main_window import MainWindow


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every whole-plan read of the GUI (load_plan as the window and the editor call it)."""
    calls: list[int] = []
    real = plan_view.load_plan

    def spy(session: Any, plan_id: int, **kw: Any) -> Any:
        calls.append(plan_id)
        return real(session, plan_id, **kw)

    monkeypatch.setattr(plan_view, "load_plan", spy)  # data_access imports it when called
    monkeypatch.setattr(editor_module, "load_plan", spy)
    return calls


def _row_text(window: MainWindow, initiative_id: int, col: int) -> str:
    index = window.model.index_of_initiative(initiative_id)
    return str(index.siblingAtColumn(col).data())


def _heard(window: MainWindow) -> list[Change]:
    heard: list[Change] = []
    window.hub.changed.connect(lambda change, _sender: heard.append(change))
    return heard


def test_rename_in_the_plan_editor_updates_the_tree_row_without_reloading(
        qtbot: QtBot, sample_db: Path, loads: list[int]) -> None:
    window = open_window(qtbot, sample_db, Identity(None))
    assert window.plan is not None
    ini = next(window.plan.initiatives())
    other = list(window.plan.initiatives())[1]
    other_text = _row_text(window, other.id, COL_NAME)
    tool = window.open_plan_editor()
    assert tool is not None
    editor = tool.tool()
    assert isinstance(editor, PlanEditor)
    heard = _heard(window)
    editor.select("initiative", ini.id)
    loads.clear()
    editor.ini_pane.title.setText("窓口手続のオンライン化（改称）")
    editor.ini_pane.title.textEdited.emit(editor.ini_pane.title.text())
    assert editor.ini_pane.save()
    assert loads == []  # neither the editor nor the window read the whole plan
    assert [c.structural for c in heard] == [False]
    assert heard[0].ids("initiative") == {ini.id}
    assert _row_text(window, ini.id, COL_NAME) == f"{ini.code}　窓口手続のオンライン化（改称）"
    assert _row_text(window, other.id, COL_NAME) == other_text
    assert window.model.initiative(ini.id).title == "窓口手続のオンライン化（改称）"  # type: ignore[union-attr]
    assert editor.tree.currentItem().text(COL_TITLE) == "窓口手続のオンライン化（改称）"  # type: ignore[union-attr]
    # the search finds it by its new name
    window.filter_bar.search.setText("改称")
    qtbot.waitUntil(lambda: window.proxy.matching_count() == 1)
    # a top-level group renamed: its row, nothing else read
    top = window.plan.groups[0]
    editor.select("group", top.id)
    editor.title_pane.title.setText("市民サービスの変革")
    editor.title_pane.title.setModified(True)
    assert editor.title_pane.save()
    assert loads == []
    assert window.plan.groups[0].title == "市民サービスの変革"
    assert "市民サービスの変革" in str(window.model.index(0, 0).data())
    # a structural edit (a move) reads the plan again
    editor.select("initiative", ini.id)
    editor.move_selected(1)
    assert loads  # add / move / delete may reload


def test_merge_updates_exactly_the_merged_initiatives(qtbot: QtBot, sample_db: Path, tmp_path: Path,
                                                      loads: list[int]) -> None:
    window = open_window(qtbot, sample_db, Identity(None))
    codes = {i.code: i.id for i in window.model.initiatives()}
    merged_id = codes["①－１－２"]
    before = {i: _row_text(window, i, COL_STATUS) for i in codes.values()}
    book = fill(export(window.store, tmp_path, fy=window.cycle.fy), reports={
        "①－１－２": {"activities": "画面から取込", "evaluation": "A", "direction": "継続"}})
    tool = window.merge_files([book])
    assert tool is not None
    view = tool.tool()
    assert isinstance(view, MergeView)
    settled(qtbot, view)
    heard = _heard(window)
    updated: list[int] = []
    real_update = window.model.update_initiative

    def spy(reports: Any, identity: Any, cycle: Any, initiative_id: int) -> None:
        updated.append(initiative_id)
        real_update(reports, identity, cycle, initiative_id)

    window.model.update_initiative = spy  # type: ignore[method-assign]
    loads.clear()
    view.merge()
    settled(qtbot, view)
    assert loads == []
    assert [c.initiatives for c in heard] == [{merged_id}]
    assert updated == [merged_id]
    after = {i: _row_text(window, i, COL_STATUS) for i in codes.values()}
    assert {i for i in codes.values() if after[i] != before[i]} == {merged_id}
    assert window.reports is not None and window.reports.for_cycle(merged_id, window.cycle)
    # undo: the same initiative back, still no reload
    view.history.selectRow(0)
    view.undo_selected()
    assert loads == []
    assert _row_text(window, merged_id, COL_STATUS) == before[merged_id]


def _ticks(qtbot: QtBot, busy: Callable[[], bool]) -> list[float]:
    """Times at which a 20 ms timer fired while ``busy()``."""
    times: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: times.append(time.perf_counter()))
    timer.start()
    qtbot.waitUntil(lambda: not busy(), timeout=120_000)
    timer.stop()
    return times


def test_the_window_stays_responsive_while_twenty_workbooks_merge(qtbot: QtBot, sample_db: Path,
                                                                   tmp_path: Path) -> None:
    window = open_window(qtbot, sample_db, Identity(None))
    assert window.plan is not None
    departments = [d.name for d in window.plan.departments if d.pseudo is None]
    books = []
    for i in range(20):
        dept = departments[i % len(departments)]
        books.append(export(window.store, tmp_path, dept, fy=window.cycle.fy, name=f"book{i:02}.xlsx"))
    tool = window.open_merge()
    assert tool is not None
    view = tool.tool()
    assert isinstance(view, MergeView)
    view.add_files(books)
    for step in ("check", "merge"):
        if step == "merge":
            assert view.merge_button.isEnabled()
            view.merge()
        assert view.busy  # the check (then the merge) runs in the background …
        start = time.perf_counter()
        ticks = _ticks(qtbot, lambda: view.busy)
        took = time.perf_counter() - start
        assert len(view.outcomes) == 20
        # … and the event loop kept running: the timer fired all along, never stalled long
        gaps = [b - a for a, b in zip([start, *ticks], [*ticks, time.perf_counter()], strict=True)]
        assert len(ticks) >= took / 0.02 / 5, (step, len(ticks), took)
        assert max(gaps) < max(1.0, took / 4), (step, max(gaps), took)
    assert {o.status for o in view.outcomes} == {"merged"}


def test_a_cancelled_merge_leaves_the_database_unchanged(qtbot: QtBot, sample_db: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, sample_db, Identity(None))
    books = [fill(export(window.store, tmp_path, "市民課", fy=window.cycle.fy, name=f"b{i}.xlsx"), reports={
        "①－１－２": {"activities": f"取込 {i}", "evaluation": "A", "direction": "継続"}}) for i in range(3)]
    tool = window.open_merge()
    assert tool is not None
    view = tool.tool()
    assert isinstance(view, MergeView)
    view.add_files(books)
    settled(qtbot, view)
    view.stale_box.setChecked(True)
    from planDesk.core.submissions import merge as core_merge

    real = core_merge._merge_in
    first_in, go_on = threading.Event(), threading.Event()

    def held(ctx: Any, sub: Any, options: Any, before_write: Any) -> Any:  # on the worker thread
        out = real(ctx, sub, options, before_write)
        first_in.set()
        go_on.wait(10)
        return out

    monkeypatch.setattr(core_merge, "_merge_in", held)
    heard = _heard(window)
    view.merge()
    qtbot.waitUntil(first_in.is_set, timeout=30_000)  # the first file is in (not committed)
    assert view.job is not None
    cancel = view.job.dialog.findChild(QPushButton)
    assert cancel is not None
    cancel.click()  # 中止
    go_on.set()
    settled(qtbot, view)
    assert "何も取り込んでいません" in view.summary.text()
    assert heard == []
    from planDesk.core.submissions.undo import merge_history

    assert merge_history(window.store) == []


def test_an_export_runs_in_the_background_and_cancel_writes_nothing(
        qtbot: QtBot, sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from planDesk.core.exports.kinds import load_kinds
    from planDesk.core.exports.registry import EXPORTERS
    from planDesk.gui.window import export_menu

    window = open_window(qtbot, sample_db, Identity(None))
    target = tmp_path / "out" / "計画ブック.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(export_menu, "choose_path", lambda *_a: target)
    monkeypatch.setattr(export_menu, "open_file", lambda path: True)
    load_kinds()
    started, go_on = threading.Event(), threading.Event()
    real = EXPORTERS["plan"]

    def held(store: Any, options: Any, path: Path) -> str:  # on the worker thread
        started.set()
        go_on.wait(10)
        return real.run(store, options, path)

    monkeypatch.setitem(EXPORTERS, "plan", replace(real, run=held))
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    assert export_menu.export(window, "plan") == target
    qtbot.waitUntil(started.is_set)
    assert window.busy
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the event loop runs while the export waits
    assert window.job is not None
    window.job.cancel()  # 中止
    go_on.set()
    settled(qtbot, window)
    assert not target.exists() and list(target.parent.iterdir()) == []  # no file, no partial left
    assert "中止" in window.statusBar().currentMessage()
    # not cancelled: the file arrives
    export_menu.export(window, "plan")
    settled(qtbot, window)
    assert target.exists() and [p.name for p in target.parent.iterdir()] == [target.name]
    timer.stop()


def test_the_window_repaints_while_the_booklet_is_printed(qtbot: QtBot, sample_db: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The real booklet (every page of the sample plan) on the worker thread: the event loop's
    longest stall stays short while reportlab lays out the pages."""
    from planDesk.core.exports.kinds import load_kinds
    from planDesk.gui.window import export_menu

    load_kinds()  # as opening the 出力 menu does
    window = open_window(qtbot, sample_db, Identity(None))
    target = tmp_path / "冊子.pdf"
    monkeypatch.setattr(export_menu, "choose_path", lambda *_a: target)
    monkeypatch.setattr(export_menu, "open_file", lambda path: True)
    start = time.perf_counter()
    assert export_menu.export(window, "booklet") == target
    assert window.busy
    ticks = _ticks(qtbot, lambda: window.busy)
    took = time.perf_counter() - start
    gaps = [b - a for a, b in zip([start, *ticks], [*ticks, time.perf_counter()], strict=True)]
    assert target.stat().st_size > 100_000 and target.read_bytes().startswith(b"%PDF")
    assert len(ticks) >= took / 0.02 / 5, (len(ticks), took)
    assert max(gaps) < max(0.5, took / 10), (max(gaps), took)
