"""The roadmap of a plan whose groups go four levels deep and whose branches end at different
depths (issue 14 item 1): a row per group at every depth, collapsing to a depth, a page that
continues a group repeating every group row above it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from any_plan_helpers import FOUR_LEVEL_LABELS, FOUR_LEVELS_MIXED, make_store, tree_plan, view_of
from roadmap_plans import FakeMeasurer

from planDesk.core.plan.view import GroupView, InitiativeView, PlanView
from planDesk.core.roadmap.layout import ancestor_refs, collapsed_to_depth, group_ref, layout_roadmap
from planDesk.core.roadmap.pages import group_rows_above
from planDesk.core.roadmap.primitives import Ref

TODAY = date(2025, 10, 1)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> PlanView:
    store = make_store(tmp_path_factory.mktemp("tree") / "t.sqlite3",
                       tree_plan(FOUR_LEVELS_MIXED, labels=FOUR_LEVEL_LABELS))
    view = view_of(store)
    store.close()
    return view


def _walk(node: GroupView | InitiativeView) -> list[tuple[Ref, int]]:
    """(ref, indent) of a node and everything under it, in the plan's order."""
    if isinstance(node, InitiativeView):
        return [(("initiative", node.id), node.depth)]
    return [(group_ref(node.id), node.depth - 1), *(r for child in node.children for r in _walk(child))]


def test_a_row_per_group_at_every_depth(plan: PlanView) -> None:
    layout = layout_roadmap(plan, measurer=FakeMeasurer(), today=TODAY)
    assert [(r.ref, r.depth) for r in layout.rows] == [r for g in plan.groups for r in _walk(g)]
    assert {r.depth for r in layout.rows if r.kind == "group"} == {0, 1, 2, 3}
    for r in layout.rows:
        if r.kind == "group":
            group = plan.find_group(r.ref[1])
            assert r.title == f"{plan.label_of(group.depth)}{group.code} {group.title}"
            label = [p for p in layout.row_primitives(r.index).label if p.kind == "text"]
            assert label[0].style == f"label.group.{min(group.depth, 3)}"
            assert label[0].x == 4 + r.depth * 6  # indented by depth
            assert r.height == (20 if group.depth == 1 else 18)


def test_collapse_to_a_depth(plan: PlanView) -> None:
    m = FakeMeasurer()
    two = layout_roadmap(plan, measurer=m, today=TODAY, collapsed=collapsed_to_depth(plan, 2))
    shown = [(r.kind, r.depth, r.collapsed) for r in two.rows]
    # the top-level groups, their groups (collapsed), and the initiatives right under a
    # top-level group (the branch ends at depth 1: nothing hides them)
    assert shown == [("group", 0, False), ("group", 1, True), ("group", 1, True),
                     ("group", 0, False), ("initiative", 1, False), ("initiative", 1, False),
                     ("group", 0, False), ("group", 1, True)]
    one = layout_roadmap(plan, measurer=m, today=TODAY, collapsed=collapsed_to_depth(plan, 1))
    assert [r.ref for r in one.rows] == [group_ref(g.id) for g in plan.groups]
    assert collapsed_to_depth(plan, 5) == frozenset()


def test_showing_an_initiative_expands_every_group_above_it(plan: PlanView) -> None:
    deepest = next(i for i in plan.initiatives() if i.depth == 4)
    refs = ancestor_refs(deepest)
    assert refs == {group_ref(g.id) for g in deepest.path} and len(refs) == 4
    collapsed = collapsed_to_depth(plan, 1) | collapsed_to_depth(plan, 3)
    layout = layout_roadmap(plan, measurer=FakeMeasurer(), today=TODAY, collapsed=collapsed - refs)
    assert layout.find(("initiative", deepest.id)) is not None


def test_a_filtered_chart_keeps_the_groups_of_its_initiatives(plan: PlanView) -> None:
    at_three = next(i for i in plan.initiatives() if i.depth == 3)
    layout = layout_roadmap(plan, measurer=FakeMeasurer(), today=TODAY, initiative_ids={at_three.id})
    assert [r.ref for r in layout.rows] == [*(group_ref(g.id) for g in at_three.path), ("initiative", at_three.id)]


def test_a_page_that_continues_a_deep_group_repeats_every_group_row_above(plan: PlanView) -> None:
    layout = layout_roadmap(plan, measurer=FakeMeasurer(), today=TODAY)
    deepest = next(i for i in plan.initiatives() if i.depth == 4)
    row = layout.find(("initiative", deepest.id))
    assert row is not None
    above = [layout.row(i).ref for i in group_rows_above(layout, row.index)]
    assert above == [group_ref(g.id) for g in deepest.path]


def test_the_roadmap_pdf_bookmarks_nest_by_depth(plan: PlanView, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from planDesk.core.roadmap.pdf import export_roadmap_pdf

    out = tmp_path / "r.pdf"
    export_roadmap_pdf(out, plan, today=TODAY, paper="A3")
    levels: dict[str, int] = {}

    def walk(items: list[object], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                levels[str(item["/Title"])] = level  # type: ignore[index]

    walk(PdfReader(str(out)).outline, 1)
    assert levels == {f"{plan.label_of(g.depth)}{g.code} {g.title}": g.depth for g in plan.walk_groups()}
