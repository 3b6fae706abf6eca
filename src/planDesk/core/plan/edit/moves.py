"""Moving groups and initiatives in the plan's tree: reorder among siblings, or move to
another parent group of the same plan revision.

A group moves with its whole subtree, whose depths change with it (refused when that would
go below the plan's deepest level); a group never moves into its own subtree. Moving to
another parent keeps the node's number when it is free there and takes the next free
number otherwise (codes follow numbers: see codes.py). One ``Store.write`` per operation,
audited, returning a ``Change``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planDesk.core.domain.model import Initiative, PlanGroup
from planDesk.core.domain.workflow import GROUP, INITIATIVE
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Change, Store
from planDesk.core.plan.edit.base import bump, next_number, node_kind, place, require_current
from planDesk.core.plan.edit.tree import (
    Node,
    PlanTree,
    level_label,
    load_node,
    node_code,
    node_label,
    number_scope,
    siblings_of,
)

TOP = 0  # ``parent_id`` of move_node for the plan's top level (groups only; ids start at 1)


def move_node(store: Store, kind: str, node_id: int, *, index: int,
              parent_id: int | None = None) -> Change:
    """Put a group or initiative at ``index`` among the children of group ``parent_id``
    (its own parent if None; ``TOP``: the plan's top level, for a group)."""
    kind = node_kind(kind)
    with store.write(f"move-{kind}", structural=True) as ctx:
        node = load_node(ctx.session, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        target = node.parent_id if parent_id is None else None if parent_id == TOP else parent_id
        node = _move(ctx, node, index=index, target=target)
        return Store.change_of(ctx, f"{node_label(node)} を移動しました")


def move_by(store: Store, kind: str, node_id: int, delta: int) -> Change:
    """Move up (-1) or down (+1) among its siblings; past the first or last one the node
    moves on, so the keyboard reaches every place: a group to the end of the previous (the
    start of the next) group one level up; an initiative one row up (down) in the tree as
    shown, into the group that row belongs to."""
    kind = node_kind(kind)
    with store.write(f"move-{kind}", structural=True) as ctx:
        s = ctx.session
        node = load_node(s, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        siblings = siblings_of(s, node.plan.id, node.parent_id)
        i = next(n for n, sib in enumerate(siblings) if sib is node.row)
        if 0 <= i + delta < len(siblings):
            node = _move(ctx, node, index=i + delta, target=node.parent_id)
        else:
            if kind == GROUP:
                slot = _group_slot(PlanTree.load(s, node.plan, initiatives=False), node, delta)
            else:
                slot = _initiative_slot(s, PlanTree.load(s, node.plan, initiatives=False), node, delta)
            if slot is None:
                where = "上" if delta < 0 else "下"
                raise UserError(f"{node_label(node)} はこれ以上{where}へ移動できません。")
            node = _move(ctx, node, index=slot[1], target=slot[0])
        return Store.change_of(ctx, f"{node_label(node)} を移動しました")


def _group_slot(tree: PlanTree, node: Node, delta: int) -> tuple[int, int] | None:
    """The end of the previous (start of the next) active group one level up, or None."""
    groups = [r for r in tree.walk() if isinstance(r, PlanGroup)]
    parents = [g.id for g in groups if g.depth == node.row.depth - 1
               and (g.id == node.parent_id or not any(a.retired for a in tree.path(g.id)))]
    j = parents.index(node.parent_id) + delta if node.parent_id in parents else -1
    if not 0 <= j < len(parents):
        return None
    return parents[j], 10**9 if delta < 0 else 0


@dataclass(frozen=True, slots=True)
class _Spot:
    """A row of the tree as the keyboard walks it: a group or an initiative, in place."""

    is_group: bool
    id: int
    parent: int | None
    position: int


def _spots(s: Session, plan_id: int) -> dict[int | None, list[_Spot]]:
    """Each group's children (None: the top level) in the plan's order, read as plain
    columns: a 10,000-initiative plan in a few tens of milliseconds."""
    children: dict[int | None, list[_Spot]] = {}
    for gid, parent, position in s.execute(select(PlanGroup.id, PlanGroup.parent_id, PlanGroup.position)
                                           .where(PlanGroup.plan_id == plan_id)):
        children.setdefault(parent, []).append(_Spot(True, gid, parent, position))
    for iid, gid, position in s.execute(select(Initiative.id, Initiative.group_id, Initiative.position)
                                        .join(PlanGroup, Initiative.group_id == PlanGroup.id)
                                        .where(PlanGroup.plan_id == plan_id)):
        children.setdefault(gid, []).append(_Spot(False, iid, gid, position))
    for spots in children.values():
        spots.sort(key=lambda x: (x.position, not x.is_group, x.id))
    return children


def _initiative_slot(s: Session, tree: PlanTree, node: Node, delta: int) -> tuple[int, int] | None:
    """The nearest place above (below) the initiative's group as the tree shows it, in a
    group that already holds initiatives or has nothing below it (so the keyboard never
    mixes initiatives into a group of groups) and is not retired; None at either end."""
    children = _spots(s, node.plan.id)

    def walk(parent: int | None) -> Iterator[_Spot]:
        for spot in children.get(parent, []):
            yield spot
            if spot.is_group:
                yield from walk(spot.id)

    rows = list(walk(None))
    parent_id = node.row.group_id
    at = next(n for n, r in enumerate(rows) if r.is_group and r.id == parent_id)
    path = {g.id for g in tree.path(parent_id)}

    def index_in(spot: _Spot) -> int:
        assert spot.parent is not None
        return children[spot.parent].index(spot)

    def takes_initiatives(group_id: int) -> bool:
        kids = children.get(group_id, [])
        return not any(g.retired for g in tree.path(group_id)) and (
            any(not k.is_group for k in kids) or not any(k.is_group for k in kids))

    def places() -> Iterator[tuple[int, int]]:
        if delta < 0:
            for spot in reversed(rows[:at]):
                if not spot.is_group:
                    assert spot.parent is not None
                    yield spot.parent, index_in(spot) + 1
                elif spot.id in path:  # an ancestor: just before the branch holding the group
                    branch = next(k for k in children[spot.id] if k.is_group and k.id in path)
                    yield spot.id, index_in(branch)
                else:
                    yield spot.id, 10**9
            return
        inside = {parent_id, *(r.id for r in walk(parent_id) if r.is_group)}
        for spot in rows[at + 1:]:
            if spot.parent in inside or (spot.is_group and spot.id in inside):
                continue
            if spot.parent is not None:
                yield spot.parent, index_in(spot)
            if spot.is_group:
                yield spot.id, 0

    return next(((g, i) for g, i in places() if takes_initiatives(g)), None)


def _move(ctx: Any, node: Node, *, index: int, target: int | None) -> Node:
    """Move ``node`` under ``target`` (None: top level) at ``index``; the node read again."""
    s = ctx.session
    row = node.row
    before = {"parent_id": node.parent_id, "depth": node.depth, "position": row.position,
              "number": row.number, "code": node_code(node)}
    if target != node.parent_id:
        parent = _check_target(s, node, target)
        place([x for x in siblings_of(s, node.plan.id, node.parent_id) if x is not row], None, None)
        if isinstance(row, PlanGroup):
            _reparent_group(s, node, parent)
        else:
            row.group_id = target
        s.flush()
        scope = [x for x in number_scope(s, node.kind, target, node.plan) if x is not row]
        if any(x.number == row.number for x in scope):
            row.number = next_number(x.number for x in scope)
        node = load_node(s, node.kind, row.id)
    place(siblings_of(s, node.plan.id, target), row, index)
    bump(row)
    s.flush()
    after = {"parent_id": target, "depth": node.depth, "position": row.position, "number": row.number,
             "code": node_code(node)}
    if before != after:
        ctx.audit(node.kind, row.id, f"{node_label(node)} を移動（{before['code']} → {after['code']}）",
                  before=before, after=after)
    return node


def _reparent_group(s: Session, node: Node, parent: PlanGroup | None) -> None:
    """Hang a group under ``parent`` (None: top level); its subtree's depths follow."""
    row = node.row
    plan = node.plan
    shift = (1 if parent is None else parent.depth + 1) - row.depth
    subtree = [row, *(g for g in PlanTree.load(s, plan, initiatives=False).walk(row.id) if isinstance(g, PlanGroup))]
    deepest = max(g.depth for g in subtree) + shift
    if deepest > len(plan.group_labels):
        where = f"{level_label(plan, parent.depth)}「{parent.title}」の下" if parent is not None else "最上位"
        raise UserError(
            f"{node_label(node)} を{where}へ移すと、配下が第 {deepest} 階層になり、"
            f"この計画の階層（{len(plan.group_labels)} 段：{'・'.join(plan.group_labels)}）を超えます。",
            hint="先に「階層の名前…」で階層を追加するか、配下を整理してください。")
    row.parent_id = None if parent is None else parent.id
    for g in subtree:
        g.depth += shift


def _check_target(s: Session, node: Node, target: int | None) -> PlanGroup | None:
    """The group ``node`` may move under (None: the top level, groups only)."""
    if target is None:
        if node.kind == INITIATIVE:
            raise UserError(f"{node.plan.initiative_label}はいずれかのグループの下に置きます。")
        return None
    parent = s.get(PlanGroup, target)
    if parent is None:
        raise UserError(f"移動先のグループ（ID {target}）はありません。画面を更新してください。")
    if parent.plan_id != node.plan.id:
        raise UserError("別の計画（または別の版）へは移動できません。")
    if node.kind == GROUP and any(g.id == node.row.id for g in load_node(s, GROUP, target).path):
        raise UserError(f"{node_label(node)} を自分自身やその配下へは移動できません。")
    if parent.retired:
        raise UserError(f"移動先の{level_label(node.plan, parent.depth)}「{parent.title}」は廃止されています。"
                        "先に復活させてください。")
    return parent
