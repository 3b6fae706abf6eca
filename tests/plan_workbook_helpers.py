"""For the plan workbook tests: the whole tree of a plan as plain data (to compare two plans
after a round trip), and workbooks of format version 1 (基本方針 / 推進事項 sheets, three
level labels) as planDesk wrote them before the group tree — made from a version 2 export
of a plan whose every branch has depth 2, to test that they are still read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from any_plan_helpers import plan_json, view_of
from openpyxl import load_workbook

from planDesk.core.domain.model import Initiative
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import GroupView, PlanView
from planDesk.core.plan.workbook.apply import import_plan
from planDesk.core.plan.workbook.layout import PLAN_FIELDS, PLAN_FIELDS_V1, SHEET_BY_NAME_V1
from planDesk.core.plan.workbook.write import export_plan_workbook, group_references


def to_version_1(path: Path, plan: PlanView) -> Path:
    """Rewrite the version 2 workbook at ``path`` (an export of ``plan``) in version 1's layout."""
    assert plan.depth == 2, "version 1 holds exactly two levels of groups"
    wb = load_workbook(path)
    settings = {key: wb["計画"].cell(r, 2).value for r, (key, _label) in enumerate(PLAN_FIELDS, start=2)}
    settings |= {"level1": plan.group_labels[0], "level2": plan.group_labels[1],
                 "level3": settings["initiative_label"]}
    ws = wb["計画"]
    ws.delete_rows(2, ws.max_row)
    for r, (key, label) in enumerate(PLAN_FIELDS_V1, start=2):
        ws.cell(r, 1).value, ws.cell(r, 2).value = label, settings[key]
    groups = wb["グループ"]
    rows = [[c.value for c in row] for row in groups.iter_rows(min_row=2)]
    numbers = {top.id: top.number for top in plan.groups}
    policy_of = {item.id: top.number for top in plan.groups for item in top.groups}
    refs = {ref: (policy_of[gid], plan.find_group(gid).number) for gid, ref in group_references(plan).items()
            if gid in policy_of}
    policies = [[r[3], r[5], r[7], r[4], r[6]] for r in rows if r[1] == 1]
    items = [[policy_of[r[0]], r[3], r[5], r[7], r[4]] for r in rows if r[1] == 2]
    assert len(policies) == len(numbers)
    initiatives = [[r[0], *refs[r[1]], *r[2:]] for r in
                   ([c.value for c in row] for row in wb["取組事項"].iter_rows(min_row=2))]
    position = wb.sheetnames.index("グループ")
    del wb["グループ"]
    del wb["取組事項"]
    for offset, (name, data) in enumerate((("基本方針", policies), ("推進事項", items), ("取組事項", initiatives))):
        sheet = wb.create_sheet(name, position + offset)
        sheet.append(SHEET_BY_NAME_V1[name].headers)
        for row in data:
            sheet.append(row)
    meta = wb["_planDesk"]
    for row in meta.iter_rows():
        if row[0].value == "format_version":
            row[1].value = "1"
    wb.save(path)
    return path


def tree_of_view(plan: PlanView) -> dict[str, Any]:
    """Every group and initiative in the plan's order with what a round trip must keep
    (retired ones too; ``show --json`` leaves those out), without database ids."""

    def group(g: GroupView) -> dict[str, Any]:
        children = [group(c) if isinstance(c, GroupView) else
                    {"uid": c.uid, "number": c.number, "code": c.code, "written_code": c.written_code,
                     "title": c.title, "retired": c.retired, "path": [r.code for r in c.path]}
                    for c in g.children]
        return {"depth": g.depth, "number": g.number, "code": g.code, "written_code": g.written_code,
                "title": g.title, "slogan": g.slogan, "retired": g.retired, "children": children}

    return {"labels": list(plan.level_labels), "numbering": plan.numbering,
            "groups": [group(g) for g in plan.groups]}


def _written(store: Store) -> list[tuple[object, ...]]:
    """Written codes and retired flags of every initiative, retired ones included, and the departments."""
    plan = view_of(store)
    return [(i.written_code, i.code, i.title, i.retired) for i in plan.initiatives(include_retired=True)] + [
        (d.name, d.pseudo, d.retired) for d in plan.departments]


def retire_every_third(store: Store) -> None:
    """Retire every third initiative (the flag must round-trip too)."""
    with store.write("test-retire") as ctx:
        for k, ini in enumerate(list(view_of(store).initiatives())):
            if k % 3 == 2:
                row = ctx.session.get(Initiative, ini.id)
                assert row is not None
                row.retired = True


def _blank_every_id(path: Path) -> Path:
    """The workbook as typed by hand: no ID on any sheet (groups and initiatives by code)."""
    wb = load_workbook(path)
    for sheet in ("グループ", "取組事項", "目標", "指標", "工程表"):
        for row in range(2, wb[sheet].max_row + 1):
            wb[sheet].cell(row, 1).value = None
    wb.save(path)
    return path


def round_trips(source: Store, tmp: Path) -> None:
    """Export → import into an empty database, into itself, and typed without IDs: no change."""
    out = tmp / "plan.xlsx"
    export_plan_workbook(source, out)
    target = Store.open(str(tmp / "b.sqlite3"), actor="係")
    try:
        result = import_plan(target, out)
        assert result.created
        assert plan_json(target) == plan_json(source)
        assert tree_of_view(view_of(target)) == tree_of_view(view_of(source))
        assert _written(target) == _written(source)
        assert import_plan(target, out).lines == []  # the same file again (a department's copy): no change
    finally:
        target.close()
    before = tree_of_view(view_of(source))
    assert import_plan(source, out).lines == []  # back into the database it came from
    lines = import_plan(source, _blank_every_id(out)).lines
    changed = [line for line in lines if not line.startswith("ID のない行 ")]
    assert changed == [], lines
    assert tree_of_view(view_of(source)) == before
