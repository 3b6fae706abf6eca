"""The audit-log query: filters, order, pages and the before → after text."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from planDesk.core.persistence.audit_query import (
    AuditFilter,
    audit_choices,
    format_change,
    operation_label,
    query_audit,
)
from planDesk.core.persistence.store import Store
from planDesk.core.plan.edit.nodes import edit_title
from planDesk.core.plan.edit.numbers import renumber
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id


def current(store: Store) -> PlanView:
    with store.read() as s:
        return load_plan(s, resolve_plan_id(s))


def test_newest_first_and_filters(sample_db: Path) -> None:
    with _open(sample_db, "山田") as yamada:
        plan = current(yamada)
        plan_id = plan.id
        edit_title(yamada, "group", plan.groups[0].id, "市民サービスのデジタル化（改訂）")
    with _open(sample_db, "佐藤") as sato:
        ini = next(current(sato).initiatives())
        renumber(sato, "initiative", ini.id, 77)
        everything = query_audit(sato).records
        assert [r.id for r in everything] == sorted((r.id for r in everything), reverse=True)
        assert everything[0].operation == "renumber-initiative" and everything[0].actor == "佐藤"

        assert [r.actor for r in query_audit(sato, AuditFilter(actor="山田")).records] == ["山田"]
        assert len(query_audit(sato, AuditFilter(operation="edit-group")).records) == 1
        assert {r.entity for r in query_audit(sato, AuditFilter(entity="initiative")).records} == {"initiative"}
        assert query_audit(sato, AuditFilter(plan_ids=(plan_id,))).total == len(everything)
        assert query_audit(sato, AuditFilter(plan_ids=(plan_id + 1000,))).total == 0
        # Japanese text inside before/after (stored as escaped JSON) and in the summary
        hit = query_audit(sato, AuditFilter(text="（改訂）")).records
        assert [r.operation for r in hit] == ["edit-group"]
        assert query_audit(sato, AuditFilter(text="100%_")).total == 0  # LIKE wildcards are literal
        today = date.today()
        assert query_audit(sato, AuditFilter(since=today, until=today)).total == len(everything)
        assert query_audit(sato, AuditFilter(until=today - timedelta(days=1))).total == 0
        assert query_audit(sato, AuditFilter(since=today + timedelta(days=1))).total == 0


def test_pages(sample_db: Path) -> None:
    with _open(sample_db, "テスト") as store:
        plan = current(store)
        for n in range(5):
            edit_title(store, "group", plan.groups[0].id, f"名前{n}")
        first = query_audit(store, offset=0, limit=2)
        second = query_audit(store, offset=2, limit=2)
        assert first.total == second.total == 6 and first.has_more
        assert [r.summary for r in first.records] == ["基本方針の名称を変更：名前3 → 名前4",
                                                      "基本方針の名称を変更：名前2 → 名前3"]
        assert {r.id for r in first.records}.isdisjoint({r.id for r in second.records})
        assert not query_audit(store, offset=4, limit=2).has_more


def test_format_change_and_labels(sample_db: Path) -> None:
    with _open(sample_db, "テスト") as store:
        ini = next(current(store).initiatives())
        renumber(store, "initiative", ini.id, 9)
        record = query_audit(store, AuditFilter(operation="renumber-initiative")).records[0]
        # the plan's own word (the sample's 取組事項); without a plan, the program's 取組
        assert record.operation_label == "取組事項の番号変更" == operation_label("renumber-initiative", "取組事項")
        assert operation_label("renumber-initiative") == "取組の番号変更"
        assert record.entity_label == "取組事項"
        assert "番号：①－１－１ → ①－１－９" in format_change(record)
        choices = audit_choices(store, (record.plan_id or 0,))
        assert "renumber-initiative" in choices.operations and "テスト" in choices.actors
        assert operation_label("something-new") == "something-new"


@contextmanager
def _open(path: Path, actor: str) -> Iterator[Store]:
    store = Store.open(str(path), actor=actor)
    try:
        yield store
    finally:
        store.close()


def test_group_entries_are_named_with_the_plans_own_labels(hitachi_db: Path) -> None:
    """Entries of the two fixed levels (before the tree of groups) and of groups at any depth
    read with the plan's level labels (分野 / 施策 in the Hitachi plan), not fixed words."""
    with _open(hitachi_db, "テスト") as store:
        plan = current(store)
        top, second = plan.groups[0], plan.groups[0].groups[0]
        for entity, row_id, operation in (("policy", top.id, "edit-policy"), ("item", second.id, "edit-item"),
                                          ("group", second.id, "add-group"), ("group", 999_999, "remove-group")):
            with store.write(operation) as ctx:
                ctx.audit(entity, row_id, f"{operation} {row_id}", plan_id=plan.id,
                          before={"depth": 1} if row_id == 999_999 else None)
        records = {(r.entity, r.entity_id): r for r in query_audit(store).records}
    labels = plan.group_labels
    assert records[("policy", top.id)].entity_label == labels[0]
    assert records[("item", second.id)].operation_label == f"{labels[1]}の編集"
    assert records[("group", second.id)].operation_label == f"{labels[1]}の追加"
    assert records[("group", 999_999)].entity_label == labels[0]  # removed: the depth it recorded
    assert "基本方針" not in {r.entity_label for r in records.values()}
