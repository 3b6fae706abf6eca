"""The scrolling surface of the roadmap view: paints only what is visible, with the FY
header and the label column frozen (they scroll with the chart along their own axis).

It shows a RoadmapLayout; the owner (RoadmapView) decides what to lay out and listens to
its signals. A lazily built layout is completed in small steps between events, so a
10,000-initiative plan paints its first screen at once and stays responsive; the scroll
range follows the layout's height estimate until it is complete.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from planDesk.core.plan.view import InitiativeView, StepView
from planDesk.core.roadmap.layout import LayoutRow, Primitive, Ref, RoadmapLayout
from planDesk.core.roadmap.states import state_details
from planDesk.core.roadmap.text import departments_label, initiative_label, step_tooltip
from planDesk.gui.roadmap.painter import QtRowCache, QtStyles, paint_viewport

# The layout's sizes are for paper (7.5 pt labels, 9 pt bars); on screen they read as thin
# and small, so the screen shows them a quarter larger.
SCREEN_ZOOM = 1.25
_CHUNK_ROWS = 40  # rows laid out at a time while completing a lazy layout
_IDLE_BUDGET_S = 0.012  # per idle step: short enough to keep scrolling smooth


class RoadmapCanvas(QAbstractScrollArea):
    groupToggled = Signal(str, int)  # a group row's ref: (kind, id)
    initiativeActivated = Signal(int)
    zoomStepped = Signal(int)  # +1 zoom in, -1 zoom out
    currentChanged = Signal(object)  # the current row's ref or None
    viewportResized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.k = self.logicalDpiY() / 72.0 * SCREEN_ZOOM  # layout points → pixels
        self._styles = QtStyles(self.logicalDpiY())
        self._layout: RoadmapLayout | None = None
        self._cache: QtRowCache | None = None
        self._current: Ref | None = None
        self._steps: dict[int, tuple[InitiativeView, StepView]] | None = None
        self._idle = QTimer(self)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._complete_some)
        self.last_paint_count = 0

    # -- the layout ------------------------------------------------------------------
    @property
    def roadmap_layout(self) -> RoadmapLayout | None:
        return self._layout

    def set_roadmap_layout(self, layout: RoadmapLayout, *, anchor: tuple[Ref, float] | None = None,
                           centre_month: float | None = None, left_month: float | None = None) -> None:
        """Show a layout; keep ``anchor`` (a row ref and its offset from the top of the
        view, in points) in place, and the month ``centre_month`` in the middle (or the
        month ``left_month`` at the left edge of the chart)."""
        if self._layout is None or layout.plan is not self._layout.plan:
            self._steps = None
        self._layout = layout
        self._cache = QtRowCache(layout, self._styles)
        vh = self._view_h()
        layout.extend(until_y=vh + 200)
        if anchor is not None:
            index = self._extend_to_ref(anchor[0])
            if index is not None:
                self._set_scroll_y(layout.row(index).y - layout.header_height - anchor[1])
        self._update_ranges()
        if centre_month is not None:
            x = layout.axis.x_of(centre_month) - layout.label_width - (self._view_w() - layout.label_width) / 2
            self.horizontalScrollBar().setValue(round(x * self.k))
        elif left_month is not None:
            x = layout.axis.x_of(left_month) - layout.label_width
            self.horizontalScrollBar().setValue(round(x * self.k))
        self.viewport().update()  # the rest of a lazy layout follows after this paint

    def _extend_to_ref(self, ref: Ref) -> int | None:
        layout = self._layout
        assert layout is not None
        index = layout.index_of(ref)
        while index is None and not layout.complete:
            before = layout.row_count
            layout.extend(rows=400)
            index = next((i for i in range(before, layout.row_count) if layout.row(i).ref == ref), None)
        return index

    def _complete_some(self) -> None:
        """Lay out more rows for a few milliseconds, then let events through."""
        layout = self._layout
        deadline = time.perf_counter() + _IDLE_BUDGET_S
        while layout is not None and not layout.complete and time.perf_counter() < deadline:
            layout.extend(rows=_CHUNK_ROWS)
        if layout is None or layout.complete:
            self._idle.stop()
        self._update_ranges()

    def anchor(self) -> tuple[Ref, float] | None:
        """The row at the top of the view and its offset (to keep it there on relayout)."""
        layout = self._layout
        if layout is None:
            return None
        sy = self._scroll_y()
        if self._current is not None:
            index = layout.index_of(self._current)
            if index is not None and self._is_visible(layout.row(index)):
                return self._current, layout.row(index).y - layout.header_height - sy
        index = layout.row_at(sy + layout.header_height)
        if index is None:
            return None
        row = layout.row(index)
        return row.ref, row.y - layout.header_height - sy

    def left_month(self) -> float | None:
        """The month at the left edge of the visible chart."""
        layout = self._layout
        if layout is None:
            return None
        return max(0.0, layout.axis.month_of_x(self._scroll_x() + layout.label_width))

    def centre_month(self) -> float | None:
        layout = self._layout
        if layout is None:
            return None
        lw = layout.label_width
        return layout.axis.month_of_x(self._scroll_x() + lw + (self._view_w() - lw) / 2)

    # -- geometry --------------------------------------------------------------------
    def _view_w(self) -> float:
        return self.viewport().width() / self.k

    def _view_h(self) -> float:
        return self.viewport().height() / self.k

    def _scroll_x(self) -> float:
        return self.horizontalScrollBar().value() / self.k

    def _scroll_y(self) -> float:
        return self.verticalScrollBar().value() / self.k

    def _set_scroll_y(self, y: float) -> None:
        self.verticalScrollBar().setValue(round(max(0.0, y) * self.k))

    def _update_ranges(self) -> None:
        layout = self._layout
        if layout is None:
            return
        vw, vh = self.viewport().width(), self.viewport().height()
        h_range = max(0, round(layout.width * self.k) - vw)
        v_range = max(0, round(layout.height * self.k) - vh)
        for bar, rng, page in ((self.horizontalScrollBar(), h_range, vw), (self.verticalScrollBar(), v_range, vh)):
            bar.setRange(0, rng)
            bar.setPageStep(max(1, page - round(40 * self.k)))
            bar.setSingleStep(round(20 * self.k))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_ranges()
        self.viewportResized.emit()

    def available_chart_width(self) -> float:
        """Points left for the time axis beside the label column."""
        lw = self._layout.label_width if self._layout is not None else 200.0
        return self._view_w() - lw - 1

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def _is_visible(self, row: LayoutRow) -> bool:
        assert self._layout is not None
        top = self._scroll_y() + self._layout.header_height
        return row.y >= top and row.bottom <= self._scroll_y() + self._view_h()

    # -- painting --------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), QColor("#ffffff"))
        layout, cache = self._layout, self._cache
        if layout is not None and cache is not None:
            sx, sy, vw, vh = self._scroll_x(), self._scroll_y(), self._view_w(), self._view_h()
            if not layout.complete:
                layout.extend(until_y=sy + vh)  # a jump beyond what is laid out
            painter.scale(self.k, self.k)
            current = layout.index_of(self._current) if self._current is not None else None
            self.last_paint_count = paint_viewport(painter, cache, sx, sy, vw, vh, highlight=current)
            if not layout.complete and not self._idle.isActive():
                self._idle.start()  # complete the layout (and the scroll range) when idle
        painter.end()

    # -- hit testing -------------------------------------------------------------------
    def to_layout(self, pos: QPoint | QPointF) -> tuple[float, float, bool]:
        """Layout coordinates of a viewport position, and whether it is in the label column."""
        assert self._layout is not None
        x, y = pos.x() / self.k, pos.y() / self.k
        in_labels = x < self._layout.label_width
        lx = x if in_labels else x + self._scroll_x()
        ly = y if y < self._layout.header_height else y + self._scroll_y()
        return lx, ly, in_labels

    def row_at_pos(self, pos: QPoint | QPointF) -> LayoutRow | None:
        if self._layout is None:
            return None
        _, ly, _ = self.to_layout(pos)
        if pos.y() / self.k < self._layout.header_height:
            return None
        index = self._layout.row_at(ly)
        return None if index is None else self._layout.row(index)

    def step_at_pos(self, pos: QPoint | QPointF) -> Primitive | None:
        row = self.row_at_pos(pos)
        if row is None or self._layout is None:
            return None
        lx, ly, in_labels = self.to_layout(pos)
        if in_labels:
            return None
        for p in reversed(self._layout.row_primitives(row.index).body):
            if p.ref and p.ref[0] == "step" and p.contains(lx, ly):
                return p
        return None

    def pos_of_ref(self, ref: Ref) -> QPoint | None:
        """Viewport position of a step's shape or of a row's label (for tests, tooltips)."""
        layout = self._layout
        if layout is None:
            return None
        for row in layout.rows_in(self._scroll_y() + layout.header_height, self._scroll_y() + self._view_h()):
            r = layout.row(row)
            if r.ref == ref:
                return QPoint(round(layout.label_width / 2 * self.k),
                              round((r.y + r.height / 2 - self._scroll_y()) * self.k))
            for p in layout.row_primitives(row).body:
                if p.ref == ref and p.kind != "text":
                    return QPoint(round((p.x + p.w / 2 - self._scroll_x()) * self.k),
                                  round((p.y + p.h / 2 - self._scroll_y()) * self.k))
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(self.viewport().mapFrom(self, event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, pos: QPoint) -> str:
        layout = self._layout
        if layout is None:
            return ""
        prim = self.step_at_pos(pos)
        if prim is not None and prim.ref is not None:
            found = self._step_index().get(prim.ref[1])
            if found:
                ini, step = found
                details = state_details(ini, step.id, layout.cycle_fy)
                return step_tooltip(ini, step, layout.states.get(step.id), details, layout.cycle_fy)
        row = self.row_at_pos(pos)
        if row is None:
            return ""
        if row.kind == "initiative":
            hit = next((i for i in layout.plan.initiatives() if i.id == row.ref[1]), None)
            if hit is not None:
                return f"{initiative_label(hit)}\n部署：{departments_label(hit)}\n工程 {len(hit.steps)} 件" \
                       f"（ダブルクリックで{layout.plan.initiative_label}を開きます）"
        return row.title + ("（▶ のクリックかダブルクリックで開きます）" if row.collapsed
                            else "（▼ のクリックかダブルクリックで折りたたみます）")

    def _step_index(self) -> dict[int, tuple[InitiativeView, StepView]]:
        if self._steps is None and self._layout is not None:
            self._steps = {s.id: (ini, s) for ini in self._layout.plan.initiatives() for s in ini.steps}
        return self._steps or {}

    # -- current row and input ---------------------------------------------------------
    @property
    def current(self) -> Ref | None:
        return self._current

    def set_current(self, ref: Ref | None, *, ensure_visible: bool = True) -> None:
        if ref != self._current:
            self._current = ref
            self.currentChanged.emit(ref)
        layout = self._layout
        if ref is not None and layout is not None and ensure_visible:
            index = self._extend_to_ref(ref)
            if index is not None:
                row = layout.row(index)
                top, bottom = self._scroll_y() + layout.header_height, self._scroll_y() + self._view_h()
                self._update_ranges()
                if row.y < top:
                    self._set_scroll_y(row.y - layout.header_height)
                elif row.bottom > bottom:
                    self._set_scroll_y(min(row.y - layout.header_height, row.bottom - self._view_h()))
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self.row_at_pos(event.position())
        if row is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.set_current(row.ref, ensure_visible=False)
        lx, _, in_labels = self.to_layout(event.position())
        if in_labels and row.kind != "initiative" and lx < 4 + row.depth * 6 + 14:
            self.groupToggled.emit(row.ref[0], row.ref[1])  # a click on ▼ / ▶

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row = self.row_at_pos(event.position())
        if row is None:
            return
        if row.kind == "initiative":
            self.initiativeActivated.emit(row.ref[1])
        else:
            self.groupToggled.emit(row.ref[0], row.ref[1])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        layout = self._layout
        key = event.key()
        if layout is None:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoomStepped.emit(1)
            return
        if key == Qt.Key.Key_Minus:
            self.zoomStepped.emit(-1)
            return
        index = layout.index_of(self._current) if self._current is not None else None
        row = layout.row(index) if index is not None else None
        page = max(1, int(self._view_h() / 40))
        target: int | None = None
        if key == Qt.Key.Key_Down:
            target = 0 if index is None else index + 1
        elif key == Qt.Key.Key_Up:
            target = 0 if index is None else index - 1
        elif key == Qt.Key.Key_PageDown:
            target = 0 if index is None else index + page
        elif key == Qt.Key.Key_PageUp:
            target = 0 if index is None else index - page
        elif key == Qt.Key.Key_Home:
            target = 0
        elif key == Qt.Key.Key_End:
            layout.finish()
            self._update_ranges()
            target = layout.row_count - 1
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row is not None:
            if row.kind == "initiative":
                self.initiativeActivated.emit(row.ref[1])
            else:
                self.groupToggled.emit(row.ref[0], row.ref[1])
            return
        elif key == Qt.Key.Key_Left and row is not None:
            if row.kind != "initiative" and not row.collapsed:
                self.groupToggled.emit(row.ref[0], row.ref[1])
            else:  # to the enclosing group
                parent = next((layout.row(i) for i in range(row.index - 1, -1, -1)
                               if layout.row(i).depth < row.depth), None)
                if parent is not None:
                    self.set_current(parent.ref)
            return
        elif key == Qt.Key.Key_Right and row is not None and row.collapsed:
            self.groupToggled.emit(row.ref[0], row.ref[1])
            return
        else:
            super().keyPressEvent(event)
            return
        if target is not None and layout.row_count:
            if target >= layout.row_count and not layout.complete:
                layout.extend(rows=target - layout.row_count + 1)
            target = max(0, min(layout.row_count - 1, target))
            self.set_current(layout.row(target).ref)

    def visible_rect_points(self) -> QRect:
        """The visible part of the chart in layout points (for tests and the bench)."""
        return QRect(round(self._scroll_x()), round(self._scroll_y()), round(self._view_w()), round(self._view_h()))
