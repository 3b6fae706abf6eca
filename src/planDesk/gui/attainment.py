"""KPI attainment (達成率): how far an actual value has come from baseline to target.

No Qt here. For "up" KPIs: (actual − baseline) / (target − baseline); for "down" KPIs
the same with the signs turned. None when it cannot be computed (no target, no actual, no
baseline, zero span).
"""

from __future__ import annotations


def attainment(actual: float | None, baseline: float | None, target: float | None,
               direction: str = "up") -> float | None:
    if actual is None or target is None:
        return None
    if baseline is None:  # the way travelled is unknown: not counted from 0
        return None
    span = target - baseline
    if span == 0:
        return None
    return (actual - baseline) / span


def format_attainment(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.0f}%"
