"""``load_plan`` reads rows through the driver: the views must hold what the ORM reads, with
the same Python types, on SQLite and PostgreSQL; the one-initiative read-back of
core/plan/refresh.py must agree with it."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from planDesk.core.domain.model import ReportFigure, ReportResult
from planDesk.core.persistence.store import Store
from planDesk.core.plan.refresh import load_initiatives
from planDesk.core.plan.view import (
    DepartmentView,
    InitiativeView,
    KpiView,
    PlanView,
    ReportView,
    StepView,
    load_plan,
    load_reports_of,
    resolve_plan_id,
)
from planDesk.core.reports.ops import ReportInput, save_report, submit_report

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def _plan(store: Store) -> PlanView:
    with store.read() as s:
        return load_plan(s, resolve_plan_id(s))


def _with_reports(store: Store) -> PlanView:
    """The sample plan with a submitted and a draft report of its own (KPI actuals, step
    states, two datetimes) beside the sample's."""
    plan = _plan(store)
    ini = next(i for i in plan.initiatives() if i.kpis and i.steps and any(d.pseudo is None for d in i.departments))
    dept = next(d.id for d in ini.departments if d.pseudo is None)
    first, last = plan.start_fy, plan.end_fy
    save_report(store, ReportInput(initiative_id=ini.id, department_id=dept, fy=last, activities="実施",
                                   evaluation=plan.evaluation_scale[0][0] if plan.evaluation_scale else None,
                                   direction=plan.directions[0] if plan.directions else None,
                                   kpi_actuals={k.id: 1.5 for k in ini.kpis},
                                   step_states={ini.steps[0].id: "done"}), expected_version=None)
    save_report(store, ReportInput(initiative_id=ini.id, department_id=dept, fy=first, activities="下書き"),
                expected_version=None)
    report = next(r for r in load_reports_of_store(store, ini.id) if r.fy == last and r.department_id == dept)
    submit_report(store, report.id)
    with store.write("テスト") as ctx:  # 実績 bullets with figures (written by a merge in real use)
        ctx.session.add_all([
            ReportResult(report_id=report.id, position=1, heading="", text="二つ目"),
            ReportResult(report_id=report.id, position=0, heading="見出し", text="本文", figures=[
                ReportFigure(position=1, label="件数", value=6051.0, unit="件"),
                ReportFigure(position=0, label="率", value=0.5, unit="%")]),
        ])
    return _plan(store)


def load_reports_of_store(store: Store, ini_id: int) -> tuple[ReportView, ...]:
    with store.read() as s:
        return load_reports_of(s, [ini_id])[ini_id]


def test_reports_read_as_the_orm_reads_them(store: Store) -> None:
    plan = _with_reports(store)
    initiatives = list(plan.initiatives(include_retired=True))
    with store.read() as s:
        through_orm = load_reports_of(s, [i.id for i in initiatives])  # ORM objects → report_view
    assert sum(len(r) for r in through_orm.values()) == 2
    for ini in initiatives:
        assert ini.reports == through_orm[ini.id]
    reports = [r for ini in initiatives for r in ini.reports]
    submitted = [r for r in reports if r.submitted_at is not None]
    assert submitted and all(r.updated_at is not None for r in reports)
    for r in reports:
        for moment in (r.updated_at, r.submitted_at):
            assert moment is None or (type(moment) is datetime and moment.tzinfo is UTC)
        assert all(type(value) is float for _, value in r.kpi_actuals if value is not None)
    assert any(r.kpi_actuals == tuple(sorted(r.kpi_actuals)) and r.kpi_actuals for r in reports)
    assert any(r.step_states for r in reports)
    [bullets] = [r.results for r in reports if r.results]
    assert [(b.heading, [f.label for f in b.figures]) for b in bullets] == [("見出し", ["率", "件数"]), ("", [])]


def test_booleans_dates_and_shared_values_have_their_types(store: Store) -> None:
    plan = _plan(store)
    assert type(plan.is_current) is bool
    for policy in plan.groups:
        assert type(policy.retired) is bool
        for item in policy.groups:
            assert type(item.retired) is bool
    initiatives = list(plan.initiatives(include_retired=True))
    for ini in initiatives:
        assert {type(ini.priority), type(ini.departments_more), type(ini.retired)} == {bool}
        assert all(type(d) is DepartmentView and type(d.retired) is bool for d in ini.departments)
        assert all(type(s) is StepView and type(s.inferred) is bool for s in ini.steps)
        for kpi in ini.kpis:
            assert type(kpi) is KpiView
            assert kpi.baseline_as_of is None or type(kpi.baseline_as_of) is date
            assert kpi.baseline is None or type(kpi.baseline) is float
    assert any(k.baseline_as_of for ini in initiatives for k in ini.kpis)
    assert any(k.goal_mark for ini in initiatives for k in ini.kpis)
    assert any(s.goal_marks for ini in initiatives for s in ini.steps)
    # one view per department, shared by the initiatives that name it
    named: dict[int, DepartmentView] = {}
    for ini in initiatives:
        for d in ini.departments:
            assert named.setdefault(d.id, d) is d


def test_refresh_reads_an_initiative_as_load_plan_does(store: Store) -> None:
    plan = _with_reports(store)
    initiatives = list(plan.initiatives(include_retired=True))
    some = [initiatives[0].id, initiatives[len(initiatives) // 2].id, initiatives[-1].id]
    with store.read() as s:
        read_back = load_initiatives(s, plan.id, some)
        everything = load_initiatives(s, plan.id, [i.id for i in initiatives])
        assert load_initiatives(s, plan.id, [10**9]) == {}
    by_id = {ini.id: ini for ini in initiatives}
    assert set(read_back) == set(some)
    for ini_id, view in everything.items():
        assert view == dataclasses.replace(by_id[ini_id], reports=())
    assert all(read_back[i] == everything[i] for i in some)


def test_views_stay_frozen_with_their_defaults() -> None:
    dept = DepartmentView(1, "総務課", None)
    assert dept == DepartmentView(id=1, name="総務課", pseudo=None, retired=False)
    assert hash(dept) == hash(DepartmentView(1, "総務課", None, False))
    assert repr(dept) == "DepartmentView(id=1, name='総務課', pseudo=None, retired=False)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        dept.name = "財政課"  # type: ignore[misc]
    assert dataclasses.replace(dept, retired=True).retired is True
    with pytest.raises(TypeError):
        DepartmentView(1, "総務課")  # type: ignore[call-arg]
    assert InitiativeView.__init__.__qualname__ == "InitiativeView.__init__"


def test_a_driver_error_is_raised_as_sqlalchemys(store: Store) -> None:
    # Store.read translates SQLAlchemy's errors (locked, corrupt, server gone) into Japanese
    from sqlalchemy import column, select, table
    from sqlalchemy.exc import DBAPIError

    from planDesk.core.plan.view import _rows

    with store.read() as s, pytest.raises(DBAPIError, match="no_such_table"):
        list(_rows(s.connection(), select(column("x")).select_from(table("no_such_table"))))
