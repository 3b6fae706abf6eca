"""The plan editor's tree operations, read back through load_plan and the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from planDesk.core.domain.model import AuditEntry
from planDesk.core.errors import ConflictError, UserError
from planDesk.core.persistence.audit_query import AuditFilter, AuditRecord, query_audit
from planDesk.core.persistence.store import Store
from planDesk.core.plan.edit.base import created_id
from planDesk.core.plan.edit.moves import move_by, move_node
from planDesk.core.plan.edit.nodes import (
    InitiativeFields,
    add_group,
    add_initiative,
    edit_initiative,
    edit_slogan,
    edit_title,
)
from planDesk.core.plan.edit.numbers import remove_node, renumber, renumber_all, retire_node
from planDesk.core.plan.view import GroupView, InitiativeView, PlanView, load_plan, resolve_plan_id

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def current(store: Store) -> PlanView:
    with store.read() as s:
        return load_plan(s, resolve_plan_id(s))


def by_code(plan: PlanView, code: str) -> InitiativeView:
    return next(i for i in plan.initiatives(include_retired=True) if i.code == code)


def audit_rows(store: Store, batch: str | None) -> list[AuditRecord]:
    return list(reversed(query_audit(store, AuditFilter(batch=batch)).records))


def audit_count(store: Store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count(AuditEntry.id))) or 0


def dept_id(plan: PlanView, name: str) -> int:
    return next(d.id for d in plan.departments if d.name == name)


def test_add_initiative_appears_with_next_code_and_audit(store: Store) -> None:
    plan = current(store)
    item = plan.groups[0].groups[0]
    fields = InitiativeFields(title="  窓口のキャッシュレス化 ", priority=True, new_in_fy=2024,
                              department_ids=(dept_id(plan, "市民課"), dept_id(plan, "情報政策課")),
                              overview="概要です", status_text="状況です")
    change = add_initiative(store, item.id, fields)
    new_id = created_id(change, "initiative")
    ini = next(i for i in current(store).initiatives() if i.id == new_id)
    assert ini.title == "窓口のキャッシュレス化"
    assert ini.code == f"①－１－{chr(ord('０') + len(item.initiatives) + 1)}"
    assert ini.department_names == ("市民課", "情報政策課")
    assert ini.priority and ini.new_in_fy == 2024 and ini.overview == "概要です"
    assert ini.uid and ini.version == 1
    (entry,) = audit_rows(store, change.batch)
    assert entry.operation == "add-initiative" and entry.entity_id == new_id
    assert entry.after is not None and entry.after["departments"] == ["市民課", "情報政策課"]
    assert entry.actor == "テスト" and entry.plan_id == plan.id


def test_add_initiative_at_index_and_groups_of_two_depths(store: Store) -> None:
    plan = current(store)
    pol_id = created_id(add_group(store, plan.id, None, "新しい方針"), "group")
    item_id = created_id(add_group(store, plan.id, pol_id, "新しい推進事項"), "group")
    dept = dept_id(plan, "市民課")
    add_initiative(store, item_id, InitiativeFields(title="二番目", department_ids=(dept,)))
    add_initiative(store, item_id, InitiativeFields(title="先頭", department_ids=(dept,)), index=0)
    pol = current(store).groups[-1]
    assert pol.title == "新しい方針" and pol.code == "⑤"
    assert pol.groups[0].code == "⑤－１"
    # index=0 puts it first in the tree; its number is still the next free one
    assert [(i.title, i.code) for i in pol.groups[0].initiatives] == [("先頭", "⑤－１－２"), ("二番目", "⑤－１－１")]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (InitiativeFields(title="  ", department_ids=(1,)), "取組事項名を入力してください"),
        (InitiativeFields(title="x", department_ids=()), "担当部署を 1 つ以上"),
        (InitiativeFields(title="x", department_ids=(999999,)), "この計画にありません"),
        (InitiativeFields(title="x" * 301, department_ids=(1,)), "300 文字以内"),
        (InitiativeFields(title="x", department_ids=(1,), new_in_fy=1900), "範囲外"),
    ],
)
def test_add_initiative_refusals_change_nothing(store: Store, fields: InitiativeFields, message: str) -> None:
    plan = current(store)
    fields = InitiativeFields(**{**fields.__dict__, "department_ids": tuple(
        plan.departments[0].id if d == 1 else d for d in fields.department_ids)})
    before = audit_count(store)
    with pytest.raises(UserError, match=message):
        add_initiative(store, plan.groups[0].groups[0].id, fields)
    assert audit_count(store) == before
    assert len(list(current(store).initiatives())) == len(list(plan.initiatives()))


def test_add_with_taken_number_is_refused(store: Store) -> None:
    plan = current(store)
    item = plan.groups[0].groups[0]
    with pytest.raises(UserError, match="番号 1 は既に"):
        add_initiative(store, item.id, InitiativeFields(title="x", department_ids=(plan.departments[0].id,)),
                       number=1)


def test_edit_initiative_records_only_changed_fields_and_bumps_version(store: Store) -> None:
    plan = current(store)
    ini = by_code(plan, "①－１－２")
    fields = InitiativeFields(title=ini.title + "（改）", department_ids=(dept_id(plan, "情報政策課"),),
                              priority=ini.priority, new_in_fy=ini.new_in_fy, overview=ini.overview,
                              status_text=ini.status, status_heading=ini.status_heading,
                              departments_more=ini.departments_more)
    change = edit_initiative(store, ini.id, fields, expected_version=ini.version)
    after = by_code(current(store), "①－１－２")
    assert after.title.endswith("（改）") and after.department_names == ("情報政策課",)
    assert after.version == ini.version + 1
    (entry,) = audit_rows(store, change.batch)
    assert entry.before is not None and entry.after is not None
    assert set(entry.after) == {"title", "departments"}
    assert entry.before["title"] == ini.title and entry.before["departments"] == list(ini.department_names)


def test_edit_initiative_with_stale_version_is_refused(store: Store) -> None:
    plan = current(store)
    ini = by_code(plan, "①－１－１")
    fields = InitiativeFields(title="別の名前", department_ids=tuple(d.id for d in ini.departments))
    edit_initiative(store, ini.id, fields, expected_version=ini.version)
    with pytest.raises(ConflictError, match="先に変更しています"):
        edit_initiative(store, ini.id, InitiativeFields(title="古い画面から", department_ids=fields.department_ids),
                        expected_version=ini.version)
    assert by_code(current(store), "①－１－１").title == "別の名前"


def test_edit_without_changes_writes_no_audit(store: Store) -> None:
    ini = by_code(current(store), "①－１－１")
    fields = InitiativeFields(title=ini.title, department_ids=tuple(d.id for d in ini.departments),
                              priority=ini.priority, new_in_fy=ini.new_in_fy, overview=ini.overview,
                              status_text=ini.status, status_heading=ini.status_heading,
                              departments_more=ini.departments_more)
    before = audit_count(store)
    change = edit_initiative(store, ini.id, fields, expected_version=ini.version)
    assert change.summary == "変更はありません" and audit_count(store) == before


def test_edit_title_of_a_top_level_group(store: Store) -> None:
    pol = current(store).groups[1]
    change = edit_title(store, "group", pol.id, "地域のデジタル化（改）")
    assert current(store).groups[1].title == "地域のデジタル化（改）"
    (entry,) = audit_rows(store, change.batch)
    assert entry.before == {"title": pol.title}


def test_edit_slogan_of_a_top_level_group(store: Store) -> None:
    pol = current(store).groups[0]
    change = edit_slogan(store, pol.id, "  一行目\r\n\n二行目  ")
    assert current(store).groups[0].slogan == "一行目\n二行目"  # blank lines and edges dropped
    (entry,) = audit_rows(store, change.batch)
    assert entry.before == {"slogan": ""} and entry.after == {"slogan": "一行目\n二行目"}
    assert edit_slogan(store, pol.id, "一行目\n二行目").summary == "変更はありません"
    with pytest.raises(UserError, match="200 文字以内"):
        edit_slogan(store, pol.id, "あ" * 201)
    edit_slogan(store, pol.id, "")
    assert current(store).groups[0].slogan == ""


def test_a_group_edited_from_a_stale_screen_is_refused(store: Store) -> None:
    """Each edit of a group gives it a new version; an edit naming the version it was shown
    with is refused once someone else has changed the group, and nothing is written."""
    group = current(store).groups[0].groups[0]
    seen = [group.version]
    edit_title(store, "group", group.id, "新しい名前", expected_version=group.version)
    seen.append(current(store).groups[0].groups[0].version)
    edit_slogan(store, group.id, "標語", expected_version=seen[-1])
    seen.append(current(store).groups[0].groups[0].version)
    renumber(store, "group", group.id, 7)
    seen.append(current(store).groups[0].groups[0].version)
    retire_node(store, "group", group.id)
    retire_node(store, "group", group.id, retired=False)
    seen.append(current(store).groups[0].groups[0].version)
    assert seen == sorted(set(seen)), seen  # every edit moved it on
    for edit in (lambda: edit_title(store, "group", group.id, "古い画面の名前", expected_version=group.version),
                 lambda: edit_slogan(store, group.id, "古い標語", expected_version=group.version)):
        with pytest.raises(ConflictError, match=f"{current(store).label_of(2)}「新しい名前」は.*先に変更しています"):
            edit()
    after = current(store).groups[0].groups[0]
    assert (after.title, after.slogan, after.version) == ("新しい名前", "標語", seen[-1])


def test_renumber_initiative_changes_code_everywhere(store: Store) -> None:
    plan = current(store)
    ini = by_code(plan, "①－１－２")
    n = len(plan.groups[0].groups[0].initiatives)
    change = renumber(store, "initiative", ini.id, n + 5)
    again = current(store)
    moved = next(i for i in again.initiatives() if i.id == ini.id)
    assert moved.code == f"①－１－{n + 5}".translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    (entry,) = audit_rows(store, change.batch)
    assert entry.before == {"number": 2, "code": "①－１－２"}
    assert entry.after is not None and entry.after["number"] == n + 5


def test_renumber_to_taken_number_is_refused_naming_the_holder(store: Store) -> None:
    plan = current(store)
    ini = by_code(plan, "①－１－２")
    holder = by_code(plan, "①－１－１")
    with pytest.raises(UserError, match=f"①－１－１ {holder.title}"):
        renumber(store, "initiative", ini.id, 1)
    assert by_code(current(store), "①－１－２").id == ini.id


def test_renumber_all_closes_gaps_and_puts_retired_last(store: Store) -> None:
    plan = current(store)
    item = plan.groups[0].groups[0]
    first, second = item.initiatives[0], item.initiatives[1]
    retire_node(store, "initiative", first.id)
    renumber(store, "initiative", second.id, 40)
    change = renumber_all(store, plan.id)
    again = current(store)
    codes = {i.id: i.code for i in again.groups[0].groups[0].initiatives}
    n = len(item.initiatives)
    assert codes[second.id] == "①－１－１"
    assert codes[first.id] == "①－１－" + str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    active = [i.code for i in again.initiatives()]
    assert len(active) == len(set(active))
    assert change.touches("initiative")
    assert renumber_all(store, plan.id).summary == "番号は既に並び順どおりです"


def test_move_initiative_to_other_item_takes_free_number(store: Store) -> None:
    plan = current(store)
    ini = by_code(plan, "①－１－２")
    target = plan.groups[1].groups[0]
    change = move_node(store, "initiative", ini.id, parent_id=target.id, index=0)
    again = current(store)
    moved_item = next(i for i in again.walk_groups() if i.id == target.id)
    assert moved_item.initiatives[0].id == ini.id
    assert moved_item.initiatives[0].code == "②－１－" + chr(ord("０") + len(target.initiatives) + 1) \
        if any(x.number == 2 for x in target.initiatives) else "②－１－２"
    old_item = again.groups[0].groups[0]
    assert [i.id for i in old_item.initiatives] == [i.id for i in plan.groups[0].groups[0].initiatives
                                                    if i.id != ini.id]
    (entry,) = audit_rows(store, change.batch)
    assert entry.before is not None and entry.before["code"] == "①－１－２"


def test_move_by_reorders_and_crosses_into_previous_item(store: Store) -> None:
    plan = current(store)
    item0, item1 = plan.groups[0].groups[0], plan.groups[0].groups[1]
    second = item0.initiatives[1]
    move_by(store, "initiative", second.id, -1)
    assert current(store).groups[0].groups[0].initiatives[0].id == second.id
    first_of_next = item1.initiatives[0]
    move_by(store, "initiative", first_of_next.id, -1)
    again = current(store)
    assert again.groups[0].groups[0].initiatives[-1].id == first_of_next.id
    with pytest.raises(UserError, match="これ以上上へ移動できません"):
        move_by(store, "initiative", second.id, -1)
    with pytest.raises(UserError, match="これ以上上へ移動できません"):
        move_by(store, "group", plan.groups[0].id, -1)


def test_retire_keeps_reports_and_restore_brings_back_the_same_rows(hitachi_db) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(str(hitachi_db), actor="テスト")
    try:
        plan = current(store)
        pol = plan.groups[0]
        reports_before = sum(len(i.reports) for i in plan.initiatives())
        lone = pol.groups[0].initiatives[0]
        retire_node(store, "initiative", lone.id)  # retired on its own first
        change = retire_node(store, "group", pol.id)
        again = current(store)
        assert all(i.retired for i in again.groups[0].all_initiatives(include_retired=True))
        assert sum(len(i.reports) for i in again.initiatives(include_retired=True)) == reports_before
        assert change.summary.endswith("件も）")
        retire_node(store, "group", pol.id, retired=False)
        back = current(store).groups[0]
        assert not back.retired
        assert by_id(back, lone.id).retired  # stays retired: it was retired separately
        assert all(not i.retired for i in back.all_initiatives(include_retired=True) if i.id != lone.id)
        with pytest.raises(UserError, match="既に廃止されていません"):
            retire_node(store, "group", pol.id, retired=False)
    finally:
        store.close()


def by_id(group: GroupView, ini_id: int) -> InitiativeView:
    return next(i for i in group.all_initiatives(include_retired=True) if i.id == ini_id)


def test_restore_under_retired_parent_is_refused(store: Store) -> None:
    plan = current(store)
    pol = plan.groups[0]
    retire_node(store, "group", pol.id)
    with pytest.raises(UserError, match="先に基本方針を復活"):
        retire_node(store, "initiative", pol.groups[0].initiatives[0].id, retired=False)


def test_remove_refused_with_reports_and_allowed_without(hitachi_db) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(str(hitachi_db), actor="テスト")
    try:
        plan = current(store)
        ini = next(i for i in plan.initiatives() if i.reports)
        with pytest.raises(UserError, match=r"進捗報告が .* 件あるため削除できません"):
            remove_node(store, "initiative", ini.id)
        item = plan.groups[0].groups[0]
        new_id = created_id(add_initiative(store, item.id, InitiativeFields(
            title="誤って追加", department_ids=(plan.departments[0].id,))), "initiative")
        remove_node(store, "initiative", new_id)
        assert all(i.id != new_id for i in current(store).initiatives(include_retired=True))
    finally:
        store.close()
