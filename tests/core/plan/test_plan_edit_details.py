"""Goals, KPIs and roadmap steps of an initiative: add, edit, reorder, remove."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planDesk.core.errors import ConflictError, UserError
from planDesk.core.persistence.audit_query import AuditFilter, query_audit
from planDesk.core.persistence.store import Store
from planDesk.core.plan.edit.base import created_id
from planDesk.core.plan.edit.details import (
    GoalFields,
    KpiFields,
    StepFields,
    add_detail,
    edit_detail,
    move_detail,
    remove_detail,
)
from planDesk.core.plan.view import InitiativeView, load_plan, resolve_plan_id
from planDesk.core.reports.ops import ReportInput, save_report

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def ini_of(store: Store, ini_id: int) -> InitiativeView:
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    return next(i for i in plan.initiatives(include_retired=True) if i.id == ini_id)


def first_ini(store: Store) -> InitiativeView:
    with store.read() as s:
        return next(load_plan(s, resolve_plan_id(s)).initiatives())


def test_goal_kpi_step_round_trip(store: Store) -> None:
    ini = first_ini(store)
    goal_id = created_id(add_detail(store, ini.id, GoalFields("⑨", "新しい目標", 2024, 2025),
                                    expected_version=ini.version), "goal")
    add_detail(store, ini.id, KpiFields("申請件数", unit="件", baseline=10, baseline_as_of=date(2023, 3, 31),
                                        target=1_234, target_fy=2025, goal_id=goal_id))
    add_detail(store, ini.id, StepFields("試行", 2024, 2025, start_quarter=3, end_month=3, kind="continuing",
                                         goal_ids=(goal_id,)), index=0)
    after = ini_of(store, ini.id)
    assert after.goals[-1].mark == "⑨" and after.goals[-1].target_end_fy == 2025
    kpi = after.kpis[-1]
    assert (kpi.name, kpi.unit, kpi.baseline, kpi.target, kpi.goal_mark) == ("申請件数", "件", 10, 1234, "⑨")
    assert kpi.baseline_as_of == date(2023, 3, 31)
    step = after.steps[0]
    assert (step.label, step.start_quarter, step.end_month, step.kind, step.goal_marks) == \
        ("試行", 3, 3, "continuing", ("⑨",))
    assert after.version == ini.version + 3


def test_edit_records_before_after_and_refuses_stale_version(store: Store) -> None:
    ini = first_ini(store)
    kpi = ini.kpis[0]
    change = edit_detail(store, "kpi", kpi.id, KpiFields(kpi.name, unit=kpi.unit, baseline=kpi.baseline,
                                                         baseline_as_of=kpi.baseline_as_of, target=500,
                                                         target_fy=kpi.target_fy),
                         expected_version=ini.version)
    assert ini_of(store, ini.id).kpis[0].target == 500
    (entry,) = query_audit(store, AuditFilter(batch=change.batch)).records
    assert entry.after is not None and entry.after["target"] == 500
    assert entry.before is not None and entry.before["target"] == kpi.target
    with pytest.raises(ConflictError):
        edit_detail(store, "kpi", kpi.id, KpiFields("古い画面"), expected_version=ini.version)
    assert ini_of(store, ini.id).kpis[0].name == kpi.name


def test_reorder_goals(store: Store) -> None:
    ini = first_ini(store)
    assert len(ini.goals) >= 2
    move_detail(store, "goal", ini.goals[1].id, 0)
    assert [g.id for g in ini_of(store, ini.id).goals][:2] == [ini.goals[1].id, ini.goals[0].id]
    with pytest.raises(UserError, match="これ以上動かせません"):
        move_detail(store, "goal", ini.goals[1].id, -1)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (StepFields("x", 2025, 2024), "終わりが始まりより前"),
        (StepFields("x", 2024, 2024, start_quarter=3, end_quarter=2), "終わりが始まりより前"),
        (StepFields("x", 2024, 2024, start_quarter=5), "1〜4"),
        (StepFields("x", 2024, 2024, start_quarter=1, start_month=4), "どちらか一方"),
        (StepFields("x", 2024, 2024, kind="arrow"), "種類「arrow」"),
        (StepFields(" ", 2024, 2024), "工程の内容を入力"),
        (StepFields("x", 2024, 2024, goal_ids=(999999,)), "目標（ID 999999）は「"),
        (KpiFields("x", direction="sideways"), "向き"),
        (KpiFields("x", baseline=float("nan")), "基準値"),
        (GoalFields("", "text"), "記号"),
        (GoalFields("①", "t", 2025, 2023), "目標年度の終わり"),
    ],
)
def test_refusals_change_nothing(store: Store, fields: StepFields | KpiFields | GoalFields, message: str) -> None:
    ini = first_ini(store)
    with pytest.raises(UserError, match=message):
        add_detail(store, ini.id, fields)
    again = ini_of(store, ini.id)
    assert (again.goals, again.kpis, again.steps, again.version) == (ini.goals, ini.kpis, ini.steps, ini.version)


def test_remove_goal_keeps_kpi_and_unlinks_steps(store: Store) -> None:
    ini = first_ini(store)
    goal = ini.goals[0]
    remove_detail(store, "goal", goal.id)
    after = ini_of(store, ini.id)
    assert goal.id not in [g.id for g in after.goals]
    assert len(after.kpis) == len(ini.kpis)
    assert all(k.goal_mark != goal.mark or goal.mark in [g.mark for g in after.goals] for k in after.kpis)
    assert len(after.steps) == len(ini.steps)


def test_kpi_and_step_with_report_values_cannot_be_removed(sample_db: Path) -> None:
    store = Store.open(str(sample_db), actor="市民課")
    try:
        ini = first_ini(store)
        dept = next(d for d in ini.departments if not d.pseudo) if any(not d.pseudo for d in ini.departments) \
            else None
        with store.read() as s:
            plan = load_plan(s, resolve_plan_id(s))
        dept_id = dept.id if dept else next(d.id for d in plan.departments if not d.pseudo)
        save_report(store, ReportInput(initiative_id=ini.id, department_id=dept_id, fy=2024,
                                       kpi_actuals={ini.kpis[0].id: 5},
                                       step_states={ini.steps[0].id: "done"}), expected_version=None)
        with pytest.raises(UserError, match="1 件の報告に実績値がある"):
            remove_detail(store, "kpi", ini.kpis[0].id)
        with pytest.raises(UserError, match="1 件の報告に工程の状況がある"):
            remove_detail(store, "step", ini.steps[0].id)
        after = ini_of(store, ini.id)
        assert len(after.kpis) == len(ini.kpis) and len(after.steps) == len(ini.steps)
        if len(ini.kpis) > 1:
            remove_detail(store, "kpi", ini.kpis[1].id)
            assert len(ini_of(store, ini.id).kpis) == len(ini.kpis) - 1
    finally:
        store.close()
