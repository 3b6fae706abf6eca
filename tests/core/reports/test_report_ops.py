"""Saving and moving progress reports through the one funnel."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from planDesk.core.domain.model import AuditEntry, ProgressReport
from planDesk.core.errors import ConflictError, UserError
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import InitiativeView, PlanView, load_plan, resolve_plan_id
from planDesk.core.reports.ops import (
    ReportInput,
    confirm_report,
    return_report,
    save_report,
    submit_report,
)

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def plan_of(store: Store) -> PlanView:
    with store.read() as s:
        return load_plan(s, resolve_plan_id(s))


def dept_id(plan: PlanView, name: str) -> int:
    return next(d.id for d in plan.departments if d.name == name)


def initiative(plan: PlanView, code: str) -> InitiativeView:
    return next(i for i in plan.initiatives() if i.code == code)


def full_input(plan: PlanView, ini: InitiativeView, dept: str) -> ReportInput:
    return ReportInput(
        initiative_id=ini.id, department_id=dept_id(plan, dept), fy=2025,
        activities="マイナンバーカードの出張申請受付を12回実施", evaluation="B", issues="高齢者への周知",
        direction="継続", next_steps="休日窓口を拡充",
        kpi_actuals={k.id: 81.2 for k in ini.kpis},
        step_states={s.id: "in_progress" for s in ini.steps},
    )


def test_save_read_back_and_audit(store: Store) -> None:
    plan = plan_of(store)
    ini = initiative(plan, "①－１－２")
    change, version = save_report(store, full_input(plan, ini, "市民課"), expected_version=None)
    assert version == 1 and change.touches("report")
    rep = initiative(plan_of(store), "①－１－２").reports[0]
    assert (rep.department, rep.fy, rep.status, rep.evaluation, rep.direction) == ("市民課", 2025, "draft", "B", "継続")
    assert dict(rep.kpi_actuals) == {ini.kpis[0].id: 81.2}
    with store.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.operation == "save-report")).one()
    assert entry.before is None and entry.after is not None and entry.after["evaluation"] == "B"


def test_saving_the_same_values_again_changes_nothing(store: Store) -> None:
    plan = plan_of(store)
    data = full_input(plan, initiative(plan, "①－１－２"), "市民課")
    _, v1 = save_report(store, data, expected_version=None)
    _, v2 = save_report(store, data, expected_version=v1)
    assert v2 == v1


def test_concurrent_save_is_refused_not_overwritten(store: Store) -> None:
    plan = plan_of(store)
    ini = initiative(plan, "①－１－２")
    data = full_input(plan, ini, "市民課")
    _, v1 = save_report(store, data, expected_version=None)
    data.activities = "別の画面で入力"
    save_report(store, data, expected_version=v1)
    data.activities = "古い画面から保存"
    with pytest.raises(ConflictError):
        save_report(store, data, expected_version=v1)
    assert initiative(plan_of(store), "①－１－２").reports[0].activities == "別の画面で入力"


def test_only_assigned_departments_report(store: Store) -> None:
    plan = plan_of(store)
    ini = initiative(plan, "①－１－２")  # 市民課 only
    with pytest.raises(UserError, match="担当部署ではありません"):
        save_report(store, full_input(plan, ini, "情報政策課"), expected_version=None)
    everyone = initiative(plan, "①－１－１")  # 全部署: every real department reports
    save_report(store, full_input(plan, everyone, "情報政策課"), expected_version=None)
    save_report(store, full_input(plan, everyone, "市民課"), expected_version=None)
    assert len(initiative(plan_of(store), "①－１－１").reports) == 2


def test_bad_values_are_refused_in_japanese(store: Store) -> None:
    plan = plan_of(store)
    data = full_input(plan, initiative(plan, "①－１－２"), "市民課")
    data.evaluation = "Z"
    with pytest.raises(UserError, match="進捗評価「Z」"):
        save_report(store, data, expected_version=None)
    data.evaluation, data.direction = "A", "拡大"
    with pytest.raises(UserError, match="今後の方向性「拡大」"):
        save_report(store, data, expected_version=None)
    with store.read() as s:
        assert s.scalars(select(ProgressReport)).all() == []


def test_workflow_submit_lock_confirm_return(store: Store) -> None:
    plan = plan_of(store)
    ini = initiative(plan, "①－１－２")
    data = full_input(plan, ini, "市民課")
    data.evaluation = None
    _, version = save_report(store, data, expected_version=None)
    rid = initiative(plan_of(store), "①－１－２").reports[0].id
    with pytest.raises(UserError, match="進捗評価"):
        submit_report(store, rid)
    data.evaluation = "A"
    _, version = save_report(store, data, expected_version=version)
    submit_report(store, rid)
    data.activities = "提出後の修正"
    with pytest.raises(UserError, match="提出済"):
        save_report(store, data, expected_version=version + 1)
    with pytest.raises(UserError, match="情報政策課"):
        confirm_report(store, rid, as_division=False)
    confirm_report(store, rid, as_division=True)
    with pytest.raises(UserError, match="理由"):
        return_report(store, rid, "  ", as_division=True)
    return_report(store, rid, "KPI の実績値を確認してください", as_division=True)
    rep = initiative(plan_of(store), "①－１－２").reports[0]
    assert rep.status == "draft" and rep.return_comment == "KPI の実績値を確認してください"
    save_report(store, data, expected_version=rep.version)  # unlocked again
    with store.read() as s:
        ops = [e.operation for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert ops[-5:] == ["save-report", "submit-report", "confirm-report", "return-report", "save-report"]
