"""A full reporting round on the Hitachinaka sample, as the printout tests use it (helpers).

Every initiative gets a report from each department that reports on it; a 全部署 /
関係部署 initiative from eight real departments (as in a real round: not every department
has a procedure to put online). Evaluations, 課題 (some repeated word for word by two
departments), KPI actuals and step states vary so that every state of the scales prints.
"""

from __future__ import annotations

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import InitiativeView, PlanView, load_plan, resolve_plan_id
from planDesk.core.reports.ops import ReportInput, save_report

FY = 2023
GRADES = "ABCDBAAB"
STEP_CYCLE = ("done", "in_progress", "delayed", "not_started", "in_progress")
SHARED_ISSUE = "担当職員の不足により、手続きの洗い出しが進んでいない。"


def reporters(plan: PlanView, ini: InitiativeView) -> list[int]:
    """The departments that report on ``ini`` in this round (at most 8 for 全部署)."""
    real = [d for d in plan.departments if not d.pseudo and not d.retired]
    named = [d.id for d in ini.departments if not d.pseudo]
    if any(d.pseudo in ("all", "relevant") for d in ini.departments):
        extra = [d.id for d in real if d.id not in named]
        named = (named + extra)[:8]
    return named or [real[0].id]


def full_round(store: Store) -> PlanView:
    """Save the round's reports (status 下書き: the printouts print every report)."""
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    n = 0
    for i, ini in enumerate(plan.initiatives()):
        for k, dept_id in enumerate(reporters(plan, ini)):
            # one department sets the initiative's (worst) grade, the others report better or equal
            grade = GRADES[i % len(GRADES)] if k % 3 == 0 else "A"
            issue = SHARED_ISSUE if grade in "CD" and k > 0 else f"{ini.title}の課題（その{n}）"
            actuals: dict[int, float | None] = {}
            for kpi in ini.kpis:
                base = kpi.baseline or 0.0
                share = 8 if len(reporters(plan, ini)) > 1 else 1
                actuals[kpi.id] = round((base + ((kpi.target or base) - base) * 0.6) / share + k, 0)
            states = {st.id: STEP_CYCLE[(n + j) % len(STEP_CYCLE)] for j, st in enumerate(ini.steps)}
            save_report(store, ReportInput(
                ini.id, dept_id, FY, activities=f"{ini.title}について、令和5年度は計画どおり進めた（その{n}）。",
                evaluation=grade, issues=issue, direction="継続", next_steps=f"引き続き取り組む（その{n}）。",
                kpi_actuals=actuals, step_states=states), expected_version=None)
            n += 1
    with store.read() as s:
        return load_plan(s, plan.id)
