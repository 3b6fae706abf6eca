"""Navigating the plan's tree of groups for the editor: a group (of any depth) or an
initiative with its plan and path, siblings, number scopes and display codes.

Under one parent group, child groups and initiatives share one order: by position, groups
before initiatives on a tie, then id (the order ``load_plan`` shows). Top-level groups
have no parent (``parent_id`` None).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planDesk.core.domain import codes
from planDesk.core.domain.model import Initiative, Plan, PlanGroup
from planDesk.core.domain.workflow import GROUP, INITIATIVE
from planDesk.core.plan.edit.base import get_plan, get_row, node_kind

Row = PlanGroup | Initiative


def level_label(plan: Plan, depth: int) -> str:
    """The plan's own word for its groups of ``depth`` (1 = top level)."""
    labels = plan.group_labels
    return labels[depth - 1] if 1 <= depth <= len(labels) else f"第{depth}階層"


def order_key(row: Row) -> tuple[int, int, int]:
    """Children of one group in the plan's order: position, groups first, id."""
    return (row.position, 0 if isinstance(row, PlanGroup) else 1, row.id)


@dataclass
class Node:
    """A group or an initiative row with its plan and the groups above it (one session)."""

    kind: str
    row: Any
    plan: Plan
    path: list[PlanGroup]  # from depth 1 down to the node's own group (a group: itself last)

    @property
    def parent_id(self) -> int | None:
        """The parent group's id; None for a top-level group."""
        value = self.row.parent_id if self.kind == GROUP else self.row.group_id
        return None if value is None else int(value)

    @property
    def depth(self) -> int:
        return int(self.row.depth) if self.kind == GROUP else len(self.path)

    @property
    def level_label(self) -> str:
        return level_label(self.plan, self.row.depth) if self.kind == GROUP else self.plan.initiative_label


def ancestors(session: Session, group: PlanGroup) -> list[PlanGroup]:
    """``group`` and the groups above it, from depth 1 down."""
    out = [group]
    while out[0].parent_id is not None:
        out.insert(0, get_row(session, PlanGroup, out[0].parent_id, GROUP))
    return out


def load_node(session: Session, kind: str, node_id: int) -> Node:
    kind = node_kind(kind)
    if kind == GROUP:
        group = get_row(session, PlanGroup, node_id, GROUP)
        return Node(GROUP, group, get_plan(session, group.plan_id), ancestors(session, group))
    ini = get_row(session, Initiative, node_id, INITIATIVE)
    path = ancestors(session, get_row(session, PlanGroup, ini.group_id, GROUP))
    return Node(INITIATIVE, ini, get_plan(session, path[0].plan_id), path)


def child_groups(session: Session, plan_id: int, parent_id: int | None) -> list[PlanGroup]:
    parent = PlanGroup.parent_id.is_(None) if parent_id is None else PlanGroup.parent_id == parent_id
    return list(session.scalars(select(PlanGroup).where(PlanGroup.plan_id == plan_id, parent)
                                .order_by(PlanGroup.position, PlanGroup.id)))


def siblings_of(session: Session, plan_id: int, parent_id: int | None) -> list[Row]:
    """The children of group ``parent_id`` (top-level groups for None) in the plan's
    order, groups and initiatives together, retired ones included."""
    groups: list[Row] = list(child_groups(session, plan_id, parent_id))
    if parent_id is None:
        return groups
    inis = session.scalars(select(Initiative).where(Initiative.group_id == parent_id))
    return sorted([*groups, *inis], key=order_key)


def number_scope(session: Session, kind: str, parent_id: int | None, plan: Plan) -> list[Row]:
    """The rows whose numbers must differ from a node's: the children of its parent
    (groups and initiatives alike: a child group 1-1 and an initiative 1-1 would share a
    code), or, when initiatives are numbered across the plan (serial: 01, 02 …), every
    initiative of the plan for an initiative and the sibling groups for a group."""
    if plan.numbering == "serial":
        if kind == INITIATIVE:
            return list(PlanTree.load(session, plan).initiatives())
        return list(child_groups(session, plan.id, parent_id))
    return siblings_of(session, plan.id, parent_id)


def computed_code(style: str, kind: str, numbers: list[int]) -> str:
    """The code made from a path's numbers (a group's own number last, or an initiative's)."""
    if kind == GROUP:
        return codes.group_code(style, numbers)
    return codes.initiative_code_of(style, numbers)


def node_code(node: Node, number: int | None = None) -> str:
    """The node's code as displayed (its written code, if any); with ``number``: the code
    that number would get in the plan's numbering style."""
    path = [g.number for g in node.path]
    if node.kind == GROUP:
        path = path[:-1]
    n = node.row.number if number is None else number
    computed = computed_code(node.plan.numbering, node.kind, [*path, n])
    return computed if number is not None else codes.shown(node.row.code, computed)


