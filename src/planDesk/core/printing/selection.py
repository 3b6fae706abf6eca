"""Which plan, reporting cycle and department a printout is about.

Every printout takes the export options (``--plan``, ``--fy``, ``--cycle``,
``--department``) and turns them into a loaded ``PlanView`` and a cycle, refusing with a
Japanese message that names what is wrong. The options object only needs the attributes
of ``core.exports.registry.ExportOptions``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from planDesk.core.domain.fiscal import FiscalYearError, clamp_fy, fiscal_year_of, format_fy, parse_fy
from planDesk.core.domain.model import Plan, ProgressReport, ReportingCycle
from planDesk.core.errors import NotFoundError, UsageError, UserError
from planDesk.core.plan.view import (
    DepartmentView,
    InitiativeView,
    PlanView,
    ReportView,
    load_plan,
    resolve_plan_id,
)
from planDesk.core.reports.ops import cycle_label


class ExportOptionsLike(Protocol):
    @property
    def plan(self) -> str | None: ...
    @property
    def department(self) -> str | None: ...
    @property
    def fy(self) -> int | None: ...
    @property
    def cycle(self) -> str | None: ...


@dataclass(frozen=True)
class Cycle:
    fy: int
    half: int  # 0 = the whole year, 1 / 2 = first / second half

    @property
    def label(self) -> str:
        return cycle_label(self.fy, self.half)


_HALF_RE = re.compile(r"^(.*?)(?:\s*(H1|H2|上半期|下半期|前期|後期))?$", re.IGNORECASE)


def parse_cycle(text: str) -> Cycle:
    """``2025``, ``R7``, ``令和7年度``, ``2025H1``, ``令和7年度上半期`` → a cycle."""
    m = _HALF_RE.match(text.strip())
    year_text, half_text = (m.group(1), m.group(2)) if m else (text, None)
    try:
        fy = parse_fy(year_text)
    except FiscalYearError as exc:
        raise UsageError(f"--cycle「{text}」を読み取れません：{exc}",
                         hint="2025、2025H1、令和7年度上半期 のように指定してください。") from exc
    half = 0
    if half_text:
        half = 1 if half_text.upper() in ("H1", "上半期", "前期") else 2
    return Cycle(fy, half)


def plans_with_reports(session: Session, fy: int) -> list[int]:
    """Ids of plans that have progress reports for fiscal year ``fy`` (current plans first)."""
    rows = session.execute(
        select(Plan.id)
        .join(ReportingCycle, ReportingCycle.plan_id == Plan.id)
        .join(ProgressReport, ProgressReport.cycle_id == ReportingCycle.id)
        .where(ReportingCycle.fy == fy)
        .group_by(Plan.id)
        .order_by(Plan.is_current.desc(), Plan.id)
    ).all()
    return [r[0] for r in rows]


def select_plan(session: Session, opts: ExportOptionsLike, *, prefer_reports: bool = False,
                with_reports: bool = True) -> PlanView:
    """The plan named by ``--plan``; without it, the first current plan — or, when
    ``prefer_reports`` and a fiscal year is given, the first plan with reports that year.
    ``with_reports=False``: the plan without its reports, for what prints the plan alone
    (about half of a large plan's memory and of its reading time)."""
    if opts.plan is None and prefer_reports:
        fy = opts.fy if opts.fy is not None else (parse_cycle(opts.cycle).fy if opts.cycle else None)
        if fy is not None:
            found = plans_with_reports(session, fy)
            if found:
                return load_plan(session, found[0], with_reports=with_reports)
    return load_plan(session, resolve_plan_id(session, opts.plan), with_reports=with_reports)


def latest_report_fy(plan: PlanView) -> int | None:
    years = [r.fy for ini in plan.initiatives() for r in ini.reports]
    return max(years) if years else None


def select_cycle(plan: PlanView, opts: ExportOptionsLike, *, today: date | None = None) -> Cycle:
    """The cycle named by ``--cycle`` / ``--fy``; default: the latest fiscal year that has
    reports, else the current fiscal year clamped to the plan's period."""
    cycle: Cycle | None = parse_cycle(opts.cycle) if opts.cycle else None
    if cycle is not None and opts.fy is not None and cycle.fy != opts.fy:
        raise UsageError(f"--fy（{format_fy(opts.fy)}）と --cycle（{cycle.label}）が食い違っています。"
                         "どちらか一方を指定してください。")
    if cycle is None and opts.fy is not None:
        cycle = Cycle(opts.fy, 0)
    if cycle is None:
        fy = latest_report_fy(plan)
        if fy is None:
            fy = clamp_fy(fiscal_year_of(today or date.today()), plan.start_fy, plan.end_fy)
        return Cycle(fy, 0)
    if not plan.start_fy <= cycle.fy <= plan.end_fy:
        raise UserError(
            f"{cycle.label}は計画「{plan.name}」の期間（{format_fy(plan.start_fy)}〜{format_fy(plan.end_fy)}）"
            "の外です。",
            hint="--fy で計画期間内の年度を指定してください。",
        )
    return cycle


def select_department(plan: PlanView, name: str | None, *, required: bool) -> DepartmentView | None:
    """The department named by ``--department`` (an exact name of this plan)."""
    if not name:
        if required:
            raise UsageError("--department で部署名を指定してください。",
                             hint="部署名の例：" + "、".join(d.name for d in plan.departments[:5] if not d.pseudo))
        return None
    wanted = name.strip()
    for dept in plan.departments:
        if dept.name == wanted:
            if dept.pseudo:
                raise UserError(f"「{wanted}」はまとめの区分で、報告する部署ではありません。",
                                hint="実在の部署名を指定してください。")
            return dept
    close = [d.name for d in plan.departments if not d.pseudo and (wanted in d.name or d.name in wanted)]
    hint = ("似た名前：" + "、".join(close[:5])) if close else "plandesk show で部署名を確認してください。"
    raise NotFoundError(f"部署「{wanted}」は計画「{plan.name}」にありません。", hint=hint)


def reports_in(ini: InitiativeView, cycle: Cycle, *, department_id: int | None = None,
               statuses: tuple[str, ...] | None = None) -> list[ReportView]:
    """The initiative's reports for one cycle (optionally one department, some statuses)."""
    return [
        r for r in ini.reports
        if r.fy == cycle.fy and r.half == cycle.half
        and (department_id is None or r.department_id == department_id)
        and (statuses is None or r.status in statuses)
    ]

