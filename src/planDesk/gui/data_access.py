"""The GUI's reads from the Store: short sessions that return plain dataclasses.

Widgets call these (never a Session or SQL themselves); writes go through
``core.report_ops`` and return a ``Change``.
"""

from __future__ import annotations

from planDesk.core.plan_view import (
    PlanSummary,
    PlanView,
    ReportView,
    list_plans,
    load_initiative_reports,
    load_plan,
)
from planDesk.core.store import Store


def plans(store: Store) -> list[PlanSummary]:
    with store.read() as s:
        return list_plans(s)


def plan(store: Store, plan_id: int) -> PlanView:
    with store.read() as s:
        return load_plan(s, plan_id)


def initiative_reports(store: Store, initiative_id: int) -> tuple[ReportView, ...]:
    with store.read() as s:
        return load_initiative_reports(s, initiative_id)
