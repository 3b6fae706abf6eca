"""The group tree of a plan workbook: groups and initiatives, checked, into the nested spec.

Version 2: the 「グループ」 sheet holds every group with its depth (階層) and its parent's
code (親のコード); 取組事項 names each initiative's group by code. Parents are found depth
by depth, so a group's computed code (made from the numbers of its path) is known before
its children name it. Version 1: 基本方針 and 推進事項 become groups of depth 1 and 2, and
an initiative names them by number.

Every problem names the sheet and cell: a parent code that no group has (or several,
when the path form 1／ア is not used), a depth that is not the parent's + 1, a depth
without a label on the 計画 sheet, a cycle of parents, two siblings with the same code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planDesk.core.domain import codes
from planDesk.core.domain.model import MAX_SLOGAN
from planDesk.core.plan.workbook.cells import Cells, Rows
from planDesk.core.plan.workbook.layout import GROUP_SHEET, SHEET_BY_NAME_V1, level_field
from planDesk.core.plan.workbook.refs import RefNode, Resolver, ref_key

Spec = dict[str, Any]
Place = Callable[[Cells, Spec], None]


def written_code(c: Cells) -> str:
    code = c.text("code")
    if len(code) > 40:
        c.fail("code", "コード（表記）は 40 文字までにしてください。")
        return ""
    return code


def _group_row(c: Cells, r: int, *, hi: int = 999, number_required: bool = False) -> Spec:
    code = written_code(c)
    number = c.integer("number", required=number_required or not code, lo=1, hi=hi)
    if number is None and code and not number_required and not c.problems_at("number"):
        number = codes.last_number(code) or 1  # Ⅰ-2 → 2; ア → 1
    g: Spec = {"number": number, "title": c.text("title", required=True, label="名前"), "retired": c.flag("retired"),
               "groups": [], "initiatives": [], "_row": r, "_sheet": c.sheet}
    if c.has("slogan") and (slogan := c.text("slogan", label="スローガン", limit=MAX_SLOGAN)):
        g["slogan"] = slogan
    if code:
        g["code"] = code
    return g


def _depth(c: Cells, labels: list[str]) -> int | None:
    """階層: a number 1… or the label of a depth (基本方針)."""
    text = c.text("depth")
    if text in labels:
        return labels.index(text) + 1
    depth = c.integer("depth", required=True, lo=1, hi=99, label="階層")
    if depth is not None and depth > len(labels):
        c.fail("depth", f"階層 {depth} の名前がありません。「計画」シートの「{level_field(depth)}」に書いてください"
                        f"（この計画の階層は {len(labels)} つ）。")
        return None
    return depth


class GroupTree:
    """The groups read so far, their codes, and how rows name them."""

    def __init__(self, numbering: str) -> None:
        self.numbering = numbering
        self.top: list[Spec] = []
        self.nodes: list[RefNode] = []
        self.specs: dict[int, Spec] = {}      # id(node) → the group's spec
        self.numbers: dict[int, list[int]] = {}  # id(node) → the numbers of its path
        self.codes: dict[tuple[int, str], RefNode] = {}  # (id(parent) or 0, code as compared) → the group

    def add(self, g: Spec, parent: RefNode | None, c: Cells) -> RefNode | None:
        """Put ``g`` under ``parent``; refuse a code a sibling has. Returns its node."""
        path = [*(self.numbers[id(parent)] if parent is not None else []), g["number"]]
        computed = codes.group_code(self.numbering, path)
        if g.get("code") == computed:
            del g["code"]  # the same as computed: nothing to keep
        shown = codes.shown(g.get("code"), computed)
        twin = self.codes.get((id(parent) if parent is not None else 0, ref_key(shown)))
        if twin is not None:
            other = self.specs[id(twin)]
            c.fail("code" if g.get("code") else "number",
                   f"コード「{shown}」が同じ親のグループ（{other['_row']} 行目）と重複しています。")
            return None
        node = RefNode(g, shown, top=parent is None, parent=parent, numbers="-".join(map(str, path)))
        self.codes[(id(parent) if parent is not None else 0, ref_key(shown))] = node
        self.nodes.append(node)
        self.specs[id(node)] = g
        self.numbers[id(node)] = path
        if parent is None:
            self.top.append(g)
        else:
            parent.children.append(node)
            self.specs[id(parent)]["groups"].append(g)
        g["_depth"] = len(path)
        return node

    def resolver(self) -> Resolver:
        return Resolver(self.nodes)


def read_groups(rows: Rows, labels: list[str], numbering: str, problems: list[Any]) -> tuple[GroupTree, Place]:
    """The 「グループ」 sheet (version 2); returns the tree and a function that places an
    initiative row under the group its 所属グループのコード names."""
    tree = GroupTree(numbering)
    pending: list[tuple[int, Cells, Spec, str]] = []
    ids: dict[int, int] = {}
    problems_before = len(problems)
    for r, values in rows:
        c = Cells(GROUP_SHEET, r, values, problems)
        g = _group_row(c, r)
        gid = c.integer("id", lo=1, hi=2**31 - 1, label="ID")
        if gid is not None:
            if gid in ids:
                c.fail("id", f"ID {gid} が {ids[gid]} 行目と重複しています"
                             "（行をコピーしたときは ID を空欄にしてください）。")
            ids[gid] = r
            g["id"] = gid
        depth = _depth(c, labels)
        parent_ref = c.text("parent")
        if depth == 1 and parent_ref:
            c.fail("parent", f"階層 1 のグループに親はありません（「{parent_ref}」）。"
                             "親のコードを空欄にするか、階層を直してください。")
        elif depth is not None and depth > 1 and not parent_ref:
            c.fail("parent", f"階層 {depth} のグループには親のコード（階層 {depth - 1} のグループ）を書いてください。")
        elif depth is not None and g["number"] is not None and g["title"]:
            pending.append((depth, c, g, parent_ref))
    unplaced: list[tuple[int, Cells, Spec, str]] = []
    for depth in sorted({d for d, *_ in pending}):
        resolver = tree.resolver()  # the groups of the depths above
        for d, c, g, ref in (p for p in pending if p[0] == depth):
            parent: RefNode | None = None
            if d > 1:
                parent, _why = resolver.find(ref)
                if parent is None:
                    unplaced.append((d, c, g, ref))
                    continue
                parent_depth = len(tree.numbers[id(parent)])
                if parent_depth != d - 1:
                    c.fail("depth", f"階層が {d} ですが、親「{ref}」は階層 {parent_depth} です"
                                    f"（階層 {parent_depth + 1} にしてください）。")
                    continue
            tree.add(g, parent, c)
    _explain_unplaced(unplaced, tree, pending)
    resolver = tree.resolver()
    # A group row refused above leaves its initiatives without a group: they are not
    # reported again, one by one (the group's own message says what to mend).
    groups_refused = len(problems) > problems_before

    def place(c: Cells, ini: Spec) -> None:
        ref = c.text("group", required=True, label="所属グループのコード")
        if not ref:
            return
        node, why = resolver.find(ref)
        if node is None:
            if not groups_refused:
                c.fail("group", why)
            return
        tree.specs[id(node)]["initiatives"].append(ini)
        ini["_path"] = tree.numbers[id(node)]

    return tree, place


def _explain_unplaced(unplaced: list[tuple[int, Cells, Spec, str]], tree: GroupTree,
                      pending: list[tuple[int, Cells, Spec, str]]) -> None:
    """Why a group found no parent among the depths above: none, several, a deeper one, a cycle."""
    # What each unplaced row would be called if it were placed (its written code, or its
    # code as far as it can be told), to recognise a parent below or a cycle.
    by_code: dict[str, list[tuple[int, Cells, Spec, str]]] = {}
    for p in pending:
        g = p[2]
        if all(g is not q[2] for q in unplaced):
            continue
        by_code.setdefault(ref_key(g.get("code") or ""), []).append(p)
    for d, c, g, parent_ref in unplaced:
        candidates = [p for p in by_code.get(ref_key(parent_ref), []) if p[2] is not g] if parent_ref else []
        if len(candidates) == 1:
            seen = [g]
            nxt = candidates[0]
            while True:
                if nxt[2] in seen:
                    rows = " → ".join(f"{x['_row']} 行目" for x in [*seen, nxt[2]])
                    c.fail("parent", f"親子関係が循環しています（{rows}）。親のコードを直してください。")
                    break
                seen.append(nxt[2])
                up = [p for p in by_code.get(ref_key(nxt[3]), []) if p[2] is not nxt[2]] if nxt[3] else []
                if len(up) != 1:
                    c.fail("depth", f"階層が {d} ですが、親「{parent_ref}」（{candidates[0][2]['_row']} 行目）は"
                                    f"階層 {candidates[0][0]} です。階層と親のコードを直してください。")
                    break
                nxt = up[0]
            continue
        node, why = tree.resolver().find(parent_ref)
        if node is not None:  # placed after this row's depth: it is deeper
            deeper = len(tree.numbers[id(node)])
            c.fail("depth", f"階層が {d} ですが、親「{parent_ref}」は階層 {deeper} です"
                            f"（階層 {deeper + 1} にしてください）。")
        else:
            c.fail("parent", why)


def read_groups_v1(sheets: dict[str, Rows], numbering: str, problems: list[Any]) -> tuple[GroupTree, Place]:
    """基本方針 and 推進事項 (version 1) as depth 1 and 2; returns the tree and a function
    that places an initiative row by its two numbers."""
    tree = GroupTree(numbering)
    policies: dict[int, RefNode] = {}
    for r, values in sheets["基本方針"]:
        c = Cells("基本方針", r, values, problems, keys=_keys("基本方針"))
        g = _group_row(c, r, hi=999, number_required=True)
        number = g["number"]
        if number is None or not g["title"]:
            continue
        if number in policies:
            c.fail("number", f"基本方針の番号 {number} が重複しています。")
            continue
        if (node := tree.add(g, None, c)) is not None:
            policies[number] = node
    items: dict[tuple[int, int], RefNode] = {}
    for r, values in sheets["推進事項"]:
        c = Cells("推進事項", r, values, problems, keys=_keys("推進事項"))
        pnum = c.integer("policy", required=True, lo=1, hi=999, label="基本方針の番号")
        g = _group_row(c, r, hi=999, number_required=True)
        number = g["number"]
        if pnum is not None and pnum not in policies:
            c.fail("policy", f"基本方針 {pnum} が「基本方針」シートにありません。")
        elif pnum is not None and number is not None and g["title"]:
            if (pnum, number) in items:
                c.fail("number", f"推進事項 {pnum}-{number} が重複しています。")
            elif (node := tree.add(g, policies[pnum], c)) is not None:
                items[(pnum, number)] = node

    def place(c: Cells, ini: Spec) -> None:
        pnum = c.integer("policy", required=True, lo=1, hi=999, label="基本方針の番号")
        inum = c.integer("item", required=True, lo=1, hi=999, label="推進事項の番号")
        if pnum is None or inum is None:
            return
        node = items.get((pnum, inum))
        if node is None:
            c.fail("item", f"推進事項 {pnum}-{inum} が「推進事項」シートにありません。")
            return
        tree.specs[id(node)]["initiatives"].append(ini)
        ini["_path"] = tree.numbers[id(node)]

    return tree, place


def _keys(sheet: str) -> list[str]:
    return [k for k, _h, _w in SHEET_BY_NAME_V1[sheet].columns]
