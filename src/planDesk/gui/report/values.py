"""A report form's values as plain strings, and their conversion to ``ReportInput``.

Every field is kept as the text the user sees (a KPI actual as typed, e.g. "１，２３４"),
so undo, the draft journal and conflict merging all work on the same plain dict; numbers
are parsed (``core.domain.numbers.parse_number``) only when saving. No widgets here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from planDesk.core.domain.keys import FieldKey
from planDesk.core.domain.numbers import format_number, parse_number
from planDesk.core.domain.workflow import REQUIRED_FOR, ReportStatus, missing_fields
from planDesk.core.plan.view import InitiativeView, ReportView
from planDesk.core.reports.ops import ReportInput

translate = QCoreApplication.translate  # lupdate finds translate("context", "…") calls

TEXT_FIELDS = ("activities", "issues", "next_steps")
REQUIRED = REQUIRED_FOR[ReportStatus.SUBMITTED]  # the core's rule (core/domain/workflow.py)
DEFAULT_STEP_STATE = "not_started"


def kpi_key(kpi_id: int) -> str:
    return FieldKey.kpi(kpi_id)


def step_key(step_id: int) -> str:
    return FieldKey.step(step_id)


def empty_values(ini: InitiativeView) -> dict[str, str]:
    values = {"activities": "", "evaluation": "", "issues": "", "direction": "", "next_steps": ""}
    for kpi in ini.kpis:
        values[kpi_key(kpi.id)] = ""
    for step in ini.steps:
        values[step_key(step.id)] = DEFAULT_STEP_STATE
    return values


def values_from_report(ini: InitiativeView, report: ReportView | None) -> dict[str, str]:
    values = empty_values(ini)
    if report is None:
        return values
    values.update(activities=report.activities, evaluation=report.evaluation or "", issues=report.issues,
                  direction=report.direction or "", next_steps=report.next_steps)
    actuals = dict(report.kpi_actuals)
    for kpi in ini.kpis:
        values[kpi_key(kpi.id)] = format_number(actuals.get(kpi.id))
    states = dict(report.step_states)
    for step in ini.steps:
        values[step_key(step.id)] = states.get(step.id, DEFAULT_STEP_STATE)
    return values


def field_label(ini: InitiativeView, key: str) -> str:
    fixed = {
        "activities": translate("report", "実施状況"),
        "evaluation": translate("report", "進捗評価"),
        "issues": translate("report", "課題"),
        "direction": translate("report", "今後の方向性"),
        "next_steps": translate("report", "今後の取組"),
    }
    if key in fixed:
        return fixed[key]
    field = FieldKey(key)
    kind, raw = field.kind, field.ident
    if kind == "kpi":
        name = next((k.name for k in ini.kpis if k.id == int(raw)), raw)
        return translate("report", "実績：{0}").format(name)
    if kind == "step":
        label = next((s.label for s in ini.steps if s.id == int(raw)), raw)
        return translate("report", "工程の状況：{0}").format(label)
    return key


def to_input(ini: InitiativeView, department_id: int, fy: int, half: int, values: dict[str, str]) -> ReportInput:
    """The values as a ``ReportInput``; raises ``NumberInputError`` naming the KPI field."""
    actuals: dict[int, float | None] = {}
    for kpi in ini.kpis:
        actuals[kpi.id] = parse_number(values.get(kpi_key(kpi.id), ""), field=field_label(ini, kpi_key(kpi.id)))
    states = {s.id: values.get(step_key(s.id)) or DEFAULT_STEP_STATE for s in ini.steps}
    return ReportInput(
        initiative_id=ini.id, department_id=department_id, fy=fy, half=half,
        activities=values.get("activities", ""), evaluation=values.get("evaluation") or None,
        issues=values.get("issues", ""), direction=values.get("direction") or None,
        next_steps=values.get("next_steps", ""), kpi_actuals=actuals, step_states=states,
    )


def report_after_save(old: ReportView, ini: InitiativeView, values: dict[str, str], version: int,
                      actor: str) -> ReportView:
    """The report as the database now holds it after saving ``values`` over ``old``.

    Saves the read-back after every save (the form must stay fast on a large plan); only
    the first save of a new report, whose id is not known yet, reads it back.
    """
    data = to_input(ini, old.department_id, old.fy, old.half, values)
    actuals = dict(old.kpi_actuals) | data.kpi_actuals
    states = dict(old.step_states) | data.step_states
    return replace(old, activities=data.activities, evaluation=data.evaluation, issues=data.issues,
                   direction=data.direction, next_steps=data.next_steps,
                   kpi_actuals=tuple(sorted(actuals.items())), step_states=tuple(sorted(states.items())),
                   updated_by=actor, updated_at=datetime.now(UTC), version=version)


def missing_required(values: dict[str, str], *, has_scale: bool = True, has_directions: bool = True) -> list[str]:
    return missing_fields(ReportStatus.SUBMITTED, dict(values), has_scale=has_scale, has_directions=has_directions)
