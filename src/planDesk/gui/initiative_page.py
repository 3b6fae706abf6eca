"""The page of one initiative: its plan part (read-only) and the reports for the cycle."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from planDesk.core.fiscal import format_fy_short
from planDesk.core.plan_view import InitiativeView, PlanView
from planDesk.gui.identity import Identity
from planDesk.gui.plan_part_view import PlanPartView
from planDesk.gui.report_index import Cycle, ReportIndex


class InitiativePage(QWidget):
    """Shows one initiative; hosts the report forms and their shared undo stack."""

    saveStateChanged = Signal(str)  # "saved" | "dirty" | "saving" | "error"

    def __init__(self, plan: PlanView, ini: InitiativeView, reports: ReportIndex, identity: Identity | None,
                 cycle: Cycle, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.initiative = ini
        self.identity = identity
        self.cycle = cycle
        self.undo_stack = QUndoStack(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(10)

        l1, l2, _ = plan.level_labels
        crumbs = QLabel(f"{l1}：{ini.policy_title}　›　{l2}：{ini.item_title}", self)
        crumbs.setWordWrap(True)
        crumbs.setStyleSheet("color: #4b5563")
        layout.addWidget(crumbs)
        title = QLabel(f"{ini.code}　{ini.title}", self)
        title.setWordWrap(True)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        title.setAccessibleName(self.tr("取組名"))
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(title)
        layout.addWidget(self._facts_label(ini))

        self.plan_part = PlanPartView(ini, self)
        layout.addWidget(self.plan_part)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        self.report_area = QVBoxLayout()
        layout.addLayout(self.report_area)
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

    # The report forms arrive with the next stage; until then nothing is ever unsaved.
    def has_unsaved(self) -> bool:
        return False

    def flush(self) -> bool:
        """Save everything typed on the page now; False if something could not be saved."""
        return True
