"""Which plan, department and reporting cycle an export or a tracker is about.

The command line names them loosely (``--department 市民課 --fy R7 --cycle 2025H1``);
these functions turn the names into ids or explain in Japanese why they cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jaconv
from sqlalchemy import select
from sqlalchemy.orm import Session

from planDesk.core.domain.fiscal import FiscalYearError, clamp_fy, fiscal_year_of, parse_fy
from planDesk.core.domain.model import Department, Plan, ReportingCycle
from planDesk.core.errors import NotFoundError, UsageError
from planDesk.core.persistence.store import now
from planDesk.core.plan.view import resolve_plan_id
from planDesk.core.reports.ops import cycle_label

_HALF_RE = re.compile(r"^(?P<fy>.*?)\s*(?P<half>H1|H2|上半期|下半期|上期|下期|前期|後期)$", re.IGNORECASE)
_HALVES = {"H1": 1, "上半期": 1, "上期": 1, "前期": 1, "H2": 2, "下半期": 2, "下期": 2, "後期": 2}


@dataclass(frozen=True)
class CycleRef:
    fy: int
    half: int = 0

    @property
    def label(self) -> str:
        return cycle_label(self.fy, self.half)


def parse_cycle(text: str) -> CycleRef:
    """``2025``, ``R7``, ``令和7年度``, ``2025H1``, ``令和7年度上半期`` → a CycleRef."""
    s = jaconv.z2h(text.strip(), kana=False, ascii=True, digit=True)
    half = 0
    m = _HALF_RE.match(s)
    if m:
        half = _HALVES[m.group("half").upper() if m.group("half").isascii() else m.group("half")]
        s = m.group("fy")
    try:
        return CycleRef(parse_fy(s), half)
    except FiscalYearError as exc:
        raise UsageError(
            f"報告サイクル「{text}」を読み取れません。2025、R7、2025H1、令和7年度上半期 のように指定してください。"
        ) from exc


def resolve_cycle(session: Session, plan_id: int, fy: int | None, cycle: str | None) -> CycleRef:
    """The cycle named by ``--cycle`` or ``--fy``; by default the plan's latest opened
    cycle, or the current fiscal year within the plan period."""
    if cycle:
        ref = parse_cycle(cycle)
        if fy is not None and fy != ref.fy:
            raise UsageError(f"--fy（{fy}）と --cycle（{cycle}）の年度が違います。どちらか一方にしてください。")
        return _checked(session, plan_id, ref)
    if fy is not None:
        return _checked(session, plan_id, CycleRef(fy, 0))
    latest = session.execute(
        select(ReportingCycle.fy, ReportingCycle.half)
        .where(ReportingCycle.plan_id == plan_id)
        .order_by(ReportingCycle.fy.desc(), ReportingCycle.half.desc())
    ).first()
    if latest is not None:
        return CycleRef(latest[0], latest[1])
    plan = session.get(Plan, plan_id)
    assert plan is not None
    return CycleRef(clamp_fy(fiscal_year_of(now().date()), plan.start_fy, plan.end_fy), 0)


def _checked(session: Session, plan_id: int, ref: CycleRef) -> CycleRef:
    plan = session.get(Plan, plan_id)
    assert plan is not None
    if not plan.start_fy <= ref.fy <= plan.end_fy:
        raise UsageError(
            f"{ref.label}は計画「{plan.name}」の期間外です"
            f"（{cycle_label(plan.start_fy)}〜{cycle_label(plan.end_fy)}）。"
        )
    return ref


def resolve_department(session: Session, plan_id: int, name: str | None, *,
                       purpose: str = "提出用ブック") -> Department:
    """A real (not pseudo, not retired) department of the plan, by name."""
    depts = list(session.scalars(
        select(Department).where(Department.plan_id == plan_id).order_by(Department.position)))
    real = [d.name for d in depts if not d.pseudo and not d.retired]
    if not name:
        example = real[0] if real else "市民課"
        raise UsageError(f"{purpose}には --department で部署を指定してください（例：{example}）。")
    wanted = name.strip()
    for d in depts:
        if d.name == wanted:
            if d.pseudo:
                raise UsageError(
                    f"「{d.name}」は個別の部署ではありません（各部署が報告する区分です）。報告する部署名を指定してください。")
            if d.retired:
                raise UsageError(f"部署「{d.name}」は廃止されています。")
            return d
    raise NotFoundError(f"部署「{wanted}」はこの計画にありません。",
                        hint="部署名：" + "、".join(real[:40]) + ("…" if len(real) > 40 else ""))


def resolve_plan(session: Session, key: str | None) -> int:
    return resolve_plan_id(session, key)
