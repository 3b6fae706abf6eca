"""The reporting-cycle selector: a fiscal year of the plan (令和N年度) and optionally a half."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from planDesk.core.domain.fiscal import clamp_fy, fiscal_year_of, format_fy, format_fy_short
from planDesk.gui.plan.report_index import Cycle


def default_cycle(start_fy: int, end_fy: int, today: date | None = None) -> Cycle:
    """The current fiscal year, clamped into the plan's period; the whole year."""
    return Cycle(clamp_fy(fiscal_year_of(today or date.today()), start_fy, end_fy), 0)


class CycleSelector(QWidget):
    cycleChanged = Signal(object)  # Cycle

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("報告年度(&Y)"), self)
        self.fy_box = QComboBox(self)
        self.fy_box.setAccessibleName(self.tr("報告年度"))
        label.setBuddy(self.fy_box)
        self.half_box = QComboBox(self)
        self.half_box.setAccessibleName(self.tr("報告期間"))
        for text, half in ((self.tr("通年"), 0), (self.tr("上半期"), 1), (self.tr("下半期"), 2)):
            self.half_box.addItem(text, half)
        layout.addWidget(label)
        layout.addWidget(self.fy_box)
        layout.addWidget(self.half_box)
        self.fy_box.currentIndexChanged.connect(self._changed)
        self.half_box.currentIndexChanged.connect(self._changed)
        self._quiet = False

    def set_period(self, start_fy: int, end_fy: int, cycle: Cycle) -> None:
        """Offer the plan's fiscal years and select ``cycle`` (without emitting)."""
        self._quiet = True
        try:
            self.fy_box.clear()
            for fy in range(start_fy, end_fy + 1):
                # {0} 令和7年度, {1} 2025, {2} R7: English says "FY2025 (R7)".
                self.fy_box.addItem(self.tr("{0}", "fiscal year").format(format_fy(fy), fy, format_fy_short(fy)), fy)
            self.fy_box.setCurrentIndex(max(0, self.fy_box.findData(cycle.fy)))
            self.half_box.setCurrentIndex(max(0, self.half_box.findData(cycle.half)))
        finally:
            self._quiet = False

    def cycle(self) -> Cycle:
        return Cycle(int(self.fy_box.currentData()), int(self.half_box.currentData()))

    def set_cycle(self, cycle: Cycle) -> None:
        self.fy_box.setCurrentIndex(max(0, self.fy_box.findData(cycle.fy)))
        self.half_box.setCurrentIndex(max(0, self.half_box.findData(cycle.half)))

    def _changed(self) -> None:
        if not self._quiet and self.fy_box.count():
            self.cycleChanged.emit(self.cycle())
