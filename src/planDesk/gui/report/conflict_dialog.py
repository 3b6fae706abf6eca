"""Asking the user what to do when someone else saved the same report first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

translate = QCoreApplication.translate  # lupdate finds translate("context", "…") calls

KEEP_MINE, TAKE_THEIRS, LATER = "mine", "theirs", "later"


def _short(text: str, limit: int = 80) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def ask(parent: QWidget | None, who: str, rows: list[tuple[str, str, str]]) -> str:
    """rows: (field label, mine, theirs). Returns KEEP_MINE, TAKE_THEIRS or LATER."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("conflict", "同じ報告が先に保存されています"))
    text = translate("conflict", "この報告は {0} が先に保存しました。次の項目があなたの入力と違います。")
    box.setText(text.format(who or translate("conflict", "他の利用者")))
    empty = translate("conflict", "（空）")
    row_text = translate("conflict", "【{0}】\n  あなた：{1}\n  保存済み：{2}")
    lines = [row_text.format(label, _short(m) or empty, _short(t) or empty) for label, m, t in rows]
    box.setInformativeText("\n".join(lines) + "\n\n" + translate(
        "conflict", "どちらを残しますか。相手の内容を採用しても、あなたの入力は［元に戻す］（Ctrl+Z）で戻せます。"))
    mine = box.addButton(translate("conflict", "自分の入力を残す"), QMessageBox.ButtonRole.AcceptRole)
    theirs = box.addButton(translate("conflict", "保存済みの内容を採用"), QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton(translate("conflict", "後で決める"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(later)
    box.exec()
    clicked = box.clickedButton()
    if clicked is mine:
        return KEEP_MINE
    if clicked is theirs:
        return TAKE_THEIRS
    return LATER
