"""The filter controls above the plan tree; emits a ``FilterSpec`` when any changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QWidget

from planDesk.gui.labels import status_label
from planDesk.gui.plan.filter import ANY, NO_EVALUATION, FilterSpec
from planDesk.gui.plan.report_index import STATUS_ORDER

if TYPE_CHECKING:  # plain dataclasses: imported with the plan, after the first paint
    from planDesk.core.plan.view import PlanView


class FilterBar(QWidget):
    changed = Signal(object)  # FilterSpec

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("検索（Ctrl+F）：番号・名称・概要・部署…"))
        self.search.setAccessibleName(self.tr("検索"))
        self.search.setClearButtonEnabled(True)
        self.mine = QCheckBox(self.tr("自部署(&M)"), self)
        self.priority = QCheckBox(self.tr("重点(&P)"), self)
        self.new = QCheckBox(self.tr("新規(&N)"), self)
        self._name_checks(None)
        self.evaluation = QComboBox(self)
        self.evaluation.setAccessibleName(self.tr("進捗評価で絞り込み"))
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("報告状況で絞り込み"))
        self.status.addItem(self.tr("報告状況：すべて"), ANY)
        for code in STATUS_ORDER:
            self.status.addItem(status_label(code), code)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.search, 0, 0, 1, 2)
        checks = QHBoxLayout()
        for box in (self.mine, self.priority, self.new):
            checks.addWidget(box)
        checks.addStretch(1)
        grid.addLayout(checks, 1, 0, 1, 2)
        grid.addWidget(self.evaluation, 2, 0)
        grid.addWidget(self.status, 2, 1)

        # Typing filters after a short pause so a 10,000-initiative tree stays responsive.
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(150)
        self._typing.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        for box in (self.mine, self.priority, self.new):
            box.toggled.connect(self._emit)
        self.evaluation.currentIndexChanged.connect(self._emit)
        self.status.currentIndexChanged.connect(self._emit)

    def _name_checks(self, word: str | None) -> None:
        """The check boxes' accessible names, with the plan's word for its items once known."""
        if word is None:
            names = (self.tr("自部署のものだけ表示"), self.tr("重点のものだけ表示"), self.tr("新規のものだけ表示"))
        else:
            names = (self.tr("自部署の{0}だけ表示").format(word), self.tr("重点の{0}だけ表示").format(word),
                     self.tr("新規の{0}だけ表示").format(word))
        for box, name in zip((self.mine, self.priority, self.new), names, strict=True):
            box.setAccessibleName(name)

    def set_plan(self, plan: PlanView, has_department: bool) -> None:
        self._name_checks(plan.initiative_label)
        self.evaluation.blockSignals(True)
        self.evaluation.clear()
        self.evaluation.addItem(self.tr("進捗評価：すべて"), ANY)
        for code, label in plan.evaluation_scale:
            self.evaluation.addItem(f"{code} {label}", code)
        self.evaluation.addItem(self.tr("評価なし"), NO_EVALUATION)
        self.evaluation.blockSignals(False)
        self.mine.setEnabled(has_department)
        if not has_department:
            self.mine.setChecked(False)

    def reset(self) -> None:
        """Clear every criterion (one change signal)."""
        widgets = (self.search, self.mine, self.priority, self.new, self.evaluation, self.status)
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        for box in (self.mine, self.priority, self.new):
            box.setChecked(False)
        self.evaluation.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        for w in widgets:
            w.blockSignals(False)
        self._typing.stop()
        self._emit()

    def show_mine(self) -> None:
        """A department starts with its own initiatives shown (all of them one click away)."""
        if self.mine.isEnabled() and not self.mine.isChecked():
            self.mine.setChecked(True)

    def spec(self) -> FilterSpec:
        return FilterSpec(
            mine=self.mine.isChecked() and self.mine.isEnabled(),
            priority=self.priority.isChecked(),
            new=self.new.isChecked(),
            evaluation=str(self.evaluation.currentData() or ANY),
            status=str(self.status.currentData() or ANY),
            text=self.search.text(),
        )

    def flush(self) -> None:
        """Apply pending typing now (tests, Enter)."""
        if self._typing.isActive():
            self._typing.stop()
            self._emit()

    def _emit(self) -> None:
        self.changed.emit(self.spec())
