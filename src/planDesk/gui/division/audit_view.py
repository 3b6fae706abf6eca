"""The audit-log viewer (監査ログ): who, when, what, before → after, with a filter.

``AuditTableModel`` shows one filtered query (core.persistence.audit_query) and fetches further pages
as the view scrolls (canFetchMore/fetchMore), so a long log opens at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planDesk.core.errors import UserError
from planDesk.core.persistence.audit_query import (
    AuditFilter,
    AuditRecord,
    audit_choices,
    changed_values,
    entity_label,
    format_change,
    operation_label,
    query_audit,
)
from planDesk.core.persistence.store import Store
from planDesk.core.plan.edit.revision import predecessor_chain
from planDesk.gui.division.audit_sessions import AuditRow, collapse
from planDesk.gui.error_handling import show_user_error
from planDesk.gui.identity import ACTOR_SEPARATOR
from planDesk.gui.widgets.row_height import roomy_rows

PAGE = 200
COL_AT, COL_ACTOR, COL_OPERATION, COL_WHAT, COL_CHANGE = range(5)
Index = QModelIndex | QPersistentModelIndex


def format_at(record: AuditRecord) -> str:
    return record.at.astimezone().strftime("%Y/%m/%d %H:%M:%S")


def actor_label(actor: str) -> str:
    """「市民課／tanaka」 as written since the GUI records the department; older entries (a
    bare login name) are shown as they are."""
    return actor.replace(ACTOR_SEPARATOR, "　")


class AuditTableModel(QAbstractTableModel):
    """Rows of the audit log, newest first, loaded a page at a time."""

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = AuditFilter()
        self.records: list[AuditRecord] = []  # as read from the log, newest first
        self.rows: list[AuditRow] = []  # what the table shows: autosaves of a session collapsed
        self.total = 0
        self._headers = [self.tr("日時"), self.tr("利用者"), self.tr("操作"), self.tr("内容"),
                         self.tr("変更前 → 変更後")]

    def set_filter(self, flt: AuditFilter) -> None:
        self.beginResetModel()
        self.filter = flt
        page = query_audit(self.store, flt, offset=0, limit=PAGE)
        self.records = list(page.records)
        self.rows = collapse(self.records)
        self.total = page.total
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self.filter)

    def record(self, row: int) -> AuditRecord | None:
        """The row's entry (a collapsed session: its newest entry, before as at its start)."""
        return self.rows[row].record if 0 <= row < len(self.rows) else None

    def entries(self, row: int) -> tuple[AuditRecord, ...]:
        return self.rows[row].entries if 0 <= row < len(self.rows) else ()

    # -- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self.records) < self.total

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        page = query_audit(self.store, self.filter, offset=len(self.records), limit=PAGE)
        # Entries added since the first page push older ones down: skip those already shown.
        seen = {r.id for r in self.records}
        new = [r for r in page.records if r.id not in seen]
        if not new:
            self.total = len(self.records)
            return
        self.records.extend(new)
        rows = collapse(self.records)
        # Rows before the last stay as they were; the last may take in the new page's first entries.
        last = len(self.rows) - 1
        if last >= 0 and rows[last] != self.rows[last]:
            self.rows[last] = rows[last]
            self.dataChanged.emit(self.index(last, 0), self.index(last, self.columnCount() - 1))
        if len(rows) > len(self.rows):
            self.beginInsertRows(QModelIndex(), len(self.rows), len(rows) - 1)
            self.rows = rows
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        rec = row.record
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_AT:
                return format_at(rec)
            if col == COL_ACTOR:
                return actor_label(rec.actor)
            if col == COL_OPERATION:
                if row.count > 1:
                    return self.tr("{0}（{1} 回の保存）").format(rec.operation_label, row.count)
                return rec.operation_label
            if col == COL_WHAT:
                return rec.summary
            if col == COL_CHANGE:
                return " ／ ".join(format_change(rec).splitlines())
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_WHAT, COL_CHANGE):
            return rec.summary + "\n" + format_change(rec)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_OPERATION and row.count > 1:
            first = row.entries[-1]
            return self.tr("{0} から {1} までの自動保存・保存をまとめて表示しています。").format(
                format_at(first), format_at(rec))
        return None


