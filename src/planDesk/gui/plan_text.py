"""How plan values read on screen: KPI baselines and targets, step periods, goal years.

Pure functions (Qt only for translation) shared by the plan part and the report form.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from planDesk.core.domain.fiscal import format_date_wareki, format_fy
from planDesk.core.domain.numbers import format_number
from planDesk.core.plan.view import GoalView, KpiView, StepView


def value_with_unit(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{format_number(value)} {unit}".strip()


def kpi_baseline(kpi: KpiView) -> str:
    text = value_with_unit(kpi.baseline, kpi.unit)
    if kpi.baseline is None:
        return text
    if kpi.baseline_as_of is not None:
        return text + QCoreApplication.translate("plan_text", "（{0}現在）").format(
            format_date_wareki(kpi.baseline_as_of))
    if kpi.baseline_as_of_fy is not None:
        return text + f"（{format_fy(kpi.baseline_as_of_fy)}）"
    return text


def kpi_target(kpi: KpiView) -> str:
    text = value_with_unit(kpi.target, kpi.unit)
    if kpi.target is not None and kpi.target_fy is not None:
        text += f"（{format_fy(kpi.target_fy)}）"
    return text


def fy_range(start: int | None, end: int | None) -> str:
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return format_fy(start if start is not None else end)  # type: ignore[arg-type]
    return f"{format_fy(start)}〜{format_fy(end)}"


def goal_text(goal: GoalView) -> str:
    years = fy_range(goal.target_start_fy, goal.target_end_fy)
    return f"{goal.mark} {goal.text}" + (f"【{years}】" if years else "")


def _point(fy: int, quarter: int | None, month: int | None) -> str:
    text = format_fy(fy)
    if month is not None:
        return text + QCoreApplication.translate("plan_text", "{0}月").format(month)
    if quarter is not None:
        return text + QCoreApplication.translate("plan_text", "第{0}四半期").format(quarter)
    return text


def step_period(step: StepView) -> str:
    start = _point(step.start_fy, step.start_quarter, step.start_month)
    end = _point(step.end_fy, step.end_quarter, step.end_month)
    period = start if start == end else f"{start}〜{end}"
    if step.kind == "continuing":
        period += QCoreApplication.translate("plan_text", "（継続）")
    elif step.kind == "milestone":
        period += QCoreApplication.translate("plan_text", "（節目）")
    return period
