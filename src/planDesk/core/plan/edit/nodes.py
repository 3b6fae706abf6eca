"""The division's plan editor: the tree of policies, promotion items and initiatives.

Add, edit, move (reorder and move to another parent), renumber and retire nodes. Every
function runs one ``Store.write`` transaction, records before/after in the audit log and
returns a ``Change``; a refusal raises ``UserError`` in Japanese and changes nothing.
Goals, KPIs and roadmap steps are in ``plan_edit_details``; departments, the evaluation
scale and the 今後の方向性 choices in ``plan_edit_settings``; renumbering and retiring in
``plan_edit_numbers``. Only the current revision of a plan is edited.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from planDesk.core.domain.model import MAX_SLOGAN, Department, Initiative, InitiativeDepartment, Policy, PromotionItem
from planDesk.core.domain.workflow import INITIATIVE, ITEM, POLICY
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Change, Store
from planDesk.core.plan.edit.base import (
    KIND_LABELS,
    MAX_TITLE,
    NODE_KINDS,
    bump,
    check_fy,
    check_version,
    diff,
    get_plan,
    get_row,
    initiatives_of,
    items_of,
    next_number,
    place,
    plan_initiatives,
    plan_of_initiative,
    plan_of_item,
    policies_of,
    require_current,
    require_text,
    snap,
)
from planDesk.core.plan.edit.tree import (
    Node,
    load_node,
    node_label,
    number_scope,
    parent_id_of,
    siblings_of,
)

_INI_FIELDS = ("title", "priority", "new_in_fy", "overview", "status_text", "status_heading",
               "departments_more")


@dataclass(frozen=True)
class InitiativeFields:
    """What the division edits about an initiative (取組事項)."""

    title: str
    department_ids: tuple[int, ...]
    priority: bool = False
    new_in_fy: int | None = None
    overview: str = ""
    status_text: str = ""
    status_heading: str = "取組状況"
    departments_more: bool = False


def _ini_snapshot(ini: Initiative) -> dict[str, Any]:
    data = snap(ini, _INI_FIELDS)
    data["departments"] = [link.department.name for link in ini.department_links]
    return data


def _checked_departments(session: Any, plan_id: int, ids: tuple[int, ...],
                         already: set[int]) -> list[Department]:
    if not ids:
        raise UserError("担当部署を 1 つ以上選んでください。")
    if len(set(ids)) != len(ids):
        raise UserError("担当部署が重複しています。同じ部署は 1 回だけ選んでください。")
    out = []
    for dept_id in ids:
        dept = session.get(Department, dept_id)
        if dept is None or dept.plan_id != plan_id:
            raise UserError(f"部署（ID {dept_id}）はこの計画にありません。画面を更新してください。")
        if dept.retired and dept_id not in already:
            raise UserError(f"部署「{dept.name}」は廃止されているため、担当にできません。")
        out.append(dept)
    return out


def _apply_fields(session: Any, ini: Initiative, plan_id: int, f: InitiativeFields) -> None:
    ini.title = require_text(f.title, "取組名", limit=MAX_TITLE)
    ini.priority = f.priority
    ini.new_in_fy = check_fy(f.new_in_fy, "新規の年度")
    ini.overview = f.overview.strip()
    ini.status_text = f.status_text.strip()
    ini.status_heading = require_text(f.status_heading or "取組状況", "取組状況の見出し", limit=100)
    ini.departments_more = f.departments_more
    current = [link.department_id for link in ini.department_links]
    depts = _checked_departments(session, plan_id, f.department_ids, set(current))
    if current != [d.id for d in depts]:
        # Existing links are reused (the pair initiative/department is unique); links no
        # longer listed are removed by the relationship's delete-orphan cascade.
        keep = {link.department_id: link for link in ini.department_links}
        links = []
        for pos, dept in enumerate(depts):
            link = keep.get(dept.id) or InitiativeDepartment(department=dept)
            link.position = pos
            links.append(link)
        ini.department_links = links


# --- add ---------------------------------------------------------------------------------

def _check_new_number(number: int | None, taken: list[Any], kind: str) -> int:
    numbers = [n.number for n in taken]
    if number is None:
        return next_number(numbers)
    if not 1 <= number <= 9999:
        raise UserError(f"番号は 1〜9999 で指定してください（{number} は使えません）。")
    if number in numbers:
        raise UserError(
            f"番号 {number} は既にこの{KIND_LABELS[kind]}の並びで使われています。",
            hint="空いている番号を指定するか、番号を空けて追加し後で「番号を振り直す」を使ってください。",
        )
    return number


def add_policy(store: Store, plan_id: int, title: str, *, number: int | None = None,
               index: int | None = None) -> Change:
    """A new 基本方針 at ``index`` (end if None), numbered ``number`` (next free if None)."""
    with store.write("add-policy", plan_id=plan_id, structural=True) as ctx:
        s = ctx.session
        plan = get_plan(s, plan_id)
        require_current(plan)
        siblings = policies_of(s, plan_id)
        pol = Policy(plan_id=plan_id, title=require_text(title, f"{plan.level1_label}の名称", limit=200),
                     number=_check_new_number(number, siblings, POLICY), position=0)
        s.add(pol)
        place(siblings, pol, index)
        s.flush()
        ctx.audit(POLICY, pol.id, f"{plan.level1_label}「{pol.title}」を追加",
                  after=snap(pol, ("number", "title", "position")))
        return Store.change_of(ctx, f"{plan.level1_label}「{pol.title}」を追加しました")


def add_item(store: Store, policy_id: int, title: str, *, number: int | None = None,
             index: int | None = None) -> Change:
    """A new 推進事項 under a policy."""
    with store.write("add-item", structural=True) as ctx:
        s = ctx.session
        pol = get_row(s, Policy, policy_id, POLICY)
        plan = get_plan(s, pol.plan_id)
        require_current(plan)
        ctx.plan_id = plan.id
        siblings = items_of(s, policy_id)
        item = PromotionItem(policy_id=policy_id,
                             title=require_text(title, f"{plan.level2_label}の名称", limit=200),
                             number=_check_new_number(number, siblings, ITEM), position=0)
        s.add(item)
        place(siblings, item, index)
        s.flush()
        ctx.audit(ITEM, item.id, f"{plan.level2_label}「{item.title}」を追加",
                  after=snap(item, ("policy_id", "number", "title", "position")))
        return Store.change_of(ctx, f"{plan.level2_label}「{item.title}」を追加しました")


def add_initiative(store: Store, item_id: int, fields: InitiativeFields, *,
                   number: int | None = None, index: int | None = None) -> Change:
    """A new 取組事項 under a promotion item; its uid is new and stays for its lifetime."""
    with store.write("add-initiative", structural=True) as ctx:
        s = ctx.session
        item = get_row(s, PromotionItem, item_id, ITEM)
        plan = plan_of_item(s, item)
        require_current(plan)
        ctx.plan_id = plan.id
        siblings = initiatives_of(s, item_id)
        scope = plan_initiatives(s, plan.id) if plan.numbering == "serial" else siblings
        ini = Initiative(item_id=item_id, uid=str(uuid.uuid4()), title="", position=0, version=1,
                         number=_check_new_number(number, scope, INITIATIVE))
        _apply_fields(s, ini, plan.id, fields)
        s.add(ini)
        place(siblings, ini, index)
        s.flush()
        ctx.audit(INITIATIVE, ini.id, f"{plan.level3_label}「{ini.title}」を追加",
                  after={"number": ini.number, "item_id": item_id, **_ini_snapshot(ini)})
        return Store.change_of(ctx, f"{plan.level3_label}「{ini.title}」を追加しました")


# --- edit --------------------------------------------------------------------------------

def edit_title(store: Store, kind: str, node_id: int, title: str) -> Change:
    """Rename a policy or a promotion item."""
    if kind not in (POLICY, ITEM):
        raise ValueError(kind)
    with store.write(f"edit-{kind}") as ctx:
        node = load_node(ctx.session, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        new = require_text(title, f"{node.level_label}の名称", limit=200)
        if new == node.row.title:
            return Store.change_of(ctx, "変更はありません")
        before = {"title": node.row.title}
        node.row.title = new
        ctx.audit(kind, node_id, f"{node.level_label}の名称を変更：{before['title']} → {new}",
                  before=before, after={"title": new})
        return Store.change_of(ctx, f"{node.level_label}「{new}」に変更しました")




def edit_slogan(store: Store, policy_id: int, slogan: str) -> Change:
    """Set a policy's slogan (the area's catch phrase; "" removes it). Line breaks are kept
    as typed (the results report prints each line as a line); blank lines are dropped."""
    with store.write(f"edit-{POLICY}") as ctx:
        node = load_node(ctx.session, POLICY, policy_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        lines = [ln.strip() for ln in slogan.replace("\r\n", "\n").split("\n")]
        new = require_text("\n".join(ln for ln in lines if ln), f"{node.level_label}のスローガン",
                           limit=MAX_SLOGAN, required=False)
        row = node.policy
        if new == row.slogan:
            return Store.change_of(ctx, "変更はありません")
        before = {"slogan": row.slogan}
        row.slogan = new
        ctx.audit(POLICY, policy_id, f"{node.level_label}「{row.title}」のスローガンを変更",
                  before=before, after={"slogan": new})
        return Store.change_of(ctx, f"{node.level_label}「{row.title}」のスローガンを保存しました")


def edit_initiative(store: Store, initiative_id: int, fields: InitiativeFields, *,
                    expected_version: int | None) -> Change:
    """Change an initiative's title, flags, departments, overview and status text.

    ``expected_version`` is the Initiative.version the editor started from; if someone
    changed the initiative meanwhile, ConflictError is raised and nothing is written."""
    with store.write("edit-initiative") as ctx:
        s = ctx.session
        ini = get_row(s, Initiative, initiative_id, INITIATIVE)
        plan = plan_of_initiative(s, ini)
        require_current(plan)
        ctx.plan_id = plan.id
        check_version(ini, expected_version)
        before = _ini_snapshot(ini)
        _apply_fields(s, ini, plan.id, fields)
        s.flush()
        old, new = diff(before, _ini_snapshot(ini))
        if not new:
            return Store.change_of(ctx, "変更はありません")
        bump(ini)
        ctx.audit(INITIATIVE, ini.id, f"{plan.level3_label}「{ini.title}」を編集（{'、'.join(new)}）",
                  before=old, after=new)
        return Store.change_of(ctx, f"{plan.level3_label}「{ini.title}」を保存しました")


# --- move --------------------------------------------------------------------------------

def move_node(store: Store, kind: str, node_id: int, *, index: int,
              parent_id: int | None = None) -> Change:
    """Put a node at ``index`` among the children of ``parent_id`` (its own parent if None).

    Moving to another parent keeps the node's number when it is free there and takes the
    next free number otherwise (codes follow numbers: see codes.py)."""
    with store.write(f"move-{kind}", structural=True) as ctx:
        node = load_node(ctx.session, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        _move(ctx, node, index=index, parent_id=parent_id)
        return Store.change_of(ctx, f"{node_label(ctx.session, node)} を移動しました")


def move_by(store: Store, kind: str, node_id: int, delta: int) -> Change:
    """Move up (-1) or down (+1); past the first or last sibling the node moves on to the
    end of the previous (start of the next) parent, so the keyboard reaches every place."""
    with store.write(f"move-{kind}", structural=True) as ctx:
        s = ctx.session
        node = load_node(s, kind, node_id)
        require_current(node.plan)
        ctx.plan_id = node.plan.id
        siblings = siblings_of(s, kind, node.parent_id)
        i = next(n for n, sib in enumerate(siblings) if sib.id == node_id)
        if 0 <= i + delta < len(siblings):
            _move(ctx, node, index=i + delta, parent_id=None)
        else:
            parents = _parents_in_order(s, kind, node.plan.id)
            j = parents.index(node.parent_id) + delta if node.parent_id in parents else -1
            if kind == POLICY or not 0 <= j < len(parents):
                where = "上" if delta < 0 else "下"
                raise UserError(f"{node_label(s, node)} はこれ以上{where}へ移動できません。")
            _move(ctx, node, index=10**9 if delta < 0 else 0, parent_id=parents[j])
        return Store.change_of(ctx, f"{node_label(s, node)} を移動しました")


def _parents_in_order(session: Any, kind: str, plan_id: int) -> list[int]:
    """The active possible parents of a node of ``kind`` in plan order."""
    if kind == ITEM:
        return [p.id for p in policies_of(session, plan_id) if not p.retired]
    return [i.id for p in policies_of(session, plan_id) if not p.retired
            for i in items_of(session, p.id) if not i.retired]


def _move(ctx: Any, node: Node, *, index: int, parent_id: int | None) -> None:
    s = ctx.session
    kind, row = node.kind, node.row
    before = {"parent_id": node.parent_id, "position": row.position, "number": row.number,
              "code": node_label(s, node, with_title=False)}
    target = node.parent_id if parent_id is None else parent_id
    if target != node.parent_id:
        _check_parent(s, node, target)
        old_siblings = siblings_of(s, kind, node.parent_id)
        place([x for x in old_siblings if x.id != row.id], None, None)  # close the gap it leaves
        setattr(row, _PARENT_ATTR[kind], target)
        s.flush()
        scope = number_scope(s, kind, target, node.plan)
        if any(x.number == row.number and x.id != row.id for x in scope):
            row.number = next_number(x.number for x in scope if x.id != row.id)
        node = load_node(s, kind, row.id)
    place(siblings_of(s, kind, target), row, index)
    if isinstance(row, Initiative):
        bump(row)
    s.flush()
    after = {"parent_id": target, "position": row.position, "number": row.number,
             "code": node_label(s, node, with_title=False)}
    if before != after:
        ctx.audit(kind, row.id, f"{node_label(s, node)} を移動（{before['code']} → {after['code']}）",
                  before=before, after=after)


_PARENT_ATTR = {POLICY: "plan_id", ITEM: "policy_id", INITIATIVE: "item_id"}


def _check_parent(session: Any, node: Node, target: int) -> None:
    if node.kind == POLICY:
        raise UserError(f"{node.plan.level1_label}は他の計画へは移動できません。")
    model = Policy if node.kind == ITEM else PromotionItem
    parent = session.get(model, target)
    parent_kind = POLICY if node.kind == ITEM else ITEM
    if parent is None:
        raise UserError(f"移動先の{KIND_LABELS[parent_kind]}（ID {target}）はありません。")
    if load_node(session, parent_kind, target).plan.id != node.plan.id:
        raise UserError("別の計画（または別の版）へは移動できません。")
    if parent.retired:
        raise UserError(f"移動先の{KIND_LABELS[parent_kind]}「{parent.title}」は廃止されています。先に戻してください。")


def parent_id_for(session: Any, kind: str, node_id: int) -> int:
    """The id of a node's parent (its plan for a policy)."""
    if kind not in NODE_KINDS:
        raise ValueError(kind)
    return parent_id_of(load_node(session, kind, node_id).row, kind)


def initiative_department_names(session: Any, initiative_id: int) -> list[str]:
    links = session.scalars(select(InitiativeDepartment).where(
        InitiativeDepartment.initiative_id == initiative_id).order_by(InitiativeDepartment.position))
    return [link.department.name for link in links]
