"""The edit pane of the plan editor: a group's title and slogan, or an initiative's fields
with its departments, goals, KPIs and roadmap steps.

The fields are saved together with 保存 (or when the selection moves on); goals, KPIs and
steps are changed one operation at a time through dialogs. The pane never touches the
database: it asks its editor (``PlanEditor``) to run operations.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planDesk.core.domain.workflow import GOAL, KPI, STEP
from planDesk.core.plan.edit.nodes import InitiativeFields
from planDesk.core.plan.view import InitiativeView, PlanView
from planDesk.gui.plan_edit.dialogs import FyCombo, fy_range, text_edit
from planDesk.gui.plan_text import fy_range as fy_span
from planDesk.gui.plan_text import kpi_baseline, kpi_target, step_period

if TYPE_CHECKING:
    from planDesk.gui.plan_edit.editor import PlanEditor

ID_ROLE = Qt.ItemDataRole.UserRole


def button(text: str, parent: QWidget, slot: Any) -> QPushButton:
    b = QPushButton(text, parent)
    b.setAccessibleName(text.split("(")[0])
    b.clicked.connect(slot)
    return b


class TitlePane(QWidget):
    """A group's name and slogan (the catch phrase the plan prints above it), at any depth."""

    def __init__(self, editor: PlanEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.kind = ""
        self.node_id = 0
        self.version = 0  # the shown group's version: a save names it (someone else's save since is refused)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold;")
        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("名称"))
        self.slogan = text_edit("", self, 60)
        self.slogan.setMaximumHeight(110)  # a catch phrase of a line or two, not a page
        self.slogan.setAccessibleName(self.tr("スローガン"))
        self.save_button = button(self.tr("保存(&S)"), self, self.save)
        form = QFormLayout()
        label = QLabel(self.tr("名称(&N)"), self)
        label.setBuddy(self.title)
        form.addRow(label, self.title)
        self.slogan_label = QLabel(self.tr("スローガン(&G)"), self)
        self.slogan_label.setBuddy(self.slogan)
        form.addRow(self.slogan_label, self.slogan)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        self.title.returnPressed.connect(self.save)
        self.slogan_changed = False
        self.slogan.textChanged.connect(self._slogan_edited)

    def _slogan_edited(self) -> None:
        self.slogan_changed = True

    def show_node(self, kind: str, node_id: int, heading: str, title: str, slogan: str | None = None, *,
                  version: int | None = None) -> None:
        """``slogan`` None: the node has none to edit. ``version``: the node's row version
        as read (None: saved without a check)."""
        self.kind, self.node_id, self.version = kind, node_id, version or 0
        self.heading.setText(heading)
        self.title.setText(title)
        self.title.setModified(False)
        self.slogan.setPlainText(slogan or "")
        self.slogan_changed = False
        self.slogan.setVisible(slogan is not None)
        self.slogan_label.setVisible(slogan is not None)

    def set_level_label(self, label: str) -> None:
        self.slogan.setToolTip(self.tr("計画書でこの{0}の上に掲げる標語（実績報告書に印刷されます）。"
                                       "改行はそのまま印刷されます").format(label))

    def dirty(self) -> bool:
        return self.title.isModified() or (not self.slogan.isHidden() and self.slogan_changed)

    def save(self) -> bool:
        from planDesk.core.plan.edit.nodes import edit_slogan, edit_title

        # read both first: a saved title reloads the editor, which shows the node again
        node_id, title, slogan = self.node_id, self.title.text(), self.slogan.toPlainText()
        title_changed = self.title.isModified()
        slogan_changed = not self.slogan.isHidden() and self.slogan_changed
        if title_changed:
            if self.editor.run(edit_title, self.kind, node_id, title, expected_version=self.version or None) is None:
                self._after_conflict(title if title_changed else None, slogan if slogan_changed else None)
                return False
            self.title.setModified(False)
        if slogan_changed:
            # the saved title was shown again with its new version (same node)
            if self.editor.run(edit_slogan, node_id, slogan, expected_version=self.version or None) is None:
                self.slogan.setPlainText(slogan)  # keep what was typed
                self.slogan_changed = True
                self._after_conflict(None, slogan)
                return False
            self.slogan_changed = False
        return True

    def _after_conflict(self, title: str | None, slogan: str | None) -> None:
        """Someone changed the group since it was shown: the editor shows it as saved now
        (with its new version) and what was typed is put back, still unsaved."""
        if not self.editor.after_conflict():
            return
        if title is not None:
            self.title.setText(title)
            self.title.setModified(True)
        if slogan is not None and not self.slogan.isHidden():
            self.slogan.setPlainText(slogan)
            self.slogan_changed = True


