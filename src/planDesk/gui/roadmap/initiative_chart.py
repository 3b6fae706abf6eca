"""One initiative's 工程表 as a small chart on its page, from the same layout as the
roadmap view and the printouts (``core.roadmap.layout``), drawn by the screen painter.

The chart is as wide as the page: the plan's fiscal years are stretched to the width, so
it never scrolls; its height follows from the layout (one lane per overlapping step).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from planDesk.core.plan.view import InitiativeView, PlanView
from planDesk.core.roadmap.layout import RoadmapLayout, layout_roadmap
from planDesk.core.roadmap.measure import FontMeasurer
from planDesk.gui.plan_text import step_period
from planDesk.gui.roadmap.canvas import SCREEN_ZOOM
from planDesk.gui.roadmap.painter import QtRowCache, QtStyles, paint_viewport

MIN_CHART_WIDTH = 240.0  # points: narrower pages still get a readable chart (and scroll)


class InitiativeRoadmap(QWidget):
    def __init__(self, plan: PlanView, ini: InitiativeView, parent: Any = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.plan, self.ini = plan, ini
        self.today = today or date.today()
        self.k = self.logicalDpiY() / 72.0 * SCREEN_ZOOM
        self._styles = QtStyles(self.logicalDpiY())
        self._measurer = FontMeasurer()
        self._layout: RoadmapLayout | None = None
        self._cache: QtRowCache | None = None
        self.setObjectName("initiativeRoadmap")
        self.setAccessibleName(self.tr("工程表"))
        steps = [f"{s.label}（{step_period(s)}）" for s in ini.steps]
        self.setAccessibleDescription("\n".join(steps))
        self.setToolTip("\n".join("・" + t for t in steps))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.relayout(600)

    def roadmap_layout(self) -> RoadmapLayout:
        assert self._layout is not None
        return self._layout

    def relayout(self, width_px: int) -> None:
        """Lay the chart out to ``width_px`` pixels and take its height."""
        chart_w = max(MIN_CHART_WIDTH, width_px / self.k - 1)
        self._layout = layout_roadmap(self.plan, measurer=self._measurer, today=self.today,
                                      initiatives=[self.ini], label_width=0, show_groups=False,
                                      chart_width=chart_w, states={}, group_markers=False,
                                      show_today=self._today_in_period())
        self._cache = QtRowCache(self._layout, self._styles)
        self.setFixedHeight(round(self._layout.height * self.k) + 2)
        self.update()

    def _today_in_period(self) -> bool:
        """The today line helps inside the period; outside it a note would only take room."""
        fy = self.today.year if self.today.month >= 4 else self.today.year - 1
        return self.plan.start_fy <= fy <= self.plan.end_fy

    def sizeHint(self) -> QSize:
        return QSize(600, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        layout = self._layout
        if layout is None or abs(layout.width * self.k - event.size().width()) > 2:
            self.relayout(event.size().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#ffffff"))
        if self._cache is not None and self._layout is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.scale(self.k, self.k)
            paint_viewport(painter, self._cache, 0, 0, self._layout.width, self._layout.height)
        painter.end()
