"""年度見直し: the new revision is current, the old one keeps its reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from planDesk.core.errors import UserError
from planDesk.core.persistence.audit_query import AuditFilter, query_audit
from planDesk.core.persistence.store import Store
from planDesk.core.plan.edit.nodes import InitiativeFields, add_initiative, edit_title
from planDesk.core.plan.edit.numbers import retire_node
from planDesk.core.plan.edit.revision import predecessor_chain, start_revision
from planDesk.core.plan.view import PlanView, list_plans, load_plan, resolve_plan_id

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def plan_of(store: Store, plan_id: int | None = None) -> PlanView:
    with store.read() as s:
        return load_plan(s, plan_id if plan_id is not None else resolve_plan_id(s))


def test_revision_copies_plan_and_leaves_old_with_reports(hitachi_db: Path) -> None:
    store = Store.open(str(hitachi_db), actor="テスト")
    try:
        old = plan_of(store)
        retired = next(old.initiatives())
        retire_node(store, "initiative", retired.id)
        old = plan_of(store)
        reports = sum(len(i.reports) for i in old.initiatives(include_retired=True))
        assert reports > 0
        change = start_revision(store, old.id, "2022見直し版", 2021, end_fy=2022)
        new = plan_of(store)
        assert new.id == change.plan_id != old.id
        assert new.is_current and new.revision == "2022見直し版" and new.end_fy == 2022 and new.key == old.key
        assert not plan_of(store, old.id).is_current
        # same uids (minus the retired one), same codes, no reports in the new revision
        assert [i.uid for i in new.initiatives()] == [i.uid for i in old.initiatives()]
        assert retired.uid not in {i.uid for i in new.initiatives(include_retired=True)}
        assert [i.code for i in new.initiatives()] == [i.code for i in old.initiatives()]
        assert all(not i.reports for i in new.initiatives())
        assert sum(len(i.reports) for i in plan_of(store, old.id).initiatives(include_retired=True)) == reports
        first_old, first_new = next(old.initiatives()), next(new.initiatives())
        assert first_new.id != first_old.id
        assert (first_new.goals[0].mark if first_new.goals else None) == \
            (first_old.goals[0].mark if first_old.goals else None)
        assert [d.name for d in new.departments] == [d.name for d in old.departments]
        assert new.evaluation_scale == old.evaluation_scale and new.directions == old.directions
        assert [g.slogan for g in new.groups] == [g.slogan for g in old.groups]  # the areas' slogans
        assert all(g.slogan for g in new.groups)
        assert predecessor_chain(store, new.id) == [new.id, old.id]
        with store.read() as s:
            assert [p.is_current for p in list_plans(s)] == [False, True]
        entries = query_audit(store, AuditFilter(batch=change.batch)).records
        assert {e.plan_id for e in entries} == {old.id, new.id}
        assert any(e.after and e.after.get("revision") == "2022見直し版" for e in entries)
    finally:
        store.close()


def test_revision_steps_and_kpis_keep_goal_links(store: Store) -> None:
    old = plan_of(store)
    start_revision(store, old.id, "令和6年度見直し版", 2024)
    new = plan_of(store)
    for a, b in zip(old.initiatives(), new.initiatives(), strict=True):
        assert [(s.label, s.goal_marks, s.start_fy, s.end_fy, s.kind) for s in a.steps] == \
            [(s.label, s.goal_marks, s.start_fy, s.end_fy, s.kind) for s in b.steps]
        assert [(k.name, k.goal_mark, k.baseline, k.target) for k in a.kpis] == \
            [(k.name, k.goal_mark, k.baseline, k.target) for k in b.kpis]
        assert a.department_names == b.department_names


def test_old_revision_is_read_only(store: Store) -> None:
    old = plan_of(store)
    start_revision(store, old.id, "令和6年度見直し版", 2024)
    with pytest.raises(UserError, match="過去の版のため編集できません"):
        edit_title(store, "group", old.groups[0].id, "x")
    with pytest.raises(UserError, match="過去の版のため編集できません"):
        start_revision(store, old.id, "もう一度", 2024)
    assert plan_of(store, old.id).groups[0].title == old.groups[0].title
    new = plan_of(store)
    add_initiative(store, new.groups[0].groups[0].id,
                   InitiativeFields(title="新版だけ", department_ids=(new.departments[0].id,)))
    assert "新版だけ" not in [i.title for i in plan_of(store, old.id).initiatives()]


@pytest.mark.parametrize(
    ("label", "fy", "end", "message"),
    [("令和5年度版", 2024, None, "既にあります"), (" ", 2024, None, "版の名前を入力"),
     ("x", 2022, None, "より前です"), ("x", 2026, None, "計画期間"), ("x", 2024, 2024, "短く")],
)
def test_revision_refusals_change_nothing(store: Store, label: str, fy: int, end: int | None, message: str) -> None:
    old = plan_of(store)
    with pytest.raises(UserError, match=message):
        start_revision(store, old.id, label, fy, end_fy=end)
    with store.read() as s:
        assert [p.id for p in list_plans(s)] == [old.id]
    assert plan_of(store).is_current