class InitiativePane(QWidget):
    """An initiative's fields, departments, goals, KPIs and steps."""

    dirtyChanged = Signal(bool)

    def __init__(self, editor: PlanEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.ini: InitiativeView | None = None
        self._dirty = False
        self._loading = False
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold;")
        self.heading.setWordWrap(True)
        self.title = QLineEdit(self)
        self.priority = QCheckBox(self)  # its text and the title's name the plan's word (_name_fields)
        self.new_in = FyCombo([], optional=True, parent=self)
        self.dept_list = QListWidget(self)
        self.dept_list.setMaximumHeight(96)
        self.dept_choice = QComboBox(self)
        self.more = QCheckBox(self.tr("担当部署の後に「など」と書く"), self)
        self.overview = text_edit("", self, 90)
        self.status_heading = QLineEdit(self)
        self.status = text_edit("", self, 90)
        for big in (self.overview, self.status):
            big.setMaximumHeight(150)  # the goals, KPIs and steps below stay in view
        for widget, name in ((self.new_in, self.tr("新規の年度")), (self.dept_list, self.tr("担当部署")),
                             (self.dept_choice, self.tr("追加する部署")), (self.more, self.tr("「など」")),
                             (self.overview, self.tr("概要")), (self.status_heading, self.tr("取組状況の見出し")),
                             (self.status, self.tr("取組状況"))):
            widget.setAccessibleName(name)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_label = self._row(form, "", self.title)
        self._name_fields(None)
        flags = QHBoxLayout()
        flags.addWidget(self.priority)
        new_label = QLabel(self.tr("新規(&Y)"), self)
        new_label.setBuddy(self.new_in)
        flags.addSpacing(16)
        flags.addWidget(new_label)
        flags.addWidget(self.new_in)
        flags.addStretch(1)
        form.addRow(self.tr("区分"), flags)
        depts = QVBoxLayout()
        depts.addWidget(self.dept_list)
        dept_buttons = QHBoxLayout()
        dept_buttons.addWidget(self.dept_choice, 1)
        dept_buttons.addWidget(button(self.tr("部署を追加"), self, self._add_dept))
        dept_buttons.addWidget(button(self.tr("外す"), self, self._remove_dept))
        dept_buttons.addWidget(button(self.tr("↑"), self, lambda: self._move_dept(-1)))
        dept_buttons.addWidget(button(self.tr("↓"), self, lambda: self._move_dept(1)))
        depts.addLayout(dept_buttons)
        depts.addWidget(self.more)
        self._row(form, self.tr("担当部署(&D)"), self.dept_list, depts)
        self._row(form, self.tr("概要(&O)"), self.overview)
        self._row(form, self.tr("取組状況の見出し(&H)"), self.status_heading)
        self._row(form, self.tr("取組状況(&T)"), self.status)
        self.save_button = button(self.tr("保存(&S)"), self, self.save)
        self.revert_button = button(self.tr("編集を取り消す"), self, self.revert)
        save_row = QHBoxLayout()
        self.state_label = QLabel(self)
        self.state_label.setAccessibleName(self.tr("保存の状態"))
        save_row.addWidget(self.state_label, 1)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

        self.tables: dict[str, QTableWidget] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(save_row)
        for kind, title, headers in (
            (GOAL, self.tr("目標"), [self.tr("目標"), self.tr("目標年度")]),
            (KPI, self.tr("指標"), [self.tr("指標"), self.tr("基準値"), self.tr("目標値"), self.tr("目標")]),
            (STEP, self.tr("工程表"), [self.tr("工程"), self.tr("期間"), self.tr("目標")]),
        ):
            layout.addWidget(self._detail_box(kind, title, headers))
        layout.addStretch(1)

        for edit in (self.title, self.status_heading):
            edit.textEdited.connect(self._changed)
        for text in (self.overview, self.status):
            text.textChanged.connect(self._changed)
        self.priority.toggled.connect(self._changed)
        self.more.toggled.connect(self._changed)
        self.new_in.currentIndexChanged.connect(self._changed)

    def _row(self, form: QFormLayout, label: str, buddy: QWidget, field: Any = None) -> QLabel:
        lab = QLabel(label, self)
        lab.setBuddy(buddy)
        form.addRow(lab, field if field is not None else buddy)
        return lab

    def _name_fields(self, word: str | None) -> None:
        """The title's and the priority flag's names, in the plan's word for its items
        (取組名 / 事業名, 重点取組事項 / 重点事業); before a plan is shown, plain ones."""
        if word is None:
            title, priority = self.tr("名称"), self.tr("重点")
            self.title_label.setText(self.tr("名称(&N)"))
        else:
            title, priority = self.tr("{0}名").format(word), self.tr("重点{0}").format(word)
            self.title_label.setText(self.tr("{0}名(&N)").format(word))
        self.title.setAccessibleName(title)
        self.priority.setText(priority)
        self.priority.setAccessibleName(priority)

    def _detail_box(self, kind: str, title: str, headers: list[str]) -> QGroupBox:
        box = QGroupBox(title, self)
        table = QTableWidget(0, len(headers), box)
        table.setHorizontalHeaderLabels(headers)
        table.setAccessibleName(self.tr("{0}の一覧").format(title))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(headers)):
            table.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        table.doubleClicked.connect(lambda _i: self.editor.edit_detail(kind))
        self.tables[kind] = table
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("追加"), lambda: self.editor.add_detail(kind)),
                           (self.tr("編集"), lambda: self.editor.edit_detail(kind)),
                           (self.tr("削除"), lambda: self.editor.remove_detail(kind)),
                           (self.tr("上へ"), lambda: self.editor.move_detail(kind, -1)),
                           (self.tr("下へ"), lambda: self.editor.move_detail(kind, 1))):
            b = button(text, box, slot)
            b.setAccessibleName(f"{title}の{text}")
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        layout.addLayout(buttons)
        return box

    # -- showing --------------------------------------------------------------------------------

    def show_initiative(self, plan: PlanView, ini: InitiativeView) -> None:
        """Show ``ini``; if its fields have unsaved edits, keep them and refresh the rest."""
        keep = self._dirty and self.ini is not None and self.ini.id == ini.id
        self.ini = ini
        self._name_fields(plan.initiative_label)
        self.heading.setText(f"{plan.initiative_label} {ini.code}" + (self.tr("（廃止）") if ini.retired else ""))
        self._loading = True
        if not keep:
            self.title.setText(ini.title)
            self.priority.setChecked(ini.priority)
            self.new_in.clear()
            self.new_in.addItem(self.tr("新規ではない"), None)
            for fy in fy_range(plan.start_fy, plan.end_fy):
                self.new_in.addItem(self.tr("新規（{0}）").format(_short(fy)), fy)
            self.new_in.set_fy(ini.new_in_fy)
            self.dept_list.clear()
            for d in ini.departments:
                self._dept_item(d.id, d.name)
            self.more.setChecked(ini.departments_more)
            self.overview.setPlainText(ini.overview)
            self.status_heading.setText(ini.status_heading)
            self.status.setPlainText(ini.status)
        self.dept_choice.clear()
        for d in plan.departments:
            if not d.retired:
                self.dept_choice.addItem(d.name, d.id)
        self._fill(GOAL, [[f"{g.mark} {g.text}", fy_span(g.target_start_fy, g.target_end_fy)] for g in ini.goals],
                   [g.id for g in ini.goals])
        self._fill(KPI, [[k.name, kpi_baseline(k), kpi_target(k), k.goal_mark or ""] for k in ini.kpis],
                   [k.id for k in ini.kpis])
        self._fill(STEP, [[s.label, step_period(s), "".join(s.goal_marks)] for s in ini.steps],
                   [s.id for s in ini.steps])
        self._loading = False
        self._set_dirty(keep)

    def _fill(self, kind: str, rows: list[list[str]], ids: list[int]) -> None:
        table = self.tables[kind]
        current = self.selected_id(kind)
        table.setRowCount(len(rows))
        for r, (row, row_id) in enumerate(zip(rows, ids, strict=True)):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                item.setData(ID_ROLE, row_id)
                item.setToolTip(value)  # one line per row; the whole text on hover
                table.setItem(r, c, item)
            if row_id == current:
                table.selectRow(r)
        rows_height = table.verticalHeader().defaultSectionSize() * max(1, table.rowCount())
        table.setFixedHeight(min(240, table.horizontalHeader().sizeHint().height() + rows_height + 6))

    def selected_id(self, kind: str) -> int | None:
        table = self.tables[kind]
        row = table.currentRow()
        item = table.item(row, 0) if row >= 0 else None
        return int(item.data(ID_ROLE)) if item is not None else None

    def select_detail(self, kind: str, row_id: int) -> None:
        table = self.tables[kind]
        for r in range(table.rowCount()):
            item = table.item(r, 0)
            if item is not None and item.data(ID_ROLE) == row_id:
                table.setCurrentCell(r, 0)

    # -- departments ------------------------------------------------------------------------------

    def _dept_item(self, dept_id: int, name: str) -> None:
        item = QListWidgetItem(name, self.dept_list)
        item.setData(ID_ROLE, dept_id)

    def department_ids(self) -> tuple[int, ...]:
        items = (self.dept_list.item(i) for i in range(self.dept_list.count()))
        return tuple(int(item.data(ID_ROLE)) for item in items if item is not None)

    def _add_dept(self) -> None:
        dept_id = self.dept_choice.currentData()
        if dept_id is not None and dept_id not in self.department_ids():
            self._dept_item(dept_id, self.dept_choice.currentText())
            self._changed()

    def _remove_dept(self) -> None:
        row = self.dept_list.currentRow()
        if row >= 0:
            self.dept_list.takeItem(row)
            self._changed()

    def _move_dept(self, delta: int) -> None:
        row = self.dept_list.currentRow()
        if row < 0 or not 0 <= row + delta < self.dept_list.count():
            return
        item = self.dept_list.takeItem(row)
        self.dept_list.insertItem(row + delta, item)
        self.dept_list.setCurrentRow(row + delta)
        self._changed()

    # -- saving -----------------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.state_label.setText(self.tr("未保存の変更があります") if dirty else "")
        self.save_button.setEnabled(dirty and not self.editor.read_only)
        self.revert_button.setEnabled(dirty)
        self.dirtyChanged.emit(dirty)

    def dirty(self) -> bool:
        return self._dirty

    def fields(self) -> InitiativeFields:
        return InitiativeFields(
            title=self.title.text(), department_ids=self.department_ids(),
            priority=self.priority.isChecked(), new_in_fy=self.new_in.fy(),
            overview=self.overview.toPlainText(), status_text=self.status.toPlainText(),
            status_heading=self.status_heading.text(), departments_more=self.more.isChecked())

    def save(self) -> bool:
        """Save the fields (True when saved or nothing to save; False when refused)."""
        if not self._dirty or self.ini is None:
            return True
        from planDesk.core.plan.edit.nodes import edit_initiative

        typed = self._typed_changes(self.ini)
        change = self.editor.run(edit_initiative, self.ini.id, self.fields(), expected_version=self.ini.version)
        if change is None:
            if self.editor.last_conflict is not None:
                # Someone saved first: show the initiative as saved now (its new version),
                # then put back only the fields typed here, still unsaved. Saving again keeps
                # the other change in every field not typed here.
                self._set_dirty(False)
                self.editor.after_conflict()
                self._put_back(typed)
            return False
        self._set_dirty(False)
        return True

    def _typed_changes(self, shown: InitiativeView) -> dict[str, Any]:
        """The fields typed here that differ from the initiative as it was shown."""
        base = InitiativeFields(
            title=shown.title, department_ids=tuple(d.id for d in shown.departments), priority=shown.priority,
            new_in_fy=shown.new_in_fy, overview=shown.overview, status_text=shown.status,
            status_heading=shown.status_heading, departments_more=shown.departments_more)
        typed = self.fields()
        names = (f.name for f in dataclasses.fields(InitiativeFields))
        return {name: getattr(typed, name) for name in names if getattr(typed, name) != getattr(base, name)}

    def _put_back(self, typed: dict[str, Any]) -> None:
        if not typed:
            return
        self._loading = True
        setters: dict[str, Any] = {
            "title": self.title.setText, "priority": self.priority.setChecked, "new_in_fy": self.new_in.set_fy,
            "overview": self.overview.setPlainText, "status_text": self.status.setPlainText,
            "status_heading": self.status_heading.setText, "departments_more": self.more.setChecked,
        }
        for name, value in typed.items():
            if name == "department_ids":
                names = {d.id: d.name for d in self.editor.plan.departments}
                self.dept_list.clear()
                for dept_id in value:
                    self._dept_item(dept_id, names.get(dept_id, str(dept_id)))
            else:
                setters[name](value)
        self._loading = False
        self._set_dirty(True)

    def revert(self) -> None:
        self._set_dirty(False)
        self.editor.reload()


def _short(fy: int) -> str:
    from planDesk.core.domain.fiscal import format_fy_short

    return f"{format_fy_short(fy)}新規"
