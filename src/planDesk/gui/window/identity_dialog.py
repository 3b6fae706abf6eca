"""「利用者の設定」: which department am I, or am I the division (情報政策課)?"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from planDesk.core.reports.assignment import reporting_departments
from planDesk.gui.identity import DIVISION, DIVISION_LABEL, Identity

if TYPE_CHECKING:  # plain dataclasses: imported with the plan, after the first paint
    from planDesk.core.plan.view import PlanView


class IdentityDialog(QDialog):
    def __init__(self, plan: PlanView, current: Identity | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("利用者の設定"))
        self.setObjectName("identityDialog")
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("「{0}」で、あなたの所属を選んでください。\n"
                               "所属によって、入力・確認できる内容が変わります。後から［ファイル］メニューで変更できます。")
                       .format(plan.name), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.dept_radio = QRadioButton(self.tr("担当部署として報告を入力する(&D)"), self)
        self.dept_box = QComboBox(self)
        self.dept_box.setAccessibleName(self.tr("所属部署"))
        self.dept_box.setEditable(True)  # type to find a department among dozens
        self.dept_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # The division is offered once, below: as a department of the list too it read as
        # two choices for the same people (its own reports are entered as the division).
        division_name = DIVISION_LABEL.split("（")[0]
        for d in reporting_departments(plan):
            if d.name != division_name:
                self.dept_box.addItem(d.name)
        self.division_radio = QRadioButton(
            self.tr("情報政策課として取りまとめる（全部署の報告の確認・差戻し）(&V)"), self)
        layout.addWidget(self.dept_radio)
        layout.addWidget(self.dept_box)
        layout.addWidget(self.division_radio)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b91c1c")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if current is not None and current.is_division:
            self.division_radio.setChecked(True)
        else:
            self.dept_radio.setChecked(True)
        # No department is preselected: an OK pressed without looking must not pick one.
        self.dept_box.setCurrentIndex(self.dept_box.findText(current.department)
                                      if current is not None and current.department else -1)
        editor = self.dept_box.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(self.tr("部署名を選ぶか、入力して絞り込み"))
            editor.textEdited.connect(lambda _t: self.dept_radio.setChecked(True))
        self.dept_radio.toggled.connect(self.dept_box.setEnabled)
        self.dept_box.setEnabled(self.dept_radio.isChecked())

    def identity(self) -> Identity | None:
        if self.division_radio.isChecked():
            return DIVISION
        name = self.dept_box.currentText().strip()
        if self.dept_box.findText(name) < 0:
            return None
        return Identity(name)

    def _accept(self) -> None:
        if self.identity() is None:
            text = self.dept_box.currentText().strip()
            self.error.setText(self.tr("部署「{0}」はこの計画にありません。一覧から選んでください。").format(text)
                               if text else self.tr("所属する部署を一覧から選んでください。"))
            return
        self.accept()
