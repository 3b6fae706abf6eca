"""What the merge screen asks before 取り込む and says after it (tests replace these)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from planDesk.core.submissions.merge import FileOutcome
from planDesk.gui.widgets.message_box import roomy

translate = QCoreApplication.translate  # lupdate finds translate("context", "…") calls


def _counts(o: FileOutcome) -> tuple[int, int]:
    d = o.diff
    if d is not None:
        return len(d.to_apply), len(d.conflicts)
    return o.applied, o.conflicts


def _department(o: FileOutcome) -> str:
    return o.diff.resolved.department if o.diff is not None else o.department


def confirm_merge(parent: QWidget | None, outcomes: Sequence[FileOutcome]) -> bool:
    """「N 件のファイルを取り込みます」 with what each brings; True to go on."""
    lines = []
    for o in outcomes:
        applied, conflicts = _counts(o)
        line = translate("merge", "・{0}（{1}）：変更 {2} 件").format(o.name, _department(o), applied)
        if conflicts:
            line += translate("merge", "、競合 {0} 件（取込後に［競合］で選びます）").format(conflicts)
        lines.append(line)
    box = QMessageBox(QMessageBox.Icon.Question, translate("merge", "提出物の取込"),
                      translate("merge", "{0} 件のファイルを取り込みます。よろしいですか。").format(len(outcomes)),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText("\n".join(lines) + "\n\n" + translate(
        "merge", "取り込む前にデータベースのバックアップを作ります。取込は［履歴］からいつでも取り消せます。"))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return roomy(box).exec() == QMessageBox.StandardButton.Yes


def merged_text(outcomes: Sequence[FileOutcome]) -> tuple[str, str]:
    """The headline and the details of what a merge did."""
    merged = [o for o in outcomes if o.status == "merged"]
    other = [o for o in outcomes if o.status != "merged"]
    lines = []
    conflicts = 0
    for o in merged:
        applied, c = _counts(o)
        conflicts += c
        lines.append(translate("merge", "・{0}（{1}）：{2} 件を反映").format(o.name, _department(o), applied))
    for o in other:
        lines.append(translate("merge", "・{0}：取り込んでいません（{1}）").format(
            o.name, "；".join(o.messages[:1]) or o.status))
    if conflicts:
        lines.append(translate("merge", "競合が {0} 件あります。［競合］タブでどちらの値を残すか選んでください。")
                     .format(conflicts))
    lines.append(translate("merge", "取り消すときは［履歴］タブで取込を選び、［この取込を取り消す］を押します。"))
    head = translate("merge", "{0} 件のファイルを取り込みました。").format(len(merged)) if merged else \
        translate("merge", "取り込めたファイルはありません。")
    return head, "\n".join(lines)


def tell_merged(parent: QWidget | None, outcomes: Sequence[FileOutcome]) -> None:
    head, details = merged_text(outcomes)
    merged = any(o.status == "merged" for o in outcomes)
    box = QMessageBox(QMessageBox.Icon.Information if merged else QMessageBox.Icon.Warning,
                      translate("merge", "提出物の取込"), head, QMessageBox.StandardButton.Close, parent)
    box.setInformativeText(details)
    roomy(box).exec()
