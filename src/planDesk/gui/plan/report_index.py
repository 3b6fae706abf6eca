"""The reports of a plan held by the GUI, and what they mean for one user and cycle.

The plan (``PlanView``) is loaded once; its reports change while the user works, so they
live here and are replaced per initiative after each save (a save never reloads the whole
plan: the report form must stay fast on a 10,000-initiative plan). No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from planDesk.core.domain.workflow import NOT_STARTED
from planDesk.gui.identity import Identity, is_mine

if TYPE_CHECKING:  # plain dataclasses: imported with the plan, after the first paint
    from planDesk.core.plan.view import DepartmentView, InitiativeView, PlanView, ReportView

STATUS_ORDER = (NOT_STARTED, "draft", "submitted", "confirmed")


@dataclass(frozen=True, slots=True)
class Cycle:
    """A reporting cycle: fiscal year, and 0 (whole year), 1 or 2 (half)."""

    fy: int
    half: int = 0

    def option(self) -> str:
        """The ``--cycle`` form used by the exporters: 2025 or 2025H1."""
        return str(self.fy) if self.half == 0 else f"{self.fy}H{self.half}"


@dataclass(frozen=True, slots=True)
class Summary:
    """What the tree shows for one initiative: report status and evaluation."""

    status: str
    evaluation: str | None
    parts: int  # reports that exist for the cycle


class ReportIndex:
    """The plan's reports, kept up to date per initiative while the user works."""

    def __init__(self, plan: PlanView) -> None:
        self._by_initiative: dict[int, tuple[ReportView, ...]] = {
            ini.id: ini.reports for ini in plan.initiatives(include_retired=True)
        }

    def reports(self, initiative_id: int) -> tuple[ReportView, ...]:
        return self._by_initiative.get(initiative_id, ())

    def replace(self, initiative_id: int, reports: tuple[ReportView, ...]) -> None:
        self._by_initiative[initiative_id] = reports

    def put(self, report: ReportView) -> None:
        """Replace (or add) one report, e.g. the one a form has just saved."""
        others = tuple(r for r in self.reports(report.initiative_id)
                       if (r.department_id, r.fy, r.half) != (report.department_id, report.fy, report.half))
        self._by_initiative[report.initiative_id] = tuple(
            sorted((*others, report), key=lambda r: (r.fy, r.half, r.department)))

    def for_cycle(self, initiative_id: int, cycle: Cycle) -> list[ReportView]:
        return [r for r in self.reports(initiative_id) if r.fy == cycle.fy and r.half == cycle.half]

    def find(self, initiative_id: int, department: str, cycle: Cycle) -> ReportView | None:
        for r in self.for_cycle(initiative_id, cycle):
            if r.department == department:
                return r
        return None

    def plan_with_reports(self, plan: PlanView) -> PlanView:
        """The plan as loaded, with every initiative's reports as they are now (for views
        such as the roadmap that colour by reports)."""
        from planDesk.core.plan.view import with_initiatives

        return with_initiatives(plan, lambda ini: replace(ini, reports=self.reports(ini.id)))

    def summary(self, ini: InitiativeView, identity: Identity | None, cycle: Cycle) -> Summary:
        """A department sees its own report; the division sees the least advanced part."""
        parts = self.for_cycle(ini.id, cycle)
        if identity is None:  # nobody chosen yet: no report is anyone's concern
            return Summary("", None, len(parts))
        if identity.department is not None:
            if not is_mine(ini, identity.department):
                return Summary("", None, len(parts))
            mine = next((r for r in parts if r.department == identity.department), None)
            if mine is None:
                return Summary(NOT_STARTED, None, len(parts))
            return Summary(mine.status, mine.evaluation, len(parts))
        if not parts:
            return Summary(NOT_STARTED, None, 0)
        # Every named (real) department owes its part: one that has not reported yet
        # keeps the initiative at 未作成 for the division.
        reported = {r.department_id for r in parts}
        owed = any(d.pseudo is None and d.id not in reported for d in ini.departments)
        statuses = [r.status for r in parts] + ([NOT_STARTED] if owed else [])
        status = min(statuses, key=_status_rank)
        evaluations = {r.evaluation for r in parts if r.evaluation}
        evaluation = evaluations.pop() if len(evaluations) == 1 else None
        return Summary(status, evaluation, len(parts))


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else 0


def report_parts(plan: PlanView, ini: InitiativeView, reports: list[ReportView]) -> list[DepartmentView]:
    """The departments whose part the division sees for one initiative and cycle.

    Every real department the plan names, then every department that has reported
    through a pseudo-department (全部署, 関係部署 …), in the plan's department order.
    """
    wanted = {d.id for d in ini.departments if d.pseudo is None}
    wanted |= {r.department_id for r in reports}
    return [d for d in plan.departments if d.id in wanted]
