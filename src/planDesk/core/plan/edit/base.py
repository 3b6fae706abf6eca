"""Shared pieces of the plan editor's operations (plan_edit*.py, plan_revision.py).

Loading a node with a Japanese refusal when it is missing, plain snapshots for the audit
log, text checks, and the bookkeeping of positions and numbers. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from planDesk.core.domain import codes
from planDesk.core.domain.model import Initiative, Plan, Policy, PromotionItem
from planDesk.core.domain.workflow import (
    ENTITY_LABELS,
    INITIATIVE,
    ITEM,
    PLAN,
    POLICY,
)
from planDesk.core.errors import ConflictError, NotFoundError, UserError
from planDesk.core.persistence.store import Change

NODE_KINDS = (POLICY, ITEM, INITIATIVE)
KIND_LABELS = ENTITY_LABELS


MAX_TITLE = 300
MAX_NAME = 100
MAX_LABEL = 40


class _Positioned(Protocol):
    id: int
    position: int



def created_id(change: Change, entity: str) -> int:
    """The id of the row an add-operation created (its Change names exactly one)."""
    ids = [i for kind, i in change.entities if kind == entity]
    if len(ids) != 1:
        raise ValueError(f"the change names {len(ids)} {entity} rows, not one")
    return ids[0]


def plain(value: Any) -> Any:
    """A JSON-safe copy of a column value (dates as ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snap(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The named attributes of a row as plain data (for the audit log)."""
    return {f: plain(getattr(obj, f)) for f in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that changed, as (before, after)."""
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def require_text(value: str, field: str, *, limit: int, required: bool = True) -> str:
    """Trimmed text, refused in Japanese when empty (if required) or too long."""
    text = value.strip()
    if required and not text:
        raise UserError(f"{field}を入力してください。")
    if len(text) > limit:
        raise UserError(f"{field}は {limit} 文字以内にしてください（今は {len(text)} 文字）。")
    return text


def check_fy(value: int | None, field: str) -> int | None:
    if value is not None and not 1989 <= value <= 2200:
        raise UserError(f"{field}：{value} は年度として範囲外です（1989〜2200）。")
    return value


def get_row[T](session: Session, model: type[T], row_id: int, kind: str) -> T:
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(
            f"{KIND_LABELS.get(kind, kind)}（ID {row_id}）はありません。",
            hint="他の画面で削除された可能性があります。画面を更新してください。",
        )
    return row


def get_plan(session: Session, plan_id: int) -> Plan:
    return get_row(session, Plan, plan_id, PLAN)


def plan_of_item(session: Session, item: PromotionItem) -> Plan:
    return get_plan(session, get_row(session, Policy, item.policy_id, POLICY).plan_id)


def plan_of_initiative(session: Session, ini: Initiative) -> Plan:
    return plan_of_item(session, get_row(session, PromotionItem, ini.item_id, ITEM))


def require_current(plan: Plan) -> None:
    """Old revisions stay readable as they were: only the current one is edited."""
    if not plan.is_current:
        raise UserError(
            f"「{plan.revision}」は過去の版のため編集できません。",
            hint="最新の版を開いて編集してください（過去の版は報告とともに読み取り専用で残ります）。",
        )


def place[P: _Positioned](siblings: Sequence[P], node: P | None, index: int | None) -> list[P]:
    """Siblings in their new order with ``node`` inserted at ``index`` (end if None);
    positions are rewritten 0..n-1 so gaps and ties never accumulate."""
    order = [s for s in siblings if node is None or s.id != node.id]
    if node is not None:
        at = len(order) if index is None else max(0, min(index, len(order)))
        order.insert(at, node)
    for pos, sib in enumerate(order):
        sib.position = pos
    return order


def policies_of(session: Session, plan_id: int) -> list[Policy]:
    return list(session.scalars(
        select(Policy).where(Policy.plan_id == plan_id).order_by(Policy.position, Policy.id)))


def items_of(session: Session, policy_id: int) -> list[PromotionItem]:
    return list(session.scalars(
        select(PromotionItem).where(PromotionItem.policy_id == policy_id)
        .order_by(PromotionItem.position, PromotionItem.id)))


def initiatives_of(session: Session, item_id: int) -> list[Initiative]:
    return list(session.scalars(
        select(Initiative).where(Initiative.item_id == item_id)
        .order_by(Initiative.position, Initiative.id)))


def plan_initiatives(session: Session, plan_id: int) -> list[Initiative]:
    """Every initiative of a plan in tree order (policy, item, initiative positions)."""
    return list(session.scalars(
        select(Initiative)
        .join(PromotionItem, Initiative.item_id == PromotionItem.id)
        .join(Policy, PromotionItem.policy_id == Policy.id)
        .where(Policy.plan_id == plan_id)
        .order_by(Policy.position, Policy.id, PromotionItem.position, PromotionItem.id,
                  Initiative.position, Initiative.id)))


def initiative_code(session: Session, ini: Initiative, plan: Plan | None = None) -> str:
    item = get_row(session, PromotionItem, ini.item_id, ITEM)
    pol = get_row(session, Policy, item.policy_id, POLICY)
    plan = plan or get_plan(session, pol.plan_id)
    return codes.shown(ini.code, codes.initiative_code(plan.numbering, pol.number, item.number, ini.number))


def next_number(numbers: Iterable[int]) -> int:
    return max(numbers, default=0) + 1


def bump(ini: Initiative) -> None:
    """A change to an initiative or to its goals, KPIs or steps: new row version."""
    ini.version = (ini.version or 0) + 1


def check_version(ini: Initiative, expected_version: int | None) -> None:
    """Optimistic concurrency: refuse when someone changed the initiative meanwhile."""
    if expected_version is not None and ini.version != expected_version:
        raise ConflictError(
            f"取組「{ini.title}」は他の画面または他の利用者が先に変更しています。上書きせずに止めました。",
            hint="画面を更新して最新の内容を確認してから、もう一度変更してください。",
        )
