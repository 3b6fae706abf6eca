"""The state of each roadmap step in a reporting cycle, from the progress reports.

A step's state for a fiscal year is what the departments reported for it in that year's
reports (``ReportView.step_states``). When several departments report on one initiative
(全部署, 関係部署 …) the chart shows the worst: any 遅れ makes the step 遅れ; all 完了 is 完了;
all 未着手 is 未着手; any other mix is 実施中. A step nobody reported on has no state
(drawn in the neutral "報告なし" style).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from planDesk.core.plan.view import InitiativeView, PlanView, ReportView


def combine_states(states: Iterable[str]) -> str | None:
    """The worst of several departments' states (None when there are none)."""
    found = set(states)
    if not found:
        return None
    if "delayed" in found:
        return "delayed"
    if found == {"done"}:
        return "done"
    if found == {"not_started"}:
        return "not_started"
    return "in_progress"


def latest_report_fy(plan: PlanView) -> int | None:
    """The latest fiscal year in which any initiative of the plan has a report."""
    years = [r.fy for ini in plan.initiatives() for r in ini.reports]
    return max(years) if years else None


def _half_rank(half: int) -> int:
    # A whole-year report (half 0) is the year's last word; then the second half.
    return 3 if half == 0 else half


def cycle_reports(ini: InitiativeView, fy: int,
                  statuses: Collection[str] | None = None) -> list[ReportView]:
    """Each department's latest report on ``ini`` in fiscal year ``fy``."""
    best: dict[int, ReportView] = {}
    for rep in ini.reports:
        if rep.fy != fy or (statuses is not None and rep.status not in statuses):
            continue
        cur = best.get(rep.department_id)
        if cur is None or _half_rank(rep.half) > _half_rank(cur.half):
            best[rep.department_id] = rep
    return sorted(best.values(), key=lambda r: r.department)


def step_states(plan: PlanView, cycle_fy: int | None, *,
                statuses: Collection[str] | None = None) -> dict[int, str]:
    """step id → combined state for the reports of ``cycle_fy`` (None: the latest year
    with any report). Steps without a reported state are absent."""
    fy = cycle_fy if cycle_fy is not None else latest_report_fy(plan)
    out: dict[int, str] = {}
    if fy is not None:
        for ini in plan.initiatives():
            if ini.reports:
                out.update(initiative_states(ini, fy, statuses))
    return out


def initiative_states(ini: InitiativeView, fy: int,
                      statuses: Collection[str] | None = None) -> dict[int, str]:
    """The combined state of each of one initiative's steps in fiscal year ``fy``."""
    per_step: dict[int, list[str]] = {}
    for rep in cycle_reports(ini, fy, statuses):
        for step_id, state in rep.step_states:
            per_step.setdefault(step_id, []).append(state)
    return {step_id: combined for step_id, states in per_step.items()
            if (combined := combine_states(states)) is not None}


def state_details(ini: InitiativeView, step_id: int, fy: int | None) -> list[tuple[str, str]]:
    """(department, state) of every report on one step in ``fy`` (for tooltips)."""
    if fy is None:
        return []
    out = []
    for rep in cycle_reports(ini, fy):
        for sid, state in rep.step_states:
            if sid == step_id:
                out.append((rep.department, state))
    return out
