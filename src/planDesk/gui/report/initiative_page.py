"""The page of one initiative: its plan part (read-only) and the reports for the cycle."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import QFrame, QLabel, QTabWidget, QVBoxLayout, QWidget

from planDesk.core.domain.fiscal import format_fy_short
from planDesk.core.domain.workflow import NOT_STARTED
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import DepartmentView, InitiativeView, PlanView, ReportView
from planDesk.core.reports.ops import cycle_label
from planDesk.gui.identity import Identity, is_mine
from planDesk.gui.labels import status_label
from planDesk.gui.plan.part_view import PlanPartView
from planDesk.gui.plan.report_index import Cycle, ReportIndex, report_parts
from planDesk.gui.report.draft_journal import DraftJournal
from planDesk.gui.report.form import FormContext, ReportForm
from planDesk.gui.report.kpi_totals import KpiTotalsView


class InitiativePage(QWidget):
    """Shows one initiative; hosts the report forms and their shared undo stack."""

    saveStateChanged = Signal(str)  # "saved" | "dirty" | "saving" | "error"
    reportsSaved = Signal(int)  # initiative id: reload its reports
    transitioned = Signal(int)  # initiative id: a report's status changed (rebuild the page)
    changeMade = Signal(object)  # a form's core Change (the main window announces it)
    handInRequested = Signal()  # a form's 「提出用ファイルを作成」

    def __init__(self, store: Store, plan: PlanView, ini: InitiativeView, reports: ReportIndex,
                 identity: Identity | None, cycle: Cycle, journal: DraftJournal, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.journal = journal
        self.plan = plan
        self.initiative = ini
        self.identity = identity
        self.cycle = cycle
        self.undo_stack = QUndoStack(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(10)

        crumbs = QLabel(breadcrumb(plan, ini), self)
        crumbs.setObjectName("breadcrumb")
        crumbs.setWordWrap(True)
        crumbs.setStyleSheet("color: #4b5563")
        layout.addWidget(crumbs)
        title = QLabel(f"{ini.code}　{ini.title}", self)
        title.setWordWrap(True)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        title.setAccessibleName(self.tr("{0}名").format(plan.initiative_label))
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(title)
        layout.addWidget(self._facts_label(ini))

        self.plan_part = PlanPartView(ini, self, plan=plan)
        layout.addWidget(self.plan_part)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        self.forms: list[ReportForm] = []
        self._states: dict[int, str] = {}
        self.tabs: QTabWidget | None = None
        self._build_reports(layout, reports)
        layout.addStretch(1)

    def _facts_label(self, ini: InitiativeView) -> QLabel:
        facts = [self.tr("担当部署：{0}").format("、".join(ini.department_names)
                                              + (self.tr("など") if ini.departments_more else ""))]
        if ini.priority:
            facts.append(self.tr("【重点】"))
        if ini.new_in_fy is not None:
            facts.append(self.tr("【{0}新規】").format(format_fy_short(ini.new_in_fy)))
        label = QLabel("　".join(facts), self)
        label.setWordWrap(True)
        return label

    def _build_reports(self, layout: QVBoxLayout, reports: ReportIndex) -> None:
        ini, identity, cycle = self.initiative, self.identity, self.cycle
        heading = QLabel(self.tr("<b>進捗報告</b>（{0}）").format(cycle_label(cycle.fy, cycle.half)), self)
        layout.addWidget(heading)
        parts_reports = reports.for_cycle(ini.id, cycle)
        if identity is None:
            layout.addWidget(self._note(self.tr("所属が設定されていません。［ファイル］→［利用者（所属）の変更］で"
                                                "所属を選ぶと、報告を入力できます。")))
            return
        if identity.department is not None:
            dept = next((d for d in self.plan.departments if d.name == identity.department), None)
            if dept is None or not is_mine(ini, identity.department):
                layout.addWidget(self._note(self.tr("{0}はこの{1}の担当部署ではないため、報告の入力はありません。")
                                            .format(identity.department, self.plan.initiative_label)))
                return
            form = self._form(dept, reports.find(ini.id, dept.name, cycle), as_division=False)
            layout.addWidget(form)
            return
        parts = report_parts(self.plan, ini, parts_reports)
        if not parts:
            layout.addWidget(self._note(self.tr("この年度の報告はまだどの部署からもありません。")))
            return
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("部署ごとの報告"))
        for dept in parts:
            report = reports.find(ini.id, dept.name, cycle)
            form = self._form(dept, report, as_division=True)
            state = status_label(report.status) if report else status_label(NOT_STARTED)
            self.tabs.addTab(form, f"{dept.name}（{state}）")
        if ini.kpis and len(parts_reports) > 1:
            self.tabs.addTab(KpiTotalsView(ini, parts_reports, self), self.tr("指標の合計"))
        layout.addWidget(self.tabs)

    def _note(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        return label

    def _form(self, dept: DepartmentView, report: ReportView | None, *, as_division: bool) -> ReportForm:
        ctx = FormContext(self.store, self.plan, self.initiative, dept, self.cycle, as_division=as_division,
                          may_edit=self.plan.is_current, journal=self.journal)
        form = ReportForm(ctx, report, self.undo_stack, self)
        self.forms.append(form)
        form.saveStateChanged.connect(lambda state, f=form: self._form_state(f, state))
        form.saved.connect(self.reportsSaved)
        form.transitioned.connect(self.transitioned)
        form.changeMade.connect(self.changeMade)
        form.handInRequested.connect(self.handInRequested)
        if form.is_dirty():
            self._states[id(form)] = "dirty"
        return form

    def _form_state(self, form: ReportForm, state: str) -> None:
        self._states[id(form)] = state
        self.saveStateChanged.emit(self.save_state())

    def save_state(self) -> str:
        states = set(self._states.values())
        for state in ("error", "saving", "dirty"):
            if state in states:
                return state
        return "saved"

    def update_reports(self, reports: ReportIndex) -> None:
        """The database changed for this initiative: give each form its fresh report."""
        for form in self.forms:
            form.report_updated(reports.find(self.initiative.id, form.ctx.department.name, self.cycle))

    def has_unsaved(self) -> bool:
        return any(form.is_dirty() for form in self.forms)

    def flush(self) -> bool:
        """Save everything typed on the page now; False if something could not be saved."""
        ok = True
        for form in self.forms:
            if form.is_dirty() and form.editable:
                ok = form.save() and ok
        return ok


def breadcrumb(plan: PlanView, ini: InitiativeView) -> str:
    """The initiative's groups from the top down, each with the plan's label of its depth,
    its code and title: 基本方針①：市民サービスのデジタル化　›　推進事項①－１：スマート行政."""
    return "　›　".join(f"{plan.label_of(g.depth)}{g.code}：{g.title}" for g in ini.path)
