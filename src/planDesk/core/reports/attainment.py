"""KPI attainment (達成率): the one definition, used by every screen, workbook and printout.

How far a KPI's actual value has come from its baseline (基準値) to its target (目標値),
1.0 meaning the target is met:

- **baseline ≠ target** (the usual case, either direction):
  (actual − baseline) ÷ (target − baseline). For a "down is good" KPI the target lies
  below the baseline, so a fall counts as progress with the same formula (e.g. 100 → 60,
  actual 80: 50 %). Overshooting gives more than 100 %, going backwards less than 0 %.
- **baseline = target** (keep the level): 100 % when the actual is at the target or
  better in the KPI's direction; otherwise the share kept: actual ÷ target ("up"),
  target ÷ actual ("down"); none when that would divide by zero.
- **no baseline**: none (shown as —). Without a starting point the share of the way
  cannot be known; a missing baseline is never taken as 0.
- **no target or no actual**: none.
- **units**: values are compared in the KPI's own unit. A ％ KPI stores percentages as
  typed (76.4 means 76.4 %), so its attainment is the share of the way in percentage
  points, like any other unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planDesk.core.plan.view import KpiView

NOT_COMPUTABLE = "—"


def attainment(actual: float | None, baseline: float | None, target: float | None,
               direction: str = "up") -> float | None:
    """The attainment as a fraction (1.0 = target met), or None when it cannot be computed."""
    if actual is None or target is None or baseline is None:
        return None
    if target != baseline:
        return (actual - baseline) / (target - baseline)
    if direction == "down":
        if actual <= target:
            return 1.0
        return target / actual if actual else None
    if actual >= target:
        return 1.0
    return actual / target if target else None


def kpi_attainment(kpi: KpiView, actual: float | None) -> float | None:
    """``attainment`` of a plan view's KPI."""
    return attainment(actual, kpi.baseline, kpi.target, kpi.direction)


def format_attainment(value: float | None) -> str:
    """``50%``; ``—`` when it cannot be computed."""
    if value is None:
        return NOT_COMPUTABLE
    return f"{value * 100:.0f}%"
