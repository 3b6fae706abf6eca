"""Renumbering, retiring and removing nodes of the plan tree (division only).

Codes are computed from numbers in the plan's numbering style (codes.py), so a renumber
changes every display at once; a node may instead carry the code the plan writes
(``set_code``: 1-8-3, Ⅰ-2, ア …), which a renumber replaces by the computed one;
numbers stay unique among siblings (or across the plan for serial numbering), retired rows
included, so an old report never shares its code with a new initiative. Retiring is soft
(``retired=True``): reports keep pointing at the row. Removing is allowed only for rows
no report refers to (a node added by mistake).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planDesk.core.domain import codes
from planDesk.core.domain.model import AuditEntry, Initiative, Policy, ProgressReport, PromotionItem
from planDesk.core.domain.workflow import INITIATIVE, ITEM, POLICY
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Change, Store
from planDesk.core.plan.edit.base import (
    KIND_LABELS,
    bump,
    get_plan,
    initiatives_of,
    items_of,
    plan_initiatives,
    policies_of,
    require_current,
)
from planDesk.core.plan.edit.tree import Node, load_node, node_code, node_label, number_scope


def renumber(store: Store, kind: str, node_id: int, number: int, *, code: str | None = None) -> Change:
    """Give a node a new number, and the code the plan writes for it (``code``; None or
    empty: the code made from the number in the plan's style). A number is refused when a
    sibling (or, for serial numbering, any initiative of the plan) already has it."""
    written = (code or "").strip() or None
    with store.write(f"renumber-{kind}", structural=True) as ctx:
        s = ctx.session
        node = load_node(s, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        if not 1 <= number <= 9999:
            raise UserError(f"番号は 1〜9999 で指定してください（{number} は使えません）。")
        if number == node.row.number and written == node.row.code:
            return Store.change_of(ctx, "変更はありません")
        if written is not None and len(written) > 40:
            raise UserError(f"コード「{written[:40]}…」が長すぎます（40 文字まで）。")
        for other in number_scope(s, kind, node.parent_id, node.plan):
            if number != node.row.number and other.id != node_id and other.number == number:
                holder = node_label(s, load_node(s, kind, other.id))
                raise UserError(
                    f"番号 {number}（{node_code(node, number)}）は {holder} が使っています。",
                    hint="先にそちらの番号を変えるか、「番号を振り直す」で並び順に振り直してください。",
                )
        _check_code_free(s, node, written or node_code(node, number))
        old_code = node_code(node)
        before = {"number": node.row.number, "code": old_code}
        node.row.number = number
        node.row.code = written  # None: the code follows the plan's style again
        if isinstance(node.row, Initiative):
            bump(node.row)
        s.flush()
        after = {"number": number, "code": node_code(node)}
        ctx.audit(kind, node_id, f"{node.level_label}「{node.row.title}」の番号を変更：{old_code} → {after['code']}",
                  before=before, after=after)
        return Store.change_of(ctx, f"番号を {after['code']} に変更しました")


def renumber_all(store: Store, plan_id: int) -> Change:
    """Number every level 1, 2, 3 … in tree order; retired rows get the numbers after the
    active ones so that active codes have no gaps and no code is shared."""
    with store.write("renumber-all", plan_id=plan_id, structural=True) as ctx:
        s = ctx.session
        plan = get_plan(s, plan_id)
        require_current(plan)
        groups: list[tuple[str, list[Any]]] = []
        policies = policies_of(s, plan_id)
        groups.append((POLICY, policies))
        for pol in policies:
            items = items_of(s, pol.id)
            groups.append((ITEM, items))
            if plan.numbering != "serial":
                groups += [(INITIATIVE, initiatives_of(s, item.id)) for item in items]
        if plan.numbering == "serial":
            groups.append((INITIATIVE, plan_initiatives(s, plan_id)))
        # Codes before any number changes (an item's code contains its policy's number).
        nodes = {(kind, r.id): load_node(s, kind, r.id) for kind, rows in groups for r in rows}
        before = {key: (n.row.number, node_code(n)) for key, n in nodes.items()}
        for _kind, rows in groups:
            ordered = [r for r in rows if not r.retired] + [r for r in rows if r.retired]
            for number, row in enumerate(ordered, start=1):
                row.number = number
                row.code = None  # numbered anew: codes in the plan's style
        for (kind, row_id), node in nodes.items():
            old_number, old_code = before[(kind, row_id)]
            new_code = node_code(node)
            if node.row.number == old_number and new_code == old_code:
                continue
            if isinstance(node.row, Initiative):
                bump(node.row)
            ctx.audit(kind, row_id, f"{node.level_label}「{node.row.title}」の番号を変更：{old_code} → {new_code}",
                      before={"number": old_number, "code": old_code},
                      after={"number": node.row.number, "code": new_code})
        s.flush()
        changed = len(ctx.entities)
        return Store.change_of(ctx, f"番号を振り直しました（{changed} 件変更）" if changed
                               else "番号は既に並び順どおりです")


def numbering_choices() -> tuple[tuple[str, str], ...]:
    """The numbering styles a plan can use for new and renumbered codes, with an example
    each (for the editor's choice and the plan workbook's 番号の形式)."""
    return tuple((style, codes.initiative_code(style, 1, 2, 3)) for style in codes.NUMBERING_STYLES)


def set_numbering(store: Store, plan_id: int, style: str) -> Change:
    """Choose the plan's numbering style (①－１－１, 01 or 1-1-1); written codes stay."""
    if style not in codes.NUMBERING_STYLES:
        examples = "、".join(example for _s, example in numbering_choices())
        raise UserError(f"番号の形式「{style}」は使えません（{examples} のどれかです）。")
    with store.write("set-numbering", plan_id=plan_id, structural=True) as ctx:
        plan = get_plan(ctx.session, plan_id)
        require_current(plan)
        if plan.numbering == style:
            return Store.change_of(ctx, "変更はありません")
        before = {"numbering": plan.numbering}
        plan.numbering = style
        ctx.audit("plan", plan_id, f"番号の形式を変更：{codes.initiative_code(before['numbering'], 1, 2, 3)} → "
                  f"{codes.initiative_code(style, 1, 2, 3)}", before=before, after={"numbering": style})
        return Store.change_of(ctx, "番号の形式を変更しました")


def set_code(store: Store, kind: str, node_id: int, code: str | None) -> Change:
    """Give a node the code the plan writes for it (1-8-3, Ⅰ-2, ア …); empty or None:
    back to the code computed from its number."""
    written = (code or "").strip() or None
    if written is not None and len(written) > 40:
        raise UserError(f"コード「{written[:40]}…」が長すぎます（40 文字まで）。")
    with store.write(f"code-{kind}", structural=True) as ctx:
        s = ctx.session
        node = load_node(s, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        old_code = node_code(node)
        if written == node.row.code:
            return Store.change_of(ctx, "変更はありません")
        if written is not None:
            _check_code_free(s, node, written)
        node.row.code = written
        if isinstance(node.row, Initiative):
            bump(node.row)
        s.flush()
        new_code = node_code(node)
        ctx.audit(kind, node_id, f"{node.level_label}「{node.row.title}」のコードを変更：{old_code} → {new_code}",
                  before={"code": old_code}, after={"code": new_code})
        return Store.change_of(ctx, f"コードを {new_code} にしました")


def _displayed_codes(s: Session, kind: str, plan: Any) -> dict[int, str]:
    """Every node of ``kind`` in the plan (retired included) → its code as displayed; one
    query, so that a plan of thousands of initiatives is checked at once."""
    style = plan.numbering
    if kind == POLICY:
        rows = s.execute(select(Policy.id, Policy.code, Policy.number).where(Policy.plan_id == plan.id))
        return {i: codes.shown(w, codes.policy_code(style, n)) for i, w, n in rows}
    if kind == ITEM:
        items = s.execute(select(PromotionItem.id, PromotionItem.code, Policy.number, PromotionItem.number)
                          .join(Policy, PromotionItem.policy_id == Policy.id).where(Policy.plan_id == plan.id))
        return {i: codes.shown(w, codes.item_code(style, p, n)) for i, w, p, n in items}
    inis = s.execute(select(Initiative.id, Initiative.code, Policy.number, PromotionItem.number, Initiative.number)
                     .join(PromotionItem, Initiative.item_id == PromotionItem.id)
                     .join(Policy, PromotionItem.policy_id == Policy.id).where(Policy.plan_id == plan.id))
    return {i: codes.shown(w, codes.initiative_code(style, p, it, n)) for i, w, p, it, n in inis}


def _check_code_free(s: Session, node: Node, code: str) -> None:
    """A code (written, or made from a new number) may not be one another node of the same
    level shows (retired included)."""
    for other_id, shown in _displayed_codes(s, node.kind, node.plan).items():
        if other_id != node.row.id and shown == code:
            holder = load_node(s, node.kind, other_id)
            raise UserError(f"コード「{code}」は {node_label(s, holder)} が使っています。")


def _descendants(s: Session, node: Node) -> list[tuple[str, Any]]:
    if node.kind == INITIATIVE:
        return []
    items = items_of(s, node.row.id) if node.kind == POLICY else [node.row]
    out: list[tuple[str, Any]] = [(ITEM, i) for i in items if node.kind == POLICY]
    for item in items:
        out += [(INITIATIVE, ini) for ini in initiatives_of(s, item.id)]
    return out


def retire_node(store: Store, kind: str, node_id: int, *, retired: bool = True) -> Change:
    """Retire (廃止) a node and everything under it, or bring it back (``retired=False``).

    Bringing back restores the rows that were retired together with the node, not those
    retired on their own earlier. Reports stay attached either way."""
    op = "retire" if retired else "restore"
    with store.write(f"{op}-{kind}", structural=True) as ctx:
        s = ctx.session
        node = load_node(s, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        if node.row.retired == retired:
            state = "廃止されています" if retired else "廃止されていません"
            raise UserError(f"{node_label(s, node)} は既に{state}。")
        if retired:
            targets = [(kind, node.row)] + [(k, r) for k, r in _descendants(s, node) if not r.retired]
        else:
            _check_parents_active(node)
            together = _retired_together(s, kind, node_id)
            targets = [(kind, node.row)] + [(k, r) for k, r in _descendants(s, node)
                                            if r.retired and (k, r.id) in together]
        verb = "廃止" if retired else "復活"
        for k, row in targets:
            row.retired = retired
            if isinstance(row, Initiative):
                bump(row)
            ctx.audit(k, row.id, f"{_labels(node).get(k, KIND_LABELS[k])}「{row.title}」を{verb}",
                      before={"retired": not retired}, after={"retired": retired})
        s.flush()
        extra = f"（配下 {len(targets) - 1} 件も）" if len(targets) > 1 else ""
        return Store.change_of(ctx, f"{node_label(s, node)} を{verb}しました{extra}")


def _labels(node: Node) -> dict[str, str]:
    """The plan's own words for its levels (never one city's wording)."""
    plan = node.plan
    return {POLICY: plan.level1_label, ITEM: plan.level2_label, INITIATIVE: plan.level3_label}


def _check_parents_active(node: Node) -> None:
    for parent_kind, parent in ((POLICY, node.policy), (ITEM, node.item)):
        if parent is not None and parent is not node.row and parent.retired:
            label = _labels(node)[parent_kind]
            raise UserError(f"上位の{label}「{parent.title}」が廃止されています。",
                            hint=f"先に{label}を復活させてください。")


def _retired_together(s: Session, kind: str, node_id: int) -> set[tuple[str, int]]:
    """The rows retired in the same operation that last retired this node."""
    batch = s.scalar(
        select(AuditEntry.batch)
        .where(AuditEntry.entity == kind, AuditEntry.entity_id == node_id,
               AuditEntry.operation == f"retire-{kind}")
        .order_by(AuditEntry.id.desc()).limit(1))
    if batch is None:
        return set()
    rows = s.execute(select(AuditEntry.entity, AuditEntry.entity_id).where(AuditEntry.batch == batch))
    return {(e, i) for e, i in rows if i is not None}


def report_count(s: Session, initiative_ids: list[int]) -> int:
    if not initiative_ids:
        return 0
    return s.scalar(select(func.count(ProgressReport.id))
                    .where(ProgressReport.initiative_id.in_(initiative_ids))) or 0


def remove_node(store: Store, kind: str, node_id: int) -> Change:
    """Delete a node that no report refers to (e.g. one added by mistake); otherwise refused
    with the advice to retire it."""
    with store.write(f"remove-{kind}", structural=True) as ctx:
        s = ctx.session
        node = load_node(s, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        ini_ids = [node_id] if kind == INITIATIVE else [r.id for k, r in _descendants(s, node)
                                                        if k == INITIATIVE]
        reports = report_count(s, ini_ids)
        label = node_label(s, node)
        if reports:
            raise UserError(
                f"{label} には進捗報告が {reports} 件あるため削除できません。",
                hint="報告を残したまま外すには「廃止」を使ってください。",
            )
        before = {"number": node.row.number, "title": node.row.title, "code": node_code(node),
                  "children": len(_descendants(s, node))}
        s.delete(node.row)
        s.flush()
        ctx.audit(kind, node_id, f"{label} を削除", before=before)
        return Store.change_of(ctx, f"{label} を削除しました")
