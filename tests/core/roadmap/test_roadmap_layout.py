"""The roadmap layout: exact geometry of a tiny plan with a fake measurer."""

from __future__ import annotations

from datetime import date

import pytest
from roadmap_plans import FakeMeasurer, initiative, plan, step, tiny_plan

from planDesk.core.roadmap.layout import Primitive, RoadmapLayout, layout_roadmap

M = FakeMeasurer()
TODAY = date(2024, 10, 16)


def lay(**kw: object) -> RoadmapLayout:
    return layout_roadmap(tiny_plan(), measurer=M, today=kw.pop("today", TODAY), **kw)  # type: ignore[arg-type]


def step_prims(layout: RoadmapLayout, step_id: int) -> list[Primitive]:
    return [p for p in layout.primitives if p.ref == ("step", step_id)]


def test_rows_and_heights() -> None:
    layout = lay()
    assert layout.header_height == 18
    assert [(r.kind, r.ref, r.y, r.height, r.lanes) for r in layout.rows] == [
        ("group", ("group", 1), 18, 20, 0),
        ("group", ("group", 101), 38, 18, 0),
        # 3 lanes of 12 (label) + 9 (bar) + 3 (gap), minus the last gap, plus 4 + 4 padding
        ("initiative", ("initiative", 10), 56, 77, 3),
        # one lane (21) is shorter than the label column's two lines (24): 24 + 8
        ("initiative", ("initiative", 20), 133, 32, 1),
    ]
    assert layout.height == 165
    assert layout.width == 200 + 3 * 240
    assert (layout.chart_x0, layout.chart_x1) == (200, 920)


def test_step_geometry_year_zoom() -> None:
    layout = lay()
    # a one-off step over FY2023: April 2023 … March 2024 = x 200 … 440, lane 0
    assert step_prims(layout, 1) == [
        Primitive("text", 200, 60, 20, 12, "step.label", "AB", ("step", 1)),
        Primitive("bar", 200, 72, 240, 9, "step.done", None, ("step", 1)),
    ]
    # continuing from FY2024: an arrow to the end of the period, same lane (no overlap)
    assert step_prims(layout, 2) == [
        Primitive("text", 440, 60, 10, 12, "step.label", "C", ("step", 2)),
        Primitive("arrow", 440, 72, 480, 9, "step.delayed", None, ("step", 2)),
    ]
    # 第3–第4四半期 of FY2023 = October … March = x 320 … 440: overlaps step 1 → lane 1
    assert step_prims(layout, 3) == [
        Primitive("text", 320, 84, 10, 12, "step.label", "D", ("step", 3)),
        Primitive("bar", 320, 96, 120, 9, "step.not_started", None, ("step", 3)),
    ]
    # a milestone in March 2024 (month 11 of FY2023): a 10 pt diamond centred on x 430, lane 2
    assert step_prims(layout, 4) == [
        Primitive("text", 425, 108, 10, 12, "step.label", "M", ("step", 4)),
        Primitive("diamond", 425, 119.5, 10, 10, "step.done", None, ("step", 4)),
    ]


def test_quarter_zoom_headers_and_boundaries() -> None:
    layout = lay(zoom="quarter")
    assert layout.header_height == 36
    assert layout.chart_x1 == 200 + 12 * 96
    header_texts = [(p.text, p.x, p.y) for p in layout.header if p.kind == "text" and p.layer == "header"]
    # fiscal years in 和暦, centred over 384 pt each; quarters 第1四半期 = April–June first
    assert header_texts[:5] == [
        ("令和5年度", 200 + (384 - 50) / 2, 0),
        ("第1四半期", 200 + (96 - 50) / 2, 18),
        ("第2四半期", 296 + 23, 18),
        ("第3四半期", 392 + 23, 18),
        ("第4四半期", 488 + 23, 18),
    ]
    assert [t for t, _, _ in header_texts if t and t.startswith("令和")] == ["令和5年度", "令和6年度", "令和7年度"]
    # step 3 starts in 第3四半期 = October: 6 months × 32 pt after April
    bar = next(p for p in step_prims(layout, 3) if p.kind == "bar")
    assert (bar.x, bar.w) == (200 + 6 * 32, 6 * 32)
    # step 5: 第2四半期 of FY2024 (July 2024) to 第1四半期 of FY2025 (June 2025)
    bar5 = next(p for p in step_prims(layout, 5) if p.kind == "bar")
    assert (bar5.x, bar5.x + bar5.w) == (200 + 15 * 32, 200 + 27 * 32)
    # minor grid lines at every quarter boundary that is not a year boundary
    minor = sorted(p.x for p in layout.overlay if p.style == "grid.minor")
    assert minor == [200 + k * 32 for k in range(3, 36, 3) if k % 12]
    years = sorted(p.x for p in layout.overlay if p.style == "grid.year")
    assert years == [200, 584, 968, 1352]


