"""Which plan opens: the remembered one if it is current, else the first current one."""

from __future__ import annotations

from planDesk.core.plan.view import PlanSummary, choose_plan


def _summary(plan_id: int, key: str, current: bool) -> PlanSummary:
    return PlanSummary(plan_id, key, key, "市", "第1版", 2024, 2028, current)


def test_the_remembered_current_plan_first_then_the_first_current_then_any() -> None:
    old, a, b = _summary(1, "a", False), _summary(2, "a", True), _summary(3, "b", True)
    assert choose_plan([old, a, b], "b") == b
    assert choose_plan([old, a, b], "a") == a  # the current revision, not the old one
    assert choose_plan([old, a, b], "gone") == a
    assert choose_plan([old], "a") == old
    assert choose_plan([], "a") is None
