"""A merged submission obeys the on-screen 提出's rule: never 提出済 with a required field empty.

The rule itself is ``report_ops.missing_required`` (one home). Here it is applied to what
each report would hold after the merge: the database's values with the file's changes
(conflicts keep the database's value). A report the merge would make or leave 提出済 with
a required field empty refuses the file, naming each empty cell — or, when the division
chooses so (``MergeOptions.incomplete_as_draft``), it is taken in as 下書き and the outcome
says so. A report that is already 提出済 or 確認済 in the database cannot be put back to
下書き by a file: that is the division's 差戻し, so such a row refuses the file either way.
"""

from __future__ import annotations

from planDesk.core.reports.ops import REQUIRED_FIELDS, missing_required
from planDesk.core.submissions.diff import FileDiff
from planDesk.core.submissions.format import SHEET_REPORTS
from planDesk.core.xlsx.cells import Problem, SubmissionRefused

REQUIRED_LABELS = "・".join(REQUIRED_FIELDS.values())


def check_required(diff: FileDiff, *, draft: bool) -> None:
    """Set ``diff.draft_initiatives`` or raise SubmissionRefused listing every empty required cell."""
    res = diff.resolved
    cells = {(f.initiative_id, f.field): f.cell for f in res.fields if f.sheet == SHEET_REPORTS}
    changed: dict[int, dict[str, object]] = {}
    for c in diff.to_apply:
        changed.setdefault(c.initiative_id, {})[c.field] = c.theirs
    problems: list[Problem] = []
    drafts: set[int] = set()
    for ini_id, fields in changed.items():
        master = diff.masters.get(ini_id)
        after = dict(master.values) if master else {}
        after.update(fields)
        missing = missing_required(after.get("activities"), after.get("evaluation"), after.get("direction"),
                                   has_scale=res.has_scale, has_directions=res.has_directions)
        if not missing:
            continue
        code, title = res.initiatives[ini_id]
        locked = master is not None and master.status != "draft"
        if draft and not locked:
            drafts.add(ini_id)
            continue
        labels = {v: k for k, v in REQUIRED_FIELDS.items()}
        for label in missing:
            cell = cells.get((ini_id, labels[label]), "")
            why = ("提出済の報告の必須項目は空にできません" if locked
                   else "空のままでは提出済にできません")
            problems.append(Problem(SHEET_REPORTS, cell, f"{code}「{title}」の{label}が空です（{why}）。"))
    if problems:
        hint = (f"必須項目（{REQUIRED_LABELS}）を入力したブックを送ってもらってください。"
                "このファイルからは何も取り込んでいません。")
        if not draft:
            hint += ("必須項目が空の行を下書きとして取り込む場合は --accept-incomplete-as-draft を付けてください"
                     "（取込画面では「必須項目が空の行は下書きとして取り込む」）。")
        raise SubmissionRefused(res.name, problems, hint=hint)
    diff.draft_initiatives = frozenset(drafts)
