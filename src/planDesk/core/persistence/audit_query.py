"""Reading the audit log (監査ログ): filtered, newest first, a page at a time.

Returns plain dataclasses for the audit-log viewer and for tests. Times are stored in UTC;
the date filter takes local calendar days (what a person types) and converts them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from planDesk.core.domain.model import AuditEntry, Plan, PlanGroup, PlanLevel
from planDesk.core.domain.workflow import ENTITY_LABELS as KIND_LABELS
from planDesk.core.domain.workflow import GROUP, INITIATIVE, ITEM, POLICY
from planDesk.core.persistence.store import Store

_VERBS = {"add": "追加", "edit": "編集", "move": "移動", "renumber": "番号変更", "retire": "廃止",
          "restore": "復活", "remove": "削除"}
_SPECIAL_OPERATIONS = {
    "init": "計画の読み込み",
    "renumber-all": "番号の振り直し",
    "start-revision": "年度見直し",
    "edit-evaluation-scale": "進捗評価の段階の変更",
    "edit-directions": "今後の方向性の変更",
    "save-report": "報告の保存",
    "submit-report": "報告の提出",
    "confirm-report": "報告の確認",
    "return-report": "報告の差戻し",
    "init-sample": "計画の読み込み",
    "import-plan": "計画ブックの取込",
    "merge-submission": "提出物の取込",
    "undo-merge": "取込の取消",
    "resolve-conflict": "競合の解決",
    "receive-submission": "提出の受付",
    "return-submission": "提出の差戻し",
    "open-round": "報告の受付開始",
    "close-round": "報告の受付終了",
    "set-numbering": "番号の形式の変更",
}
FIELD_LABELS = {
    "title": "名称", "number": "番号", "code": "番号", "position": "順序", "parent_id": "親",
    "departments": "担当部署", "priority": "重点", "new_in_fy": "新規年度", "overview": "概要",
    "status_text": "取組状況", "status_heading": "取組状況の見出し", "departments_more": "「など」",
    "retired": "廃止", "mark": "記号", "text": "内容", "target_start_fy": "目標年度（開始）",
    "target_end_fy": "目標年度（終了）", "name": "名称", "unit": "単位", "direction": "方向性",
    "baseline": "基準値", "baseline_as_of": "基準日", "baseline_as_of_fy": "基準年度", "target": "目標値",
    "target_fy": "目標年度", "goal": "目標", "goals": "目標", "label": "内容", "start_fy": "開始年度",
    "end_fy": "終了年度", "kind": "種類", "inferred": "推定", "pseudo": "種類", "items": "選択肢",
    "activities": "実施状況", "evaluation": "進捗評価", "evaluation_code": "進捗評価", "issues": "課題",
    "next_steps": "今後の取組", "status": "状態", "version": "版数", "revision": "版",
    "is_current": "最新版", "successor_id": "新しい版", "plan_id": "計画", "initiatives": "取組数",
    "revision_fy": "見直し年度", "replaced": "置き換え", "children": "配下の件数", "slogan": "スローガン",
}


def operation_label(operation: str, kind_label: str | None = None) -> str:
    """「取組の追加」 for add-initiative; the raw name when unknown. ``kind_label``: what
    the plan calls the entity (a group's level label), in place of the generic word."""
    if operation in _SPECIAL_OPERATIONS:
        return _SPECIAL_OPERATIONS[operation]
    verb, _, kind = operation.partition("-")
    if verb in _VERBS and kind in KIND_LABELS:
        return f"{kind_label or KIND_LABELS[kind]}の{_VERBS[verb]}"
    return operation


def entity_label(entity: str, kind_label: str | None = None) -> str:
    return kind_label or KIND_LABELS.get(entity, entity)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    at: datetime  # aware, UTC
    actor: str
    plan_id: int | None
    operation: str
    entity: str
    entity_id: int | None
    summary: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    batch: str | None
    # What the entry's plan calls a group entity: the label of its depth (entries of the two
    # fixed levels before the tree of groups, "policy" and "item", are depth 1 and 2).
    kind_label: str | None = None
    # What the entry's plan calls its initiatives (取組事項, 事業 …), for the fields that count them.
    item_word: str | None = None

    @property
    def operation_label(self) -> str:
        return operation_label(self.operation, self._own_label)

    @property
    def entity_label(self) -> str:
        return entity_label(self.entity, self._own_label)

    @property
    def _own_label(self) -> str | None:
        """The plan's word for the entry's entity: a group's level, the initiatives' word."""
        return self.item_word if self.entity == INITIATIVE and self.item_word else self.kind_label


@dataclass(frozen=True)
class AuditFilter:
    """Every field narrows the list; empty fields do not."""

    plan_ids: tuple[int, ...] = ()
    entity: str | None = None
    entity_id: int | None = None
    actor: str | None = None
    operation: str | None = None
    text: str = ""
    since: date | None = None   # local day, inclusive
    until: date | None = None   # local day, inclusive
    batch: str | None = None


@dataclass(frozen=True)
class AuditPage:
    records: tuple[AuditRecord, ...]
    total: int
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.records) < self.total


