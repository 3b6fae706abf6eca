"""The reporting round (報告の受付): which cycle the division is collecting.

The division opens a round for one cycle (``plandesk round open --fy R7``, or the
tracker screen). While a round is open, a submission workbook for another cycle is
refused by the merge with both cycles named — unless the division names that cycle
explicitly for the merge (``merge --cycle 2024``). Without an open round every cycle
within the plan period is accepted (as before rounds existed).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planDesk.core.domain.model import Plan, ReportingCycle
from planDesk.core.domain.round_model import ReportingRound
from planDesk.core.persistence.store import Change, Store, now
from planDesk.core.reports.ops import get_or_create_cycle
from planDesk.core.submissions.scope import CycleRef


def _plan_key(session: Session, plan_id: int) -> str:
    key = session.scalar(select(Plan.key).where(Plan.id == plan_id))
    assert key is not None
    return key


def current_round(session: Session, plan_id: int) -> CycleRef | None:
    """The cycle being collected for the plan (its lineage), or None when no round is open."""
    row = session.scalars(select(ReportingRound).where(
        ReportingRound.plan_key == _plan_key(session, plan_id))).first()
    return CycleRef(row.fy, row.half) if row is not None else None


def cycle_choices(session: Session, plan_id: int) -> list[CycleRef]:
    """Every fiscal year of the plan period and every half-year cycle opened, newest first
    (what a screen offers when the division names a cycle)."""
    plan = session.get(Plan, plan_id)
    assert plan is not None
    cycles = {(c.fy, c.half) for c in session.scalars(select(ReportingCycle).where(ReportingCycle.plan_id == plan_id))}
    cycles |= {(fy, 0) for fy in range(plan.start_fy, plan.end_fy + 1)}
    return [CycleRef(fy, half) for fy, half in sorted(cycles, reverse=True)]


def load_round(store: Store, plan_id: int) -> CycleRef | None:
    with store.read() as session:
        return current_round(session, plan_id)


def open_round(store: Store, plan_id: int, cycle: CycleRef) -> Change:
    """Open the round for ``cycle`` (the previous round of the plan, if any, ends)."""
    with store.write("open-round", plan_id=plan_id) as ctx:
        s = ctx.session
        key = _plan_key(s, plan_id)
        row = s.scalars(select(ReportingRound).where(ReportingRound.plan_key == key)).first()
        before = {"fy": row.fy, "half": row.half} if row is not None else None
        if row is None:
            row = ReportingRound(plan_key=key, fy=cycle.fy, half=cycle.half, opened_at=now(), opened_by=ctx.actor)
            s.add(row)
        else:
            row.fy, row.half, row.opened_at, row.opened_by = cycle.fy, cycle.half, now(), ctx.actor
        get_or_create_cycle(s, plan_id, cycle.fy, cycle.half)
        s.flush()
        ctx.audit("round", row.id, f"{cycle.label}の報告の受付を開始しました", before=before,
                  after={"fy": cycle.fy, "half": cycle.half})
        return Store.change_of(ctx, f"{cycle.label}の報告の受付を開始しました")


def close_round(store: Store, plan_id: int) -> Change:
    """Close the plan's round: afterwards files of every cycle are accepted again."""
    with store.write("close-round", plan_id=plan_id) as ctx:
        s = ctx.session
        row = s.scalars(select(ReportingRound).where(ReportingRound.plan_key == _plan_key(s, plan_id))).first()
        if row is None:
            return Store.change_of(ctx, "受付中の報告サイクルはありません")
        label = CycleRef(row.fy, row.half).label
        ctx.audit("round", row.id, f"{label}の報告の受付を終了しました", before={"fy": row.fy, "half": row.half})
        s.delete(row)
        return Store.change_of(ctx, f"{label}の報告の受付を終了しました")
