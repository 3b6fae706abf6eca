"""Progress as printed: evaluations in the plan's own scale, KPI attainment, step states.

Nothing here assumes the A–D scale: labels come from ``plan.evaluation_scale`` (best
first), and the grades that "need attention" in a meeting are the worse half of that
scale (C 遅れ and D 未着手 on the usual four-grade scale).
"""

from __future__ import annotations

from collections.abc import Iterable

from planDesk.core.fiscal import era_year, format_fy
from planDesk.core.plan_view import KpiView, PlanView, ReportView
from planDesk.core.printing.figures import format_value
from planDesk.core.report_ops import REPORT_STATUS_LABELS, STEP_STATES

NOT_REPORTED = "未報告"


def evaluation_label(plan: PlanView, code: str | None) -> str:
    """``B 概ね順調``; "" for no evaluation; an unknown code prints as itself."""
    if not code:
        return ""
    for c, label in plan.evaluation_scale:
        if c == code:
            return f"{c} {label}"
    return code


def attention_codes(plan: PlanView) -> tuple[str, ...]:
    """The worse half of the plan's scale (best first): C and D of A–D."""
    codes = [c for c, _ in plan.evaluation_scale]
    return tuple(codes[(len(codes) + 1) // 2:])


def worst_evaluation(plan: PlanView, reports: Iterable[ReportView]) -> str | None:
    """The worst grade among several departments' reports (the initiative's total)."""
    order = {c: i for i, (c, _) in enumerate(plan.evaluation_scale)}
    graded = [r.evaluation for r in reports if r.evaluation]
    if not graded:
        return None
    return max(graded, key=lambda c: order.get(c, -1))


def actual_of(report: ReportView | None, kpi: KpiView) -> float | None:
    if report is None:
        return None
    return dict(report.kpi_actuals).get(kpi.id)


def attainment(kpi: KpiView, actual: float | None) -> float | None:
    """Share of the way from baseline to target reached (1.0 = target met), either
    direction; None without a baseline (the way travelled is unknown, not from 0);
    baseline = target: actual / target (or target / actual when less is better)."""
    if actual is None or kpi.target is None or kpi.baseline is None:
        return None
    if kpi.baseline is not None and kpi.target != kpi.baseline:
        return (actual - kpi.baseline) / (kpi.target - kpi.baseline)
    if kpi.direction == "down":
        return kpi.target / actual if actual else None
    return actual / kpi.target if kpi.target else None


def format_attainment(value: float | None) -> str:
    """``50%``; — when it cannot be computed (no baseline, target or actual)."""
    return "—" if value is None else f"{value * 100:.0f}%"


def kpi_value(value: float | None, unit: str) -> str:
    return "—" if value is None else f"{format_value(value)}{unit}"


def kpi_path(kpi: KpiView, actual: float | None) -> str:
    """``119手続き → 180手続き → 300手続き（令和5年度）``: baseline → actual → target."""
    target = kpi_value(kpi.target, kpi.unit)
    if kpi.target_fy is not None and kpi.target is not None:
        target += f"（{format_fy(kpi.target_fy)}）"
    return f"{kpi_value(kpi.baseline, kpi.unit)} → {kpi_value(actual, kpi.unit)} → {target}"


def step_state_label(state: str | None) -> str:
    return STEP_STATES.get(state or "", "—")


def status_label(status: str) -> str:
    return REPORT_STATUS_LABELS.get(status, status)


def fy_span(start: int | None, end: int | None) -> str:
    """令和5年度 / 令和5〜6年度 / "" (a goal's target years)."""
    if start is None and end is None:
        return ""
    s, e = start or end, end or start
    assert s is not None and e is not None
    if s == e:
        return format_fy(s)
    a, b = era_year(s), era_year(e)
    return f"{a}〜{b[2:]}年度" if a[:2] == b[:2] else f"{format_fy(s)}〜{format_fy(e)}"
