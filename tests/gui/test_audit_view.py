"""The audit-log viewer: its model passes Qt's model checks, filters narrow it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from pytestqt.qtbot import QtBot

from planDesk.core.persistence.store import Store
from planDesk.core.plan.edit.nodes import edit_title
from planDesk.core.plan.edit.numbers import renumber
from planDesk.core.plan.view import load_plan, resolve_plan_id
from planDesk.gui.division import audit_view
from planDesk.gui.division.audit_view import COL_ACTOR, COL_CHANGE, COL_OPERATION, AuditLogView, AuditTableModel


@pytest.fixture
def edited(sample_db: Path) -> Iterator[Store]:
    store = Store.open(str(sample_db), actor="山田")
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    edit_title(store, "group", plan.groups[0].id, "市民サービスのデジタル化（改訂）")
    renumber(store, "initiative", next(plan.initiatives()).id, 12)
    yield store
    store.close()


def plan_id(store: Store) -> int:
    with store.read() as s:
        return resolve_plan_id(s)


def test_model_passes_qt_model_tester(qtmodeltester, edited: Store, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(audit_view, "PAGE", 1)  # exercise fetchMore too
    model = AuditTableModel(edited)
    model.set_filter(audit_view.AuditFilter(plan_ids=(plan_id(edited),)))
    assert model.rowCount() == 1 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)
    model.fetchMore(QModelIndex())
    assert model.rowCount() >= 2
    qtmodeltester.check(model, force_py=True)


def test_view_shows_newest_first_and_filters(qtbot: QtBot, edited: Store) -> None:
    view = AuditLogView(edited, plan_id(edited))
    qtbot.addWidget(view)
    model = view.model
    assert model.rowCount() == 3  # init + edit + renumber
    assert model.index(0, COL_OPERATION).data() == "取組事項の番号変更"  # the sample plan's word
    assert model.index(0, COL_ACTOR).data() == "山田"
    assert "①－１－１ → ①－１－１２" in model.index(0, COL_CHANGE).data()
    view.operation.setCurrentIndex(view.operation.findData("edit-group"))
    assert model.rowCount() == 1
    assert "（改訂）" in model.index(0, COL_CHANGE).data()
    view.clear_filter()
    assert model.rowCount() == 3
    view.text.setText("改訂")  # as typed (keyClicks takes ASCII only); the query waits for a pause
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    view.clear_filter()
    view.since.setDate(QDate(date.today()).addDays(1))
    assert model.rowCount() == 0
    view.clear_filter()
    view.table.setCurrentIndex(model.index(0, 0))
    assert "変更前：①－１－１" in view.detail.toPlainText()
    assert "変更後：①－１－１２" in view.detail.toPlainText()


def test_accessible_names_and_refresh(qtbot: QtBot, edited: Store) -> None:
    view = AuditLogView(edited, plan_id(edited))
    qtbot.addWidget(view)
    for widget in (view.text, view.operation, view.entity, view.actor, view.since, view.until, view.table):
        assert widget.accessibleName()
    with edited.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    edit_title(edited, "group", plan.groups[1].id, "地域")
    view.refresh()
    assert view.model.rowCount() == 4
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "日時"
