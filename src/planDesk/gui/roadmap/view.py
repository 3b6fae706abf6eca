"""RoadmapView: the 工程表 of the whole plan (or a filtered part) as a Gantt chart.

Hosted by the main window. ``RoadmapView(plan)``; ``set_plan(plan)`` after a change;
``set_filter(predicate | initiative ids | None)`` with the plan tree's filter;
``set_zoom("year" | "quarter" | "month")``; groups collapse one by one or all at a chosen
depth (``collapse_to``);
``initiativeActivated(int)`` is emitted on double-click or Enter on an initiative.
Keyboard: ↑↓ PageUp/PageDown Home/End move, ← → collapse/expand, Enter opens, + − zoom.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planDesk.core.domain.fiscal import format_fy
from planDesk.core.errors import UserError
from planDesk.core.plan.view import InitiativeView, PlanView
from planDesk.core.roadmap.geometry import DEFAULT_METRICS
from planDesk.core.roadmap.layout import (
    ZOOMS,
    Ref,
    RoadmapLayout,
    Zoom,
    ancestor_refs,
    collapsed_to_depth,
    layout_roadmap,
)
from planDesk.core.roadmap.measure import FontMeasurer
from planDesk.core.roadmap.states import latest_report_fy
from planDesk.gui.roadmap.canvas import RoadmapCanvas
from planDesk.gui.roadmap.legend_widget import LegendWidget
from planDesk.gui.roadmap.printing import export_pdf, export_png, paper_layout, print_roadmap
from planDesk.gui.widgets import file_dialogs

Filter = Callable[[InitiativeView], bool] | Collection[int] | None
YEAR_SQUEEZE = 0.6


class RoadmapView(QWidget):
    initiativeActivated = Signal(int)

    def __init__(self, plan: PlanView, parent: QWidget | None = None, *, today: date | None = None,
                 cycle_fy: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roadmapView")
        self._plan = plan
        self._today = today or date.today()
        self._cycle_fy = cycle_fy if cycle_fy is not None else latest_report_fy(plan)
        self._zoom: Zoom = "year"
        self._filter_ids: frozenset[int] | None = None
        self._filter: Filter = None
        self._collapsed: set[Ref] = set()
        self._measurer = FontMeasurer()
        self._fit = QTimer(self)  # resizing: fit the period to the new width once it settles
        self._fit.setSingleShot(True)
        self._fit.setInterval(80)
        self._fit.timeout.connect(self._refit)

        self.canvas = RoadmapCanvas(self)
        self.legend = LegendWidget(self)
        self._zoom_buttons = QButtonGroup(self)
        # A tool bar, not a row of widgets: on a narrow screen what does not fit moves into
        # its » menu instead of making the window wider than the screen.
        bar = QToolBar(self)
        bar.setObjectName("roadmapToolbar")
        bar.addWidget(QLabel(self.tr("表示単位：")))
        for i, (zoom, text) in enumerate(zip(ZOOMS, (self.tr("年度"), self.tr("四半期"), self.tr("月")),
                                             strict=True)):
            button = QToolButton(self)
            button.setText(text)
            button.setCheckable(True)
            button.setChecked(zoom == self._zoom)
            button.setObjectName(f"zoom-{zoom}")
            self._zoom_buttons.addButton(button, i)
            bar.addWidget(button)
        self._zoom_buttons.idClicked.connect(lambda i: self.set_zoom(ZOOMS[i]))
        expand = QToolButton(self)
        expand.setText(self.tr("すべて開く"))
        expand.clicked.connect(self.expand_all)
        # One click collapses the deepest groups (one line each); its menu offers every depth.
        collapse = QToolButton(self)
        collapse.setObjectName("collapse")
        collapse.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        collapse.setMenu(QMenu(collapse))
        self._collapse_button = collapse
        collapse.clicked.connect(self.collapse_all)
        self._fill_collapse_menu()
        bar.addSeparator()
        bar.addWidget(expand)
        bar.addWidget(collapse)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr("色分け：")))
        self.cycle_box = QComboBox(self)
        self.cycle_box.currentIndexChanged.connect(self._cycle_chosen)
        bar.addWidget(self.cycle_box)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.paper_box = QComboBox(self)
        self.paper_box.addItems(["A3", "A4"])
        self.paper_box.setToolTip(self.tr("印刷・PDF の用紙（横向き）"))
        bar.addWidget(self.paper_box)
        for text, slot, name in ((self.tr("印刷…"), self._ask_print, "print"),
                                 (self.tr("PDF 出力…"), self._ask_pdf, "export-pdf"),
                                 (self.tr("画像出力…"), self._ask_png, "export-png")):
            button = QToolButton(self)
            button.setText(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            bar.addWidget(button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(bar)
        box.addWidget(self.canvas, 1)
        box.addWidget(self.legend)

        self.canvas.groupToggled.connect(lambda kind, id_: self.toggle((kind, id_)))
        self.canvas.initiativeActivated.connect(self.initiativeActivated)
        self.canvas.zoomStepped.connect(self._zoom_step)
        self.canvas.viewportResized.connect(self._resized)
        self._fill_cycles()
        # The first layout waits for the first resize (or a caller asking for it): the
        # period is fitted to the view's width, unknown until then.

    # -- public API --------------------------------------------------------------------
    @property
    def plan(self) -> PlanView:
        return self._plan

    def roadmap_layout(self) -> RoadmapLayout:
        layout = self.canvas.roadmap_layout
        if layout is None:
            self._relayout(first=True)
            layout = self.canvas.roadmap_layout
            assert layout is not None
        return layout

    def set_plan(self, plan: PlanView) -> None:
        """Show a new version of the plan, keeping zoom, collapsed groups, filter and position."""
        self._plan = plan
        self._fill_collapse_menu()
        if self._filter is not None and callable(self._filter):
            self._filter_ids = frozenset(i.id for i in plan.initiatives() if self._filter(i))
        self._fill_cycles()
        self._relayout()

    def set_filter(self, flt: Filter) -> None:
        """Show only the initiatives a predicate accepts, or whose ids are given (None: all)."""
        self._filter = flt
        if flt is None:
            self._filter_ids = None
        elif callable(flt):
            self._filter_ids = frozenset(i.id for i in self._plan.initiatives() if flt(i))
        else:
            self._filter_ids = frozenset(flt)
        self._relayout()

    @property
    def zoom(self) -> Zoom:
        return self._zoom

    def set_zoom(self, zoom: Zoom) -> None:
        if zoom not in ZOOMS:
            raise ValueError(f"unknown zoom {zoom!r}")
        button = self._zoom_buttons.button(ZOOMS.index(zoom))
        if button is not None:
            button.setChecked(True)
        if zoom != self._zoom:
            left = self.zoom_anchor_month()
            self._zoom = zoom
            self._relayout(left_month=left)

    @property
    def cycle_fy(self) -> int | None:
        return self._cycle_fy

    def set_cycle_fy(self, fy: int | None) -> None:
        """Colour the steps by the reports of fiscal year ``fy`` (None: no colours)."""
        if fy != self._cycle_fy:
            self._cycle_fy = fy
            self._fill_cycles()
            self._relayout()

    def collapsed(self) -> frozenset[Ref]:
        return frozenset(self._collapsed)

    def set_collapsed(self, refs: Collection[Ref]) -> None:
        self._collapsed = set(refs)
        self._relayout()

    def toggle(self, ref: Ref) -> None:
        """Collapse an expanded group or expand a collapsed one."""
        if ref in self._collapsed:
            self._collapsed.discard(ref)
        else:
            self._collapsed.add(ref)
        self.canvas.set_current(ref, ensure_visible=False)
        self._relayout()

    def collapse_to(self, depth: int) -> None:
        """Collapse every group of ``depth`` (1 = the top level): the chart shows the groups
        down to that depth, one line each, and what sits above them."""
        self.set_collapsed(collapsed_to_depth(self._plan, depth))

    def collapse_all(self) -> None:
        """Collapse the deepest groups of the plan: one line per group of its last level."""
        self.collapse_to(self._plan.depth)

    def expand_all(self) -> None:
        self.set_collapsed(set())

    def current_initiative(self) -> int | None:
        ref = self.canvas.current
        return ref[1] if ref is not None and ref[0] == "initiative" else None

    def select_initiative(self, initiative_id: int) -> None:
        """Make an initiative current and scroll it into view (expanding its groups)."""
        ini = next((i for i in self._plan.initiatives() if i.id == initiative_id), None)
        if ini is None:
            return
        hidden = ancestor_refs(ini) & self._collapsed
        if hidden:
            self._collapsed -= hidden
            self._relayout()
        self.canvas.set_current(("initiative", initiative_id))

    # -- paper -------------------------------------------------------------------------
    def scope_text(self) -> str:
        """What a printout of the view covers, when not the whole plan."""
        if self._filter_ids is None:
            return ""
        return self.tr("絞り込み：{0} {1} 件").format(self._plan.initiative_label, len(self._filter_ids))

    def paper_layout(self, paper: str) -> RoadmapLayout:
        """The view (filter, zoom, collapsed groups, cycle) laid out for ``paper``."""
        return paper_layout(self._plan, paper=paper, today=self._today, zoom=self._zoom,
                            initiative_ids=self._filter_ids, cycle_fy=self._cycle_fy, collapsed=self._collapsed)

    def export_pdf(self, path: Path, paper: str = "A3") -> int:
        """Write the view as a PDF (as ``plandesk export roadmap``); returns the page count."""
        return export_pdf(path, self.paper_layout(paper), paper=paper, scope=self.scope_text())

    def export_png(self, path: Path) -> None:
        layout = layout_roadmap(self._plan, measurer=self._measurer, today=self._today,
                                initiative_ids=self._filter_ids, zoom=self._zoom, cycle_fy=self._cycle_fy,
                                states=None if self._cycle_fy is not None else {},
                                collapsed=frozenset(self._collapsed), group_markers=False)
        export_png(path, layout, scope=self.scope_text())

    def print_to(self, printer: QPrinter, paper: str = "A3") -> int:
        return print_roadmap(self.paper_layout(paper), printer, paper=paper, scope=self.scope_text())

    def _ask_pdf(self) -> None:
        path = file_dialogs.save_path(self, self.tr("工程表を PDF に出力"), self.tr("工程表.pdf"),
                                      self.tr("PDF (*.pdf)"), (".pdf",))
        if path is not None:
            self._guarded(lambda: self.export_pdf(path, self.paper_box.currentText()))

    def _ask_png(self) -> None:
        path = file_dialogs.save_path(self, self.tr("工程表を画像に出力"), self.tr("工程表.png"),
                                      self.tr("PNG 画像 (*.png)"), (".png",))
        if path is not None:
            self._guarded(lambda: self.export_png(path))

    def _ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self._guarded(lambda: self.print_to(printer, self.paper_box.currentText()))

    def _guarded(self, action: Callable[[], object]) -> None:
        try:
            action()
        except UserError as exc:
            # The exporters' hints name command-line options (--department); the screen
            # says what to do here instead.
            text = exc.message
            if exc.hint and "--" in exc.hint:
                text += "\n" + self.tr("表示を絞り込む（一覧の条件・{0}で折りたたむ）か、"
                                        "PDF 出力を使ってください。").format(self._plan.label_of(self._plan.depth))
            elif exc.hint:
                text += "\n" + exc.hint
            QMessageBox.warning(self, self.tr("工程表"), text)

    # -- internals ---------------------------------------------------------------------
    def _fill_collapse_menu(self) -> None:
        """The collapse button names the plan's deepest level; its menu, every level."""
        plan = self._plan
        button = self._collapse_button
        button.setText(self.tr("{0}で折りたたむ").format(plan.label_of(plan.depth)))
        menu = button.menu()
        menu.clear()
        for depth in range(1, plan.depth + 1):
            action = menu.addAction(self.tr("{0}で折りたたむ").format(plan.label_of(depth)))
            action.setData(depth)
            action.triggered.connect(lambda _checked=False, d=depth: self.collapse_to(d))

    def _zoom_step(self, step: int) -> None:
        i = max(0, min(len(ZOOMS) - 1, ZOOMS.index(self._zoom) + step))
        self.set_zoom(ZOOMS[i])

    def _fill_cycles(self) -> None:
        box = self.cycle_box
        box.blockSignals(True)
        box.clear()
        years = sorted({r.fy for ini in self._plan.initiatives() for r in ini.reports}, reverse=True)
        if self._cycle_fy is not None and self._cycle_fy not in years:
            years.insert(0, self._cycle_fy)
        for fy in years:
            box.addItem(self.tr("{0}の報告").format(format_fy(fy)), fy)
        box.addItem(self.tr("色分けなし"), None)
        index = box.findData(self._cycle_fy) if self._cycle_fy is not None else box.count() - 1
        box.setCurrentIndex(max(0, index))
        box.blockSignals(False)

    def _cycle_chosen(self, index: int) -> None:
        self.set_cycle_fy(self.cycle_box.itemData(index))

    def _natural_width(self) -> float:
        """The width of the period at the zoom's own scale."""
        months = (self._plan.end_fy - self._plan.start_fy + 1) * 12
        per_month = {"year": DEFAULT_METRICS.year_width / 12, "quarter": DEFAULT_METRICS.quarter_width / 3,
                     "month": DEFAULT_METRICS.month_width}[self._zoom]
        return months * per_month

    def _chart_width(self) -> float:
        """The period stretched to the view's width when the zoom's own scale is narrower;
        the year view is also squeezed into the width (to 60 % of its scale) so that it
        shows the whole plan on an office screen."""
        natural = self._natural_width()
        if self._zoom == "year":
            natural *= YEAR_SQUEEZE
        return max(natural, self.canvas.available_chart_width())

    def _resized(self) -> None:
        if self.canvas.roadmap_layout is None:
            self._relayout(first=True)
        elif self.canvas.last_paint_count:
            self._fit.start()  # wait for the resizing to settle
        else:
            self._refit()  # not painted yet: fit before the first paint

    def _refit(self) -> None:
        layout = self.canvas.roadmap_layout
        if layout is not None and abs(self._chart_width() - (layout.chart_x1 - layout.chart_x0)) > 0.5:
            self._relayout()

    def zoom_anchor_month(self) -> float | None:
        """The month a new zoom starts at, at the left edge of the chart: the date at the
        left edge now, or — when the view is at the start of the period (not scrolled: nothing
        to keep) — the start of the fiscal year being reported on. Snapped to the start of
        the month, so the first column's label is whole."""
        layout = self.canvas.roadmap_layout
        if layout is None:
            return None
        if self.canvas.horizontalScrollBar().value() > 0:
            month = self.canvas.left_month() or 0.0
        else:
            fy = self._cycle_fy if self._cycle_fy is not None else self._today_fy()
            fy = min(max(fy, self._plan.start_fy), self._plan.end_fy)
            month = float((fy - self._plan.start_fy) * 12)
        return float(int(month + 1e-6))

    def _today_fy(self) -> int:
        return self._today.year if self._today.month >= 4 else self._today.year - 1

    def _relayout(self, *, first: bool = False, left_month: float | None = None) -> None:
        anchor = None if first else self.canvas.anchor()
        centre = None if first or left_month is not None else self.canvas.centre_month()
        fy = self._cycle_fy
        states: dict[int, str] | None = None if fy is not None else {}  # None: from fy's reports
        layout = layout_roadmap(
            self._plan, measurer=self._measurer, today=self._today, initiative_ids=self._filter_ids,
            zoom=self._zoom, cycle_fy=fy, states=states, collapsed=frozenset(self._collapsed),
            chart_width=self._chart_width(), lazy=True)
        self.canvas.set_roadmap_layout(layout, anchor=anchor, centre_month=centre, left_month=left_month)
        self.legend.set_state(self._today, layout.today_x is not None, fy)
