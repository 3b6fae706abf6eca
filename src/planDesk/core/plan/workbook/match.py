"""Recognising rows typed without an ID as initiatives the database already has.

A city that keeps its plan in the template types rows without IDs. Re-importing such a
workbook must not add every initiative again and retire the originals (their reports
would stay on the retired copies), so a row without an ID is matched to an existing
initiative of the plan that no row names by ID:

1. by code (as displayed, compared without width or hyphen differences: １－２ = 1-2);
   when several initiatives share the code (a retired one and its successor), the one
   with the same title;
2. otherwise by title, when exactly one unclaimed initiative has it.

Every match is listed (so ``import-plan --dry-run`` shows it). A row that could be any
of several initiatives, or two rows that claim the same one, refuse the whole file with
the rows named: guessing would attach reports to the wrong initiative.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jaconv

from planDesk.core.domain import codes
from planDesk.core.domain.model import Initiative, Plan
from planDesk.core.errors import UserError

_SHEET = "取組事項"


def _key(code: str) -> str:
    text = jaconv.z2h(code, kana=False, ascii=True, digit=True)
    return text.replace("－", "-").replace("ー", "-").replace("‐", "-").replace(" ", "").strip()


def _rows(plan: Plan, data: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    """Every initiative spec of the file with its displayed code."""
    for pd in data["policies"]:
        for itd in pd["items"]:
            for d in itd["initiatives"]:
                computed = codes.initiative_code(plan.numbering, pd["number"], itd["number"], d["number"])
                yield d, codes.shown(d.get("code"), computed)


def _where(d: dict[str, Any], code: str) -> str:
    row = d.get("_row")
    return (f"シート「{_SHEET}」{row} 行目" if row else f"シート「{_SHEET}」") + f"（{code}「{d['title']}」）"


def match_rows_without_id(plan: Plan, data: dict[str, Any], existing: dict[str, Initiative],
                          old_codes: dict[str, str], lines: list[str]) -> dict[int, Initiative]:
    """The existing initiative of each row without an ID that matches one, keyed by
    ``id(row spec)``; the matches are appended to ``lines``. Raises UserError (nothing
    changed) on an ambiguous match."""
    named = {d["uid"] for d, _code in _rows(plan, data) if d.get("uid")}
    free = {uid: ini for uid, ini in existing.items() if uid not in named}
    by_code: dict[str, list[Initiative]] = {}
    by_title: dict[str, list[Initiative]] = {}
    for uid, ini in free.items():
        by_code.setdefault(_key(old_codes.get(uid, "")), []).append(ini)
        by_title.setdefault(ini.title, []).append(ini)
    matched: dict[int, Initiative] = {}
    claimed: dict[str, tuple[dict[str, Any], str]] = {}
    problems: list[str] = []
    for d, code in _rows(plan, data):
        if d.get("uid"):
            continue
        candidates = by_code.get(_key(code), [])
        how = "コード"
        if len(candidates) > 1:
            candidates = [c for c in candidates if c.title == d["title"]] or candidates
            how = "コードと名前"
        if not candidates:
            candidates, how = by_title.get(d["title"], []), "名前"
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
