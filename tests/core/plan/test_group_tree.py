"""A tree of groups of any depth (issue 14 item 1): plans written in sample format 2 load with
their own levels, codes and order; the one-initiative read-back and a retitled group agree
with a whole reload; format 1 still reads as two levels."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest
from any_plan_helpers import (
    FOUR_LEVEL_LABELS,
    FOUR_LEVELS_MIXED,
    TWO_LEVEL_LABELS,
    TWO_LEVELS,
    city_plan,
    tree_plan,
)
from sqlalchemy import update

from planDesk.core.domain import codes
from planDesk.core.domain.model import PlanGroup
from planDesk.core.domain.workflow import GROUP, INITIATIVE
from planDesk.core.persistence.store import Change, Store
from planDesk.core.plan.refresh import PlanPatch, apply_patch, load_initiatives, read_patch
from planDesk.core.plan.samples import PlanFileError, create_plan, validate_plan_data
from planDesk.core.plan.view import GroupView, InitiativeView, PlanView, load_plan, resolve_plan_id, with_initiatives

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def _load(store: Store, data: dict[str, Any]) -> PlanView:
    with store.write("init-test") as ctx:
        create_plan(ctx, copy.deepcopy(data))
    with store.read() as s:
        return load_plan(s, resolve_plan_id(s, data["plan"]["key"]))


def _outline(group: GroupView) -> list[Any]:
    """The shape of a group as tree_plan takes it: "i" for an initiative, a list for a group."""
    return [_outline(c) if isinstance(c, GroupView) else "i" for c in group.children]


def test_a_four_level_plan_with_mixed_depth_keeps_its_shape_labels_and_codes(store: Store) -> None:
    plan = _load(store, tree_plan(FOUR_LEVELS_MIXED))
    assert plan.level_labels == FOUR_LEVEL_LABELS
    assert (plan.group_labels, plan.initiative_label, plan.depth) == (FOUR_LEVEL_LABELS[:-1], "事業", 4)
    assert [_outline(g) for g in plan.groups] == FOUR_LEVELS_MIXED
    assert [g.code for g in plan.walk_groups()] == [
        "1", "1-1", "1-2", "1-2-1", "1-2-1-1", "1-2-1-2", "2", "3", "3-1", "3-1-1"]
    assert [g.depth for g in plan.walk_groups()] == [1, 2, 2, 3, 4, 4, 1, 1, 2, 3]
    by_code = {i.code: i for i in plan.initiatives()}
    assert list(by_code) == ["1-1-1", "1-1-2", "1-2-1-1-1", "1-2-1-2-1", "1-2-1-2-2", "1-2-2",
                             "2-1", "2-2", "3-1-1-1"]
    deep = by_code["1-2-1-2-2"]
    assert [(r.depth, r.code, r.title) for r in deep.path] == [
        (1, "1", "柱1の部"), (2, "1-2", "方策1-2の部"), (3, "1-2-1", "系統1-2-1の部"),
        (4, "1-2-1-2", "細目1-2-1-2の部")]
    assert (deep.depth, deep.top.title, deep.parent.title, deep.group_id) == (
        4, "柱1の部", "細目1-2-1-2の部", deep.path[-1].id)
    shallow = by_code["2-1"]
    assert shallow.path == (plan.groups[1].ref,) and shallow.top == shallow.parent
    group = plan.find_group(deep.group_id)
    assert [i.code for i in group.all_initiatives()] == ["1-2-1-2-1", "1-2-1-2-2"]
    assert [i.code for i in plan.groups[0].all_initiatives()] == list(by_code)[:6]
    # a group holding a subgroup and an initiative: both, in the plan's order
    mixed = plan.find_group(plan.groups[0].groups[1].id)
    assert [c.code for c in mixed.children] == ["1-2-1", "1-2-2"]
    assert [type(c) for c in mixed.children] == [GroupView, InitiativeView]


@pytest.mark.parametrize(("style", "expected"), [
    ("maru", ["①－１", "①－２", "②－１", "②－２", "②－３"]),
    ("hyphen", ["1-1", "1-2", "2-1", "2-2", "2-3"]),
    ("serial", ["01", "02", "03", "04", "05"]),  # numbered across the plan
])
def test_a_two_level_plan_is_numbered_in_its_style(store: Store, style: str, expected: list[str]) -> None:
    plan = _load(store, tree_plan(TWO_LEVELS, labels=TWO_LEVEL_LABELS, numbering=style))
    assert plan.level_labels == TWO_LEVEL_LABELS and plan.depth == 1
    assert [i.code for i in plan.initiatives()] == expected
    assert all(i.depth == 1 for i in plan.initiatives())


def test_written_codes_are_kept_at_every_depth(store: Store) -> None:
    data = tree_plan(FOUR_LEVELS_MIXED)
    data["groups"][0]["groups"][1]["groups"][0]["code"] = "Ⅰ-2-(1)"
    data["groups"][0]["groups"][1]["groups"][0]["groups"][1]["initiatives"][0]["code"] = "ア"
    plan = _load(store, data)
    group = plan.groups[0].groups[1].groups[0]
    assert (group.code, group.written_code) == ("Ⅰ-2-(1)", "Ⅰ-2-(1)")
    ini = next(i for i in plan.initiatives() if i.title == "事業1-2-1-2-1のデジタル化")
    assert ini.code == "ア" and ini.path[2].code == "Ⅰ-2-(1)"
    assert codes.sort_key("Ⅰ-2-(1)") < codes.sort_key("Ⅰ-2-(2)")


def test_format_1_reads_as_two_levels_of_groups(store: Store) -> None:
    plan = _load(store, city_plan())
    assert plan.level_labels == ("柱", "方策", "事業") and plan.depth == 2
    assert [[len(item.initiatives) for item in pol.groups] for pol in plan.groups] == [[2, 2], [2, 2]]
    assert all(i.depth == 2 for i in plan.initiatives())


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["plan"].update(level_labels=["柱", "事業"]), "第2階層の名前"),
    (lambda d: d["plan"].update(level_labels=["事業"]), "階層の名前"),
    (lambda d: d["plan"].update(level_labels=["柱", "柱", "事業"]), "重複"),
    (lambda d: d["groups"][0]["groups"][0].update(title=""), r"groups\[1\]\.groups\[1\]"),
    (lambda d: d["groups"][1].update(slogan="あ" * 201), "スローガン"),
    (lambda d: d["groups"][1]["initiatives"][1].update(number=1), "重複"),
    (lambda d: d.update(format=3), "format"),
])
def test_bad_trees_are_refused_naming_the_place(change: Any, message: str) -> None:
    data = tree_plan([[["i"], "i"], ["i", "i"]], labels=("柱", "方策", "事業"))
    validate_plan_data(copy.deepcopy(data), "ok")
    change(data)
    with pytest.raises(PlanFileError, match=message):
        validate_plan_data(data, "bad")


def test_refresh_agrees_with_a_whole_reload_at_every_depth(store: Store) -> None:
    plan = _load(store, tree_plan(FOUR_LEVELS_MIXED))
    ids = [i.id for i in plan.initiatives()]
    with store.read() as s:
        one = load_initiatives(s, plan.id, ids)
    assert [replace(one[i], reports=()) for i in ids] == [replace(i, reports=()) for i in plan.initiatives()]
    # a group three levels up renamed: every initiative below it shows the new title on its path
    group = plan.groups[0].groups[1]
    with store.write("rename") as ctx:
        ctx.session.execute(update(PlanGroup).where(PlanGroup.id == group.id).values(title="方策の新しい名前"))
    with store.read() as s:
        patch = read_patch(s, plan.id, Change("rename", "", entities=frozenset({(GROUP, group.id)})))
        fresh = load_plan(s, plan.id)
    assert patch.group_titles == {group.id: "方策の新しい名前"}
    patched = apply_patch(plan, patch)
    assert patched == fresh
    assert patched.groups[1] is plan.groups[1]  # untouched branches are the same objects
    ini = next(i for i in patched.initiatives() if i.depth == 4)
    assert ini.path[1].title == "方策の新しい名前"
    assert apply_patch(plan, PlanPatch({}, {})) is plan
    with store.read() as s:
        patch = read_patch(s, plan.id, Change("x", "", entities=frozenset({(INITIATIVE, ids[0])})))
    assert patch.initiatives.keys() == {ids[0]}


def test_with_initiatives_keeps_children_in_step(store: Store) -> None:
    plan = _load(store, tree_plan(FOUR_LEVELS_MIXED))
    renamed = with_initiatives(plan, lambda i: replace(i, title=i.title + "（改）"))
    for group in renamed.walk_groups():
        assert [c for c in group.children if isinstance(c, InitiativeView)] == list(group.initiatives)
        assert [c for c in group.children if isinstance(c, GroupView)] == list(group.groups)
    assert all(i.title.endswith("（改）") for i in renamed.initiatives())