@dataclass(frozen=True)
class AuditChoices:
    """The values present in the log, for the viewer's drop-downs."""

    actors: tuple[str, ...]
    operations: tuple[str, ...]
    entities: tuple[str, ...]


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def _conditions(f: AuditFilter) -> list[ColumnElement[bool]]:
    cond: list[ColumnElement[bool]] = []
    if f.plan_ids:
        cond.append(AuditEntry.plan_id.in_(f.plan_ids))
    if f.entity:
        cond.append(AuditEntry.entity == f.entity)
    if f.entity_id is not None:
        cond.append(AuditEntry.entity_id == f.entity_id)
    if f.actor:
        cond.append(AuditEntry.actor == f.actor)
    if f.operation:
        cond.append(AuditEntry.operation == f.operation)
    if f.batch:
        cond.append(AuditEntry.batch == f.batch)
    if f.since:
        cond.append(AuditEntry.at >= _local_midnight_utc(f.since))
    if f.until:
        cond.append(AuditEntry.at < _local_midnight_utc(f.until + timedelta(days=1)))
    text = f.text.strip()
    if text:
        # before/after are stored as JSON text with non-ASCII escaped (\uXXXX), so the
        # escaped form of the search text is matched as well as the plain one.
        escaped = json.dumps(text)[1:-1]
        options = [AuditEntry.summary.contains(text, autoescape=True),
                   AuditEntry.actor.contains(text, autoescape=True)]
        for column in (AuditEntry.before, AuditEntry.after):
            as_text = cast(column, String)
            options += [as_text.contains(text, autoescape=True), as_text.contains(escaped, autoescape=True)]
        cond.append(or_(*options))
    return cond


def _record(e: AuditEntry) -> AuditRecord:
    at = e.at if e.at.tzinfo else e.at.replace(tzinfo=UTC)  # SQLite returns naive UTC
    return AuditRecord(e.id, at, e.actor, e.plan_id, e.operation, e.entity, e.entity_id, e.summary,
                       e.before, e.after, e.batch)


def query_audit(store: Store, flt: AuditFilter | None = None, *, offset: int = 0,
                limit: int = 200) -> AuditPage:
    """One page of audit entries matching ``flt``, newest first."""
    cond = _conditions(flt or AuditFilter())
    with store.read() as s:
        total = s.scalar(select(func.count(AuditEntry.id)).where(*cond)) or 0
        rows = s.scalars(select(AuditEntry).where(*cond)
                         .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                         .offset(max(0, offset)).limit(max(1, limit))).all()
        labels = _group_labels(s, rows)
        words = _item_words(s, rows)
        records = tuple(replace(r, kind_label=labels.get((r.plan_id, r.entity, r.entity_id)),
                                item_word=words.get(r.plan_id))
                        for r in (_record(e) for e in rows))
    return AuditPage(records, total, offset, limit)


