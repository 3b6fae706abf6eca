"""Shared pieces of the plan editor's operations (core/plan/edit/*.py).

Loading a row with a Japanese refusal when it is missing, plain snapshots for the audit
log, text checks, and the bookkeeping of positions and numbers. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from planDesk.core.domain.model import Initiative, Plan, PlanGroup
from planDesk.core.domain.workflow import (
    ENTITY_LABELS,
    GROUP,
    INITIATIVE,
    ITEM,
    PLAN,
    POLICY,
)
from planDesk.core.errors import ConflictError, NotFoundError, UserError
from planDesk.core.persistence.store import Change

NODE_KINDS = (GROUP, INITIATIVE)
KIND_LABELS = ENTITY_LABELS


def node_kind(kind: str) -> str:
    """GROUP or INITIATIVE; the kinds of the two-level tree ("policy", "item") name a group
    (their rows became groups with the same ids in migration 0006)."""
    if kind in (POLICY, ITEM):
        return GROUP
    if kind not in NODE_KINDS:
        raise ValueError(f"unknown node kind {kind!r}")
    return kind


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


def plan_of_initiative(session: Session, ini: Initiative) -> Plan:
    return get_plan(session, get_row(session, PlanGroup, ini.group_id, GROUP).plan_id)


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
    order = [s for s in siblings if s is not node]  # by identity: a group and an initiative may share an id
    if node is not None:
        at = len(order) if index is None else max(0, min(index, len(order)))
        order.insert(at, node)
    for pos, sib in enumerate(order):
        sib.position = pos
    return order


def next_number(numbers: Iterable[int]) -> int:
    return max(numbers, default=0) + 1


def bump(row: Initiative | PlanGroup) -> None:
    """A change to a group, an initiative or an initiative's goals, KPIs or steps: new row
    version (the UPDATE names the version read, so a concurrent change is refused)."""
    row.version = (row.version or 0) + 1


def check_version(row: Initiative | PlanGroup, expected_version: int | None, label: str) -> None:
    """Optimistic concurrency: refuse when someone changed the group or initiative since the
    editor read it (``expected_version``; None: no check). ``label``: the plan's word for it."""
    if expected_version is not None and row.version != expected_version:
        raise ConflictError(
            f"{label}「{row.title}」は他の画面または他の利用者が先に変更しています。上書きせずに止めました。",
            hint="画面を更新して最新の内容を確認してから、もう一度変更してください。",
        )
