"""Step states from progress reports: the worst of the departments, per fiscal year."""

from __future__ import annotations

import pytest
from roadmap_plans import initiative, plan, report, step, tiny_plan

from planDesk.core.roadmap.states import combine_states, cycle_reports, latest_report_fy, step_states


@pytest.mark.parametrize(("states", "expected"), [
    ([], None),
    (["done"], "done"),
    (["done", "done"], "done"),
    (["not_started", "not_started"], "not_started"),
    (["in_progress"], "in_progress"),
    (["done", "not_started"], "in_progress"),
    (["done", "in_progress", "not_started"], "in_progress"),
    (["done", "delayed"], "delayed"),
    (["not_started", "delayed", "in_progress"], "delayed"),
])
def test_worst_state_wins(states: list[str], expected: str | None) -> None:
    assert combine_states(states) == expected


def test_states_of_a_cycle_combine_the_departments() -> None:
    p = tiny_plan()
    assert step_states(p, 2024) == {1: "done", 2: "delayed", 3: "not_started", 4: "done"}
    assert step_states(p, 2023) == {1: "in_progress"}
    assert step_states(p, 2022) == {}
    assert latest_report_fy(p) == 2024
    assert step_states(p, None) == step_states(p, 2024)


def test_latest_half_of_a_department_counts_and_statuses_filter() -> None:
    reports = (
        report(1, 10, "市民課", 1, 2024, {1: "not_started"}, half=1),
        report(2, 10, "市民課", 1, 2024, {1: "in_progress"}, half=2),
        report(3, 10, "人事課", 3, 2024, {1: "done"}, half=1, status="draft"),
    )
    ini = initiative(10, 1, "題", (step(1, "A", 2024, 2024),), reports=reports)
    p = plan({1: (ini,)})
    assert [r.id for r in cycle_reports(ini, 2024)] == [3, 2]  # one per department, latest half
    assert step_states(p, 2024) == {1: "in_progress"}  # 実施中 + 完了 → 実施中
    assert step_states(p, 2024, statuses={"submitted", "confirmed"}) == {1: "in_progress"}
    assert step_states(p, 2024, statuses={"confirmed"}) == {}


def test_a_plan_without_reports_has_no_states() -> None:
    ini = initiative(10, 1, "題", (step(1, "A", 2024, 2024),))
    p = plan({1: (ini,)})
    assert latest_report_fy(p) is None
    assert step_states(p, None) == {}
