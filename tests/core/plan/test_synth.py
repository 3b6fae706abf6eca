"""The benchmarks' synthetic-plan generator (bench/synth.py) builds a complete, valid plan."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.synth import ALL_DEPARTMENTS_SAMPLE, DEFAULT_FY, build_synthetic_plan, main, plan_data
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id


def _load(store: Store, key: str) -> PlanView:
    with store.read() as s:
        return load_plan(s, resolve_plan_id(s, key))


def test_synthetic_plan_has_the_shape_of_a_real_plan(store: Store) -> None:
    # Built into a database that already holds the Hitachinaka plan: the bulk ids must
    # start after the existing rows and leave that plan untouched.
    built = build_synthetic_plan(store, 50)
    plan = _load(store, "synthetic-50")
    initiatives = list(plan.initiatives())

    assert (built.initiatives, built.steps) == (50, 150)
    assert len(initiatives) == 50
    assert len(plan.groups) > 1 and all(pol.groups for pol in plan.groups)
    assert plan.fiscal_years() == range(DEFAULT_FY - 1, DEFAULT_FY + 2)
    assert len({ini.code for ini in initiatives}) == 50
    assert initiatives[0].code == "①－１－１"
    assert all(any("\u3040" <= ch <= "\u9fff" for ch in ini.title) for ini in initiatives)
    assert len({ini.title for ini in initiatives}) > 40

    assert all(1 <= len(ini.departments) <= 4 for ini in initiatives)
    assert initiatives[0].department_names == ("全部署",)
    assert any(len(ini.departments) == 3 for ini in initiatives)
    assert any(d.pseudo == "relevant" for ini in initiatives for d in ini.departments)

    for ini in initiatives:
        assert len(ini.goals) in (1, 2, 3)
        marks = {g.mark for g in ini.goals}
        assert ini.kpis and all(k.baseline is not None and k.target is not None for k in ini.kpis)
        assert all(k.goal_mark in marks and k.target_fy == next(
            g.target_end_fy for g in ini.goals if g.mark == k.goal_mark) for k in ini.kpis)
        assert len(ini.steps) == 3
        assert all(s.goal_marks and set(s.goal_marks) <= marks for s in ini.steps)
        assert [s.kind for s in ini.steps] == ["one-off", "one-off", "continuing"]

    reports = [r for ini in initiatives for r in ini.reports]
    assert built.reports == len(reports)
    assert {r.fy for r in reports} == {DEFAULT_FY - 1, DEFAULT_FY}
    assert all(r.status == "confirmed" for r in reports if r.fy == DEFAULT_FY - 1)
    assert set(Counter(r.status for r in reports if r.fy == DEFAULT_FY)) == {"draft", "submitted", "confirmed"}
    by_id = {ini.id: ini for ini in initiatives}
    for r in reports:
        ini = by_id[r.initiative_id]
        assert [kpi for kpi, _ in r.kpi_actuals] == sorted(k.id for k in ini.kpis)
        assert all(value is not None for _, value in r.kpi_actuals)
        assert [step for step, _ in r.step_states] == sorted(s.id for s in ini.steps)
        assert r.evaluation in {code for code, _ in plan.evaluation_scale}
    # A 全部署 initiative collects reports from several real departments.
    last_year = [r for r in initiatives[0].reports if r.fy == DEFAULT_FY - 1]
    assert len({r.department for r in last_year}) == ALL_DEPARTMENTS_SAMPLE

    hitachinaka = _load(store, "hitachinaka")
    assert len(list(hitachinaka.initiatives())) == 34


def test_same_seed_same_plan() -> None:
    assert plan_data(30, seed=3) == plan_data(30, seed=3)
    assert plan_data(30, seed=3) != plan_data(30, seed=4)


def test_command_line_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.sqlite3"
    assert main(["--initiatives", "12", "--no-reports", "--out", str(out)]) == 0
    assert main(["--initiatives", "12", "--out", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    s = Store.open(str(out), create=False)
    try:
        plan = _load(s, "synthetic-12")
        assert len(list(plan.initiatives())) == 12
        assert not any(ini.reports for ini in plan.initiatives())
    finally:
        s.close()
