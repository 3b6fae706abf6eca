"""Who is using planDesk: one department (部署) or the division (情報政策課).

What a user may edit follows from it: a department edits only its own part of a report
while it is a draft; the division sees every part and the KPI totals, confirms and
returns reports. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planDesk.core.reports.assignment import reporting_departments, reports_on_named

if TYPE_CHECKING:  # plain dataclasses: imported with the plan, after the first paint
    from planDesk.core.plan.view import InitiativeView, PlanView

DIVISION_LABEL = "情報政策課（取りまとめ）"


@dataclass(frozen=True, slots=True)
class Identity:
    """``department`` is the department's name, or None for the division."""

    department: str | None

    @property
    def is_division(self) -> bool:
        return self.department is None

    def to_setting(self) -> str:
        return "division" if self.department is None else f"dept:{self.department}"

    @classmethod
    def from_setting(cls, value: str | None, plan: PlanView) -> Identity | None:
        """The remembered identity if it still fits the plan (a renamed department does not)."""
        if value == "division":
            return cls(None)
        if value and value.startswith("dept:"):
            name = value[5:]
            if any(d.name == name for d in reporting_departments(plan)):
                return cls(name)
        return None


DIVISION = Identity(None)

ACTOR_SEPARATOR = "／"


def actor_name(identity: Identity | None, login: str) -> str:
    """Who the audit log records: 「市民課／login」, 「情報政策課（取りまとめ）／login」, or the login."""
    if identity is None:
        return login
    who = DIVISION_LABEL if identity.is_division else str(identity.department)
    return f"{who}{ACTOR_SEPARATOR}{login}"


def department_id(plan: PlanView, name: str) -> int | None:
    for d in plan.departments:
        if d.name == name:
            return d.id
    return None


def assigned_directly(ini: InitiativeView, name: str) -> bool:
    return any(d.name == name for d in ini.departments)


def is_mine(ini: InitiativeView, name: str) -> bool:
    """The department reports on this initiative (core.reports.assignment's rule), so the
    filter shows exactly what can be saved."""
    return reports_on_named(ini, name)
