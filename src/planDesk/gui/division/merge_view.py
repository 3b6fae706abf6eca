"""The division's merge screen: drop submission workbooks, see the diff, merge, resolve, undo.

Files dropped on the widget (or chosen with 追加…) are checked and diffed at once without
changing anything (``merge_files`` with ``dry_run``); the list shows each file's state and
counts, the lower table the selected file's changes (新規 / 変更 / 競合) or why it is
refused. 取り込む merges the files that can be merged; the 競合 tab resolves conflicts by
choosing a side and the 履歴 tab undoes a merge. Every write is a core operation; the
widget takes a Store and a plan id and re-emits the ``Change`` for the host window's hub.
Checking and merging run on a worker thread (gui/widgets/background.py) with a progress
dialog; a merge is one transaction, so 中止 leaves the database unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planDesk.core.domain.numbers import format_number
from planDesk.core.domain.workflow import STEP_STATE_LABELS
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Change, Store
from planDesk.core.submissions.diff import FieldChange
from planDesk.core.submissions.merge import (
    FileOutcome,
    MergeCancelled,
    MergeOptions,
    merge_changes,
    merge_files,
    merge_summary,
)
from planDesk.core.submissions.rounds import current_round, cycle_choices
from planDesk.core.submissions.scope import CycleRef
from planDesk.core.submissions.undo import merge_history, open_conflicts, resolve_conflict, undo_merge
from planDesk.gui import data_access
from planDesk.gui.division import merge_messages
from planDesk.gui.error_handling import show_user_error
from planDesk.gui.widgets import background, file_dialogs
from planDesk.gui.widgets.row_height import roomy_rows

MAX_SHOWN = 200


def show_value(value: Any, field: str, evaluations: dict[str, str] | None = None) -> str:
    """A value of the diff as the screen shows it: 「A 順調」 for an evaluation code (the
    plan's own scale), step states by name, numbers with commas, long text cut."""
    if value is None or value == "":
        return "（空）"
    if field.startswith("step:"):
        return STEP_STATE_LABELS.get(str(value), str(value))
    if field == "evaluation" and evaluations and str(value) in evaluations:
        return f"{value} {evaluations[str(value)]}"
    if isinstance(value, int | float):
        return format_number(float(value))
    text = str(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def _table(parent: QWidget, headers: list[str], name: str, stretch: tuple[int, ...] = ()) -> QTableWidget:
    """A read-only table: short columns fit their contents, the ``stretch`` columns (the
    long texts) share the rest, so a wide last column no longer squeezes the others."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAccessibleName(name)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for col in stretch:
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(not stretch)
    table.verticalHeader().setVisible(False)
    roomy_rows(table)
    return table


def _labelled(label: QLabel, widget: QWidget) -> QWidget:
    box = QWidget(widget.parentWidget())
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.setSpacing(2)
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


class MergeView(QWidget):
    """取込: submission workbooks into the database, with the diff shown first."""

    changed = Signal(object)  # after a merge, resolution or undo (the host refreshes its views)

    def __init__(self, store: Store, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.plan_id = store, plan_id
        self.paths: list[Path] = []
        self.outcomes: list[FileOutcome] = []
        self.job: background.BackgroundJob | None = None
        self.setAcceptDrops(True)
        self.hint = QLabel(self.tr("提出ブック（.xlsx）をここにドロップするか、「追加」で選んでください。"
                                   "取り込む前に差分を確認できます。"), self)
        self.add_button = QPushButton(self.tr("追加(&A)…"), self)
        self.clear_button = QPushButton(self.tr("クリア(&L)"), self)
        self.stale_box = QCheckBox(self.tr("古いファイルも取り込む"), self)
        self.draft_box = QCheckBox(self.tr("必須項目が空の行は下書きとして取り込む"), self)
        self.draft_box.setToolTip(self.tr("実施状況・進捗評価・今後の方向性が空の行を、提出済にせず下書きとして"
                                          "取り込みます。オフのときは、そのようなファイルは取り込みません。"))
        self.round_label = QLabel(self)
        self.cycle_box = QComboBox(self)
        self.cycle_box.setToolTip(self.tr("受付中でない報告サイクルの提出ブックを取り込むときは、そのサイクルを"
                                          "明示してください。"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.merge_button = QPushButton(self.tr("取り込む(&M)"), self)
        plan = data_access.plan(store, plan_id)
        self.evaluations = dict(plan.evaluation_scale)
        word = plan.initiative_label  # the plan's word for its items heads their column
        self.files = _table(self, [self.tr("ファイル"), self.tr("状態"), self.tr("部署"), self.tr("報告サイクル"),
                                   self.tr("適用"), self.tr("競合"), self.tr("変更なし"), self.tr("要確認"),
                                   self.tr("下書きで取込"), self.tr("Excelで編集")],
                            self.tr("提出ブックの一覧"), stretch=(0,))
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.changes = _table(self, [self.tr("種別"), self.tr("コード"), word, self.tr("項目"),
                                     self.tr("データベース"), self.tr("提出"), self.tr("セル"), self.tr("要確認")],
                              self.tr("変更の一覧"), stretch=(2, 4, 5, 7))
        self.messages = QPlainTextEdit(self)
        self.messages.setReadOnly(True)
        self.messages.setAccessibleName(self.tr("取り込めない理由・注意"))
        self.messages_label = QLabel(self.tr("取り込めない理由・注意"), self)
        self.changes_label = QLabel(self.tr("選んだファイルの変更（新規・変更・競合）"), self)
        self.conflicts = _table(self, ["No.", self.tr("ファイル"), self.tr("部署"), word, self.tr("項目"),
                                       self.tr("出力時"), self.tr("データベース"), self.tr("提出")],
                                self.tr("未解決の競合"), stretch=(3, 5, 6, 7))
        self.take_file = QPushButton(self.tr("提出の値を採用(&F)"), self)
        self.take_master = QPushButton(self.tr("データベースの値を残す(&K)"), self)
        self.history = _table(self, ["No.", self.tr("日時"), self.tr("部署"), self.tr("サイクル"), self.tr("ファイル"),
                                     self.tr("適用"), self.tr("競合"), self.tr("状態")], self.tr("取込の履歴"),
                              stretch=(4,))
        self.undo_button = QPushButton(self.tr("この取込を取り消す(&U)"), self)
        self._layout()
        self.add_button.clicked.connect(self.choose_files)
        self.clear_button.clicked.connect(self.clear)
        self.merge_button.clicked.connect(self.merge)
        self.stale_box.toggled.connect(lambda _on: self._update_buttons())
        self._fill_cycles()
        # Both change what may be merged: the preview is computed again.
        self.draft_box.toggled.connect(lambda _on: self._repreview())
        self.cycle_box.currentIndexChanged.connect(lambda _i: self._repreview())
        self.files.itemSelectionChanged.connect(self._show_selected)
        self.take_file.clicked.connect(lambda: self.resolve("file"))
        self.take_master.clicked.connect(lambda: self.resolve("master"))
        self.undo_button.clicked.connect(self.undo_selected)
        self.refresh_lists()
        self._update_buttons()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for w in (self.add_button, self.clear_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.stale_box)
        bar.addWidget(self.draft_box)
        bar.addWidget(self.merge_button)
        round_bar = QHBoxLayout()
        cycle_label = QLabel(self.tr("報告サイクルを明示(&Y)"), self)
        cycle_label.setBuddy(self.cycle_box)
        round_bar.addWidget(self.round_label)
        round_bar.addStretch(1)
        round_bar.addWidget(cycle_label)
        round_bar.addWidget(self.cycle_box)
        detail = QSplitter(Qt.Orientation.Vertical, self)
        detail.setChildrenCollapsible(False)
        detail.addWidget(self.files)
        detail.addWidget(_labelled(self.changes_label, self.changes))
        # Shown only when the selected file has something to say (no empty, unlabelled pane).
        self.messages_pane = _labelled(self.messages_label, self.messages)
        detail.addWidget(self.messages_pane)
        detail.setStretchFactor(0, 1)
        detail.setStretchFactor(1, 3)
        detail.setStretchFactor(2, 1)
        self.messages_pane.setVisible(False)
        preview = QWidget(self)
        pl = QVBoxLayout(preview)
        pl.addWidget(self.hint)
        pl.addLayout(round_bar)
        pl.addLayout(bar)
        pl.addWidget(detail)
        pl.addWidget(self.summary)
        conflict_page = QWidget(self)
        cl = QVBoxLayout(conflict_page)
        cl.addWidget(self.conflicts)
        cb = QHBoxLayout()
        cb.addStretch(1)
        cb.addWidget(self.take_file)
        cb.addWidget(self.take_master)
        cl.addLayout(cb)
        history_page = QWidget(self)
        hl = QVBoxLayout(history_page)
        hl.addWidget(self.history)
        hb = QHBoxLayout()
        hb.addStretch(1)
        hb.addWidget(self.undo_button)
        hl.addLayout(hb)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(preview, self.tr("取込(&I)"))
        self.tabs.addTab(conflict_page, self.tr("競合"))
        self.tabs.addTab(history_page, self.tr("履歴"))
        QVBoxLayout(self).addWidget(self.tabs)

    # --- files in: drop or choose, then a dry run -----------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    def choose_files(self) -> None:
        paths = file_dialogs.open_paths(self, self.tr("提出ブックを選ぶ"),
                                        self.tr("Excel ブック (*.xlsx);;すべてのファイル (*)"))
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[Path]) -> None:
        """Add files and show what merging them would do (nothing is changed)."""
        for p in paths:
            if p not in self.paths:
                self.paths.append(p)
        self.preview()

    def clear(self) -> None:
        self.paths, self.outcomes = [], []
        self._show_outcomes()

    def _fill_cycles(self) -> None:
        """受付中 (the open round) by default; every cycle of the plan may be named explicitly."""
        with self.store.read() as s:
            current = current_round(s, self.plan_id)
            choices = cycle_choices(s, self.plan_id)
        self.round_label.setText(self.tr("受付中の報告サイクル：{0}").replace("{0}", current.label) if current
                                 else self.tr("受付中の報告サイクルはありません（どのサイクルも取り込みます）"))
        self._cycles: list[CycleRef | None] = [None, *choices]
        self.cycle_box.addItem(self.tr("指定しない（受付中のサイクル）"))
        for ref in self._cycles[1:]:
            assert ref is not None
            self.cycle_box.addItem(ref.label)

    @property
    def named_cycle(self) -> CycleRef | None:
        return self._cycles[max(0, self.cycle_box.currentIndex())]

    def _repreview(self) -> None:
        if self.paths:
            self.preview()

    def options(self, dry_run: bool) -> MergeOptions:
        """What the screen's choices mean for the merge (the same options as the command line)."""
        return MergeOptions(dry_run=dry_run, allow_stale=self.stale_box.isChecked(),
                            incomplete_as_draft=self.draft_box.isChecked(), cycle=self.named_cycle)

    @property
    def busy(self) -> bool:
        """A check or a merge is running in the background."""
        return self.job is not None and self.job.running

    def _run(self, dry_run: bool, paths: list[Path], then: Callable[[list[FileOutcome]], None]) -> None:
        """Check (``dry_run``) or merge ``paths`` on a worker thread with a progress dialog;
        ``then`` gets the outcomes on the GUI thread. A merge is one transaction: 中止
        leaves the database as it was."""
        options = replace(self.options(dry_run), one_transaction=True)
        store = self.store

        def work(progress: background.Progress, cancelled: Callable[[], bool]) -> list[FileOutcome]:
            def step(done: int, total: int, name: str) -> None:
                progress(done, total, name and self.tr("{0}/{1}：{2}").replace("{0}", str(done + 1))
                         .replace("{1}", str(total)).replace("{2}", name))
            return merge_files(store, paths, options, progress=step, cancelled=cancelled)

        def failed(exc: BaseException) -> None:
            if job is not self.job:
                return
            if isinstance(exc, MergeCancelled):
                self.summary.setText(exc.message)
            elif isinstance(exc, UserError):
                show_user_error(self, exc)
            else:
                raise exc
            self._update_buttons()

        def done(outcomes: list[FileOutcome]) -> None:
            if job is self.job:  # a check started again meanwhile (files added) wins
                then(outcomes)

        if self.job is not None and self.job.running:
            self.job.cancel()  # only a check can be running here: the merge button waits
        title = self.tr("提出ブックを確認しています") if dry_run else self.tr("提出ブックを取り込んでいます")
        self.merge_button.setEnabled(False)
        job = self.job = background.start(self, title, work, done, failed)

    def preview(self) -> None:
        def show(outcomes: list[FileOutcome]) -> None:
            self.outcomes = outcomes
            self._show_outcomes()

        self._run(True, list(self.paths), show)

    # --- the lists ----------------------------------------------------------------------

    def _status(self, o: FileOutcome) -> str:
        return {"preview": self.tr("取込可"), "merged": self.tr("取込済"), "duplicate": self.tr("取込済み（変更なし）"),
                "stale": self.tr("古いファイル"), "refused": self.tr("取り込めません"),
                "failed": self.tr("空き容量不足"), "not_attempted": self.tr("未処理（中断）")}[o.status]

    def _show_outcomes(self) -> None:
        rows = []
        for o in self.outcomes:
            d = o.diff
            res = d.resolved if d else None
            rows.append([o.name, self._status(o), res.department if res else "", res.cycle_label if res else "",
                         str(len(d.to_apply)) if d else "", str(len(d.conflicts)) if d else "",
                         str(len(d.of_kind("unchanged", "same"))) if d else "",
                         str(len(d.flagged)) if d and d.flagged else "",
                         str(len(d.draft_initiatives)) if d and d.draft_initiatives else "",
                         (self.tr("はい") if res.edited else self.tr("いいえ")) if res else ""])
        _fill(self.files, rows)
        self.summary.setText("\n".join(merge_summary(self.outcomes)) if len(self.outcomes) > 1 else "")
        if rows:
            self.files.selectRow(0)
        else:
            _fill(self.changes, [])
            self.messages.clear()
            self.messages_pane.setVisible(False)
        self._update_buttons()

    def _show_selected(self) -> None:
        rows = self.files.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.outcomes):
            return
        o = self.outcomes[rows[0].row()]
        changes: list[FieldChange] = o.diff.of_kind("new", "apply", "conflict") if o.diff else []
        ev = self.evaluations
        _fill(self.changes, [[self.tr(c.kind_label), c.code, c.title, c.label, show_value(c.master, c.field, ev),
                              show_value(c.theirs, c.field, ev), f"{c.sheet}!{c.cell}",
                              self.tr("要確認：") + c.review if c.review else ""] for c in changes])
        for r, c in enumerate(changes):
            if c.review:  # a figure far outside baseline and target: shown, never refused
                for col in range(self.changes.columnCount()):
                    item = self.changes.item(r, col)
                    if item is not None:
                        item.setBackground(QBrush(QColor("#FFE699")))
                        item.setForeground(QBrush(QColor("#000000")))
        self.messages.setPlainText("\n".join(o.messages))
        self.messages_pane.setVisible(bool(o.messages))

    def _mergeable(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "preview"
                or (o.status == "stale" and self.stale_box.isChecked())]

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(bool(self._mergeable()) and not self.busy)
        self.take_file.setEnabled(self.conflicts.rowCount() > 0)
        self.take_master.setEnabled(self.conflicts.rowCount() > 0)
        self.undo_button.setEnabled(self.history.rowCount() > 0)

    def refresh_lists(self) -> None:
        self._conflict_ids = [c.id for c in open_conflicts(self.store, self.plan_id)]
        ev = self.evaluations
        _fill(self.conflicts, [[str(c.id), c.file_name, c.department, c.initiative, c.field_label,
                                show_value(c.base, c.field, ev), show_value(c.master, c.field, ev),
                                show_value(c.theirs, c.field, ev)] for c in open_conflicts(self.store, self.plan_id)])
        history = list(reversed(merge_history(self.store, self.plan_id)))
        self._merge_ids = [h.id for h in history]
        _fill(self.history, [[f"#{h.id}", h.merged_at.astimezone().strftime("%Y/%m/%d %H:%M"), h.department,
                              h.cycle, h.file_name, str(h.applied), str(h.conflicts),
                              self.tr("取消済") if h.undone_at else self.tr("有効")] for h in history])
        self.tabs.setTabText(1, self.tr("競合（{0}）").replace("{0}", str(len(self._conflict_ids))))
        self._update_buttons()

    # --- writes ---------------------------------------------------------------------------

    def merge(self) -> None:
        """Merge the files that can be merged (one transaction each, a backup first)."""
        mergeable = self._mergeable()
        paths = [o.path for o in mergeable]
        if not paths:
            return
        if not merge_messages.confirm_merge(self, mergeable):
            return

        def merged(done: list[FileOutcome]) -> None:
            by_path = {o.path: o for o in done}
            self.outcomes = [by_path.get(o.path, o) for o in self.outcomes]
            self._show_outcomes()
            self.refresh_lists()
            self.changed.emit(merge_changes(done))
            merge_messages.tell_merged(self, done)

        self._run(False, paths, merged)

    def on_change(self, change: Change, sender: object) -> None:
        """Another screen changed reports (a 差戻し, a save): the conflicts and the history
        may have moved on."""
        if sender is not self and (change.touches("report") or change.touches("merge")):
            self.refresh_lists()

    def resolve(self, take: str) -> None:
        rows = self.conflicts.selectionModel().selectedRows()
        if not rows:
            return
        try:
            change = resolve_conflict(self.store, self._conflict_ids[rows[0].row()], take)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.refresh_lists()
        self.changed.emit(change)

    def undo_selected(self) -> None:
        rows = self.history.selectionModel().selectedRows()
        if not rows:
            return
        try:
            change = undo_merge(self.store, self._merge_ids[rows[0].row()])
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.refresh_lists()
        self.changed.emit(change)
