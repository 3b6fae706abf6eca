"""The plan editor's list dialogs: the evaluation scale / 今後の方向性 choices, the
departments (部署) and the level labels (階層の名前)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
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

from planDesk.core.persistence.store import Change
from planDesk.core.plan.edit.settings import PSEUDO_KINDS
from planDesk.core.plan.view import DepartmentView
from planDesk.gui.plan_edit.dialogs import FormDialog

ID_ROLE = Qt.ItemDataRole.UserRole


class ScaleDialog(FormDialog):
    """Edit an ordered list of choices (code + label for grades, label for directions).

    Removing a choice that reports use asks for its replacement (置き換え先)."""

    def __init__(self, title: str, rows: Sequence[tuple[int | None, str, str]], usage: dict[str, int], *,
                 with_code: bool, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.with_code = with_code
        self.usage = usage
        headers = [self.tr("記号"), self.tr("名称")] if with_code else [self.tr("選択肢")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(title)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        for row_id, code, label in rows:
            self._append(row_id, code, label)
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("追加(&A)"), self.add_row), (self.tr("削除(&D)"), self.remove_row),
                           (self.tr("上へ(&U)"), lambda: self.move_row(-1)),
                           (self.tr("下へ(&W)"), lambda: self.move_row(1))):
            button = QPushButton(text, self)
            button.setAccessibleName(text.split("(")[0])
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.replacements = QGroupBox(self.tr("削除した選択肢を使っている報告の置き換え先"), self)
        self.replace_form = QFormLayout(self.replacements)
        self.replacements.hide()
        self.replace_boxes: dict[str, QComboBox] = {}
        note = QLabel(self.tr("記号や名称を変えると、それを使っている報告の値も合わせて変わります。\n"
                              "報告で使われている選択肢を削除するときは、置き換え先を選びます。"), self)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.form.addRow(self.table)
        self.form.addRow(buttons)
        self.form.addRow(self.replacements)
        self.resize(480, 420)

    def _append(self, row_id: int | None, code: str, label: str) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        values = [code, label] if self.with_code else [label]
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setData(ID_ROLE, row_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, value)  # the key as loaded
            self.table.setItem(r, c, item)
        return r

    def _item(self, r: int, c: int) -> QTableWidgetItem:
        item = self.table.item(r, c)
        if item is None:  # a cell the user never filled
            item = QTableWidgetItem("")
            self.table.setItem(r, c, item)
        return item

    def add_row(self) -> None:
        r = self._append(None, "", "")
        self.table.setCurrentCell(r, 0)
        self.table.editItem(self._item(r, 0))

    def remove_row(self) -> None:
        r = self.table.currentRow()
        if r < 0:
            return
        item = self._item(r, 0)
        original = item.data(Qt.ItemDataRole.UserRole + 1)
        self.table.removeRow(r)
        if item.data(ID_ROLE) is not None and self.usage.get(original):
            box = QComboBox(self.replacements)
            box.addItems(self.keys())
            box.setAccessibleName(self.tr("「{0}」の置き換え先").format(original))
            self.replace_boxes[original] = box
            self.replace_form.addRow(self.tr("「{0}」（報告 {1} 件）→").format(original, self.usage[original]), box)
            self.replacements.show()

    def move_row(self, delta: int) -> None:
        r = self.table.currentRow()
        to = r + delta
        if r < 0 or not 0 <= to < self.table.rowCount():
            return
        items = [self.table.takeItem(r, c) for c in range(self.table.columnCount())]
        self.table.removeRow(r)
        self.table.insertRow(to)
        for c, item in enumerate(items):
            self.table.setItem(to, c, item)
        self.table.setCurrentCell(to, 0)

    def keys(self) -> list[str]:
        return [self._item(r, 0).text().strip() for r in range(self.table.rowCount())]

    def entries(self) -> list[tuple[int | None, str, str]]:
        out = []
        for r in range(self.table.rowCount()):
            first = self._item(r, 0)
            label = self._item(r, 1).text() if self.with_code else first.text()
            out.append((first.data(ID_ROLE), first.text(), label))
        return out

    def mapping(self) -> dict[str, str]:
        return {old: box.currentText() for old, box in self.replace_boxes.items() if box.currentText()}


class DepartmentsDialog(QDialog):
    """The plan's departments; each button is one operation, applied at once."""

    def __init__(self, load: Callable[[], Sequence[DepartmentView]], run: Callable[..., Change | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("部署の管理"))
        self.load, self.run = load, run
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("部署の一覧"))
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("部署名"))
        self.pseudo = QComboBox(self)
        self.pseudo.setAccessibleName(self.tr("部署の種類"))
        self.pseudo.addItem(self.tr("通常の部署"), None)
        for code, label in PSEUDO_KINDS.items():
            self.pseudo.addItem(self.tr(label), code)
        form = QFormLayout()
        name_label = QLabel(self.tr("部署名(&N)"), self)
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        kind_label = QLabel(self.tr("種類(&K)"), self)
        kind_label.setBuddy(self.pseudo)
        form.addRow(kind_label, self.pseudo)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text in (("add", self.tr("追加(&A)")), ("rename", self.tr("変更を保存(&S)")),
                          ("up", self.tr("上へ(&U)")), ("down", self.tr("下へ(&W)")),
                          ("retire", self.tr("廃止／復活(&R)"))):
            button = QPushButton(text, self)
            button.setAccessibleName(text.split("(")[0])
            row.addWidget(button)
            self.buttons[key] = button
        self.buttons["add"].clicked.connect(self._add)
        self.buttons["rename"].clicked.connect(self._rename)
        self.buttons["up"].clicked.connect(lambda: self._move(-1))
        self.buttons["down"].clicked.connect(lambda: self._move(1))
        self.buttons["retire"].clicked.connect(self._retire)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        note = QLabel(self.tr("新しい部署は名前を入力して「追加」。一覧で選んだ部署の名前や種類を変えるときは"
                              "「変更を保存」。廃止した部署の報告は残ります。"), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(close)
        self.list.currentItemChanged.connect(self._selected)
        self.resize(560, 520)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.departments = list(self.load())
        self.list.clear()
        for d in self.departments:
            text = d.name + (f"（{PSEUDO_KINDS[d.pseudo]}）" if d.pseudo in PSEUDO_KINDS else "")
            if d.retired:
                text += self.tr("［廃止］")
            item = QListWidgetItem(text, self.list)
            item.setData(ID_ROLE, d.id)
            if d.retired:
                item.setForeground(Qt.GlobalColor.gray)
            if d.id == select:
                self.list.setCurrentItem(item)

    def current(self) -> DepartmentView | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return next((d for d in self.departments if d.id == item.data(ID_ROLE)), None)

    def _selected(self, *_args: object) -> None:
        dept = self.current()
        if dept is not None:
            self.name.setText(dept.name)
            self.pseudo.setCurrentIndex(max(0, self.pseudo.findData(dept.pseudo)))

    def _apply(self, op: str, *args: object, select: int | None = None) -> None:
        change = self.run(op, *args)
        if change is not None:
            self.reload(select)

    def _add(self) -> None:
        self._apply("add_department", self.name.text(), self.pseudo.currentData())

    def _rename(self) -> None:
        dept = self.current()
        if dept is not None:
            self._apply("edit_department", dept.id, self.name.text(), self.pseudo.currentData(), select=dept.id)

    def _move(self, delta: int) -> None:
        dept = self.current()
        if dept is not None:
            index = self.departments.index(dept) + delta
            if 0 <= index < len(self.departments):
                self._apply("move_department", dept.id, index, select=dept.id)

    def _retire(self) -> None:
        dept = self.current()
        if dept is not None:
            self._apply("retire_department", dept.id, not dept.retired, select=dept.id)



class LevelsDialog(FormDialog):
    """The plan's level labels (階層の名前): one row per group level, depth 1 first, and
    the initiatives' label. A level is added below the deepest; the deepest is removed
    only while no group sits at it (``used``: the deepest depth that has a group)."""

    def __init__(self, group_labels: Sequence[str], initiative_label: str, used: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("階層の名前"), parent)
        self.used = used
        note = QLabel(self.tr("画面・印刷物・計画ブックは、ここで決めた名前で各階層を呼びます。\n"
                              "階層は一番下に追加できます。一番下の階層は、"
                              "そこにグループがないときだけ削除できます。"), self)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.table = QTableWidget(0, 1, self)
        self.table.setHorizontalHeaderLabels([self.tr("グループの階層の名前")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(self.tr("グループの階層の名前"))
        for label in group_labels:
            self._append(label)
        self.form.addRow(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("下に階層を追加(&A)"), self)
        self.remove_button = QPushButton(self.tr("一番下の階層を削除(&D)"), self)
        for button, slot in ((self.add_button, self.add_level), (self.remove_button, self.remove_level)):
            button.setAccessibleName(button.text().split("(")[0])
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.form.addRow(buttons)
        self.initiative = QLineEdit(initiative_label, self)
        self.initiative.setMaxLength(40)
        self.add(self.tr("取組の階層の名前(&I)"), self.initiative, self.tr("取組の階層の名前"))
        self._update()
        self.resize(480, 420)

    def _append(self, label: str) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(label))
        self.table.setVerticalHeaderItem(r, QTableWidgetItem(self.tr("第{0}階層").format(r + 1)))

    def _update(self) -> None:
        self.remove_button.setEnabled(self.table.rowCount() > max(1, self.used))

    def add_level(self) -> None:
        self._append("")
        r = self.table.rowCount() - 1
        self.table.setCurrentCell(r, 0)
        item = self.table.item(r, 0)
        if item is not None:
            self.table.editItem(item)
        self._update()

    def remove_level(self) -> None:
        if self.table.rowCount() > max(1, self.used):
            self.table.removeRow(self.table.rowCount() - 1)
        self._update()

    def group_labels(self) -> list[str]:
        items = (self.table.item(r, 0) for r in range(self.table.rowCount()))
        return [item.text() if item is not None else "" for item in items]

    def initiative_label(self) -> str:
        return self.initiative.text()