def test_month_zoom_headers() -> None:
    layout = lay(zoom="month")
    minor = [p.text for p in layout.header if p.style == "header.minor"]
    assert minor[:12] == ["4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月"]
    assert len(minor) == 36


def test_narrow_columns_fall_back_to_short_labels() -> None:
    layout = lay(chart_width=36 * 2.5, zoom="quarter")  # 7.5 pt per quarter
    texts = [p.text for p in layout.header if p.kind == "text" and p.layer == "header"]
    assert "令和5年度" not in texts
    assert "R5" in texts or "R…" in texts or "…" in texts


def test_today_line_inside_the_period() -> None:
    layout = lay()
    (line,) = [p for p in layout.overlay if p.style == "today.line"]
    # 16 October 2024: FY2024, October is month 6, 15 of 31 days gone
    assert line.x == pytest.approx(200 + 20 * (12 + 6 + 15 / 31))
    assert (line.y, line.y + line.h) == (18, layout.height)
    assert not [p for p in layout.header if p.style == "today.note"]


@pytest.mark.parametrize(("today", "text", "right"), [
    (date(2026, 5, 1), "今日（令和8年5月1日）は計画期間後 ▶", True),
    (date(2023, 3, 31), "◀ 今日（令和5年3月31日）は計画期間前", False),
])
def test_today_outside_the_period_is_noted_at_the_edge(today: date, text: str, right: bool) -> None:
    layout = lay(today=today)
    assert not [p for p in layout.overlay if p.style == "today.line"]
    (note,) = [p for p in layout.header if p.style == "today.note" and p.kind == "text"]
    assert note.text == text
    # in a band of its own under the FY row (12 pt line + 4), so it never hides a year
    assert layout.header_height == 18 + 16
    assert note.y >= 18
    if right:
        assert note.x + note.w == pytest.approx(920 - 2 - 3)
    else:
        assert note.x == 200 + 2 + 3


def test_chart_width_stretches_the_period() -> None:
    layout = lay(chart_width=540)
    assert layout.chart_x1 == 740
    bar = next(p for p in step_prims(layout, 1) if p.kind == "bar")
    assert bar.w == 180


def test_filter_keeps_only_the_named_initiatives_and_their_groups() -> None:
    layout = lay(initiative_ids={20})
    assert [r.ref for r in layout.rows] == [("group", 1), ("group", 101), ("initiative", 20)]
    empty = lay(initiative_ids=set())
    assert empty.rows == ()
    assert any(p.text and "表示する取組事項がありません" in p.text for p in empty.overlay)  # the plan's word


def test_collapsed_groups_hide_their_rows() -> None:
    layout = lay(collapsed={("group", 101)})
    assert [(r.ref, r.collapsed) for r in layout.rows] == [(("group", 1), False), (("group", 101), True)]
    label = [p.text for p in layout.row_primitives(1).label if p.kind == "text"]
    assert label == ["▶ 推進事項①－１ 推進事項1"]
    whole = lay(collapsed={("group", 1)})
    assert [r.ref for r in whole.rows] == [("group", 1)]
    expanded = [p.text for p in lay().row_primitives(0).label if p.kind == "text"]
    assert expanded == ["▼ 基本方針① 方針1"]


def test_single_initiative_without_label_column_or_groups() -> None:
    """The plan booklet draws one initiative's chart over the FY columns."""
    layout = lay(initiative_ids={10}, label_width=0, show_groups=False, chart_width=360)
    assert [r.ref for r in layout.rows] == [("initiative", 10)]
    assert layout.chart_x0 == 0 and layout.width == 360
    assert not [p for p in layout.primitives if p.layer in ("label", "corner")]
    assert step_prims(layout, 1)[1] == Primitive("bar", 0, 34, 120, 9, "step.done", None, ("step", 1))
    # the row is as tall as its lanes, without a label column to fit
    assert layout.rows[0].height == 3 * 24 - 3 + 8


def test_initiative_label_wraps_and_lists_departments() -> None:
    long = initiative(30, 3, "とても長い題名の取組事項でありまして二行目に続きます", (step(9, "X", 2023, 2023),),
                      departments=("市民課", "情報政策課"), priority=True, new_in_fy=2023)
    layout = layout_roadmap(plan({1: (long,)}), measurer=M, today=TODAY)
    texts = [(p.text, p.x, p.y) for p in layout.row_primitives(2).label if p.kind == "text"]
    # 180 pt available after the indent = 18 characters per line
    assert texts == [
        ("①－１－３ とても長い題名の取組事項", 16, 60),
        ("でありまして二行目に続きます【重点】", 16, 72),
        ("【R5新規】", 16, 84),
        ("市民課・情報政策課", 16, 96),
    ]
    assert layout.rows[2].height == 4 * 12 + 8


