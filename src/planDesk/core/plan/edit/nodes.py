"""The division's plan editor: the tree of groups (of any depth) and initiatives.

Add and edit groups and initiatives. Every function runs one ``Store.write`` transaction,
records before/after in the audit log and returns a ``Change``; a refusal raises
``UserError`` in Japanese and changes nothing. Moving is in ``moves``; renumbering,
retiring and removing in ``numbers``; goals, KPIs and roadmap steps in ``details``;
departments, the evaluation scale and the 今後の方向性 choices in ``settings``; the plan's
level labels in ``levels``. Only the current revision of a plan is edited. Messages name
a group by its level's label (``plan.group_labels[depth - 1]``), never by one city's word.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from planDesk.core.domain.model import MAX_SLOGAN, Department, Initiative, InitiativeDepartment, Plan, PlanGroup
from planDesk.core.domain.workflow import GROUP, INITIATIVE
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Change, Store, WriteContext
from planDesk.core.plan.edit.base import (
    MAX_TITLE,
    bump,
    check_fy,
    check_version,
    diff,
    get_plan,
    get_row,
    next_number,
    node_kind,
    place,
    plan_of_initiative,
    require_current,
    require_text,
    snap,
)
from planDesk.core.plan.edit.tree import (
    Node,
    Row,
    level_label,
    load_node,
    number_scope,
    shown_codes,
    siblings_of,
)

MAX_GROUP_TITLE = 200
MAX_CODE = 40

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


def _apply_fields(session: Any, ini: Initiative, plan: Plan, f: InitiativeFields) -> None:
    ini.title = require_text(f.title, f"{plan.initiative_label}名", limit=MAX_TITLE)
    ini.priority = f.priority
    ini.new_in_fy = check_fy(f.new_in_fy, "新規の年度")
    ini.overview = f.overview.strip()
    ini.status_text = f.status_text.strip()
    ini.status_heading = require_text(f.status_heading or "取組状況", "取組状況の見出し", limit=100)
    ini.departments_more = f.departments_more
    current = [link.department_id for link in ini.department_links]
    depts = _checked_departments(session, plan.id, f.department_ids, set(current))
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

def check_new_number(number: int | None, taken: list[Row]) -> int:
    """``number`` if free among ``taken`` (the next free one for None), else refused."""
    numbers = [n.number for n in taken]
    if number is None:
        return next_number(numbers)
    if not 1 <= number <= 9999:
        raise UserError(f"番号は 1〜9999 で指定してください（{number} は使えません）。")
    if number in numbers:
        raise UserError(
            f"番号 {number} は既に同じ並びで使われています。",
            hint="空いている番号を指定するか、番号を空けて追加し後で「番号を振り直す」を使ってください。",
        )
    return number


def written_code(code: str | None) -> str | None:
    """A code as the plan writes it, trimmed; None when empty; refused when too long."""
    written = (code or "").strip() or None
    if written is not None and len(written) > MAX_CODE:
        raise UserError(f"コード「{written[:MAX_CODE]}…」が長すぎます（{MAX_CODE} 文字まで）。")
    return written


def check_depth(plan: Plan, depth: int, parent: PlanGroup | None) -> None:
    """Refused when the plan has no level ``depth`` (its labels name its levels)."""
    labels = plan.group_labels
    if depth <= len(labels):
        return
    under = f"{level_label(plan, parent.depth)}「{parent.title}」の下" if parent is not None else "ここ"
    raise UserError(
        f"この計画の階層は {len(labels)} 段（{'・'.join(labels)}）までのため、{under}にはグループを置けません。",
        hint="下に階層を増やすには、先に「階層の名前…」で階層を追加してください。",
    )


def open_parent(session: Session, plan: Plan, parent_id: int) -> PlanGroup:
    """A group of ``plan`` that may take new children (not retired)."""
    parent = session.get(PlanGroup, parent_id)
    if parent is None or parent.plan_id != plan.id:
        raise UserError(f"グループ（ID {parent_id}）はこの計画（この版）にありません。画面を更新してください。")
    if parent.retired:
        raise UserError(f"{level_label(plan, parent.depth)}「{parent.title}」は廃止されています。"
                        "先に復活させてください。")
    return parent


def add_group(store: Store, plan_id: int, parent_id: int | None, title: str, *, number: int | None = None,
              index: int | None = None, code: str | None = None) -> Change:
    """A new group under ``parent_id`` (a top-level group for None) at ``index`` among the
    parent's children (end if None), numbered ``number`` (next free if None), with the
    code the plan writes for it (``code``; None: computed from the number)."""
    with store.write("add-group", plan_id=plan_id, structural=True) as ctx:
        s = ctx.session
        plan = get_plan(s, plan_id)
        require_current(plan)
        parent = open_parent(s, plan, parent_id) if parent_id is not None else None
        depth = 1 if parent is None else parent.depth + 1
        check_depth(plan, depth, parent)
        label = level_label(plan, depth)
        written = written_code(code)
        if written is not None and written in shown_codes(s, plan, GROUP).values():
            raise UserError(f"コード「{written}」は既に他のグループが使っています。")
        group = PlanGroup(plan_id=plan_id, parent_id=parent_id, depth=depth, code=written, slogan="",
                          title=require_text(title, f"{label}の名称", limit=MAX_GROUP_TITLE), position=0,
                          number=check_new_number(number, number_scope(s, GROUP, parent_id, plan)),
                          retired=False)
        s.add(group)
        place(siblings_of(s, plan_id, parent_id), group, index)
        s.flush()
        ctx.audit(GROUP, group.id, f"{label}「{group.title}」を追加",
                  after=snap(group, ("parent_id", "depth", "number", "code", "title", "position")))
        return Store.change_of(ctx, f"{label}「{group.title}」を追加しました")


def add_initiative(store: Store, group_id: int, fields: InitiativeFields, *,
                   number: int | None = None, index: int | None = None) -> Change:
    """A new initiative under a group of any depth, at ``index`` among the group's
    children; its uid is new and stays for its lifetime."""
    with store.write("add-initiative", structural=True) as ctx:
        s = ctx.session
        group = get_row(s, PlanGroup, group_id, GROUP)
        plan = get_plan(s, group.plan_id)
        require_current(plan)
        open_parent(s, plan, group_id)
        ctx.plan_id = plan.id
        ini = Initiative(group_id=group_id, uid=str(uuid.uuid4()), title="", position=0, version=1,
                         number=check_new_number(number, number_scope(s, INITIATIVE, group_id, plan)))
        _apply_fields(s, ini, plan, fields)
        s.add(ini)
        place(siblings_of(s, plan.id, group_id), ini, index)
        s.flush()
        label = plan.initiative_label
        ctx.audit(INITIATIVE, ini.id, f"{label}「{ini.title}」を追加",
                  after={"number": ini.number, "group_id": group_id, **_ini_snapshot(ini)})
        return Store.change_of(ctx, f"{label}「{ini.title}」を追加しました")


# --- edit --------------------------------------------------------------------------------

def edit_title(store: Store, kind: str, node_id: int, title: str, *,
               expected_version: int | None = None) -> Change:
    """Rename a group (of any depth); an initiative's title is one of its fields
    (``edit_initiative``). ``expected_version``: the group's version the editor showed; if
    someone changed the group since, ConflictError and nothing is written."""
    if node_kind(kind) != GROUP:
        raise ValueError(kind)
    with store.write("edit-group") as ctx:
        node = _open_group(ctx, node_id, expected_version)
        new = require_text(title, f"{node.level_label}の名称", limit=MAX_GROUP_TITLE)
        if new == node.row.title:
            return Store.change_of(ctx, "変更はありません")
        before = {"title": node.row.title}
        node.row.title = new
        bump(node.row)
        ctx.audit(GROUP, node_id, f"{node.level_label}の名称を変更：{before['title']} → {new}",
                  before=before, after={"title": new})
        return Store.change_of(ctx, f"{node.level_label}「{new}」に変更しました")


def _open_group(ctx: WriteContext, group_id: int, expected_version: int | None) -> Node:
    node = load_node(ctx.session, GROUP, group_id)
    require_current(node.plan)
    ctx.plan_id = node.plan.id
    check_version(node.row, expected_version, node.level_label)
    return node


def edit_slogan(store: Store, group_id: int, slogan: str, *, expected_version: int | None = None) -> Change:
    """Set a group's slogan (the catch phrase the plan prints above it; "" removes it).
    Line breaks are kept as typed (the results report prints each line as a line); blank
    lines are dropped."""
    with store.write("edit-group") as ctx:
        node = _open_group(ctx, group_id, expected_version)
        lines = [ln.strip() for ln in slogan.replace("\r\n", "\n").split("\n")]
        new = require_text("\n".join(ln for ln in lines if ln), f"{node.level_label}のスローガン",
                           limit=MAX_SLOGAN, required=False)
        row = node.row
        if new == (row.slogan or ""):
            return Store.change_of(ctx, "変更はありません")
        before = {"slogan": row.slogan or ""}
        row.slogan = new
        bump(row)
        ctx.audit(GROUP, group_id, f"{node.level_label}「{row.title}」のスローガンを変更",
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
        check_version(ini, expected_version, plan.initiative_label)
        before = _ini_snapshot(ini)
        _apply_fields(s, ini, plan, fields)
        s.flush()
        old, new = diff(before, _ini_snapshot(ini))
        if not new:
            return Store.change_of(ctx, "変更はありません")
        bump(ini)
        label = plan.initiative_label
        ctx.audit(INITIATIVE, ini.id, f"{label}「{ini.title}」を編集（{'、'.join(new)}）",
                  before=old, after=new)
        return Store.change_of(ctx, f"{label}「{ini.title}」を保存しました")

