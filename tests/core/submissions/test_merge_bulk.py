"""One apply path: a save on screen is a batch of one of ``report_ops_bulk.apply_changes``, with
the same checks, versions and audit entries as a merge's batch of many."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from submission_helpers import ids_of, report_of

from planDesk.core.domain.model import AuditEntry, Department
from planDesk.core.errors import ConflictError, NotFoundError, UserError
from planDesk.core.persistence.store import Store
from planDesk.core.reports.bulk import AppliedReport, ReportChange, apply_changes
from planDesk.core.reports.ops import ReportInput, get_or_create_cycle, save_report, submit_report

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def _dept(store: Store, name: str = "市民課") -> int:
    with store.read() as s:
        return int(s.scalars(select(Department.id).where(Department.name == name)).one())


def _batch(store: Store, changes: list[ReportChange], *, dept: str = "市民課", submit: bool = False,
           as_division: bool = True) -> list[AppliedReport]:
    with store.write("save-report") as ctx:
        plan_id = 1
        cycle = get_or_create_cycle(ctx.session, plan_id, 2024, 0)
        return apply_changes(ctx, plan_id=plan_id, department_id=_dept(store, dept), cycle_id=cycle.id,
                             changes=changes, source="画面", submit=submit, as_division=as_division)


def _state(store: Store, code: str) -> tuple[Any, ...]:
    r = report_of(store, code)
    assert r is not None
    return (r.activities, r.evaluation, r.issues, r.direction, r.next_steps, r.status, r.kpi_actuals,
            r.step_states, r.version)


def _audit(store: Store) -> list[tuple[Any, ...]]:
    with store.read() as s:
        return [(e.entity, e.summary, e.before, e.after) for e in
                s.scalars(select(AuditEntry).where(AuditEntry.entity == "report").order_by(AuditEntry.id))]


def test_a_save_is_a_batch_of_one(store: Store, db_twin: str) -> None:
    """save_report on one database, a batch of two on its twin: the same reports, versions
    and audit entries (before, after and summary)."""
    twin = Store.open(db_twin, actor="テスト")
    ini, other = ids_of(store, "①－１－２"), ids_of(store, "①－１－１")
    kpi, step = ini.kpis[0].id, ini.steps[0].id
    first = {"activities": "一回目", "evaluation": "B", "issues": "", "direction": None, "next_steps": "",
             f"kpi:{kpi}": 10.0}
    second = {"activities": "二回目", "evaluation": "B", "issues": "", "direction": "継続", "next_steps": "",
              f"step:{step}": "done", f"kpi:{kpi}": 12.5}
    dept = _dept(store)
    save_report(store, ReportInput(ini.id, dept, 2024, activities="一回目", evaluation="B",
                                   kpi_actuals={kpi: 10.0}), expected_version=None)
    save_report(store, ReportInput(other.id, dept, 2024, activities="別の取組"), expected_version=None)
    save_report(store, ReportInput(ini.id, dept, 2024, activities="二回目", evaluation="B", direction="継続",
                                   kpi_actuals={kpi: 12.5}, step_states={step: "done"}), expected_version=1)
    created = _batch(twin, [ReportChange(ini.id, first, None), ReportChange(other.id, {"activities": "別の取組"}, 0)])
    assert [(r.created, r.version, r.changed) for r in created] == [(True, 1, True), (True, 1, True)]
    [updated] = _batch(twin, [ReportChange(ini.id, second, 1)])
    assert not updated.created and updated.before is not None and updated.before["activities"] == "一回目"
    for code in ("①－１－２", "①－１－１"):
        assert _state(twin, code) == _state(store, code)
    assert sorted(map(repr, _audit(twin))) == sorted(map(repr, _audit(store)))
    # unchanged values: no new version, no audit entry (the same rule for both)
    n = len(_audit(twin))
    [same] = _batch(twin, [ReportChange(ini.id, second, 2)])
    assert (same.changed, same.version) == (False, 2)
    assert save_report(store, ReportInput(ini.id, dept, 2024, activities="二回目", evaluation="B", direction="継続",
                                          kpi_actuals={kpi: 12.5}, step_states={step: "done"}),
                       expected_version=2)[1] == 2
    assert len(_audit(twin)) == len(_audit(store)) == n
    twin.close()


def test_checks_and_versions(store: Store) -> None:
    ini = ids_of(store, "①－１－２")
    other = ids_of(store, "①－１－３")
    with pytest.raises(UserError, match="評価にありません"):
        _batch(store, [ReportChange(ini.id, {"evaluation": "Z"}, None)])
    with pytest.raises(UserError, match="のものではありません"):
        _batch(store, [ReportChange(ini.id, {f"kpi:{other.kpis[0].id}": 1.0}, None)])
    with pytest.raises(UserError, match="使えません"):
        _batch(store, [ReportChange(ini.id, {f"step:{ini.steps[0].id}": "half"}, None)])
    with pytest.raises(UserError, match="課題：33,000 文字あります"):
        _batch(store, [ReportChange(ini.id, {"issues": "あ" * 30000 + "い" * 3000}, None)])
    with pytest.raises(UserError, match="担当部署ではありません"):
        _batch(store, [ReportChange(ini.id, {"activities": "x"}, None)], dept="情報政策課")
    with pytest.raises(NotFoundError):
        _batch(store, [ReportChange(999999, {"activities": "x"}, None)])
    assert report_of(store, "①－１－２") is None  # nothing of the refused batches was written
    _batch(store, [ReportChange(ini.id, {"activities": "x"}, None)])
    with pytest.raises(ConflictError) as caught:
        _batch(store, [ReportChange(ini.id, {"activities": "y"}, 7)])
    assert caught.value.unsaved == {"activities": "y"}  # what was not saved goes back to the caller
    assert caught.value.current is not None and caught.value.current["activities"] == "x"
    assert report_of(store, "①－１－２").activities == "x"  # type: ignore[union-attr]


def test_one_bad_report_refuses_the_whole_batch(store: Store) -> None:
    ini, other = ids_of(store, "①－１－２"), ids_of(store, "①－１－１")
    _batch(store, [ReportChange(ini.id, {"activities": "保存済み"}, None)])
    with store.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(ConflictError):
        _batch(store, [ReportChange(other.id, {"activities": "新規"}, None),
                       ReportChange(ini.id, {"activities": "古い版から"}, 0)])
    assert report_of(store, "①－１－１") is None and report_of(store, "①－１－２").activities == "保存済み"  # type: ignore[union-attr]
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before


def test_submitted_report_refused_for_the_department_not_for_a_merge(store: Store) -> None:
    ini = ids_of(store, "①－１－２")
    [r] = _batch(store, [ReportChange(ini.id, {"activities": "実施", "evaluation": "A", "direction": "継続"}, None)],
                 as_division=False)
    submit_report(store, r.report_id)
    with pytest.raises(UserError, match="提出済のため"):
        _batch(store, [ReportChange(ini.id, {"activities": "修正"}, 2)], as_division=False)
    [merged] = _batch(store, [ReportChange(ini.id, {"activities": "取込"}, 2)], submit=True)
    assert (merged.version, merged.after["status"]) == (3, "submitted")


def test_who_may_report_in_a_batch(store: Store) -> None:
    """The batch checks assignment on plain rows with the one rule (reports/assignment.py):
    an initiative of 全部署 is every department's, a retired one nobody's, a pseudo-department
    never reports."""
    from planDesk.core.plan.edit.numbers import retire_node

    everyone = ids_of(store, "①－１－１")  # 全部署
    assert [r.changed for r in _batch(store, [ReportChange(everyone.id, {"activities": "x"}, None)],
                                      dept="情報政策課")] == [True]
    with pytest.raises(UserError, match=r"「全部署」は.*担当部署ではありません"):
        _batch(store, [ReportChange(everyone.id, {"activities": "y"}, None)], dept="全部署")
    own = ids_of(store, "①－１－２")  # 市民課
    retire_node(store, "initiative", own.id)
    with pytest.raises(UserError, match="担当部署ではありません"):
        _batch(store, [ReportChange(own.id, {"activities": "x"}, None)])
    from planDesk.core.domain.model import ProgressReport

    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(ProgressReport)
                        .where(ProgressReport.initiative_id == own.id)) == 0
