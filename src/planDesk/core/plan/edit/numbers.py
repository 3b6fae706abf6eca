"""Renumbering, retiring and removing groups and initiatives of the plan tree (division only).

Codes are computed from the numbers of a node's path in the plan's numbering style
(codes.py), so a renumber changes every display at once; a node may instead carry the code
the plan writes (``set_code``: 1-8-3, Ⅰ-2, ア …), which a renumber replaces by the computed
one. Numbers stay unique in their scope (``tree.number_scope``: the children of one group,
or every initiative of the plan for serial numbering), retired rows included, so an old
report never shares its code with a new initiative. Retiring is soft (``retired=True``):
reports keep pointing at the row. Removing is allowed only for rows no report refers to
(a node added by mistake). A group is retired or removed with its whole subtree.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planDesk.core.domain import codes
from planDesk.core.domain.model import AuditEntry, Initiative, PlanGroup, ProgressReport
from planDesk.core.domain.workflow import GROUP, INITIATIVE, POLICY
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Change, Store
from planDesk.core.plan.edit.base import bump, get_plan, node_kind, require_current
from planDesk.core.plan.edit.nodes import written_code
from planDesk.core.plan.edit.tree import (
    Node,
    PlanTree,
    Row,
    level_label,
    load_node,
    node_code,
    node_label,
    number_scope,
    shown_codes,
)


def renumber(store: Store, kind: str, node_id: int, number: int, *, code: str | None = None) -> Change:
    """Give a group or initiative a new number, and the code the plan writes for it
    (``code``; None or empty: the code made from the number in the plan's style). A number
    is refused when a node of its number scope (``tree.number_scope``) already has it."""
    kind = node_kind(kind)
    written = written_code(code)
    with store.write(f"renumber-{kind}", structural=True) as ctx:
        s = ctx.session
        node = load_node(s, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        if not 1 <= number <= 9999:
            raise UserError(f"番号は 1〜9999 で指定してください（{number} は使えません）。")
        if number == node.row.number and written == node.row.code:
            return Store.change_of(ctx, "変更はありません")
        if number != node.row.number:
            for other in number_scope(s, kind, node.parent_id, node.plan):
                if other is not node.row and other.number == number:
                    holder = node_label(_node_of(s, other))
                    raise UserError(
                        f"番号 {number}（{node_code(node, number)}）は {holder} が使っています。",
                        hint="先にそちらの番号を変えるか、「番号を振り直す」で並び順に振り直してください。",
                    )
        _check_code_free(s, node, written or node_code(node, number))
        old_code = node_code(node)
        before = {"number": node.row.number, "code": old_code}
        node.row.number = number
        node.row.code = written  # None: the code follows the plan's style again
        bump(node.row)
        s.flush()
        after = {"number": number, "code": node_code(node)}
        ctx.audit(kind, node_id, f"{node.level_label}「{node.row.title}」の番号を変更：{old_code} → {after['code']}",
                  before=before, after=after)
        return Store.change_of(ctx, f"番号を {after['code']} に変更しました")


def _node_of(s: Session, row: Row) -> Node:
    return load_node(s, GROUP if isinstance(row, PlanGroup) else INITIATIVE, row.id)


def _scopes(tree: PlanTree) -> list[list[Row]]:
    """The number scopes of the whole plan in tree order (``tree.number_scope``)."""
    serial = tree.plan.numbering == "serial"
    parents = [None, *(r.id for r in tree.walk() if isinstance(r, PlanGroup))]
    out: list[list[Row]] = []
    for parent in parents:
        kids = tree.children.get(parent, [])
        out.append([k for k in kids if isinstance(k, PlanGroup)] if serial else list(kids))
    if serial:
        out.append(list(tree.initiatives()))
    return [scope for scope in out if scope]


def renumber_all(store: Store, plan_id: int) -> Change:
    """Number the children of every group 1, 2, 3 … in tree order (initiatives across the
    plan for serial numbering); retired rows get the numbers after the active ones so that
    active codes have no gaps and no code is shared. Written codes give way to the style's."""
    with store.write("renumber-all", plan_id=plan_id, structural=True) as ctx:
        s = ctx.session
        plan = get_plan(s, plan_id)
        require_current(plan)
        tree = PlanTree.load(s, plan)
        rows = list(tree.walk())
        # Codes before any number changes (a child's code contains its parents' numbers).
        before = {id(r): (r.number, node_code(tree.node(r))) for r in rows}
        for scope in _scopes(tree):
            ordered = [r for r in scope if not r.retired] + [r for r in scope if r.retired]
            for number, row in enumerate(ordered, start=1):
                row.number = number
                row.code = None  # numbered anew: codes in the plan's style
        for row in rows:
            node = tree.node(row)
            old_number, old_code = before[id(row)]
            new_code = node_code(node)
            if row.number == old_number and new_code == old_code:
                continue
            bump(row)
            ctx.audit(node.kind, row.id, f"{node.level_label}「{row.title}」の番号を変更：{old_code} → {new_code}",
                      before={"number": old_number, "code": old_code},
                      after={"number": row.number, "code": new_code})
        s.flush()
        changed = len(ctx.entities)
        return Store.change_of(ctx, f"番号を振り直しました（{changed} 件変更）" if changed
                               else "番号は既に並び順どおりです")


def numbering_choices() -> tuple[tuple[str, str], ...]:
    """The numbering styles a plan can use for new and renumbered codes, with an example
    each (for the editor's choice and the plan workbook's 番号の形式)."""
    return tuple((style, codes.initiative_code_of(style, (1, 2, 3))) for style in codes.NUMBERING_STYLES)


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
        ctx.audit("plan", plan_id, f"番号の形式を変更：{codes.initiative_code_of(before['numbering'], (1, 2, 3))} → "
                  f"{codes.initiative_code_of(style, (1, 2, 3))}", before=before, after={"numbering": style})
        return Store.change_of(ctx, "番号の形式を変更しました")


def set_code(store: Store, kind: str, node_id: int, code: str | None) -> Change:
    """Give a group or initiative the code the plan writes for it (1-8-3, Ⅰ-2, ア …); empty
    or None: back to the code computed from its number."""
    kind = node_kind(kind)
    written = written_code(code)
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
        bump(node.row)
        s.flush()
        new_code = node_code(node)
        ctx.audit(kind, node_id, f"{node.level_label}「{node.row.title}」のコードを変更：{old_code} → {new_code}",
                  before={"code": old_code}, after={"code": new_code})
        return Store.change_of(ctx, f"コードを {new_code} にしました")


def _check_code_free(s: Session, node: Node, code: str) -> None:
    """A code (written, or made from a new number) may not be one another group (of any
    depth: the plan workbook names a group by its code) or another initiative shows,
    retired ones included."""
    for other_id, shown in shown_codes(s, node.plan, node.kind).items():
        if other_id != node.row.id and shown == code:
            holder = load_node(s, node.kind, other_id)
            raise UserError(f"コード「{code}」は {node_label(holder)} が使っています。")


def retire_node(store: Store, kind: str, node_id: int, *, retired: bool = True) -> Change:
    """Retire (廃止) a group with everything under it, or an initiative; or bring it back
    (``retired=False``).

    Bringing back restores the rows that were retired together with the node, not those
    retired on their own earlier. Reports stay attached either way."""
    kind = node_kind(kind)
    op = "retire" if retired else "restore"
    with store.write(f"{op}-{kind}", structural=True) as ctx:
        s = ctx.session
        node = load_node(s, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        if node.row.retired == retired:
            state = "廃止されています" if retired else "廃止されていません"
            raise UserError(f"{node_label(node)} は既に{state}。")
        below = _descendants(s, node)
        if retired:
            targets = [node.row, *(r for r in below if not r.retired)]
        else:
            _check_parents_active(node)
            together = _retired_together(s, node)
            targets = [node.row, *(r for r in below if r.retired and (_kind(r), r.id) in together)]
        verb = "廃止" if retired else "復活"
        for row in targets:
            bump(row)
            row.retired = retired
            ctx.audit(_kind(row), row.id, f"{_label(node, row)}「{row.title}」を{verb}",
                      before={"retired": not retired}, after={"retired": retired})
        s.flush()
        extra = f"（配下 {len(targets) - 1} 件も）" if len(targets) > 1 else ""
        return Store.change_of(ctx, f"{node_label(node)} を{verb}しました{extra}")


def _kind(row: Row) -> str:
    return GROUP if isinstance(row, PlanGroup) else INITIATIVE


def _label(node: Node, row: Row) -> str:
    """The plan's own word for the level of ``row`` (never one city's wording)."""
    return level_label(node.plan, row.depth) if isinstance(row, PlanGroup) else node.plan.initiative_label


def _descendants(s: Session, node: Node) -> list[Row]:
    """Every group and initiative below a group, in plan order (none below an initiative)."""
    if node.kind == INITIATIVE:
        return []
    return list(PlanTree.load(s, node.plan, under=node.row.id).walk(node.row.id))


def _check_parents_active(node: Node) -> None:
    above = node.path[:-1] if node.kind == GROUP else node.path
    for parent in above:
        if parent.retired:
            label = level_label(node.plan, parent.depth)
            raise UserError(f"上位の{label}「{parent.title}」が廃止されています。",
                            hint=f"先に{label}を復活させてください。")


def _retired_together(s: Session, node: Node) -> set[tuple[str, int]]:
    """The rows retired in the same operation that last retired this node. (A group's
    entries before migration 0006 name a top-level group "policy", with the same id.)"""
    entities = (GROUP, POLICY) if node.kind == GROUP else (INITIATIVE,)
    batch = s.scalar(
        select(AuditEntry.batch)
        .where(AuditEntry.entity.in_(entities), AuditEntry.entity_id == node.row.id,
               AuditEntry.operation.in_([f"retire-{e}" for e in entities]))
        .order_by(AuditEntry.id.desc()).limit(1))
    if batch is None:
        return set()
    rows = s.execute(select(AuditEntry.entity, AuditEntry.entity_id).where(AuditEntry.batch == batch))
    return {(GROUP if e == POLICY else e, i) for e, i in rows if i is not None}


def report_count(s: Session, initiative_ids: list[int]) -> int:
    if not initiative_ids:
        return 0
    return s.scalar(select(func.count(ProgressReport.id))
                    .where(ProgressReport.initiative_id.in_(initiative_ids))) or 0


def remove_node(store: Store, kind: str, node_id: int) -> Change:
    """Delete a group with its whole subtree, or an initiative, when no report refers to
    any of its initiatives (e.g. one added by mistake); otherwise refused with the advice
    to retire it."""
    kind = node_kind(kind)
    with store.write(f"remove-{kind}", structural=True) as ctx:
        s = ctx.session
        node = load_node(s, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        below = _descendants(s, node)
        ini_ids = [node_id] if kind == INITIATIVE else [r.id for r in below if isinstance(r, Initiative)]
        reports = report_count(s, ini_ids)
        label = node_label(node)
        if reports:
            raise UserError(
                f"{label} には進捗報告が {reports} 件あるため削除できません。",
                hint="報告を残したまま外すには「廃止」を使ってください。",
            )
        before = {"number": node.row.number, "title": node.row.title, "code": node_code(node),
                  "children": len(below)}
        # Deepest first: initiatives, then groups from the bottom up (no row is left
        # pointing at a deleted parent, whatever the foreign keys' ON DELETE).
        for ini in [r for r in reversed(below) if isinstance(r, Initiative)]:
            s.delete(ini)
        s.flush()
        for group in sorted((r for r in below if isinstance(r, PlanGroup)), key=lambda g: -g.depth):
            s.delete(group)
        s.flush()
        s.delete(node.row)
        s.flush()
        ctx.audit(kind, node_id, f"{label} を削除", before=before)
        return Store.change_of(ctx, f"{label} を削除しました")
