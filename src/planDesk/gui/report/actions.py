"""The questions the report workflow asks (提出, 差戻し); tests replace these functions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from planDesk.gui.widgets.message_box import roomy

translate = QCoreApplication.translate  # lupdate finds translate("context", "…") calls


def confirm_submit(parent: QWidget | None, what: str) -> bool:
    # The long title on a line of its own: appended to the sentence, it pushed the
    # sentence's end onto the next line (「提出し／ます」).
    box = QMessageBox(QMessageBox.Icon.Question, translate("actions", "提出"),
                      translate("actions", "次の報告を提出します。よろしいですか。"),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setInformativeText(what + "\n\n" + translate(
        "actions", "提出すると、差戻しされるまで部署では編集できません。\n"
        "提出のあと、情報政策課に送る提出用ファイル（Excel・PDF）を作成できます。"))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return roomy(box).exec() == QMessageBox.StandardButton.Yes


def confirm_confirm(parent: QWidget | None, what: str) -> bool:
    answer = QMessageBox.question(parent, translate("actions", "確認"),
                                  translate("actions", "{0} を確認済みにします。よろしいですか。").format(what))
    return answer == QMessageBox.StandardButton.Yes


def ask_return_comment(parent: QWidget | None, what: str) -> str | None:
    """The reason for 差戻し, or None if cancelled. An empty reason is not accepted."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("actions", "差戻し"))
    layout = QVBoxLayout(dialog)
    label = QLabel(translate("actions", "{0} を下書きに戻します。部署に伝える理由を入力してください（必須）。")
                   .format(what), dialog)
    label.setWordWrap(True)
    text = QPlainTextEdit(dialog)
    text.setAccessibleName(translate("actions", "差戻しの理由"))
    label.setBuddy(text)
    error = QLabel(dialog)
    error.setStyleSheet("color: #b91c1c")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    layout.addWidget(label)
    layout.addWidget(text)
    layout.addWidget(error)
    layout.addWidget(buttons)

    def accept() -> None:
        if not text.toPlainText().strip():
            error.setText(translate("actions", "差戻しの理由を入力してください。"))
            return
        dialog.accept()

    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return text.toPlainText().strip()
