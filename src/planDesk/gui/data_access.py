"""The GUI's reads from the Store: short sessions that return plain dataclasses.

Widgets call these (never a Session or SQL themselves); writes go through
``core.reports.ops`` and return a ``Change``.
"""

from __future__ import annotations

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import (
    PlanSummary,
    PlanView,
    ReportView,
    list_plans,
    load_initiative_reports,
    load_plan,
)


def plans(store: Store) -> list[PlanSummary]:
    with store.read() as s:
        return list_plans(s)


def plan(store: Store, plan_id: int) -> PlanView:
    with store.read() as s:
        return load_plan(s, plan_id)


def initiative_reports(store: Store, initiative_id: int) -> tuple[ReportView, ...]:
    with store.read() as s:
        return load_initiative_reports(s, initiative_id)
