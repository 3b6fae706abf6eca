"""The 工程表 on screen (issue 15): a zoom keeps the date at the left edge, and the report
page draws the initiative's 工程表 as a small chart from the same layout."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from gui_helpers import documents_folder, initiative_by_code, no_modal_dialogs, open_window  # noqa: F401
from pytestqt.qtbot import QtBot

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id
from planDesk.gui.identity import Identity
from planDesk.gui.roadmap.initiative_chart import InitiativeRoadmap
from planDesk.gui.roadmap.view import RoadmapView


@pytest.fixture
def hitachinaka(sample_db: Path) -> PlanView:
    store = Store.open(str(sample_db))
    try:
        with store.read() as session:
            return load_plan(session, resolve_plan_id(session, "hitachinaka"))
    finally:
        store.close()


def shown(qtbot: QtBot, plan: PlanView, cycle_fy: int) -> RoadmapView:
    view = RoadmapView(plan, today=date(2024, 10, 16), cycle_fy=cycle_fy)
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show()
    qtbot.waitExposed(view)
    view.roadmap_layout()
    return view


def test_zooming_in_from_the_whole_period_starts_at_the_reported_year(qtbot: QtBot, hitachinaka: PlanView) -> None:
    view = shown(qtbot, hitachinaka, cycle_fy=2025)  # 令和7年度, the plan's third year
    assert view.canvas.horizontalScrollBar().maximum() == 0  # the year view shows it all
    view.set_zoom("month")
    qtbot.wait(200)  # any refit after the scroll bar appeared
    assert view.canvas.horizontalScrollBar().maximum() > 0
    assert view.canvas.left_month() == pytest.approx(24, abs=0.05)  # April of 令和7年度, label whole


def test_zooming_keeps_the_date_at_the_left_edge(qtbot: QtBot, hitachinaka: PlanView) -> None:
    view = shown(qtbot, hitachinaka, cycle_fy=2023)
    view.set_zoom("month")
    assert view.canvas.left_month() == pytest.approx(0, abs=0.05)
    bar = view.canvas.horizontalScrollBar()
    layout = view.roadmap_layout()
    bar.setValue(round((layout.axis.x_of(14.4) - layout.label_width) * view.canvas.k))  # mid-June 令和6年度
    view.set_zoom("quarter")
    qtbot.wait(200)
    assert view.canvas.left_month() == pytest.approx(14, abs=0.05)  # the same month, from its start
    view.set_zoom("month")
    assert view.canvas.left_month() == pytest.approx(14, abs=0.05)


def test_the_report_page_draws_the_initiatives_roadmap(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db, Identity("市民課"))
    with qtbot.waitExposed(window):
        window.show()
    window.select_initiative(initiative_by_code(window, "①－１－１"))
    page = window.page
    assert page is not None
    chart = page.plan_part.roadmap
    assert isinstance(chart, InitiativeRoadmap)
    layout = chart.roadmap_layout()
    steps = {p.ref[1] for p in layout.primitives if p.ref and p.ref[0] == "step" and p.kind != "text"}
    assert steps == {s.id for s in page.initiative.steps}  # every step drawn, from the layout
    labels = {p.text for p in layout.primitives if p.kind == "text"}
    assert {"令和5年度", "令和6年度", "令和7年度"} <= labels
    assert layout.label_width == 0  # the chart only: the page says which initiative it is
    assert chart.width() == pytest.approx(layout.width * chart.k, abs=3)  # as wide as the page
    assert chart.height() >= layout.height * chart.k
    assert "オンライン化" in chart.toolTip()
    window.store.close()


def test_a_year_scrolled_to_a_sliver_draws_no_cut_off_heading(qtbot: QtBot, hitachinaka: PlanView) -> None:
    from planDesk.gui.roadmap.painter import QtStyles, compile_primitives, run_ops

    class Recorder:  # the painter calls run_ops makes, texts and where
        def __init__(self) -> None:
            self.texts: list[tuple[float, str]] = []

        def drawText(self, at: object, text: str) -> None:  # QPainter's name
            self.texts.append((at.x(), text))  # type: ignore[attr-defined]

        def __getattr__(self, _name: str) -> object:
            return lambda *a, **k: None

    view = shown(qtbot, hitachinaka, cycle_fy=2025)
    view.set_zoom("month")
    layout = view.roadmap_layout()
    ops = compile_primitives(layout.header, QtStyles(96))
    x0 = layout.axis.x_of(23.3)  # of 令和6年度 only the last days of March are in view
    painter = Recorder()
    run_ops(painter, ops, QtStyles(96), x0, x0 + 600)  # type: ignore[arg-type]
    assert not [t for x, t in painter.texts if x < x0]  # nothing drawn into the clipped margin
    assert "令和7年度" in [t for _x, t in painter.texts]
    assert "3月" in [t for _x, t in painter.texts]
