"""The progress report (進捗報告) of one department for one initiative and cycle.

Every edit goes on the page's QUndoStack, is written to the draft journal at once, and is
saved to the database as a draft after a short pause in typing (``AUTOSAVE_MS``) or when
the user leaves the field. A save names the version it started from; if someone else
saved in between, the two are merged field by field and the user is asked only about
fields both changed — nothing typed is dropped.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from planDesk.core.domain.keys import KPI, FieldKey
from planDesk.core.domain.numbers import NumberInputError, parse_number
from planDesk.core.errors import ConflictError, UserError
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import DepartmentView, InitiativeView, PlanView, ReportView
from planDesk.core.reports.attainment import attainment, format_attainment
from planDesk.core.reports.ops import confirm_report, cycle_label, return_report, save_report, submit_report
from planDesk.gui import data_access
from planDesk.gui.labels import status_label, step_state_labels
from planDesk.gui.plan.report_index import Cycle
from planDesk.gui.plan_text import kpi_baseline, kpi_target, step_period
from planDesk.gui.report import actions as report_actions
from planDesk.gui.report import conflict_dialog
from planDesk.gui.report.conflict import three_way
from planDesk.gui.report.draft_journal import Draft, DraftJournal, DraftKey
from planDesk.gui.report.fields import ChoiceBox, UndoLineEdit, UndoTextEdit
from planDesk.gui.report.undo import FieldEditCommand, SetValuesCommand
from planDesk.gui.report.values import (
    field_label,
    kpi_key,
    missing_required,
    report_after_save,
    step_key,
    to_input,
    values_from_report,
)

log = logging.getLogger(__name__)

AUTOSAVE_MS = int(os.environ.get("PLANDESK_AUTOSAVE_MS", "2000"))
ERROR_STYLE = "color: #b91c1c"


@dataclass(frozen=True)
class FormContext:
    store: Store
    plan: PlanView
    initiative: InitiativeView
    department: DepartmentView
    cycle: Cycle
    as_division: bool  # the division is looking (confirm, return, edit any part)
    may_edit: bool  # this user may edit this part at all (own department or division; current plan)
    journal: DraftJournal


class ReportForm(QWidget):
    saveStateChanged = Signal(str)  # "saved" | "dirty" | "saving" | "error"
    saved = Signal(int)  # initiative id: the database changed
    transitioned = Signal(int)  # initiative id: the report's status changed
    changeMade = Signal(object)  # the core Change of each save or status change (for the hub)
    handInRequested = Signal()  # 提出用ファイルを作成 (the main window writes the files)

    def __init__(self, ctx: FormContext, report: ReportView | None, undo_stack: QUndoStack,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ini = ctx.initiative
        self.report = report
        self.undo_stack = undo_stack
        self.version = report.version if report else 0
        self._saved = values_from_report(self.ini, report)  # what the database holds
        self._values = dict(self._saved)  # what the form shows
        self._applying = False
        self._saving = False
        self._session = 0
        self._errors: dict[str, str] = {}
        self._restored = ""  # when a draft from the journal was put back, for the banner
        self.key = DraftKey(ctx.plan.id, self.ini.id, ctx.department.id, ctx.cycle.fy, ctx.cycle.half)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.autosave)
        self.widgets: dict[str, Any] = {}
        self.labels: dict[str, QLabel] = {}
        self._attainment: dict[str, QLabel] = {}
        self._build()
        self._restore_draft()
        self._update_lock()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        ini = self.ini
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setStyleSheet("background: #fef3c7; color: #78350f; padding: 6px; border-radius: 4px")
        layout.addWidget(self.banner)
        # Input left in the journal for a report that is locked now (submitted meanwhile):
        # shown so it can be copied, and dropped only when the user says so.
        self.stranded = QLabel(self)
        self.stranded.setWordWrap(True)
        self.stranded.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.stranded.setStyleSheet("background: #fee2e2; color: #7f1d1d; padding: 6px; border-radius: 4px")
        self.stranded.setVisible(False)
        self.discard_button = QPushButton(self.tr("この保存されなかった入力を破棄"), self)
        self.discard_button.setVisible(False)
        self.discard_button.clicked.connect(self._discard_stranded)
        layout.addWidget(self.stranded)
        layout.addWidget(self.discard_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setVisible(False)
        layout.addWidget(self.message)

        self._text_field(layout, "activities", self.tr("実施状況（必須）"),
                         self.tr("この年度に実施したことを具体的に書いてください。"))
        if ini.kpis:
            layout.addWidget(self._section_label(self.tr("指標の実績")))
            grid = QGridLayout()
            for col, head in enumerate((self.tr("指標"), self.tr("基準値"), self.tr("目標値"), self.tr("実績"),
                                        self.tr("達成率"))):
                label = QLabel(f"<b>{head}</b>", self)
                grid.addWidget(label, 0, col)
            for row, kpi in enumerate(ini.kpis, start=1):
                key = kpi_key(kpi.id)
                name = QLabel(kpi.name + (f"（{kpi.unit}）" if kpi.unit else ""), self)
                name.setWordWrap(True)
                grid.addWidget(name, row, 0)
                grid.addWidget(QLabel(kpi_baseline(kpi), self), row, 1)
                grid.addWidget(QLabel(kpi_target(kpi), self), row, 2)
                edit = UndoLineEdit(self)
                edit.setAccessibleName(field_label(ini, key))
                edit.setPlaceholderText(self.tr("例：1,234"))
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                edit.setMaximumWidth(160)
                edit.textEdited.connect(lambda text, k=key: self._edited(k, text))
                self._wire_focus(edit, key)
                name.setBuddy(edit)
                self.widgets[key] = edit
                self.labels[key] = name
                grid.addWidget(edit, row, 3)
                att = QLabel("—", self)
                att.setAccessibleName(self.tr("達成率：{0}").format(kpi.name))
                self._attainment[key] = att
                grid.addWidget(att, row, 4)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(1, 2)
            grid.setColumnStretch(2, 2)
            layout.addLayout(grid)

        choose = self.tr("（選択してください）")
        scale = [("", choose)] + [(c, f"{c} {label}") for c, label in self.ctx.plan.evaluation_scale]
        self._choice_field(layout, "evaluation", self.tr("進捗評価（必須）"), scale)
        self._text_field(layout, "issues", self.tr("課題"), self.tr("{0}を進める上での課題があれば書いてください。")
                         .format(self.ctx.plan.initiative_label))
        directions = [("", choose)] + [(d, d) for d in self.ctx.plan.directions]
        self._choice_field(layout, "direction", self.tr("今後の方向性（必須）"), directions)
        self._text_field(layout, "next_steps", self.tr("今後の取組"),
                         self.tr("次の年度に取り組むことを書いてください。"))

        if ini.steps:
            layout.addWidget(self._section_label(self.tr("工程の状況")))
            grid = QGridLayout()
            states = list(step_state_labels().items())
            for row, step in enumerate(ini.steps):
                key = step_key(step.id)
                label = QLabel(f"{step.label}<br><span style='color:#6b7280'>{step_period(step)}</span>", self)
                label.setWordWrap(True)
                box = ChoiceBox(self)
                for code, text in states:
                    box.addItem(text, code)
                box.setAccessibleName(field_label(ini, key))
                box.set_value(self._values[key])
                box.activated.connect(lambda _i, k=key, b=box: self._edited(k, b.value(), mergeable=False))
                box.focusLeft.connect(self._left_field)
                label.setBuddy(box)
                self.widgets[key] = box
                self.labels[key] = label
                grid.addWidget(label, row, 0)
                grid.addWidget(box, row, 1)
            grid.setColumnStretch(0, 1)
            layout.addLayout(grid)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setToolTip(self.tr("下書きを今すぐ保存します（Ctrl+S）。入力は数秒ごとに自動でも保存されます。"))
        self.submit_button = QPushButton(self.tr("提出…"), self)
        self.confirm_button = QPushButton(self.tr("確認済みにする…"), self)
        self.return_button = QPushButton(self.tr("差戻し…"), self)
        # The clerk's real hand-in is the file: offered in place once the report is submitted.
        self.handin_button = QPushButton(self.tr("提出用ファイルを作成（Excel・PDF）…"), self)
        self.handin_button.setObjectName("handInButton")
        self.handin_button.setToolTip(self.tr("部署の報告をまとめた Excel ファイル（情報政策課へ送る）と"
                                              " PDF（部署内の決裁用）をドキュメント フォルダに作成します。"))
        self.save_button.clicked.connect(lambda: self.save())
        self.submit_button.clicked.connect(self.submit)
        self.confirm_button.clicked.connect(self.confirm)
        self.return_button.clicked.connect(self.return_to_draft)
        self.handin_button.clicked.connect(self.handInRequested)
        for button in (self.save_button, self.submit_button, self.confirm_button, self.return_button,
                       self.handin_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        for key, value in self._values.items():
            self._show_value(key, value)

    def _section_label(self, text: str) -> QLabel:
        label = QLabel(f"<b>{text}</b>", self)
        return label

    def _text_field(self, layout: QVBoxLayout, key: str, label_text: str, hint: str) -> None:
        label = QLabel(f"<b>{label_text}</b>", self)
        edit = UndoTextEdit(self)
        edit.setAccessibleName(field_label(self.ini, key))
        edit.setAccessibleDescription(hint)
        edit.setPlaceholderText(hint)
        edit.setFixedHeight(110)  # about five lines; long text scrolls inside
        edit.textChanged.connect(lambda k=key, e=edit: self._edited(k, e.toPlainText()))
        self._wire_focus(edit, key)
        label.setBuddy(edit)
        self.widgets[key] = edit
        self.labels[key] = label
        layout.addWidget(label)
        layout.addWidget(edit)

    def _choice_field(self, layout: QVBoxLayout, key: str, label_text: str, choices: list[tuple[str, str]]) -> None:
        row = QHBoxLayout()
        label = QLabel(f"<b>{label_text}</b>", self)
        box = ChoiceBox(self)
        for data, text in choices:
            box.addItem(text, data)
        box.setAccessibleName(field_label(self.ini, key))
        box.activated.connect(lambda _i, k=key, b=box: self._edited(k, b.value(), mergeable=False))
        box.focusLeft.connect(self._left_field)
        label.setBuddy(box)
        self.widgets[key] = box
        self.labels[key] = label
        row.addWidget(label)
        row.addWidget(box)
        row.addStretch(1)
        layout.addLayout(row)

    def _wire_focus(self, widget: Any, key: str) -> None:
        widget.focusEntered.connect(self._entered_field)
        widget.focusLeft.connect(self._left_field)

    # -- state ----------------------------------------------------------------------------------

    @property
    def status(self) -> str:
        return self.report.status if self.report else "draft"

    @property
    def editable(self) -> bool:
        """The department edits only drafts; the division may correct any part."""
        return self.ctx.may_edit and (self.status == "draft" or self.ctx.as_division)

    def values(self) -> dict[str, str]:
        return dict(self._values)

    def is_dirty(self) -> bool:
        return self._values != self._saved

    def title(self) -> str:
        cycle = cycle_label(self.ctx.cycle.fy, self.ctx.cycle.half)
        return f"{self.ini.code} {self.ini.title}／{self.ctx.department.name}／{cycle}"

    def _update_lock(self) -> None:
        editable = self.editable
        for widget in self.widgets.values():
            if isinstance(widget, ChoiceBox):
                widget.setEnabled(editable)
            else:
                widget.setReadOnly(not editable)
        self.save_button.setVisible(editable)
        own = self.ctx.may_edit
        self.submit_button.setVisible(own and self.status == "draft")
        self.confirm_button.setVisible(self.ctx.as_division and self.status == "submitted")
        self.return_button.setVisible(self.ctx.as_division and self.status in ("submitted", "confirmed"))
        handed_in = own and not self.ctx.as_division and self.status in ("submitted", "confirmed")
        self.handin_button.setVisible(handed_in)
        self._update_header()
        notes = []
        if handed_in and self.status == "submitted":
            notes.append(self.tr("提出しました。次に［提出用ファイルを作成（Excel・PDF）］を押して、できたファイルを"
                                 "情報政策課に送ってください。"))
        if self.report and self.report.return_comment and self.status == "draft":
            notes.append(self.tr("差戻しされました。理由：{0}").format(self.report.return_comment))
        if self.ctx.may_edit and not editable:
            notes.append(self.tr("この報告は{0}のため編集できません。修正が必要なときは情報政策課に差戻しを依頼してください。")
                         .format(status_label(self.status)))
        if self._restored:
            notes.append(self.tr("前回保存されなかった入力を復元しました（{0}）。").format(self._restored))
        self.banner.setText("\n".join(notes))
        self.banner.setVisible(bool(notes))

    def _update_header(self) -> None:
        parts = [self.tr("<b>{0}</b> の報告（{1}）").format(self.ctx.department.name,
                                                       cycle_label(self.ctx.cycle.fy, self.ctx.cycle.half)),
                 self.tr("状態：{0}").format(status_label(self.status) if self.report else self.tr("未作成"))]
        if self.report and self.report.updated_at:
            stamp = self.report.updated_at.astimezone().strftime("%Y/%m/%d %H:%M")
            parts.append(self.tr("最終保存：{0}（{1}）").format(stamp, self.report.updated_by))
        self.header.setText("　".join(parts))

    # -- editing --------------------------------------------------------------------------------

    def field_label(self, key: str) -> str:
        return field_label(self.ini, key)

    def _entered_field(self) -> None:
        self._session += 1  # a new visit to a field starts a new undo step

    def _left_field(self) -> None:
        if self.is_dirty() and self.editable:
            QTimer.singleShot(0, self.autosave)

    def _edited(self, key: str, new: str, mergeable: bool = True) -> None:
        if self._applying or not self.editable:
            return
        old = self._values.get(key, "")
        if old == new:
            return
        self._values[key] = new
        self.undo_stack.push(FieldEditCommand(self, key, old, new, self._session, mergeable))
        self._validate(key)
        self._changed(key)

    def apply_value(self, key: str, value: str) -> None:
        """Set a field (undo/redo, restore, merge) and show where it changed."""
        if self._values.get(key) == value and self._widget_value(key) == value:
            return
        self._values[key] = value
        self._show_value(key, value)
        widget = self.widgets.get(key)
        if widget is not None and self.isVisible():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._changed(key)

    def _widget_value(self, key: str) -> str:
        widget = self.widgets[key]
        if isinstance(widget, UndoTextEdit):
            return widget.toPlainText()
        if isinstance(widget, UndoLineEdit):
            return widget.text()
        return str(widget.value())

    def _show_value(self, key: str, value: str) -> None:
        widget = self.widgets.get(key)
        if widget is None:
            return
        self._applying = True
        try:
            if isinstance(widget, UndoTextEdit | UndoLineEdit):
                widget.set_text_keep_place(value)
            else:
                widget.set_value(value)
        finally:
            self._applying = False
        self._validate(key)

    def _validate(self, key: str) -> None:
        if FieldKey(key).kind != KPI:
            return
        kpi = next(k for k in self.ini.kpis if kpi_key(k.id) == key)
        try:
            value = parse_number(self._values.get(key, ""), field=self.field_label(key))
            self._errors.pop(key, None)
            self._attainment[key].setText(format_attainment(attainment(value, kpi.baseline, kpi.target, kpi.direction)))
        except NumberInputError as exc:
            self._errors[key] = str(exc)
            self._attainment[key].setText("—")
        self._mark(key, key in self._errors)
        self._show_messages()

    def _mark(self, key: str, bad: bool) -> None:
        self.widgets[key].setStyleSheet("border: 2px solid #b91c1c" if bad else "")
        self.labels[key].setStyleSheet(ERROR_STYLE if bad else "")

    def _show_messages(self, extra: str = "") -> None:
        lines = list(self._errors.values()) + ([extra] if extra else [])
        self.message.setText("\n".join(lines))
        self.message.setVisible(bool(lines))

    def _changed(self, key: str) -> None:
        if self.is_dirty():
            self.ctx.journal.put(self.key, Draft(dict(self._values), dict(self._saved), self.version, self.title()))
            self._timer.start()
            self.saveStateChanged.emit("dirty")
        else:
            self.ctx.journal.remove(self.key)
            self._timer.stop()
            self.saveStateChanged.emit("saved")

    def _restore_draft(self) -> None:
        draft = self.ctx.journal.get(self.key)
        if draft is None or not self.ctx.may_edit:
            return
        if not self.editable:
            changed = [(self.field_label(k), v) for k, v in draft.values.items()
                       if k in self._values and v != self._values[k]]
            lines = [self.tr("前回保存されなかった入力がありますが、この報告は{0}のため反映できません。"
                             "必要な部分をコピーしてください：").format(status_label(self.status))]
            lines += [f"【{label}】{value}" for label, value in changed]
            self.stranded.setText("\n".join(lines))
            self.stranded.setVisible(True)
            self.discard_button.setVisible(True)
            return
        # The draft was typed over base_version / base_values. If the database has moved on
        # since, the next save meets ConflictError and merges the three (see save()).
        self._saved = {**self._saved, **{k: v for k, v in draft.base_values.items() if k in self._saved}}
        self.version = draft.base_version
        for key, value in draft.values.items():
            if key in self._values:
                self._values[key] = value
                self._show_value(key, value)
        self._restored = draft.saved_at.replace("T", " ")[:16]
        if self.is_dirty():
            self._timer.start()

    def _discard_stranded(self) -> None:
        self.ctx.journal.remove(self.key)
        self.stranded.setVisible(False)
        self.discard_button.setVisible(False)

    # -- saving ---------------------------------------------------------------------------------

    def autosave(self) -> None:
        if self.is_dirty() and self.editable and not self._saving:
            self.save(quiet=True)

    def save(self, *, quiet: bool = False, _retry: bool = True) -> bool:
        """Save the draft now. False when it could not be saved (the journal keeps it)."""
        self._timer.stop()
        if not self.is_dirty():
            return True
        if not self.editable or self._saving:
            return False
        try:
            data = to_input(self.ini, self.ctx.department.id, self.ctx.cycle.fy, self.ctx.cycle.half, self._values)
        except NumberInputError:
            self._show_messages(self.tr("数値の誤りを直すまで保存できません（入力内容は保護されています）。"))
            self.saveStateChanged.emit("error")
            return False
        self._saving = True
        self.saveStateChanged.emit("saving")
        values = dict(self._values)
        try:
            change, version = save_report(self.ctx.store, data, expected_version=self.version,
                                          as_division=self.ctx.as_division)
        except ConflictError:
            self._saving = False
            return self._resolve_conflict(_retry)
        except UserError as exc:
            self._show_messages(exc.message)
            self.saveStateChanged.emit("error")
            return False
        finally:
            self._saving = False
        self.version = version
        if self.report is not None and self.report.version < version:
            self.report = report_after_save(self.report, self.ini, values, version, self.ctx.store.actor)
        else:
            self.report = self._latest()
        self._saved = values
        self._restored = ""
        self._update_header()
        if self._values == values:
            self.ctx.journal.remove(self.key)
        self._show_messages()
        self.saveStateChanged.emit("saved" if not self.is_dirty() else "dirty")
        self.saved.emit(self.ini.id)
        if change.entities:  # a save that changed nothing writes nothing and says nothing
            self.changeMade.emit(change)
        return True

    def _latest(self) -> ReportView | None:
        for r in data_access.initiative_reports(self.ctx.store, self.ini.id):
            if (r.department_id == self.ctx.department.id and r.fy == self.ctx.cycle.fy
                    and r.half == self.ctx.cycle.half):
                return r
        return None

    def _resolve_conflict(self, retry: bool) -> bool:
        latest = self._latest()
        theirs = values_from_report(self.ini, latest)
        merged, conflicts = three_way(self._saved, self._values, theirs)
        if conflicts and retry:
            rows = [(self.field_label(k), self._values.get(k, ""), theirs.get(k, "")) for k in conflicts]
            choice = conflict_dialog.ask(self, latest.updated_by if latest else "", rows)
            if choice == conflict_dialog.LATER:
                self._show_messages(self.tr("他の利用者が先に保存したため、保存を保留しています（入力内容は保護されています）。"))
                self.saveStateChanged.emit("error")
                return False
            if choice == conflict_dialog.TAKE_THEIRS:
                for key in conflicts:
                    merged[key] = theirs.get(key, "")
        elif conflicts:
            self.saveStateChanged.emit("error")
            return False
        changed = {k: v for k, v in merged.items() if self._values.get(k) != v}
        if changed:
            old = {k: self._values.get(k, "") for k in changed}
            self.undo_stack.push(SetValuesCommand(self, old, changed, self.tr("他の利用者の変更を反映")))
        self.report = latest
        self.version = latest.version if latest else 0
        self._saved = theirs
        self._update_lock()
        if not self.is_dirty():
            self.ctx.journal.remove(self.key)
            self.saveStateChanged.emit("saved")
            self.saved.emit(self.ini.id)
            return True
        return self.save(_retry=False) if retry else False

    def report_updated(self, report: ReportView | None) -> None:
        """The page reloaded this part from the database (after a save here)."""
        if report is not None and report.version == self.version:
            self.report = report
            self._update_header()

    # -- workflow -------------------------------------------------------------------------------

    def submit(self) -> bool:
        missing = missing_required(self._values, has_scale=bool(self.ctx.plan.evaluation_scale),
                                   has_directions=bool(self.ctx.plan.directions))
        for key in ("activities", "evaluation", "direction"):
            self.labels[key].setStyleSheet(ERROR_STYLE if key in missing else "")
        if missing:
            names = "、".join(self.field_label(k) for k in missing)
            self._show_messages(self.tr("提出の前に入力してください：{0}").format(names))
            self.widgets[missing[0]].setFocus()
            return False
        if not self.save():
            return False
        if self.report is None or self.report.version != self.version:
            self.report = self._latest()
        if self.report is None:  # nothing typed yet: there is no report to submit
            self._show_messages(self.tr("提出の前に入力してください：{0}").format(self.field_label("activities")))
            return False
        if not report_actions.confirm_submit(self, self.title()):
            return False
        return self._transition(lambda rid: submit_report(self.ctx.store, rid))

    def confirm(self) -> bool:
        if self.report is None or not report_actions.confirm_confirm(self, self.title()):
            return False
        return self._transition(lambda rid: confirm_report(self.ctx.store, rid, as_division=True))

    def return_to_draft(self) -> bool:
        if self.report is None:
            return False
        comment = report_actions.ask_return_comment(self, self.title())
        if comment is None:
            return False
        return self._transition(lambda rid: return_report(self.ctx.store, rid, comment, as_division=True))

    def _transition(self, operation: Any) -> bool:
        assert self.report is not None
        try:
            change = operation(self.report.id)
        except UserError as exc:
            self._show_messages(exc.message)
            return False
        self.report = self._latest()
        if self.report is not None:
            self.version = self.report.version
        self._update_lock()
        self.saved.emit(self.ini.id)
        self.transitioned.emit(self.ini.id)
        self.changeMade.emit(change)
        return True
