"""The GUI's reads from the Store: short sessions that return plain dataclasses.

Widgets call these (never a Session or SQL themselves); writes go through
``core.reports.ops`` and return a ``Change``. The loaders are imported on first use: the
main window paints before SQLAlchemy and the plan's dataclasses are imported.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planDesk.core.persistence.store import Change, Store
    from planDesk.core.plan.refresh import PlanPatch
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


def reports_of(store: Store, initiative_ids: Collection[int]) -> dict[int, tuple[ReportView, ...]]:
    from planDesk.core.plan.view import load_reports_of

    with store.read() as s:
        return load_reports_of(s, initiative_ids)


_last_patch: tuple[tuple[int, int, str], PlanPatch] | None = None


def plan_patch(store: Store, plan_id: int, change: Change) -> PlanPatch:
    """What a change that kept the plan's shape touched, read back (core/plan/refresh.py).

    The plan editor and the main window both show a plan edit: the second asks for the
    same write (same batch) and gets the same answer without reading it again."""
    from planDesk.core.plan.refresh import read_patch

    global _last_patch
    key = (id(store), plan_id, change.batch or "")
    if change.batch and _last_patch is not None and _last_patch[0] == key:
        return _last_patch[1]
    with store.read() as s:
        patch = read_patch(s, plan_id, change)
    _last_patch = (key, patch)
    return patch
