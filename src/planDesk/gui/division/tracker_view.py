"""The tracker (提出状況) for the division: each department's state in a cycle, with dates.

A table model over ``core.submissions.tracker.tracker_rows`` (plain dataclasses), a cycle chooser,
and the division's actions: refresh, 差戻し with a reason, and export to Excel. The widget
takes a Store and a plan id and holds no session; writes go through core operations and
the Change they return is re-emitted for the host window.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Change, Store
from planDesk.core.plan.view import load_plan
from planDesk.core.reports.ops import cycle_label
from planDesk.core.submissions.rounds import current_round, open_round
from planDesk.core.submissions.scope import CycleRef
from planDesk.core.submissions.tracker import (
    STATES,
    TrackerRow,
    initiative_word,
    return_submission,
    tracker_cycles,
    tracker_rows,
)
from planDesk.core.submissions.tracker_shared import shared_items
from planDesk.gui.error_handling import show_user_error

Index = QModelIndex | QPersistentModelIndex
STATE_COLOURS = {"not_submitted": "#F8CBAD", "partial": "#FCE4D6", "submitted": "#FFE699", "merged": "#C6EFCE",
                 "returned": "#D9D9D9"}
COL_DEPT, COL_STATE, COL_INIS, COL_REPORTS, COL_SUBMITTED, COL_MERGED, COL_RETURNED, COL_FILE, COL_BY, \
    COL_CONFLICTS, COL_NOTE = range(11)


def _date(value: Any) -> str:
    return value.astimezone().strftime("%Y/%m/%d %H:%M") if value is not None else ""


class TrackerModel(QAbstractTableModel):
    """One row per department (read-only)."""

    def __init__(self, word: str, parent: Any = None) -> None:
        """``word``: the plan's word for its initiatives (a column counts them)."""
        super().__init__(parent)
        self._rows: list[TrackerRow] = []
        self._headers = [self.tr("部署"), self.tr("状態"), self.tr("提出済／担当{0}").format(word), self.tr("報告"),
                         self.tr("提出日"),
                         self.tr("取込日"), self.tr("差戻し日"), self.tr("取り込んだファイル"), self.tr("記入者"),
                         self.tr("未解決の競合"), self.tr("備考")]

    def set_rows(self, rows: list[TrackerRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> TrackerRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_DEPT: r.department, COL_STATE: self.tr(STATES[r.state]), COL_INIS: self._completeness(r),
                COL_REPORTS: str(r.reported), COL_SUBMITTED: _date(r.submitted_at), COL_MERGED: _date(r.merged_at),
                COL_RETURNED: _date(r.returned_at), COL_FILE: r.last_file, COL_BY: r.filled_by,
                COL_CONFLICTS: str(r.open_conflicts) if r.open_conflicts else "", COL_NOTE: r.note,
            }.get(col)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_STATE:
            return QBrush(QColor(STATE_COLOURS[r.state]))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATE:
            return QBrush(QColor("#000000"))  # readable on the pale state colours in dark themes too
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_INIS, COL_REPORTS, COL_CONFLICTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


    def _completeness(self, r: TrackerRow) -> str:
        text = f"{r.complete} / {r.initiatives}"
        if r.shared:
            text += self.tr("（全部署等 {0} / {1}）").replace("{0}", str(r.shared_complete)).replace(
                "{1}", str(r.shared))
        return text


class TrackerView(QWidget):
    """提出状況: the division's view of who has submitted what in a cycle."""

    changed = Signal(object)  # the core.persistence.store.Change of a 差戻し

    def __init__(self, store: Store, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.plan_id = store, plan_id
        self.model = TrackerModel(initiative_word(store, plan_id), self)
        self.cycle_box = QComboBox(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)  # the counts wrap: the window still fits an 800 px screen
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAccessibleName(self.tr("提出状況の一覧"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.round_label = QLabel(self)
        self.round_button = QPushButton(self.tr("このサイクルの受付を開始(&O)"), self)
        self.round_button.setToolTip(self.tr("受付中は、ほかの報告サイクルの提出ブックを取り込みません。"))
        self.refresh_button = QPushButton(self.tr("更新(&U)"), self)
        self.return_button = QPushButton(self.tr("差戻し(&R)…"), self)
        self.export_button = QPushButton(self.tr("Excel に出力(&E)…"), self)
        top = QHBoxLayout()
        label = QLabel(self.tr("報告サイクル(&C)"), self)
        label.setBuddy(self.cycle_box)
        for widget in (label, self.cycle_box):
            top.addWidget(widget)
        # The counts wrap rather than widen the window past a small screen.
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        for button in (self.refresh_button, self.return_button, self.export_button):
            top.addWidget(button)
        # The round on a row of its own: the window still fits 1366 px at 150 % scaling.
        round_row = QHBoxLayout()
        round_row.addWidget(self.round_label)
        round_row.addWidget(self.round_button)
        round_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(round_row)
        layout.addWidget(self.table)
        self._fill_cycles()
        self.cycle_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.round_button.clicked.connect(self.open_round)
        self.return_button.clicked.connect(self.return_selected)
        self.export_button.clicked.connect(self.export)
        self.refresh()

    def _fill_cycles(self) -> None:
        """Every fiscal year of the plan, and the half-year cycles that were opened."""
        self._cycles, default = tracker_cycles(self.store, self.plan_id)
        for ref in self._cycles:
            self.cycle_box.addItem(cycle_label(ref.fy, ref.half))
        self.cycle_box.setCurrentIndex(self._cycles.index(default))

    @property
    def cycle(self) -> CycleRef:
        return self._cycles[max(0, self.cycle_box.currentIndex())]

    def refresh(self) -> None:
        with self.store.read() as s:
            rows = tracker_rows(s, self.plan_id, self.cycle)
            current = current_round(s, self.plan_id)
        self.model.set_rows(rows)
        self.round_label.setText(
            self.tr("受付中：{0}").replace("{0}", current.label) if current else self.tr("受付中のサイクルなし"))
        self.round_button.setEnabled(current != self.cycle)
        counts = "　".join(f"{self.tr(label)} {sum(1 for r in rows if r.state == key)}"
                          for key, label in STATES.items())
        self.summary.setText(counts)

    def on_change(self, change: Change, sender: object) -> None:
        """Reports changed elsewhere (a save, a merge, an undo): the states may have moved."""
        if sender is not self and (change.touches("report") or change.touches("merge")):
            self.refresh()

    def open_round(self) -> None:
        """Collect the chosen cycle: files of other cycles are refused by the merge from now on."""
        try:
            change = open_round(self.store, self.plan_id, self.cycle)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.refresh()
        self.changed.emit(change)

    def selected(self) -> TrackerRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def return_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self, self.tr("差戻し"), self.tr("「{0}」の提出を差し戻す理由：").replace("{0}", row.department))
        if not ok:
            return
        try:
            change = return_submission(self.store, self.plan_id, row.department_id, self.cycle, reason)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.refresh()
        self.changed.emit(change)

    def export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("提出状況を Excel に出力"), f"提出状況_{self.cycle.label}.xlsx",
            self.tr("Excel ブック (*.xlsx)"))
        if not path:
            return
        from planDesk.core.submissions.tracker_xlsx import write_tracker_xlsx

        out = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        with self.store.read() as s:
            plan = load_plan(s, self.plan_id, with_reports=False)
            shared = shared_items(s, self.plan_id, self.cycle)
        try:
            write_tracker_xlsx(plan, self.cycle, [r for i in range(self.model.rowCount())
                                                  if (r := self.model.row_at(i)) is not None], out, shared)
        except UserError as exc:
            show_user_error(self, exc)