def test_steps_outside_the_period_are_clamped() -> None:
    odd = initiative(40, 4, "外", (step(11, "前", 2020, 2021), step(12, "後", 2027, 2028),
                                   step(13, "逆", 2024, 2023)))
    layout = layout_roadmap(plan({1: (odd,)}), measurer=M, today=TODAY)
    bars = {p.ref: (p.x, p.w) for p in layout.primitives if p.kind == "bar"}
    assert bars[("step", 11)] == (200, 20)  # shown in the first month
    assert bars[("step", 12)] == (900, 20)  # shown in the last month
    assert bars[("step", 13)] == (440, 20)  # an end before its start: the start month


def test_long_step_label_is_pulled_left_to_stay_in_the_chart() -> None:
    ini = initiative(50, 5, "題", (step(14, "あ" * 30, 2025, 2025),))
    layout = layout_roadmap(plan({1: (ini,)}), measurer=M, today=TODAY)
    text = next(p for p in layout.primitives if p.ref == ("step", 14) and p.kind == "text")
    assert (text.x, text.x + text.w) == (620, 920)
    huge = initiative(51, 6, "題", (step(15, "い" * 100, 2023, 2025),))
    layout = layout_roadmap(plan({1: (huge,)}), measurer=M, today=TODAY)
    text = next(p for p in layout.primitives if p.ref == ("step", 15) and p.kind == "text")
    assert text.text is not None and text.text.endswith("…") and text.w <= 720


def test_rows_in_and_row_at_use_the_row_positions() -> None:
    layout = lay()
    assert list(layout.rows_in(0, 17)) == []
    assert list(layout.rows_in(40, 60)) == [1, 2]
    assert list(layout.rows_in(133, 133)) == [3]
    assert list(layout.rows_in(500, 600)) == []
    assert layout.row_at(57) == 2
    assert layout.row_at(10) is None
    assert layout.row_at(1000) is None


def test_primitives_are_in_layer_order_and_built_once() -> None:
    layout = lay()
    layers = [p.layer for p in layout.primitives]
    order = ["grid", "body", "overlay", "label", "header", "corner"]
    assert layers == sorted(layers, key=order.index)
    assert layout.row_primitives(2) is layout.row_primitives(2)
    corner = [p.text for p in layout.header if p.layer == "corner" and p.kind == "text"]
    assert corner == ["取組事項"]


def test_primitives_built_without_keeping_them_are_the_same() -> None:
    """``keep=False`` (the booklet draws each row once: issue 17's memory) builds equal
    primitives each time and leaves none behind."""
    kept, once = lay(), lay()
    for index in range(kept.row_count):
        first = once.row_primitives(index, keep=False)
        assert first == kept.row_primitives(index)
        assert once.row_primitives(index, keep=False) is not first
    assert once.primitives == kept.primitives


def test_states_can_be_given_instead_of_reports() -> None:
    layout = lay(states={1: "delayed"})
    assert step_prims(layout, 1)[1].style == "step.delayed"
    assert step_prims(layout, 2)[1].style == "step.none"


def test_cycle_fy_picks_the_reports_that_colour_the_steps() -> None:
    assert step_prims(lay(cycle_fy=2023), 1)[1].style == "step.in_progress"
    assert step_prims(lay(cycle_fy=2025), 1)[1].style == "step.none"
    assert lay().cycle_fy == 2024  # default: the latest year with reports


def test_unknown_zoom_is_refused() -> None:
    with pytest.raises(ValueError, match="zoom"):
        lay(zoom="week")


def test_one_initiatives_chart_is_laid_out_without_walking_the_plan() -> None:
    """An initiative's page draws its chart from the initiative given (``initiatives``), the
    same rows and primitives as picking it out of the whole plan by id."""
    p = tiny_plan()
    ini = next(i for i in p.initiatives() if i.id == 10)
    common = {"measurer": M, "today": TODAY, "label_width": 0, "show_groups": False, "chart_width": 300.0}
    by_id = layout_roadmap(p, initiative_ids={10}, **common)  # type: ignore[arg-type]
    given = layout_roadmap(p, initiatives=[ini], **common)  # type: ignore[arg-type]
    assert [(r.kind, r.ref, r.y, r.height) for r in given.rows] == [(r.kind, r.ref, r.y, r.height) for r in by_id.rows]
    assert given.primitives == by_id.primitives
    with pytest.raises(ValueError):
        layout_roadmap(p, measurer=M, today=TODAY, initiatives=[ini])  # group rows asked for too
