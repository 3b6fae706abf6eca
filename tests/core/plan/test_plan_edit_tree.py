"""The plan editor on trees of groups of any depth (issue 14 item 1): a 4-level plan whose
branches end at different depths, and a plan with a single level of groups."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from any_plan_helpers import FOUR_LEVELS_MIXED, TWO_LEVEL_LABELS, TWO_LEVELS, make_store, tree_plan, view_of
from sqlalchemy import func, select

from planDesk.core.domain.model import AuditEntry, Initiative, PlanGroup
from planDesk.core.errors import UserError
from planDesk.core.persistence.audit_query import AuditFilter, query_audit
from planDesk.core.persistence.store import Store
from planDesk.core.plan.edit.base import created_id
from planDesk.core.plan.edit.levels import set_levels
from planDesk.core.plan.edit.moves import TOP, move_by, move_node
from planDesk.core.plan.edit.nodes import InitiativeFields, add_group, add_initiative, edit_slogan, edit_title
from planDesk.core.plan.edit.numbers import remove_node, renumber, renumber_all, retire_node, set_code, set_numbering
from planDesk.core.plan.edit.revision import start_revision
from planDesk.core.plan.view import GroupView, PlanView, load_plan


@pytest.fixture
def four(tmp_path: Path) -> Iterator[Store]:
    """柱 → 方策 → 系統 → 細目, initiatives (事業) at depths 1–4 (any_plan_helpers)."""
    store = make_store(tmp_path / "four.sqlite3", tree_plan(FOUR_LEVELS_MIXED, reports=False))
    yield store
    store.close()


@pytest.fixture
def flat(tmp_path: Path) -> Iterator[Store]:
    """One level of groups (領域) holding the initiatives (事業) directly."""
    store = make_store(tmp_path / "flat.sqlite3", tree_plan(TWO_LEVELS, labels=TWO_LEVEL_LABELS))
    yield store
    store.close()


def group(plan: PlanView, code: str) -> GroupView:
    return next(g for g in plan.walk_groups() if g.code == code)


def outline(plan: PlanView) -> list[tuple[int, str]]:
    """(depth, code) of every group and initiative in the plan's order (initiatives at
    depth 0), retired ones included."""
    out: list[tuple[int, str]] = []

    def visit(g: GroupView) -> None:
        out.append((g.depth, g.code))
        for child in g.children:
            if isinstance(child, GroupView):
                visit(child)
            else:
                out.append((0, child.code))

    for g in plan.groups:
        visit(g)
    return out


def fields(plan: PlanView, title: str = "新しい事業") -> InitiativeFields:
    return InitiativeFields(title=title, department_ids=(plan.departments[0].id,))


def audit_count(store: Store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count(AuditEntry.id))) or 0


# --- add ---------------------------------------------------------------------------------------

def test_add_a_group_at_each_depth_with_the_levels_label(four: Store) -> None:
    plan = view_of(four)
    top = add_group(four, plan.id, None, "柱その4")
    assert top.summary == "柱「柱その4」を追加しました"
    under_initiatives = add_group(four, plan.id, group(plan, "2").id, "方策の新顔")  # 2 holds 2-1, 2-2
    depth3 = add_group(four, plan.id, group(plan, "1-1").id, "系統の新顔", index=0)
    depth4 = add_group(four, plan.id, group(plan, "1-2-1").id, "細目の新顔", code="ア")
    again = view_of(four)
    made = {g.id: g for g in again.walk_groups()}
    assert [(made[created_id(c, "group")].depth, made[created_id(c, "group")].code)
            for c in (top, under_initiatives, depth3, depth4)] == [(1, "4"), (2, "2-3"), (3, "1-1-3"), (4, "ア")]
    # index 0 puts it first among 1-1's children (before its initiatives); numbers are shared
    assert [c.code for c in group(again, "1-1").children] == ["1-1-3", "1-1-1", "1-1-2"]
    assert depth4.summary == "細目「細目の新顔」を追加しました"
    (entry,) = query_audit(four, AuditFilter(batch=depth4.batch)).records
    assert (entry.entity, entry.operation) == ("group", "add-group")
    assert entry.after is not None and entry.after["depth"] == 4 and entry.after["code"] == "ア"


def test_a_group_below_the_deepest_level_is_refused_naming_the_levels(four: Store, flat: Store) -> None:
    plan = view_of(four)
    before = audit_count(four)
    with pytest.raises(UserError) as err:
        add_group(four, plan.id, group(plan, "1-2-1-2").id, "五段目")
    assert err.value.message == ("この計画の階層は 4 段（柱・方策・系統・細目）までのため、"
                                 "細目「細目1-2-1-2の部」の下にはグループを置けません。")
    assert "階層の名前" in err.value.hint
    assert audit_count(four) == before
    one = view_of(flat)
    with pytest.raises(UserError, match=r"この計画の階層は 1 段（領域）までのため、領域「領域1の部」の下には"):
        add_group(flat, one.id, one.groups[0].id, "小領域")


def test_add_initiatives_at_any_depth(four: Store) -> None:
    plan = view_of(four)
    codes = []
    for parent in ("2", "1-2", "3-1-1", "1-2-1-1"):
        change = add_initiative(four, group(plan, parent).id, fields(plan, f"{parent}の新事業"))
        assert change.summary == f"事業「{parent}の新事業」を追加しました"
        new_id = created_id(change, "initiative")
        codes.append(next(i.code for i in view_of(four).initiatives() if i.id == new_id))
    assert codes == ["2-3", "1-2-3", "3-1-1-2", "1-2-1-1-2"]
    ini = next(i for i in view_of(four).initiatives() if i.code == "1-2-1-1-2")
    assert [g.code for g in ini.path] == ["1", "1-2", "1-2-1", "1-2-1-1"]


def test_a_taken_number_and_a_taken_code_are_refused(four: Store) -> None:
    plan = view_of(four)
    with pytest.raises(UserError, match="番号 1 は既に同じ並びで使われています"):
        add_initiative(four, group(plan, "1-2").id, fields(plan), number=1)  # 1-2-1 is a group
    with pytest.raises(UserError, match="コード「1-2-1」は既に他のグループが使っています"):
        add_group(four, plan.id, None, "重複", code="1-2-1")


# --- move --------------------------------------------------------------------------------------

def test_move_a_group_to_another_depth_takes_its_subtree_along(four: Store) -> None:
    plan = view_of(four)
    moved = group(plan, "1-1")
    change = move_node(four, "group", moved.id, parent_id=group(plan, "3-1").id, index=10**6)
    again = view_of(four)
    after = again.find_group(moved.id)
    assert (after.depth, after.code) == (3, "3-1-2")  # 3-1-1 holds number 1
    assert [i.code for i in after.initiatives] == ["3-1-2-1", "3-1-2-2"]
    assert [c.code for c in group(again, "1").children] == ["1-2"]
    (entry,) = query_audit(four, AuditFilter(batch=change.batch)).records
    assert entry.before is not None and entry.after is not None
    assert (entry.before["code"], entry.before["depth"]) == ("1-1", 2)
    assert (entry.after["code"], entry.after["depth"]) == ("3-1-2", 3)
    # to the top level: the subtree's depths follow
    deep = group(again, "1-2-1")
    move_node(four, "group", deep.id, parent_id=TOP, index=0)
    top = view_of(four).groups[0]
    assert (top.id, top.depth, top.code) == (deep.id, 1, "4")
    assert [(g.depth, g.code) for g in top.walk()] == [(1, "4"), (2, "4-1"), (2, "4-2")]
    assert [i.code for i in top.all_initiatives()] == ["4-1-1", "4-2-1", "4-2-2"]
    with four.read() as s:
        depths = {gid: depth for gid, depth in s.execute(select(PlanGroup.id, PlanGroup.depth))}
    assert depths[deep.id] == 1 and {depths[g.id] for g in deep.groups} == {2}


def test_moves_that_break_the_tree_are_refused(four: Store) -> None:
    plan = view_of(four)
    before = audit_count(four)
    tall = group(plan, "1-2")  # three levels of groups: 1-2 → 1-2-1 → 1-2-1-x
    with pytest.raises(UserError) as err:
        move_node(four, "group", tall.id, parent_id=group(plan, "3-1").id, index=0)
    assert "配下が第 5 階層になり、この計画の階層（4 段：柱・方策・系統・細目）を超えます" in err.value.message
    with pytest.raises(UserError, match="自分自身やその配下へは移動できません"):
        move_node(four, "group", tall.id, parent_id=group(plan, "1-2-1").id, index=0)
    with pytest.raises(UserError, match="自分自身やその配下へは移動できません"):
        move_node(four, "group", tall.id, parent_id=tall.id, index=0)
    with pytest.raises(UserError, match="事業はいずれかのグループの下に置きます"):
        move_node(four, "initiative", next(plan.initiatives()).id, parent_id=TOP, index=0)
    retire_node(four, "group", group(plan, "2").id)
    with pytest.raises(UserError, match="移動先の柱「柱2の部」は廃止されています"):
        move_node(four, "group", group(plan, "1-1").id, parent_id=group(plan, "2").id, index=0)
    assert audit_count(four) == before + 3  # the retirement of 2 and its two initiatives only
    assert outline(view_of(four)) == outline(plan)


def test_a_move_to_another_revision_is_refused(four: Store) -> None:
    old = view_of(four)
    change = start_revision(four, old.id, "第2版", 2026)
    assert change.plan_id is not None
    with four.read() as s:
        new = load_plan(s, change.plan_id)
    with pytest.raises(UserError, match="別の計画（または別の版）へは移動できません"):
        move_node(four, "group", group(new, "1-1").id, parent_id=group(old, "3-1").id, index=0)
    with pytest.raises(UserError, match="過去の版のため編集できません"):
        move_node(four, "group", group(old, "1-1").id, parent_id=group(new, "3-1").id, index=0)


def test_move_by_crosses_into_the_neighbouring_parent(four: Store) -> None:
    plan = view_of(four)
    # a depth-4 group moves on among the depth-3 groups: 1-2-1 → 3-1-1
    last = group(plan, "1-2-1-2")
    move_by(four, "group", last.id, 1)
    again = view_of(four)
    assert [c.code for c in group(again, "3-1-1").children] == ["3-1-1-2", "3-1-1-1"]
    # an initiative moves into the previous group that holds initiatives: 2-1 → end of 1-2
    first_of_2 = group(again, "2").initiatives[0]
    move_by(four, "initiative", first_of_2.id, -1)
    again = view_of(four)
    assert group(again, "1-2").children[-1].id == first_of_2.id
    assert [i.code for i in group(again, "1-2").initiatives] == ["1-2-2", "1-2-3"]
    # down out of a depth-4 group: one row down is 1-2's initiative 1-2-2, after group 1-2-1
    lone = group(again, "1-2-1-1").initiatives[0]
    move_by(four, "initiative", lone.id, 1)
    assert [c.code for c in group(view_of(four), "1-2").children] == ["1-2-1", "1-2-4", "1-2-2", "1-2-3"]
    move_by(four, "initiative", lone.id, -1)  # past its sibling group 1-2-1
    assert [c.code for c in group(view_of(four), "1-2").children] == ["1-2-4", "1-2-1", "1-2-2", "1-2-3"]
    move_by(four, "initiative", lone.id, -1)  # one row up: the end of 1-1
    assert [i.code for i in group(view_of(four), "1-1").initiatives] == ["1-1-1", "1-1-2", "1-1-4"]
    first = group(view_of(four), "1-1").initiatives[0]
    with pytest.raises(UserError, match="これ以上上へ移動できません"):
        move_by(four, "initiative", first.id, -1)  # above it only 1, a group of groups
    with pytest.raises(UserError, match="これ以上上へ移動できません"):
        move_by(four, "group", again.groups[0].id, -1)


# --- numbers -----------------------------------------------------------------------------------

def test_renumber_in_the_shared_scope_of_a_groups_children(four: Store) -> None:
    plan = view_of(four)
    ini = next(i for i in plan.initiatives() if i.code == "1-2-2")
    with pytest.raises(UserError) as err:
        renumber(four, "initiative", ini.id, 1)
    assert err.value.message == "番号 1（1-2-1）は 系統「1-2-1 系統1-2-1の部」 が使っています。"
    deep = group(plan, "1-2-1-2")
    change = renumber(four, "group", deep.id, 5)
    assert change.summary == "番号を 1-2-1-5 に変更しました"
    again = view_of(four)
    assert [i.code for i in again.find_group(deep.id).initiatives] == ["1-2-1-5-1", "1-2-1-5-2"]
    (entry,) = query_audit(four, AuditFilter(batch=change.batch)).records
    assert entry.entity == "group" and entry.summary.startswith("細目「細目1-2-1-2の部」の番号を変更")
    set_code(four, "group", group(again, "3-1-1").id, "Ⅲ-a")
    with pytest.raises(UserError, match="コード「Ⅲ-a」は 系統「Ⅲ-a 系統3-1-1の部」 が使っています"):
        set_code(four, "group", group(again, "1-2-1").id, "Ⅲ-a")
    assert next(i.code for i in view_of(four).initiatives() if i.title == "事業3-1-1-1のデジタル化") == "3-1-1-1"


def test_renumber_all_numbers_each_groups_children_in_order(four: Store) -> None:
    plan = view_of(four)
    renumber(four, "group", group(plan, "1-2-1-2").id, 7)
    move_node(four, "initiative", next(i for i in plan.initiatives() if i.code == "2-1").id,
              parent_id=group(plan, "1-2").id, index=0)
    retire_node(four, "group", group(plan, "1-1").id)
    change = renumber_all(four, plan.id)
    assert change.touches("group") and change.touches("initiative")
    again = view_of(four)
    # the retired 1-1 keeps its place but takes the number after the active 1-2 (now 1-1)
    assert outline(again) == [
        (1, "1"), (2, "1-2"), (0, "1-2-1"), (0, "1-2-2"),
        (2, "1-1"), (0, "1-1-1"), (3, "1-1-2"), (4, "1-1-2-1"), (0, "1-1-2-1-1"), (4, "1-1-2-2"),
        (0, "1-1-2-2-1"), (0, "1-1-2-2-2"), (0, "1-1-3"),
        (1, "2"), (0, "2-1"), (1, "3"), (2, "3-1"), (3, "3-1-1"), (0, "3-1-1-1"),
    ]
    assert renumber_all(four, plan.id).summary == "番号は既に並び順どおりです"


def test_serial_numbering_counts_initiatives_across_the_plan(four: Store) -> None:
    plan = view_of(four)
    set_numbering(four, plan.id, "serial")
    change = add_initiative(four, group(plan, "3-1-1").id, fields(plan))
    new_id = created_id(change, "initiative")
    assert next(i.code for i in view_of(four).initiatives() if i.id == new_id) == "03"  # after 1 and 2
    with pytest.raises(UserError, match=r"番号 1（01）は 事業「01 事業1-1-1のデジタル化」 が使っています"):
        renumber(four, "initiative", new_id, 1)
    add_group(four, plan.id, group(plan, "2").id, "方策")
    assert group(view_of(four), "2-1").title == "方策"  # groups: among the sibling groups
    renumber_all(four, plan.id)
    assert [i.code for i in view_of(four).initiatives()] == [f"{n:02d}" for n in range(1, 11)]


# --- retire, remove ----------------------------------------------------------------------------

def test_retire_and_restore_a_subtree(four: Store) -> None:
    plan = view_of(four)
    lone = next(i for i in plan.initiatives() if i.code == "1-2-1-2-1")
    retire_node(four, "initiative", lone.id)
    change = retire_node(four, "group", group(plan, "1-2").id)
    assert change.summary == "方策「1-2 方策1-2の部」 を廃止しました（配下 6 件も）"  # 1-2-1-2-1 already was
    again = view_of(four)
    assert all(g.retired for g in group(again, "1-2").walk())
    assert all(i.retired for i in group(again, "1-2").all_initiatives(include_retired=True))
    with pytest.raises(UserError, match="上位の方策「方策1-2の部」が廃止されています"):
        retire_node(four, "group", group(plan, "1-2-1-1").id, retired=False)
    retire_node(four, "group", group(plan, "1-2").id, retired=False)
    back = view_of(four)
    assert not any(g.retired for g in group(back, "1-2").walk())
    assert [i.code for i in group(back, "1-2").all_initiatives(include_retired=True) if i.retired] == ["1-2-1-2-1"]


def test_remove_a_subtree_and_refuse_one_with_reports(four: Store, tmp_path: Path) -> None:
    plan = view_of(four)
    with four.read() as s:
        groups_before = s.scalar(select(func.count(PlanGroup.id))) or 0
    change = remove_node(four, "group", group(plan, "1-2").id)
    assert change.summary == "方策「1-2 方策1-2の部」 を削除しました"
    with four.read() as s:
        assert (s.scalar(select(func.count(PlanGroup.id))) or 0) == groups_before - 4
        assert (s.scalar(select(func.count(Initiative.id))) or 0) == 5
    assert outline(view_of(four))[:4] == [(1, "1"), (2, "1-1"), (0, "1-1-1"), (0, "1-1-2")]
    reported = make_store(tmp_path / "reported.sqlite3", tree_plan(FOUR_LEVELS_MIXED))
    try:
        other = view_of(reported)
        with pytest.raises(UserError, match=r"柱「3 柱3の部」 には進捗報告が 1 件あるため削除できません"):
            remove_node(reported, "group", group(other, "3").id)
    finally:
        reported.close()


# --- revision, levels, titles ------------------------------------------------------------------

def test_a_revision_copies_the_tree_and_leaves_retired_subtrees_behind(four: Store) -> None:
    old = view_of(four)
    edit_slogan(four, group(old, "1-2-1").id, "三段目の標語")
    retire_node(four, "group", group(old, "3-1").id)
    old = view_of(four)
    change = start_revision(four, old.id, "第2版", 2026)
    assert change.plan_id is not None
    with four.read() as s:
        new = load_plan(s, change.plan_id)
    assert new.level_labels == old.level_labels
    assert outline(new) == [entry for entry in outline(old) if not entry[1].startswith("3-")]
    assert {g.id for g in new.walk_groups()}.isdisjoint({g.id for g in old.walk_groups()})
    assert group(new, "1-2-1").slogan == "三段目の標語"
    assert [i.uid for i in new.initiatives()] == [i.uid for i in old.initiatives()]
    with four.read() as s:
        parents = {g.id: g.parent_id for g in s.scalars(select(PlanGroup).where(PlanGroup.plan_id == new.id))}
    assert all(p is None or p in parents for p in parents.values())


def test_level_labels_added_renamed_and_the_deepest_removed(four: Store, flat: Store) -> None:
    plan = view_of(flat)
    change = set_levels(flat, plan.id, ["領域", "小領域"], "事業")
    assert change.summary == "階層の名前を保存しました（領域・小領域・事業）"
    sub = add_group(flat, plan.id, plan.groups[0].id, "小領域その1")
    assert sub.summary == "小領域「小領域その1」を追加しました"
    with pytest.raises(UserError) as err:
        set_levels(flat, plan.id, ["領域"], "事業")
    assert err.value.message == "第 2 階層「小領域」以下には 1 件のグループがあるため、この階層は削除できません。"
    remove_node(flat, "group", created_id(sub, "group"))
    set_levels(flat, plan.id, ["分野"], "取組")
    again = view_of(flat)
    assert again.level_labels == ("分野", "取組")
    assert edit_title(flat, "group", again.groups[0].id, "くらし").summary == "分野「くらし」に変更しました"
    entries = query_audit(flat, AuditFilter(operation="edit-plan")).records
    assert entries[0].before == {"levels": ["領域", "小領域"], "initiative_label": "事業"}
    assert entries[0].after == {"levels": ["分野"], "initiative_label": "取組"}
    four_plan = view_of(four)
    for labels, ini_label, message in ((["柱", "方策", "系統"], "事業", "第 4 階層「細目」以下には 2 件"),
                                       ([], "事業", "グループの階層を 1 つ以上"),
                                       (["柱", "柱", "系統", "細目"], "事業", "「柱」が重複"),
                                       (["柱", "方策", "系統", "事業"], "事業", "「事業」が重複"),
                                       (["柱", " ", "系統", "細目"], "事業", "第 2 階層の名前を入力")):
        with pytest.raises(UserError, match=message):
            set_levels(four, four_plan.id, labels, ini_label)
    assert view_of(four).level_labels == four_plan.level_labels
    assert set_levels(four, four_plan.id, list(four_plan.group_labels), "事業").summary == "変更はありません"


def test_one_level_plan_edits_like_any_other(flat: Store) -> None:
    plan = view_of(flat)
    first, second = plan.groups
    change = add_initiative(flat, second.id, fields(plan), index=0)
    new_id = created_id(change, "initiative")
    again = view_of(flat)
    assert [i.code for i in again.groups[1].initiatives] == ["2-4", "2-1", "2-2", "2-3"]
    move_by(flat, "initiative", new_id, -1)  # past the first: to the end of the previous group
    again = view_of(flat)
    # its number 4 is free there, so it stays (codes follow numbers; 番号を振り直す tidies up)
    assert again.groups[0].initiatives[-1].id == new_id and again.groups[0].initiatives[-1].code == "1-4"
    move_by(flat, "group", second.id, -1)
    assert [g.id for g in view_of(flat).groups] == [second.id, first.id]
    renumber_all(flat, plan.id)
    assert [(g.code, [i.code for i in g.initiatives]) for g in view_of(flat).groups] == [
        ("1", ["1-1", "1-2", "1-3"]), ("2", ["2-1", "2-2", "2-3"])]
    retire_node(flat, "group", first.id)
    assert all(i.retired for i in view_of(flat).find_group(first.id).initiatives)


def _titles(plan: PlanView) -> dict[str, Any]:
    return {g.code: g.title for g in plan.walk_groups()}


def test_old_kinds_still_name_groups(four: Store) -> None:
    """Callers of the two-level tree ("policy", "item") reach the same groups."""
    plan = view_of(four)
    edit_title(four, "policy", group(plan, "1").id, "柱いち")
    edit_title(four, "item", group(plan, "1-1").id, "方策いちいち")
    titles = _titles(view_of(four))
    assert (titles["1"], titles["1-1"]) == ("柱いち", "方策いちいち")
    ops = {r.operation for r in query_audit(four, AuditFilter(entity="group")).records}
    assert ops == {"edit-group"}
