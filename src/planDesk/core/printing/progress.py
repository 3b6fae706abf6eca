"""Progress as printed: evaluations in the plan's own scale, KPI attainment, step states.

Nothing here assumes the A–D scale: labels come from ``plan.evaluation_scale`` (best
first), and the grades that "need attention" in a meeting are the worse half of that
scale (C 遅れ and D 未着手 on the usual four-grade scale).
"""

from __future__ import annotations

from collections.abc import Iterable

from planDesk.core.domain.fiscal import era_year, format_fy
from planDesk.core.domain.workflow import REPORT_STATUS_LABELS
from planDesk.core.plan.view import KpiView, PlanView, ReportView
from planDesk.core.printing.figures import format_value
from planDesk.core.reports.ops import STEP_STATES
from planDesk.core.reports.totals import KpiTotal

NOT_REPORTED = "未報告"
NO_GRADE = "評価なし"  # reported, but with no grade of the plan's scale


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


def total_line(t: KpiTotal) -> str:
    """``市全体 180手続き（8部署の合計）`` / ``市全体：部署別の率は合計しません``."""
    if not t.summable:
        return f"市全体：率の指標のため合計しません（{len(t.parts)}部署）"
    return f"市全体 {kpi_value(t.total, t.kpi.unit)}（{len(t.parts)}部署の合計）"
