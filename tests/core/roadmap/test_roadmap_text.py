"""Fitting roadmap labels into a width (禁則) and the words of step tooltips."""

from __future__ import annotations

from roadmap_plans import FakeMeasurer, tiny_plan

from planDesk.core.roadmap.states import state_details, step_states
from planDesk.core.roadmap.text import elide, period_text, step_tooltip, wrap

M = FakeMeasurer()


def test_elide_keeps_text_that_fits_and_cuts_with_an_ellipsis() -> None:
    assert elide("あいう", 30, "s", M) == "あいう"
    assert elide("あいうえお", 30, "s", M) == "あい…"
    assert elide("あいうえお", 5, "s", M) == ""


def test_wrap_never_starts_a_line_with_closing_punctuation() -> None:
    # 4 characters per line; "、" and "」" would start lines 2 and 3
    assert wrap("あいうえ、かきくけ」こ", 40, "s", M, 5) == ["あいう", "え、かき", "くけ」こ"]
    assert wrap("「あいう」", 40, "s", M, 5) == ["「あい", "う」"]


def test_wrap_keeps_latin_words_whole_and_elides_the_last_line() -> None:
    assert wrap("あいLINEで", 40, "s", M, 3) == ["あい", "LINE", "で"]
    # an opening bracket never ends a line, not even after keeping "R5" whole
    assert wrap("あい【R5新規】", 40, "s", M, 3) == ["あい", "【R5新", "規】"]
    assert wrap("あいうえおかきくけこさしすせそ", 40, "s", M, 2) == ["あいうえ", "おかき…"]


def test_step_tooltip_names_goals_targets_and_each_department_state() -> None:
    plan = tiny_plan()
    ini = next(plan.initiatives())
    step = ini.steps[1]
    states = step_states(plan, 2024)
    text = step_tooltip(ini, step, states.get(step.id), state_details(ini, step.id, 2024), 2024)
    assert text.splitlines() == [
        "C",
        "①－１－１ あいう",
        "期間：令和6年度〜（継続）",
        "状況：遅れ（令和6年度の報告）",
        "　市民課：実施中",
        "　情報政策課：遅れ",
        "目標①：手続きを増やします（目標年度 令和5年度）",
        "　指標 オンライン手続き数：目標値 300手続き（令和5年度）",
        "目標②：利用を広げます（目標年度 令和6年度〜令和7年度）",
    ]


def test_period_text_of_quarters_and_months() -> None:
    plan = tiny_plan()
    a, b = list(plan.initiatives())
    assert period_text(a.steps[0]) == "令和5年度"
    assert period_text(a.steps[2]) == "令和5年度第3四半期〜令和5年度第4四半期"
    assert period_text(a.steps[3]) == "令和5年度（3月）"
    assert period_text(b.steps[0]) == "令和6年度第2四半期〜令和7年度第1四半期"
