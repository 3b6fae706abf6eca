"""The legend of the roadmap view, painted from the same primitives as on paper."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from planDesk.core.roadmap.legend import layout_legend
from planDesk.core.roadmap.measure import FontMeasurer
from planDesk.core.roadmap.primitives import Primitive
from planDesk.gui.roadmap.painter import QtStyles, paint_primitives


class LegendWidget(QWidget):
    """The legend, painted from the same primitives as on paper."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.k = self.logicalDpiY() / 72.0
        self._styles = QtStyles(self.logicalDpiY())
        self._measurer = FontMeasurer()
        self._args: tuple[date, bool, int | None] = (date.today(), True, None)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_state(self, today: date, in_period: bool, cycle_fy: int | None) -> None:
        self._args = (today, in_period, cycle_fy)
        self.updateGeometry()
        self.update()

    def _legend(self, width_px: int) -> tuple[list[Primitive], float, float]:
        today, in_period, fy = self._args
        return layout_legend(self._measurer, today=today, today_in_period=in_period, cycle_fy=fy,
                             max_width=max(200.0, width_px / self.k - 8))

    def sizeHint(self) -> QSize:
        _, _, h = self._legend(max(self.width(), 600))
        return QSize(600, round((h + 6) * self.k))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round((self._legend(width)[2] + 6) * self.k)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(self.k, self.k)
        painter.translate(4, 3)
        prims, _, _ = self._legend(self.width())
        paint_primitives(painter, prims, self._styles)
        painter.end()
