"""The main window on plans whose groups have any depth (issue 14 item 1): the tree shows
every group and initiative where the plan puts them, a filter keeps the ancestors of what
matches, the report page names the whole path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from any_plan_helpers import FOUR_LEVEL_LABELS, FOUR_LEVELS_MIXED, TWO_LEVEL_LABELS, TWO_LEVELS, make_store, tree_plan
from gui_helpers import initiative_by_code, no_modal_dialogs, open_window  # noqa: F401  (autouse fixture)
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planDesk.core.plan.refresh import PlanPatch, apply_patch
from planDesk.gui.identity import Identity
from planDesk.gui.plan.filter import FilterSpec, PlanFilterProxy
from planDesk.gui.plan.report_index import Cycle, ReportIndex
from planDesk.gui.plan.tree_model import COL_NAME, GROUP, ID_ROLE, INITIATIVE, KIND_ROLE, PlanTreeModel
from planDesk.gui.window.main_window import MainWindow

KEY = "tree-city"


def window_on(qtbot: QtBot, tmp_path: Path, shape: list[Any], labels: tuple[str, ...]) -> MainWindow:
    db = tmp_path / "tree.sqlite3"
    make_store(db, tree_plan(shape, labels=labels, key=KEY)).close()
    return open_window(qtbot, db, Identity(None), plan_key=KEY)


@pytest.fixture
def four(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    window = window_on(qtbot, tmp_path, FOUR_LEVELS_MIXED, FOUR_LEVEL_LABELS)
    yield window
    window.store.close()


def rows(model: Any, parent: QModelIndex | None = None, depth: int = 0) -> list[tuple[int, int, int, str]]:
    """(indent, kind, id, name cell) of every row under ``parent``, in order."""
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, COL_NAME, parent)
        out.append((depth, index.data(KIND_ROLE), index.data(ID_ROLE), str(index.data())))
        out += rows(model, index, depth + 1)
    return out


def test_tree_shows_every_group_and_initiative_where_the_plan_puts_them(four: MainWindow,
                                                                       qtmodeltester: ModelTester) -> None:
    plan = four.plan
    assert plan is not None
    expected: list[tuple[int, int, int]] = []

    def walk(children: Any, indent: int) -> None:
        for child in children:
            if hasattr(child, "children"):
                expected.append((indent, GROUP, child.id))
                walk(child.children, indent + 1)
            else:
                expected.append((indent, INITIATIVE, child.id))

    walk(plan.groups, 0)
    shown = rows(four.model)
    assert [r[:3] for r in shown] == expected
    assert sum(1 for r in shown if r[1] == INITIATIVE) == 9
    assert sum(1 for r in shown if r[1] == GROUP) == len(list(plan.walk_groups())) == 10
    names = [r[3] for r in shown]
    # each group under the plan's label of its depth, with the initiatives of its whole subtree
    assert names[:2] == ["柱1　柱1の部（6件）", "方策1-1　方策1-1の部（2件）"]
    assert "系統1-2-1　系統1-2-1の部（3件）" in names
    assert "細目1-2-1-2　細目1-2-1-2の部（2件）" in names
    assert "1-2-1-1-1　事業1-2-1-1-1のデジタル化" in names
    assert four.model.headerData(0, Qt.Orientation.Horizontal) == "柱／方策／系統／細目／事業"
    assert four.model.groups_of(initiative_by_code(four, "1-2-1-1-1")) == tuple(
        g.id for g in next(i for i in plan.initiatives() if i.code == "1-2-1-1-1").path)
    qtmodeltester.check(four.model)
    # five rows deep share what a two-level plan's three rows are indented
    assert four.tree.indentation() == max(10, four._style_indent * 3 // 5) < four._style_indent


def test_filter_keeps_the_ancestors_of_what_matches(four: MainWindow, qtmodeltester: ModelTester) -> None:
    repainted: list[str] = []
    four.proxy.dataChanged.connect(lambda top, _bottom, _roles: repainted.append(str(top.data())))
    four.filter_bar.search.setText("事業1-2-1-2-2")
    four.filter_bar.flush()
    # the count shown in each group row, at every depth, is repainted
    assert "細目1-2-1-2　細目1-2-1-2の部（1／2件）" in repainted
    assert "柱1　柱1の部（1／6件）" in repainted
    shown = rows(four.proxy)
    assert [(r[0], r[3]) for r in shown] == [
        (0, "柱1　柱1の部（1／6件）"),
        (1, "方策1-2　方策1-2の部（1／4件）"),
        (2, "系統1-2-1　系統1-2-1の部（1／3件）"),
        (3, "細目1-2-1-2　細目1-2-1-2の部（1／2件）"),
        (4, "1-2-1-2-2　事業1-2-1-2-2のデジタル化"),
    ]
    qtmodeltester.check(four.proxy)
    # a group's title finds everything under it, at every depth below
    four.filter_bar.search.setText("系統1-2-1の部")
    four.filter_bar.flush()
    found = [r[3].split("　")[0] for r in rows(four.proxy) if r[1] == INITIATIVE]
    assert found == ["1-2-1-1-1", "1-2-1-2-1", "1-2-1-2-2"]
    four.filter_bar.search.setText("")
    four.filter_bar.flush()
    assert rows(four.proxy)[0][3] == "柱1　柱1の部（6件）"


def test_report_page_names_the_whole_path(four: MainWindow) -> None:
    four.select_initiative(initiative_by_code(four, "1-2-1-1-1"))
    page = four.page
    assert page is not None
    crumbs = page.findChild(QLabel, "breadcrumb")
    assert crumbs is not None
    assert crumbs.text() == ("柱1：柱1の部　›　方策1-2：方策1-2の部　›　系統1-2-1：系統1-2-1の部"
                             "　›　細目1-2-1-1：細目1-2-1-1の部")
    four.select_initiative(initiative_by_code(four, "2-1"))
    assert four.page is not None
    shallow = four.page.findChild(QLabel, "breadcrumb")
    assert shallow is not None and shallow.text() == "柱2：柱2の部"


def test_a_renamed_deep_group_is_patched_into_its_row_and_initiatives(four: MainWindow) -> None:
    plan = four.plan
    assert plan is not None
    group = next(g for g in plan.walk_groups() if g.code == "1-2-1-2")
    renamed = apply_patch(plan, PlanPatch({}, {group.id: "名前を変えた部"}))
    four.model.patch(renamed, set(), {group.id: "名前を変えた部"})
    assert str(four.model.index_of_group(group.id).data()) == "細目1-2-1-2　名前を変えた部（2件）"
    ini = four.model.initiative(initiative_by_code(four, "1-2-1-2-1"))
    assert ini is not None and ini.parent.title == "名前を変えた部"


def test_the_window_takes_a_deep_group_renamed_elsewhere(four: MainWindow) -> None:
    """A rename announced on the hub (as the plan editor does) reaches the row, the initiatives'
    paths (search, the open page) without reading the whole plan."""
    from planDesk.core.plan.edit.nodes import edit_title

    plan = four.plan
    assert plan is not None
    group = next(g for g in plan.walk_groups() if g.code == "1-2-1")
    four.select_initiative(initiative_by_code(four, "1-2-1-2-2"))
    change = edit_title(four.store, "group", group.id, "改めた系統")
    assert not change.structural
    four.apply_change(change)
    assert str(four.model.index_of_group(group.id).data()) == "系統1-2-1　改めた系統（3件）"
    assert four.plan is not None and four.plan.find_group(group.id).title == "改めた系統"
    assert four.page is not None
    crumbs = four.page.findChild(QLabel, "breadcrumb")
    assert crumbs is not None and "系統1-2-1：改めた系統" in crumbs.text()
    four.filter_bar.search.setText("改めた系統")
    four.filter_bar.flush()
    assert [r[3].split("　")[0] for r in rows(four.proxy) if r[1] == INITIATIVE] == [
        "1-2-1-1-1", "1-2-1-2-1", "1-2-1-2-2"]


def test_a_two_level_plan_numbered_1_1(qtbot: QtBot, tmp_path: Path, qtmodeltester: ModelTester) -> None:
    window = window_on(qtbot, tmp_path, TWO_LEVELS, TWO_LEVEL_LABELS)
    assert [(r[0], r[3]) for r in rows(window.model)] == [
        (0, "領域1　領域1の部（2件）"), (1, "1-1　事業1-1のデジタル化"), (1, "1-2　事業1-2のデジタル化"),
        (0, "領域2　領域2の部（3件）"), (1, "2-1　事業2-1のデジタル化"), (1, "2-2　事業2-2のデジタル化"),
        (1, "2-3　事業2-3のデジタル化"),
    ]
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "領域／事業"
    assert window.tree.indentation() == window._style_indent  # as few levels as the style is made for
    window.filter_bar.search.setText("事業2-2")
    window.filter_bar.flush()
    assert [r[3] for r in rows(window.proxy)] == ["領域2　領域2の部（1／3件）", "2-2　事業2-2のデジタル化"]
    window.select_initiative(initiative_by_code(window, "2-2"))
    assert window.page is not None
    crumbs = window.page.findChild(QLabel, "breadcrumb")
    assert crumbs is not None and crumbs.text() == "領域2：領域2の部"
    proxy = PlanFilterProxy()  # the models hold for the plan alone too
    model = PlanTreeModel()
    proxy.setSourceModel(model)
    assert window.plan is not None
    model.set_plan(window.plan)
    proxy.plan_changed()
    proxy.apply(FilterSpec(text="1-2"), ReportIndex(window.plan), None, Cycle(window.plan.start_fy))
    qtmodeltester.check(proxy)
    window.store.close()
