"""Who reports on an initiative: the one home of that rule.

A department reports on an initiative it is assigned to, or on one assigned to a
pseudo-department that stands for departments in general (全部署 "all", 関係部署
"relevant"). A pseudo-department itself never reports, nor does a retired one, and nobody
reports on a retired initiative. The ORM check (saving), the views' check (screens,
exports) and the submission check (merging) are three shapes of the same test below.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planDesk.core.domain.model import Department, Initiative
    from planDesk.core.plan.view import DepartmentView, InitiativeView, PlanView

# Pseudo-departments whose assignment means "each (relevant) department reports".
EVERY_DEPARTMENT = frozenset({"all", "relevant"})


def assigned(links: Iterable[tuple[int, str | None]], department_id: int) -> bool:
    """``links`` are (department id, pseudo kind) of an initiative's departments."""
    return any(d == department_id or p in EVERY_DEPARTMENT for d, p in links)


def reports_on(ini: InitiativeView, department_id: int) -> bool:
    """The department (by id) reports on ``ini`` (a plain view)."""
    return not ini.retired and assigned(((d.id, d.pseudo) for d in ini.departments), department_id)


def reports_on_named(ini: InitiativeView, name: str) -> bool:
    """The department called ``name`` reports on ``ini`` (for screens that hold a name)."""
    return not ini.retired and any(d.name == name or d.pseudo in EVERY_DEPARTMENT for d in ini.departments)


def may_report(initiative: Initiative, department: Department) -> bool:
    """The ORM form, used when a report is saved."""
    return may_report_rows(initiative.retired, ((link.department_id, link.department.pseudo)
                                                for link in initiative.department_links), department)


def may_report_rows(retired: bool, links: Iterable[tuple[int, str | None]], department: Department) -> bool:
    """The same on plain rows (a merge checks ~1,000 initiatives per file)."""
    if department.pseudo or retired:
        return False
    return assigned(links, department.id)


def reporting_departments(plan: PlanView) -> list[DepartmentView]:
    """The departments that can report (pseudo ones such as 全部署 are not people)."""
    return [d for d in plan.departments if d.pseudo is None and not d.retired]


def initiatives_of(plan: PlanView, department_id: int) -> list[InitiativeView]:
    """The initiatives the department reports on, in plan order."""
    return [ini for ini in plan.initiatives() if reports_on(ini, department_id)]
