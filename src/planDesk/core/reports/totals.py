"""A KPI reported in parts (an initiative of 全部署 / 関係部署): the parts and the city total.

The one rule for every screen and printout: the city total is the sum of the departments'
actuals; a KPI whose unit is a share or rate (％, 割, 倍, 点) is not summed (30 % and 40 %
do not make 70 %): its parts stand alone and it has no city figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planDesk.core.plan.view import KpiView, ReportView

# Units of a share or rate: the parts of such a KPI cannot be added up into a city figure.
RATE_UNITS = ("%", "％", "割", "倍", "点")


@dataclass(frozen=True, slots=True)
class KpiTotal:
    """A KPI of an initiative reported by several departments: the parts and the city total.

    ``total`` is the sum of the parts' actuals; None when nobody reported one, or when the
    unit is a rate (summing 30 % and 40 % is wrong: ``summable`` False, the parts stand alone).
    """

    kpi: KpiView
    parts: tuple[tuple[str, float], ...]  # (department, actual) in report order
    total: float | None
    summable: bool

    @property
    def shared(self) -> bool:
        """More than one department reported on it: the total is worth printing."""
        return len(self.parts) > 1


def kpi_total(kpi: KpiView, reports: Iterable[ReportView]) -> KpiTotal:
    """The parts and the city total of one KPI over the departments' reports of a cycle."""
    parts = tuple((r.department, v) for r in reports if (v := actual_of(r, kpi)) is not None)
    summable = not is_rate(kpi.unit)
    total = sum(v for _, v in parts) if parts and summable else None
    return KpiTotal(kpi, parts, total, summable)


def is_rate(unit: str) -> bool:
    """A share or rate: never summed over departments."""
    return unit.strip().endswith(RATE_UNITS)


def actual_of(report: ReportView | None, kpi: KpiView) -> float | None:
    if report is None:
        return None
    return dict(report.kpi_actuals).get(kpi.id)
