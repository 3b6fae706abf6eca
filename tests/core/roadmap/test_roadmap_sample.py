"""The roadmap of the built-in Hitachinaka plan: every step placed, nothing overlapping."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id
from planDesk.core.roadmap.layout import RoadmapLayout, layout_roadmap
from planDesk.core.roadmap.measure import FontMeasurer


@pytest.fixture
def hitachinaka(sample_db: Path) -> PlanView:
    store = Store.open(str(sample_db))
    try:
        with store.read() as session:
            return load_plan(session, resolve_plan_id(session, "hitachinaka"))
    finally:
        store.close()


@pytest.mark.parametrize("zoom", ["year", "quarter", "month"])
def test_every_step_is_placed_inside_the_chart_without_overlaps(hitachinaka: PlanView, zoom: str) -> None:
    layout: RoadmapLayout = layout_roadmap(hitachinaka, measurer=FontMeasurer(), today=date(2024, 6, 1),
                                           zoom=zoom)  # type: ignore[arg-type]
    prims = layout.primitives
    steps = {s.id for ini in hitachinaka.initiatives() for s in ini.steps}
    assert len(steps) == 86
    shapes = [p for p in prims if p.ref and p.ref[0] == "step" and p.kind != "text"]
    labels = [p for p in prims if p.ref and p.ref[0] == "step" and p.kind == "text"]
    assert {p.ref[1] for p in shapes if p.ref} == steps
    assert {p.ref[1] for p in labels if p.ref} == steps
    for p in shapes + labels:
        assert layout.chart_x0 - 0.01 <= p.x and p.x + p.w <= layout.chart_x1 + 0.01
    # within a row, no label overlaps another label or another step's bar
    boxes = shapes + labels
    for a in boxes:
        for b in boxes:
            if a.ref == b.ref or a is b:
                continue
            overlap = a.x < b.x + b.w - 0.01 and b.x < a.x + a.w - 0.01 and \
                a.y < b.y + b.h - 0.01 and b.y < a.y + a.h - 0.01
            assert not overlap, (a, b)
    assert [p.text for p in layout.header if p.style == "header.fy"] == ["令和5年度", "令和6年度", "令和7年度"]
    assert sum(1 for r in layout.rows if r.kind == "initiative") == 34


def test_continuing_steps_are_arrows_to_the_end_and_milestones_diamonds(hitachinaka: PlanView) -> None:
    layout = layout_roadmap(hitachinaka, measurer=FontMeasurer(), today=date(2024, 6, 1))
    kinds = {s.id: s.kind for ini in hitachinaka.initiatives() for s in ini.steps}
    for p in layout.primitives:
        if p.ref and p.ref[0] == "step" and p.kind != "text":
            expected = {"continuing": "arrow", "milestone": "diamond"}.get(kinds[p.ref[1]], "bar")
            assert p.kind == expected
            if p.kind == "arrow":
                assert p.x + p.w == pytest.approx(layout.chart_x1)
