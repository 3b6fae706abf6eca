"""The parts and the total of 全部署 / 関係部署-type items in a cycle (the tracker's second view).

An initiative assigned to a pseudo-department collects one report per department; the
division sees, per such item, how many of the departments that report on it have a
提出済 or 確認済 report in the cycle (parts) out of how many report on it (total).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planDesk.core.domain.model import ProgressReport, ReportingCycle
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import load_plan
from planDesk.core.reports.assignment import reports_on
from planDesk.core.submissions.scope import CycleRef
from planDesk.core.submissions.tracker import DONE_STATUSES


@dataclass(frozen=True)
class SharedItem:
    initiative_id: int
    code: str
    title: str
    assigned_to: str   # 全部署, 関係部署 … as the plan names them
    done: int          # departments with a 提出済 / 確認済 report
    total: int         # departments that report on it


def load_shared_items(store: Store, plan_id: int, cycle: CycleRef) -> list[SharedItem]:
    with store.read() as session:
        return shared_items(session, plan_id, cycle)


def shared_items(session: Session, plan_id: int, cycle: CycleRef) -> list[SharedItem]:
    """Every initiative assigned to a pseudo-department, in plan order, with its parts."""
    plan = load_plan(session, plan_id, with_reports=False)
    real = [d.id for d in plan.departments if not d.pseudo and not d.retired]
    cycle_id = session.scalar(select(ReportingCycle.id).where(
        ReportingCycle.plan_id == plan_id, ReportingCycle.fy == cycle.fy, ReportingCycle.half == cycle.half))
    done: dict[int, int] = {}
    if cycle_id is not None:
        done = dict(session.execute(
            select(ProgressReport.initiative_id, func.count(func.distinct(ProgressReport.department_id)))
            .where(ProgressReport.cycle_id == cycle_id, ProgressReport.status.in_(DONE_STATUSES))
            .group_by(ProgressReport.initiative_id)).all())
    items = []
    for ini in plan.initiatives():
        pseudo = [d.name for d in ini.departments if d.pseudo in ("all", "relevant")]
        if ini.retired or not pseudo:
            continue
        total = sum(1 for d_id in real if reports_on(ini, d_id))
        items.append(SharedItem(ini.id, ini.code, ini.title, "・".join(pseudo), done.get(ini.id, 0), total))
    return items