_GROUP_DEPTHS = {POLICY: 1, ITEM: 2}


def _item_words(s: Any, rows: Sequence[AuditEntry]) -> dict[int | None, str]:
    """What each plan of the page calls its initiatives, by plan id."""
    plan_ids = {e.plan_id for e in rows if e.plan_id is not None}
    if not plan_ids:
        return {}
    return {plan_id: word for plan_id, word in s.execute(
        select(Plan.id, Plan.initiative_label).where(Plan.id.in_(plan_ids)))}


def _group_labels(s: Any, rows: Sequence[AuditEntry]) -> dict[tuple[int | None, str, int | None], str]:
    """The plan's own label for each group entry of the page: by the group's depth now
    (a removed group: the depth its entry recorded, else none)."""
    groups = [e for e in rows if e.entity in (GROUP, POLICY, ITEM)]
    if not groups:
        return {}
    plan_ids = {e.plan_id for e in groups if e.plan_id is not None}
    levels = {(plan_id, depth): label for plan_id, depth, label in s.execute(
        select(PlanLevel.plan_id, PlanLevel.depth, PlanLevel.label).where(PlanLevel.plan_id.in_(plan_ids)))}
    ids = {e.entity_id for e in groups if e.entity == GROUP and e.entity_id is not None}
    depths: dict[int | None, int] = {}
    if ids:  # (a Result has keys(): dict() would take it for a mapping)
        depths = {row_id: depth for row_id, depth in s.execute(
            select(PlanGroup.id, PlanGroup.depth).where(PlanGroup.id.in_(ids)))}
    out: dict[tuple[int | None, str, int | None], str] = {}
    for e in groups:
        depth = _GROUP_DEPTHS.get(e.entity) or depths.get(e.entity_id) or _recorded_depth(e)
        label = levels.get((e.plan_id, depth)) if depth else None
        if label:
            out[(e.plan_id, e.entity, e.entity_id)] = label
    return out


def _recorded_depth(e: AuditEntry) -> int | None:
    for snapshot in (e.after, e.before):
        depth = snapshot.get("depth") if isinstance(snapshot, dict) else None
        if isinstance(depth, int):
            return depth
    return None


def audit_choices(store: Store, plan_ids: tuple[int, ...] = ()) -> AuditChoices:
    cond = [AuditEntry.plan_id.in_(plan_ids)] if plan_ids else []
    with store.read() as s:
        def values(column: Any) -> tuple[str, ...]:
            return tuple(sorted(v for v in s.scalars(select(column).where(*cond).distinct()) if v))
        return AuditChoices(values(AuditEntry.actor), values(AuditEntry.operation),
                            values(AuditEntry.entity))


def _show(value: Any) -> str:
    if value is None:
        return "（なし）"
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, list):
        return "、".join(_show(v) if not isinstance(v, list) else " ".join(map(str, v)) for v in value) or "（なし）"
    if isinstance(value, dict):
        return "、".join(f"{k}→{v}" for k, v in value.items()) or "（なし）"
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def changed_values(record: AuditRecord) -> list[tuple[str, str, str]]:
    """(field label, before, after) for each field the entry records."""
    before, after = record.before or {}, record.after or {}
    keys = list(dict.fromkeys([*before, *after]))
    if "code" in keys and "number" in keys:
        keys.remove("number")  # the display code (①－１－２) says the same more clearly
    labels = FIELD_LABELS if not record.item_word else {**FIELD_LABELS, "initiatives": f"{record.item_word}数"}
    return [(labels.get(k, k), _show(before.get(k)) if k in before else "",
             _show(after.get(k)) if k in after else "") for k in keys]


def format_change(record: AuditRecord) -> str:
    """「名称：旧 → 新」 lines, one per field; a value only on one side is shown alone."""
    lines = []
    for label, old, new in changed_values(record):
        if old and new:
            lines.append(f"{label}：{old} → {new}")
        else:
            lines.append(f"{label}：{old or new}")
    return "\n".join(lines)
