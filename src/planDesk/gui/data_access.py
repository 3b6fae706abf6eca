"""The GUI's reads from the Store: short sessions that return plain dataclasses.

Widgets call these (never a Session or SQL themselves); writes go through
``core.reports.ops`` and return a ``Change``. The loaders are imported on first use: the
main window paints before SQLAlchemy and the plan's dataclasses are imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planDesk.core.persistence.store import Store
    from planDesk.core.plan.view import PlanSummary, PlanView, ReportView


def plans(store: Store) -> list[PlanSummary]:
    from planDesk.core.plan.view import list_plans

    with store.read() as s:
        return list_plans(s)


def plan(store: Store, plan_id: int) -> PlanView:
    from planDesk.core.plan.view import load_plan

    with store.read() as s:
        return load_plan(s, plan_id)


def initiative_reports(store: Store, initiative_id: int) -> tuple[ReportView, ...]:
    from planDesk.core.plan.view import load_initiative_reports

    with store.read() as s:
        return load_initiative_reports(s, initiative_id)