def node_label(node: Node, *, with_title: bool = True) -> str:
    """「①－１－１ 行政手続きのオンライン化」 as used in messages and the audit log."""
    code = node_code(node)
    return f"{node.level_label}「{code} {node.row.title}」" if with_title else code


def initiative_code(session: Session, ini: Initiative) -> str:
    return node_code(load_node(session, INITIATIVE, ini.id))


@dataclass
class PlanTree:
    """Every group and initiative of a plan, read in two queries, for the operations that
    visit the whole tree (renumber all, unique codes, retire a subtree, move by one)."""

    plan: Plan
    groups: dict[int, PlanGroup]
    children: dict[int | None, list[Row]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, plan: Plan, *, under: int | None = None,
             initiatives: bool = True) -> PlanTree:
        """Every group of the plan, and its initiatives: all of them, only those below group
        ``under``, or none (``initiatives=False``)."""
        groups = list(session.scalars(select(PlanGroup).where(PlanGroup.plan_id == plan.id)))
        inis: list[Initiative] = []
        if initiatives:
            stmt = select(Initiative)
            if under is None:
                stmt = stmt.join(PlanGroup, Initiative.group_id == PlanGroup.id).where(PlanGroup.plan_id == plan.id)
            else:
                stmt = stmt.where(Initiative.group_id.in_(sorted(_subtree_ids(groups, under))))
            inis = list(session.scalars(stmt))
        children: dict[int | None, list[Row]] = {}
        for g in groups:
            children.setdefault(g.parent_id, []).append(g)
        for ini in inis:
            children.setdefault(ini.group_id, []).append(ini)
        for rows in children.values():
            rows.sort(key=order_key)
        return cls(plan, {g.id: g for g in groups}, children)

    def walk(self, parent_id: int | None = None) -> Iterator[Row]:
        """Every row below ``parent_id`` (the whole plan for None), pre-order."""
        for row in self.children.get(parent_id, []):
            yield row
            if isinstance(row, PlanGroup):
                yield from self.walk(row.id)

    def initiatives(self, parent_id: int | None = None) -> Iterator[Initiative]:
        return (r for r in self.walk(parent_id) if isinstance(r, Initiative))

    def path(self, group_id: int) -> list[PlanGroup]:
        out = [self.groups[group_id]]
        while out[0].parent_id is not None:
            out.insert(0, self.groups[out[0].parent_id])
        return out

    def node(self, row: Row) -> Node:
        if isinstance(row, PlanGroup):
            return Node(GROUP, row, self.plan, self.path(row.id))
        return Node(INITIATIVE, row, self.plan, self.path(row.group_id))


def _subtree_ids(groups: list[PlanGroup], top: int) -> set[int]:
    """``top`` and the ids of every group below it."""
    below: dict[int | None, list[int]] = {}
    for g in groups:
        below.setdefault(g.parent_id, []).append(g.id)
    out, todo = set(), [top]
    while todo:
        gid = todo.pop()
        out.add(gid)
        todo += below.get(gid, [])
    return out


def shown_codes(session: Session, plan: Plan, kind: str) -> dict[int, str]:
    """Every group (or initiative) of the plan, retired included → its code as shown; read
    as plain columns, so that a plan of thousands of initiatives is checked at once."""
    groups = {gid: (parent, number, code) for gid, parent, number, code in session.execute(
        select(PlanGroup.id, PlanGroup.parent_id, PlanGroup.number, PlanGroup.code)
        .where(PlanGroup.plan_id == plan.id))}

    def numbers(gid: int) -> list[int]:
        out: list[int] = []
        at: int | None = gid
        while at is not None:
            parent, number, _code = groups[at]
            out.insert(0, number)
            at = parent
        return out

    style = plan.numbering
    if kind == GROUP:
        return {gid: codes.shown(code, codes.group_code(style, numbers(gid)))
                for gid, (_p, _n, code) in groups.items()}
    paths: dict[int, list[int]] = {}
    out: dict[int, str] = {}
    for iid, gid, number, code in session.execute(
            select(Initiative.id, Initiative.group_id, Initiative.number, Initiative.code)
            .where(Initiative.group_id.in_(select(PlanGroup.id).where(PlanGroup.plan_id == plan.id)))):
        path = paths.get(gid)
        if path is None:
            path = paths[gid] = numbers(gid)
        out[iid] = codes.shown(code, codes.initiative_code_of(style, [*path, number]))
    return out
