"""Small dialogs of the plan editor: a node's title and number, where to move it, a goal,
a KPI, a roadmap step and the 年度見直し.

Every dialog is a ``FormDialog``: OK runs the operation; a refusal (UserError) is shown
inside the dialog, which stays open with everything typed, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planDesk.core.domain.fiscal import format_fy
from planDesk.core.domain.numbers import NumberInputError, format_number, parse_number
from planDesk.core.errors import UserError
from planDesk.core.plan.edit.details import DIRECTIONS, STEP_KINDS, GoalFields, KpiFields, StepFields
from planDesk.core.plan.view import GoalView, KpiView, StepView


class FormDialog(QDialog):
    """A form with OK/Cancel; ``on_accept`` does the work and may refuse with UserError."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setAccessibleName(self.tr("エラー"))
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.on_accept: Callable[[], object] | None = None

    def add(self, label: str, widget: QWidget, accessible: str | None = None) -> QWidget:
        """A labelled field; the label (without its &-mnemonic) is its accessible name."""
        self.form.addRow(label, widget)
        widget.setAccessibleName(accessible or label.replace("(&", "(").split("(")[0].replace("&", ""))
        return widget

    def _ok(self) -> None:
        try:
            if self.on_accept is not None:
                self.on_accept()
        except (UserError, NumberInputError) as exc:
            message = exc.message if isinstance(exc, UserError) else str(exc)
            hint = exc.hint if isinstance(exc, UserError) else ""
            self.error.setText(message + (f"\n{hint}" if hint else ""))
            self.error.show()
            return
        self.accept()


