"""Navigating the plan tree generically for the editor: a node of any level, its plan,
siblings, number scope and display code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from planDesk.core.domain import codes
from planDesk.core.domain.model import Initiative, Plan, Policy, PromotionItem
from planDesk.core.domain.workflow import INITIATIVE, ITEM, POLICY
from planDesk.core.plan.edit.base import (
    NODE_KINDS,
    get_plan,
    get_row,
    initiatives_of,
    items_of,
    plan_initiatives,
    policies_of,
)

MODELS: dict[str, type[Any]] = {POLICY: Policy, ITEM: PromotionItem, INITIATIVE: Initiative}


@dataclass
class Node:
    """A policy, promotion item or initiative row with its plan (inside one session)."""

    kind: str
    row: Any
    plan: Plan
    policy: Policy
    item: PromotionItem | None

    @property
    def parent_id(self) -> int:
        return parent_id_of(self.row, self.kind)

    @property
    def level_label(self) -> str:
        return {POLICY: self.plan.level1_label, ITEM: self.plan.level2_label,
                INITIATIVE: self.plan.level3_label}[self.kind]


def parent_id_of(row: Any, kind: str) -> int:
    value = getattr(row, {POLICY: "plan_id", ITEM: "policy_id", INITIATIVE: "item_id"}[kind])
    assert isinstance(value, int)
    return value


def load_node(session: Session, kind: str, node_id: int) -> Node:
    if kind not in NODE_KINDS:
        raise ValueError(f"unknown node kind {kind!r}")
    row = get_row(session, MODELS[kind], node_id, kind)
    item: PromotionItem | None = None
    if kind == INITIATIVE:
        item = get_row(session, PromotionItem, row.item_id, ITEM)
        policy = get_row(session, Policy, item.policy_id, POLICY)
    elif kind == ITEM:
        item = row
        policy = get_row(session, Policy, row.policy_id, POLICY)
    else:
        policy = row
    return Node(kind, row, get_plan(session, policy.plan_id), policy, item)


def siblings_of(session: Session, kind: str, parent_id: int) -> list[Any]:
    """The children of ``parent_id`` of the given kind, in order (retired ones included)."""
    if kind == POLICY:
        return policies_of(session, parent_id)
    if kind == ITEM:
        return items_of(session, parent_id)
    return initiatives_of(session, parent_id)


def number_scope(session: Session, kind: str, parent_id: int, plan: Plan) -> list[Any]:
    """The rows whose numbers must differ from each other: siblings, or every initiative of
    the plan when initiatives are numbered across the plan (serial: 01, 02 …)."""
    if kind == INITIATIVE and plan.numbering == "serial":
        return plan_initiatives(session, plan.id)
    return siblings_of(session, kind, parent_id)


def node_code(node: Node, number: int | None = None) -> str:
    """The node's code as displayed (its written code, if any); with ``number``: the code
    that number would get in the plan's numbering style."""
    style = node.plan.numbering
    n = node.row.number if number is None else number
    if node.kind == POLICY:
        computed = codes.policy_code(style, n)
    elif node.kind == ITEM:
        computed = codes.item_code(style, node.policy.number, n)
    else:
        assert node.item is not None
        computed = codes.initiative_code(style, node.policy.number, node.item.number, n)
    return computed if number is not None else codes.shown(node.row.code, computed)


def node_label(session: Session, node: Node, *, with_title: bool = True) -> str:
    """「①－１－１ 行政手続きのオンライン化」 as used in messages and the audit log."""
    code = node_code(node)
    return f"{node.level_label}「{code} {node.row.title}」" if with_title else code
