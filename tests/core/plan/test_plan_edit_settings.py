"""Departments, the evaluation scale and the 今後の方向性 choices."""

from __future__ import annotations

import pytest

from planDesk.core.errors import UserError
from planDesk.core.persistence.audit_query import AuditFilter, query_audit
from planDesk.core.persistence.store import Store
from planDesk.core.plan.edit.nodes import InitiativeFields, edit_initiative
from planDesk.core.plan.edit.settings import (
    ChoiceSpec,
    GradeSpec,
    add_department,
    edit_department,
    grade_usage,
    move_department,
    retire_department,
    set_direction_choices,
    set_evaluation_scale,
)
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id
from planDesk.core.reports.ops import ReportInput, save_report

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def current(store: Store) -> PlanView:
    with store.read() as s:
        return load_plan(s, resolve_plan_id(s))


@pytest.fixture
def hitachi(store: Store) -> Store:
    """The sample plan with three reports evaluated B and one C."""
    plan = current(store)
    real = [d for d in plan.departments if not d.pseudo]
    ini = next(plan.initiatives())  # assigned to 全部署: every real department reports
    for dept, grade in zip(real[:4], ("B", "B", "B", "C"), strict=True):
        save_report(store, ReportInput(ini.id, dept.id, 2024, evaluation=grade, direction="継続"),
                    expected_version=None)
    return store


def grade_ids(store: Store) -> dict[str, int]:
    from planDesk.core.domain.model import EvaluationGrade

    with store.read() as s:
        return {g.code: g.id for g in s.query(EvaluationGrade).filter_by(plan_id=resolve_plan_id(s))}


def test_department_add_rename_move_retire(store: Store) -> None:
    plan = current(store)
    add_department(store, plan.id, "デジタル推進室", index=0)
    again = current(store)
    assert again.departments[0].name == "デジタル推進室"
    with pytest.raises(UserError, match="既にあります"):
        add_department(store, plan.id, "デジタル推進室")
    new = again.departments[0]
    edit_department(store, new.id, "DX推進室", pseudo=None)
    move_department(store, new.id, 3)
    retire_department(store, new.id)
    final = current(store)
    moved = next(d for d in final.departments if d.id == new.id)
    assert moved.name == "DX推進室" and moved.retired
    assert [d.id for d in final.departments].index(new.id) == 3


def test_retiring_a_department_in_use_is_refused(store: Store) -> None:
    plan = current(store)
    shimin = next(d for d in plan.departments if d.name == "市民課")
    with pytest.raises(UserError, match=r"市民課」は取組事項 .*の担当のため廃止できません"):
        retire_department(store, shimin.id)
    assert not next(d for d in current(store).departments if d.id == shimin.id).retired


def test_retired_department_cannot_be_newly_assigned(store: Store) -> None:
    plan = current(store)
    add_department(store, plan.id, "旧課")
    old = next(d for d in current(store).departments if d.name == "旧課")
    retire_department(store, old.id)
    ini = next(plan.initiatives())
    with pytest.raises(UserError, match="廃止されているため"):
        edit_initiative(store, ini.id, InitiativeFields(title=ini.title, department_ids=(old.id,)),
                        expected_version=ini.version)


def test_scale_rename_recodes_reports(hitachi: Store) -> None:
    usage = grade_usage(hitachi, current(hitachi).id)
    used = max(usage, key=lambda c: usage[c])
    ids = grade_ids(hitachi)
    specs = [GradeSpec("S" if code == used else code, label, ids[code])
             for code, label in current(hitachi).evaluation_scale]
    change = set_evaluation_scale(hitachi, current(hitachi).id, specs)
    plan = current(hitachi)
    assert "S" in dict(plan.evaluation_scale)
    evaluations = [r.evaluation for i in plan.initiatives(include_retired=True) for r in i.reports]
    assert evaluations.count("S") == usage[used] and used not in evaluations
    entries = query_audit(hitachi, AuditFilter(batch=change.batch)).records
    assert sum(1 for e in entries if e.entity == "report") == usage[used]
    assert any(e.entity == "grade" and e.after and e.after["replaced"] == {used: "S"} for e in entries)


def test_removing_used_grade_needs_mapping(hitachi: Store) -> None:
    plan = current(hitachi)
    usage = grade_usage(hitachi, plan.id)
    used = max(usage, key=lambda c: usage[c])
    ids = grade_ids(hitachi)
    keep = [GradeSpec(code, label, ids[code]) for code, label in plan.evaluation_scale if code != used]
    with pytest.raises(UserError, match=f"「{used}」は {usage[used]} 件の報告で使われている"):
        set_evaluation_scale(hitachi, plan.id, keep)
    assert current(hitachi).evaluation_scale == plan.evaluation_scale
    with pytest.raises(UserError, match="新しい一覧にありません"):
        set_evaluation_scale(hitachi, plan.id, keep, mapping={used: used})
    set_evaluation_scale(hitachi, plan.id, keep, mapping={used: keep[0].code})
    after = current(hitachi)
    assert used not in dict(after.evaluation_scale)
    assert grade_usage(hitachi, plan.id).get(keep[0].code, 0) >= usage[used]


def test_swap_codes_and_reorder(store: Store) -> None:
    ids = grade_ids(store)
    plan = current(store)
    set_evaluation_scale(store, plan.id, [GradeSpec("B", "順調", ids["A"]), GradeSpec("A", "概ね順調", ids["B"]),
                                          GradeSpec("D", "未着手", ids["D"]), GradeSpec("C", "遅れ", ids["C"]),
                                          GradeSpec("E", "中止")])
    assert current(store).evaluation_scale == (("B", "順調"), ("A", "概ね順調"), ("D", "未着手"), ("C", "遅れ"),
                                               ("E", "中止"))


@pytest.mark.parametrize(
    ("specs", "message"),
    [([], "1 つ以上"), ([GradeSpec("A", "x"), GradeSpec("A", "y")], "重複"), ([GradeSpec("", "x")], "評価の記号"),
     ([GradeSpec("A", "")], "名称")],
)
def test_scale_refusals(store: Store, specs: list[GradeSpec], message: str) -> None:
    plan = current(store)
    with pytest.raises(UserError, match=message):
        set_evaluation_scale(store, plan.id, specs)
    assert current(store).evaluation_scale == plan.evaluation_scale


def test_direction_choices_edit(store: Store) -> None:
    plan = current(store)
    set_direction_choices(store, plan.id, [ChoiceSpec(x) for x in ("拡充", "継続", "改善", "終了")])
    assert current(store).directions == ("拡充", "継続", "改善", "終了")


def test_direction_in_use_renamed_and_removed(hitachi: Store) -> None:
    from planDesk.core.domain.model import DirectionChoice
    from planDesk.core.plan.edit.settings import direction_usage

    plan = current(hitachi)
    with hitachi.read() as s:
        ids = {c.label: c.id for c in s.query(DirectionChoice).filter_by(plan_id=plan.id)}
    with pytest.raises(UserError, match="「継続」は 4 件の報告で使われている"):
        set_direction_choices(hitachi, plan.id, [ChoiceSpec("拡充", ids["拡充"])])
    set_direction_choices(hitachi, plan.id, [ChoiceSpec("拡充", ids["拡充"]), ChoiceSpec("継続実施", ids["継続"])])
    assert direction_usage(hitachi, plan.id) == {"継続実施": 4}