class FyCombo(QComboBox):
    """A fiscal year shown as 令和N年度 (optionally 指定なし)."""

    def __init__(self, years: Sequence[int], *, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if optional:
            self.addItem(self.tr("指定なし"), None)
        for fy in years:
            self.addItem(f"{format_fy(fy)}（{fy}）", fy)

    def set_fy(self, fy: int | None) -> None:
        i = self.findData(fy)
        if i < 0 and fy is not None:  # a year outside the offered range is kept, not lost
            self.addItem(f"{format_fy(fy)}（{fy}）", fy)
            i = self.count() - 1
        self.setCurrentIndex(max(0, i))

    def fy(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None


def fy_range(start: int, end: int) -> list[int]:
    """Years offered for a plan period: a few before (baselines) and after (extensions)."""
    return list(range(start - 3, end + 4))


def text_edit(text: str, parent: QWidget, height: int = 80) -> QPlainTextEdit:
    edit = QPlainTextEdit(text, parent)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setMinimumHeight(height)
    return edit


class NodeDialog(FormDialog):
    """Title (and for a new initiative its first department) of a group or initiative."""

    def __init__(self, title: str, level_label: str, *, departments: Sequence[tuple[int, str]] = (),
                 text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.title_edit = QLineEdit(text, self)
        self.add(self.tr("名称(&N)"), self.title_edit, self.tr("{0}の名称").format(level_label))
        self.department = QComboBox(self)
        for dept_id, name in departments:
            self.department.addItem(name, dept_id)
        if departments:
            self.add(self.tr("担当部署(&D)"), self.department, self.tr("担当部署"))
        self.resize(520, self.sizeHint().height())


class NumberDialog(FormDialog):
    def __init__(self, current: int, code: str, parent: QWidget | None = None, *, written: str | None = None) -> None:
        super().__init__(self.tr("番号の変更"), parent)
        self.form.addRow(QLabel(self.tr("今の番号：{0}").format(code), self))
        self.number = QSpinBox(self)
        self.number.setRange(1, 9999)
        self.number.setValue(current)
        self.add(self.tr("新しい番号(&N)"), self.number, self.tr("新しい番号"))
        # The code as the plan writes it (1-8-3, Ⅰ-2, ア …); empty: made from the number.
        self.code = QLineEdit(written or "", self)
        self.code.setPlaceholderText(self.tr("空欄なら番号から作ります"))
        self.code.setMaxLength(40)
        self.add(self.tr("コード（表記）(&C)"), self.code, self.tr("コード（表記）"))


class NumberingDialog(FormDialog):
    """The plan's numbering style for codes made from numbers (①－１－１, 01, 1-1-1)."""

    def __init__(self, choices: Sequence[tuple[str, str]], current: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("番号の形式"), parent)
        self.numbering = QComboBox(self)
        for style, example in choices:
            self.numbering.addItem(example, style)
        self.numbering.setCurrentIndex(max(0, self.numbering.findData(current)))
        self.add(self.tr("番号の形式(&S)"), self.numbering, self.tr("番号の形式"))

    def chosen(self) -> str:
        return str(self.numbering.currentData())


class ParentDialog(FormDialog):
    """Where to move a node: one of the possible parents (code and title)."""

    def __init__(self, parents: Sequence[tuple[int, str]], current: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("移動先を選ぶ"), parent)
        self.target = QListWidget(self)
        for pid, label in parents:
            item = QListWidgetItem(label, self.target)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            if pid == current:
                self.target.setCurrentItem(item)
        self.add(self.tr("移動先(&T)"), self.target, self.tr("移動先"))
        self.first = QCheckBox(self.tr("先頭に置く（外すと末尾）"), self)
        self.add("", self.first, self.tr("先頭に置く"))
        self.resize(560, 420)

    def target_id(self) -> int | None:
        item = self.target.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


class GoalDialog(FormDialog):
    def __init__(self, title: str, years: Sequence[int], goal: GoalView | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.mark = QLineEdit(goal.mark if goal else "", self)
        self.mark.setPlaceholderText("①")
        self.text = text_edit(goal.text if goal else "", self)
        self.start = FyCombo(years, optional=True, parent=self)
        self.end = FyCombo(years, optional=True, parent=self)
        self.start.set_fy(goal.target_start_fy if goal else None)
        self.end.set_fy(goal.target_end_fy if goal else None)
        self.add(self.tr("記号(&M)"), self.mark, self.tr("目標の記号"))
        self.add(self.tr("内容(&T)"), self.text, self.tr("目標の内容"))
        self.add(self.tr("目標年度（開始）(&S)"), self.start, self.tr("目標年度（開始）"))
        self.add(self.tr("目標年度（終了）(&E)"), self.end, self.tr("目標年度（終了）"))
        self.resize(560, self.sizeHint().height())

    def fields(self) -> GoalFields:
        return GoalFields(self.mark.text(), self.text.toPlainText(), self.start.fy(), self.end.fy())


class KpiDialog(FormDialog):
    def __init__(self, title: str, years: Sequence[int], goals: Sequence[GoalView], kpi: KpiView | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.name = QLineEdit(kpi.name if kpi else "", self)
        self.unit = QLineEdit(kpi.unit if kpi else "", self)
        self.direction = QComboBox(self)
        for code, label in DIRECTIONS.items():
            self.direction.addItem(self.tr(label), code)
        self.direction.setCurrentIndex(max(0, self.direction.findData(kpi.direction if kpi else "up")))
        self.baseline = QLineEdit(format_number(kpi.baseline) if kpi else "", self)
        self.baseline.setPlaceholderText(self.tr("例：1,234（全角も可）"))
        self.has_as_of = QCheckBox(self.tr("基準日を指定する"), self)
        self.as_of = QDateEdit(self)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy/MM/dd")
        as_of = kpi.baseline_as_of if kpi else None
        self.as_of.setDate(QDate(as_of) if as_of else QDate.currentDate())
        self.has_as_of.setChecked(as_of is not None)
        self.as_of.setEnabled(as_of is not None)
        self.has_as_of.toggled.connect(self.as_of.setEnabled)
        self.as_of_fy = FyCombo(years, optional=True, parent=self)
        self.as_of_fy.set_fy(kpi.baseline_as_of_fy if kpi else None)
        self.target = QLineEdit(format_number(kpi.target) if kpi else "", self)
        self.target_fy = FyCombo(years, optional=True, parent=self)
        self.target_fy.set_fy(kpi.target_fy if kpi else None)
        self.goal = QComboBox(self)
        self.goal.addItem(self.tr("なし"), None)
        for g in goals:
            self.goal.addItem(f"{g.mark} {g.text[:30]}", g.id)
        if kpi and kpi.goal_mark:
            self.goal.setCurrentIndex(max(0, next((i + 1 for i, g in enumerate(goals) if g.mark == kpi.goal_mark), 0)))
        self.add(self.tr("指標名(&N)"), self.name, self.tr("指標名"))
        self.add(self.tr("単位(&U)"), self.unit, self.tr("単位"))
        self.add(self.tr("向き(&D)"), self.direction, self.tr("指標の向き"))
        self.add(self.tr("基準値(&B)"), self.baseline, self.tr("基準値"))
        self.add("", self.has_as_of, self.tr("基準日を指定する"))
        self.add(self.tr("基準日(&A)"), self.as_of, self.tr("基準日"))
        self.add(self.tr("基準値の年度(&Y)"), self.as_of_fy, self.tr("基準値の年度"))
        self.add(self.tr("目標値(&T)"), self.target, self.tr("目標値"))
        self.add(self.tr("目標年度(&F)"), self.target_fy, self.tr("目標年度"))
        self.add(self.tr("関連する目標(&G)"), self.goal, self.tr("関連する目標"))
        self.resize(560, self.sizeHint().height())

    def fields(self) -> KpiFields:
        as_of: date | None = self.as_of.date().toPython() if self.has_as_of.isChecked() else None  # type: ignore[assignment]
        return KpiFields(
            name=self.name.text(), unit=self.unit.text(), direction=str(self.direction.currentData()),
            baseline=parse_number(self.baseline.text(), self.tr("基準値")), baseline_as_of=as_of,
            baseline_as_of_fy=self.as_of_fy.fy(), target=parse_number(self.target.text(), self.tr("目標値")),
            target_fy=self.target_fy.fy(), goal_id=self.goal.currentData())


class StepDialog(FormDialog):
    def __init__(self, title: str, years: Sequence[int], goals: Sequence[GoalView], step: StepView | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.label = text_edit(step.label if step else "", self, 60)
        self.start = FyCombo(years, optional=False, parent=self)
        self.end = FyCombo(years, optional=False, parent=self)
        self.start.set_fy(step.start_fy if step else years[3] if len(years) > 3 else years[0])
        self.end.set_fy(step.end_fy if step else self.start.fy())
        self.start_q = self._quarter(step.start_quarter if step else None)
        self.end_q = self._quarter(step.end_quarter if step else None)
        self.kind = QComboBox(self)
        for code, label in STEP_KINDS.items():
            self.kind.addItem(self.tr(label), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(step.kind if step else "one-off")))
        self.inferred = QCheckBox(self.tr("期間は推定（元の資料に矢印がない）"), self)
        self.inferred.setChecked(bool(step and step.inferred))
        self.goals = QListWidget(self)
        marks = set(step.goal_marks) if step else set()
        for g in goals:
            item = QListWidgetItem(f"{g.mark} {g.text[:40]}", self.goals)
            item.setData(Qt.ItemDataRole.UserRole, g.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if g.mark in marks else Qt.CheckState.Unchecked)
        self.goals.setMaximumHeight(110)
        # Months of a step are kept as they were (the editor offers quarters).
        self._months = (step.start_month, step.end_month) if step else (None, None)
        self.add(self.tr("工程の内容(&L)"), self.label, self.tr("工程の内容"))
        self.add(self.tr("開始年度(&S)"), self.start, self.tr("開始年度"))
        self.add(self.tr("開始の四半期(&Q)"), self.start_q, self.tr("開始の四半期"))
        self.add(self.tr("終了年度(&E)"), self.end, self.tr("終了年度"))
        self.add(self.tr("終了の四半期(&R)"), self.end_q, self.tr("終了の四半期"))
        self.add(self.tr("種類(&K)"), self.kind, self.tr("工程の種類"))
        self.add("", self.inferred, self.tr("期間は推定"))
        self.add(self.tr("関連する目標(&G)"), self.goals, self.tr("関連する目標"))
        self.resize(560, self.sizeHint().height())

    def _quarter(self, value: int | None) -> QComboBox:
        box = QComboBox(self)
        box.addItem(self.tr("指定なし（年度全体）"), None)
        for q, months in ((1, "4〜6月"), (2, "7〜9月"), (3, "10〜12月"), (4, "1〜3月")):
            box.addItem(self.tr("第{0}四半期（{1}）").format(q, months), q)
        box.setCurrentIndex(max(0, box.findData(value)))
        return box

    def fields(self) -> StepFields:
        sq, eq = self.start_q.currentData(), self.end_q.currentData()
        goal_ids = tuple(int(self.goals.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.goals.count())
                         if self.goals.item(i).checkState() == Qt.CheckState.Checked)
        start_fy, end_fy = self.start.fy(), self.end.fy()
        assert start_fy is not None and end_fy is not None
        return StepFields(label=self.label.toPlainText(), start_fy=start_fy, end_fy=end_fy,
                          start_quarter=sq, end_quarter=eq,
                          start_month=self._months[0] if sq is None else None,
                          end_month=self._months[1] if eq is None else None,
                          kind=str(self.kind.currentData()), inferred=self.inferred.isChecked(),
                          goal_ids=goal_ids)


class RevisionDialog(FormDialog):
    """年度見直し: the new revision's name, fiscal year and (optionally longer) period."""

    def __init__(self, current_revision: str, revision_fy: int, end_fy: int, word: str,
                 parent: QWidget | None = None) -> None:
        """``word``: the plan's word for its initiatives."""
        super().__init__(self.tr("年度見直し（新しい版の作成）"), parent)
        note = QLabel(self.tr(
            "今の版「{0}」を写して新しい版を作り、新しい版を最新にします。\n"
            "今の版は報告とともに読み取り専用で残ります。新しい版は報告のない状態で始まります。\n"
            "廃止した{1}は新しい版には写しません。").format(current_revision, word), self)
        note.setWordWrap(True)
        self.form.addRow(note)
        next_fy = revision_fy + 1
        self.label = QLineEdit(self.tr("{0}見直し版").format(format_fy(next_fy)), self)
        self.fy = FyCombo(list(range(revision_fy, max(end_fy, next_fy) + 4)), optional=False, parent=self)
        self.fy.set_fy(min(next_fy, end_fy))
        self.end = FyCombo(list(range(end_fy, end_fy + 6)), optional=False, parent=self)
        self.end.set_fy(end_fy)
        self.add(self.tr("新しい版の名前(&N)"), self.label, self.tr("新しい版の名前"))
        self.add(self.tr("見直しの年度(&Y)"), self.fy, self.tr("見直しの年度"))
        self.add(self.tr("計画期間の終わり(&E)"), self.end, self.tr("計画期間の終わり"))
        self.resize(560, self.sizeHint().height())