class AuditLogView(QWidget):
    """The audit log of a plan (and, optionally, its earlier revisions) with filters."""

    recordSelected = Signal(object)

    def __init__(self, store: Store, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.plan_id = plan_id
        self.setObjectName("auditLogView")
        self.model = AuditTableModel(store, self)
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)  # typing in the search box: query once it pauses
        self._timer.timeout.connect(self.apply_filter)
        self.reload_choices()
        self.apply_filter()

    def _build(self) -> None:
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("内容・変更前後の値で検索"))
        self.text.setClearButtonEnabled(True)
        self.operation = QComboBox(self)
        self.entity = QComboBox(self)
        self.actor = QComboBox(self)
        self.since = self._date_edit()
        self.until = self._date_edit()
        self.lineage = QCheckBox(self.tr("過去の版も含める"), self)
        self.lineage.setChecked(True)
        self.reset_button = QPushButton(self.tr("条件をクリア(&R)"), self)
        for widget, name in ((self.text, self.tr("検索")), (self.operation, self.tr("操作")),
                             (self.entity, self.tr("対象")), (self.actor, self.tr("利用者")),
                             (self.since, self.tr("期間の開始日")), (self.until, self.tr("期間の終了日")),
                             (self.lineage, self.tr("過去の版も含める")),
                             (self.reset_button, self.tr("条件をクリア"))):
            widget.setAccessibleName(name)
        form = QFormLayout()
        form.addRow(self.tr("検索(&S)"), self.text)
        row = QHBoxLayout()
        for label, widget in ((self.tr("操作(&O)"), self.operation), (self.tr("対象(&T)"), self.entity),
                              (self.tr("利用者(&U)"), self.actor)):
            lab = QLabel(label, self)
            lab.setBuddy(widget)
            row.addWidget(lab)
            row.addWidget(widget, 1)
        form.addRow(row)
        dates = QHBoxLayout()
        since_label = QLabel(self.tr("期間(&D)"), self)
        since_label.setBuddy(self.since)
        dates.addWidget(since_label)
        dates.addWidget(self.since)
        dates.addWidget(QLabel("〜", self))
        dates.addWidget(self.until)
        dates.addStretch(1)
        dates.addWidget(self.lineage)
        dates.addWidget(self.reset_button)
        form.addRow(dates)

        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setAccessibleName(self.tr("監査ログ"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        roomy_rows(self.table)
        header = self.table.horizontalHeader()
        for col in (COL_AT, COL_ACTOR, COL_OPERATION):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_WHAT, 380)
        header.setStretchLastSection(True)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("選択した記録の詳細"))
        self.detail.setPlaceholderText(self.tr("記録を選ぶと、変更前と変更後の値をすべて表示します。"))
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("件数"))

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.count_label)
        self.setTabOrder(self.text, self.operation)

        self.text.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.operation, self.entity, self.actor):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _d: self.apply_filter())
        self.lineage.toggled.connect(self.refresh_filtered)
        self.reset_button.clicked.connect(self.clear_filter)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy/MM/dd")
        # The minimum date stands for "no limit" and is shown as 指定なし.
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setSpecialValueText(self.tr("指定なし"))
        edit.setDate(edit.minimumDate())
        return edit

    # -- filter -------------------------------------------------------------------------------

    def plan_ids(self) -> tuple[int, ...]:
        if self.lineage.isChecked():
            return tuple(predecessor_chain(self.store, self.plan_id))
        return (self.plan_id,)

    def reload_choices(self) -> None:
        """Fill the drop-downs with the values present in the log (keeping the choice)."""
        choices = audit_choices(self.store, self.plan_ids())
        from planDesk.core.domain.workflow import INITIATIVE
        from planDesk.core.submissions.tracker import initiative_word

        word = initiative_word(self.store, self.plan_id)  # the plan's own word for its initiatives

        def own(kind: str) -> str | None:
            return word if kind == INITIATIVE else None

        for combo, values, label in ((self.operation, choices.operations,
                                      lambda op: operation_label(op, own(op.partition("-")[2]))),
                                     (self.entity, choices.entities, lambda kind: entity_label(kind, own(kind))),
                                     (self.actor, choices.actors, actor_label)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("すべて"), None)
            for value in values:
                combo.addItem(label(value), value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        def day(edit: QDateEdit) -> Any:
            return None if edit.date() == edit.minimumDate() else edit.date().toPython()

        return AuditFilter(plan_ids=self.plan_ids(), entity=self.entity.currentData(),
                           actor=self.actor.currentData(), operation=self.operation.currentData(),
                           text=self.text.text(), since=day(self.since), until=day(self.until))

    def apply_filter(self) -> None:
        self._timer.stop()
        try:
            self.model.set_filter(self.current_filter())
        except UserError as exc:
            show_user_error(self, exc)
        self.detail.clear()

    def clear_filter(self) -> None:
        for widget in (self.text, self.operation, self.entity, self.actor, self.since, self.until):
            widget.blockSignals(True)
        self.text.clear()
        for combo in (self.operation, self.entity, self.actor):
            combo.setCurrentIndex(0)
        for edit in (self.since, self.until):
            edit.setDate(edit.minimumDate())
        for widget in (self.text, self.operation, self.entity, self.actor, self.since, self.until):
            widget.blockSignals(False)
        self.apply_filter()

    def refresh_filtered(self, *_args: object) -> None:
        self.reload_choices()
        self.apply_filter()

    def refresh(self, _change: object = None) -> None:
        """Reload after a change (connect the editor's planChanged here)."""
        self.reload_choices()
        self.model.refresh()

    def set_plan(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.refresh()

    # -- detail -------------------------------------------------------------------------------

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rec = self.model.record(current.row())
        if rec is None:
            self.detail.clear()
            return
        count = len(self.model.entries(current.row()))
        operation = rec.operation_label + (self.tr("（{0} 回の保存をまとめて表示）").format(count) if count > 1 else "")
        lines = [f"{format_at(rec)}　{actor_label(rec.actor)}　{operation}（{rec.entity_label}"
                 + (f" ID {rec.entity_id}" if rec.entity_id is not None else "") + "）",
                 rec.summary, ""]
        for label, old, new in changed_values(rec):
            lines.append(f"■ {label}")
            if old:
                lines.append(self.tr("  変更前：") + old)
            if new:
                lines.append(self.tr("  変更後：") + new)
        self.detail.setPlainText("\n".join(lines))
        self.recordSelected.emit(rec)

    def _update_count(self, *_args: object) -> None:
        shown, total = len(self.model.records), self.model.total  # entries of the log, not rows
        text = self.tr("{0} 件").format(total) if shown >= total else \
            self.tr("{0} 件中 {1} 件を表示（下へスクロールすると続きを読み込みます）").format(total, shown)
        self.count_label.setText(text)
