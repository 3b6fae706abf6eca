"""The 工程表 view on a plan whose groups have any depth (issue 14 item 1): collapsed to a
chosen depth from its tool bar, an initiative deep in the tree shown by expanding its path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from any_plan_helpers import (
    FOUR_LEVEL_LABELS,
    FOUR_LEVELS_MIXED,
    TWO_LEVEL_LABELS,
    TWO_LEVELS,
    make_store,
    tree_plan,
    view_of,
)
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from planDesk.core.plan.view import PlanView
from planDesk.gui.i18n import install_translators
from planDesk.gui.roadmap.view import RoadmapView


def plan_of(tmp_path: Path, shape: list[object], labels: tuple[str, ...]) -> PlanView:
    store = make_store(tmp_path / "tree.sqlite3", tree_plan(shape, labels=labels))
    try:
        return view_of(store)
    finally:
        store.close()


def make_view(qtbot: QtBot, plan: PlanView) -> RoadmapView:
    view = RoadmapView(plan, today=date(2026, 10, 1))
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def shown(view: RoadmapView) -> list[tuple[str, int, str]]:
    """(kind, indent, title) of every row, group titles without their code."""
    layout = view.roadmap_layout()
    layout.finish()
    return [(r.kind, r.depth, r.title) for r in layout.rows]


def test_collapse_to_each_depth_from_the_tool_bar(qtbot: QtBot, tmp_path: Path) -> None:
    plan = plan_of(tmp_path, FOUR_LEVELS_MIXED, FOUR_LEVEL_LABELS)
    view = make_view(qtbot, plan)
    button = view.findChild(QToolButton, "collapse")
    assert button is not None and button.text() == "細目で折りたたむ"  # the deepest level
    menu = button.menu()
    assert [a.text() for a in menu.actions()] == ["柱で折りたたむ", "方策で折りたたむ", "系統で折りたたむ",
                                                  "細目で折りたたむ"]
    everything = shown(view)
    assert sum(1 for r in everything if r[0] == "group") == 10
    assert sum(1 for r in everything if r[0] == "initiative") == 9

    menu.actions()[0].trigger()  # 柱: one line per top-level group
    assert [(k, d) for k, d, _ in shown(view)] == [("group", 0)] * 3
    menu.actions()[1].trigger()  # 方策: the top groups, their groups, and 柱2's initiatives
    rows = shown(view)
    assert [r[2] for r in rows if r[0] == "group"] == [
        "柱1 柱1の部", "方策1-1 方策1-1の部", "方策1-2 方策1-2の部", "柱2 柱2の部", "柱3 柱3の部",
        "方策3-1 方策3-1の部"]
    assert sum(1 for r in rows if r[0] == "initiative") == 2  # right under 柱2
    menu.actions()[2].trigger()  # 系統: a depth-3 group stays closed, the 1-2-2 initiative beside it shows
    rows = shown(view)
    assert ("group", 2, "系統1-2-1 系統1-2-1の部") in rows
    assert not any(r[2].startswith("細目") for r in rows)
    button.click()  # 細目, the deepest: everything but the depth-4 groups' initiatives
    rows = shown(view)
    assert sum(1 for r in rows if r[0] == "group") == 10
    assert sum(1 for r in rows if r[0] == "initiative") == 9 - 3
    view.expand_all()
    assert shown(view) == everything


def test_showing_a_deep_initiative_opens_its_whole_path(qtbot: QtBot, tmp_path: Path) -> None:
    plan = plan_of(tmp_path, FOUR_LEVELS_MIXED, FOUR_LEVEL_LABELS)
    view = make_view(qtbot, plan)
    deep = next(i for i in plan.initiatives() if i.code == "1-2-1-2-2")
    view.collapse_to(1)
    view.select_initiative(deep.id)
    assert view.current_initiative() == deep.id
    rows = shown(view)
    assert ("initiative", 4) in [(k, d) for k, d, _ in rows]
    assert {r[2] for r in rows if r[0] == "group"} >= {
        "柱1 柱1の部", "方策1-2 方策1-2の部", "系統1-2-1 系統1-2-1の部", "細目1-2-1-2 細目1-2-1-2の部"}
    # the other top-level groups stay collapsed
    assert view.collapsed() & {("group", g.id) for g in plan.groups} == {
        ("group", g.id) for g in plan.groups if g.code != "1"}


def test_a_one_level_plan_collapses_to_its_only_level(qtbot: QtBot, tmp_path: Path) -> None:
    plan = plan_of(tmp_path, TWO_LEVELS, TWO_LEVEL_LABELS)
    view = make_view(qtbot, plan)
    button = view.findChild(QToolButton, "collapse")
    assert button is not None and button.text() == "領域で折りたたむ"
    assert [a.text() for a in button.menu().actions()] == ["領域で折りたたむ"]
    view.collapse_all()
    assert shown(view) == [("group", 0, "領域1 領域1の部"), ("group", 0, "領域2 領域2の部")]


def test_the_collapse_strings_have_english(qapp: QApplication) -> None:
    install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("RoadmapView", "{0}で折りたたむ") == "Collapse to {0}"
        assert QCoreApplication.translate(
            "RoadmapView", "表示を絞り込む（一覧の条件・{0}で折りたたむ）か、PDF 出力を使ってください。") == (
            "Show less (filter the list, or collapse to {0}), or export a PDF instead.")
    finally:
        install_translators(qapp, "ja")
