"""Screens name a plan's levels with the plan's own words (issue 14 item 3)."""

from __future__ import annotations

from pathlib import Path

from any_plan_helpers import BUILTIN_WORDS, city_plan, make_store, view_of
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from planDesk.gui.plan_editor import PlanEditor
from planDesk.gui.roadmap_view import RoadmapView


def test_editor_and_roadmap_use_the_plans_level_labels(qtbot: QtBot, tmp_path: Path) -> None:
    store = make_store(tmp_path / "city.sqlite3", city_plan())
    plan = view_of(store)
    editor = PlanEditor(store, plan.id)
    qtbot.addWidget(editor)
    assert [a.text() for a in (editor.add_policy_action, editor.add_item_action, editor.add_ini_action)] == [
        "柱を追加", "方策を追加", "事業を追加"]
    view = RoadmapView(plan)
    qtbot.addWidget(view)
    texts = [b.text() for b in view.findChildren(QToolButton)]
    assert "方策で折りたたむ" in texts
    shown = " ".join([*texts, *(a.text() for a in editor.actions())])
    assert [w for w in BUILTIN_WORDS if w in shown] == []
    store.close()
