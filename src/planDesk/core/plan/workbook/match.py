"""Recognising the rows of a plan workbook as groups and initiatives the database already has.

Groups: in a file exported from this very plan (its meta names the plan's instance), a row
whose ID is a group of the plan is that group, wherever it moved. Where the IDs are another
database's (a department's copy is made from the division's hand-out) or another revision's,
or a row has none, a group is matched within its (matched) parent: by code as displayed,
then code and title when several share the code, else by title when exactly one sibling
has it.

Initiatives: a row without an ID is matched to an existing initiative of the plan that no
row names by ID:

1. by code (as displayed, compared without width or hyphen differences: １－２ = 1-2);
   when several initiatives share the code (a retired one and its successor), the one
   with the same title;
2. otherwise by title, when exactly one unclaimed initiative has it.

Every match of a row without an ID is listed (so ``import-plan --dry-run`` shows it). A row
that could be any of several, or two rows that claim the same one, refuse the whole file
with the rows named: guessing would attach reports to the wrong initiative.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from planDesk.core.domain import codes
from planDesk.core.domain.model import Initiative, PlanGroup
from planDesk.core.errors import UserError
from planDesk.core.plan.workbook.layout import GROUP_SHEET, INITIATIVE_SHEET
from planDesk.core.plan.workbook.refs import ref_key

Spec = dict[str, Any]


def group_rows(numbering: str, groups: Sequence[Spec], parent: Spec | None = None,
               path: tuple[int, ...] = ()) -> Iterator[tuple[Spec, Spec | None, tuple[int, ...], str]]:
    """Every group spec of the file in plan order: (spec, parent spec, numbers of its path, code)."""
    for g in groups:
        numbers = (*path, g["number"])
        yield g, parent, numbers, codes.shown(g.get("code"), codes.group_code(numbering, numbers))
        yield from group_rows(numbering, g["groups"], g, numbers)


def initiative_rows(numbering: str, groups: Sequence[Spec]) -> Iterator[tuple[Spec, Spec, str]]:
    """Every initiative spec of the file in plan order: (spec, its group's spec, code as displayed)."""
    for g, _parent, numbers, _code in group_rows(numbering, groups):
        for d in g["initiatives"]:
            computed = codes.initiative_code_of(numbering, (*numbers, d["number"]))
            yield d, g, codes.shown(d.get("code"), computed)


def _where(d: Spec, code: str, sheet: str = INITIATIVE_SHEET) -> str:
    row = d.get("_row")
    sheet = d.get("_sheet", sheet)
    return (f"シート「{sheet}」{row} 行目" if row else f"シート「{sheet}」") + f"（{code}「{d['title']}」）"


def _refuse(problems: list[str], sheet: str, hint: str) -> None:
    if problems:
        raise UserError(f"計画ブックの「{sheet}」の行を、既存の行と対応づけられません：\n" + "\n".join(problems),
                        hint=hint + "何も取り込んでいません。")


def match_groups(numbering: str, specs: Sequence[Spec], existing: Sequence[PlanGroup], old_codes: dict[int, str],
                 *, use_ids: bool, lines: list[str]) -> dict[int, PlanGroup]:
    """The existing group of each group row that is one, keyed by ``id(row spec)``; matches of
    rows without an ID are appended to ``lines``. Raises UserError on an ambiguous match."""
    by_id = {g.id: g for g in existing}
    matched: dict[int, PlanGroup] = {}
    claimed: dict[int, tuple[Spec, str]] = {}
    rows = list(group_rows(numbering, specs))
    if use_ids:
        for g, _parent, _numbers, code in rows:
            row = by_id.get(g.get("id", -1))
            if row is not None:
                matched[id(g)] = row
                claimed[row.id] = (g, code)
    children: dict[int | None, list[PlanGroup]] = {}
    for row in existing:
        if row.id not in claimed:
            children.setdefault(row.parent_id, []).append(row)
    problems: list[str] = []
    for g, parent, _numbers, code in rows:
        if id(g) in matched:
            continue
        if parent is not None and id(parent) not in matched:
            continue  # a new parent: everything below it is new
        siblings = children.get(matched[id(parent)].id if parent is not None else None, [])
        candidates, how = _narrow([s for s in siblings if ref_key(old_codes.get(s.id, "")) == ref_key(code)],
                                  [s for s in siblings if s.title == g["title"]], g["title"])
        if len(candidates) > 1:
            listed = "、".join(f"{old_codes.get(c.id, '')}「{c.title}」" for c in candidates)
            problems.append(f"{_where(g, code, GROUP_SHEET)}は、既存の {listed} のどれとも取れます。")
            continue
        if not candidates:
            continue
        row = candidates[0]
        if row.id in claimed:
            problems.append(f"{_where(g, code, GROUP_SHEET)}と{_where(*claimed[row.id], GROUP_SHEET)}が、"
                            f"同じ既存のグループ {old_codes.get(row.id, '')}「{row.title}」を指しています。")
            continue
        claimed[row.id] = (g, code)
        matched[id(g)] = row
        if use_ids and "id" not in g:
            lines.append(f"ID のない行 {_where(g, code, GROUP_SHEET)}を、{how}が同じ既存の "
                         f"{old_codes.get(row.id, '')}「{row.title}」として扱います")
    _refuse(problems, GROUP_SHEET, "「グループ」シートの ID 列に、planDesk が書き出した ID を入れてください"
                                   "（plandesk export plan で出力したブックには入っています）。")
    return matched


def _narrow(by_code: list[Any], by_title: list[Any], title: str) -> tuple[list[Any], str]:
    """The existing rows (groups or initiatives) a row without an ID may be, and how they were
    found: by code, narrowed by title when several share it; else by title alone."""
    if len(by_code) > 1:
        return [c for c in by_code if c.title == title] or by_code, "コードと名前"
    if by_code:
        return by_code, "コード"
    return by_title, "名前"


def match_rows_without_id(numbering: str, groups: Sequence[Spec], existing: dict[str, Initiative],
                          old_codes: dict[str, str], lines: list[str]) -> dict[int, Initiative]:
    """The existing initiative of each row without an ID that matches one, keyed by
    ``id(row spec)``; the matches are appended to ``lines``. Raises UserError (nothing
    changed) on an ambiguous match."""
    rows = [(d, code) for d, _group, code in initiative_rows(numbering, groups)]
    named = {d["uid"] for d, _code in rows if d.get("uid")}
    free = {uid: ini for uid, ini in existing.items() if uid not in named}
    by_code: dict[str, list[Initiative]] = {}
    by_title: dict[str, list[Initiative]] = {}
    for uid, ini in free.items():
        by_code.setdefault(ref_key(old_codes.get(uid, "")), []).append(ini)
        by_title.setdefault(ini.title, []).append(ini)
    matched: dict[int, Initiative] = {}
    claimed: dict[str, tuple[Spec, str]] = {}
    problems: list[str] = []
    for d, code in rows:
        if d.get("uid"):
            continue
        candidates, how = _narrow(by_code.get(ref_key(code), []), by_title.get(d["title"], []), d["title"])
        if len(candidates) > 1:
            listed = "、".join(f"{old_codes.get(c.uid, '')}「{c.title}」" for c in candidates)
            problems.append(f"{_where(d, code)}は、既存の {listed} のどれとも取れます。")
            continue
        if not candidates:
            continue
        ini = candidates[0]
        if ini.uid in claimed:
            problems.append(f"{_where(d, code)}と{_where(*claimed[ini.uid])}が、同じ既存の取組 "
                            f"{old_codes.get(ini.uid, '')}「{ini.title}」を指しています。")
            continue
        claimed[ini.uid] = (d, code)
        matched[id(d)] = ini
        lines.append(f"ID のない行 {_where(d, code)}を、{how}が同じ既存の "
                     f"{old_codes.get(ini.uid, '')}「{ini.title}」として扱います")
    if problems:
        raise UserError(
            "計画ブックの ID のない行を、既存の取組と対応づけられません：\n" + "\n".join(problems),
            hint="取組事項シートの ID 列に、planDesk が書き出した ID を入れてください"
                 "（plandesk export plan で出力したブックには入っています）。何も取り込んでいません。")
    return matched
