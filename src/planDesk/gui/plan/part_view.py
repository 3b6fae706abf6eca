"""The plan part of an initiative, read-only: 概要, 取組状況, goals, KPIs, roadmap steps."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from planDesk.core.plan.view import InitiativeView, PlanView
from planDesk.gui.plan_text import goal_text, kpi_baseline, kpi_target, step_period
from planDesk.gui.widgets.row_height import roomy_rows


def text_label(text: str, parent: QWidget, accessible: str) -> QLabel:
    label = QLabel(text or "—", parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setAccessibleName(accessible)
    return label


def readonly_table(headers: list[str], rows: list[list[str]], parent: QWidget, accessible: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(accessible)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for c in range(1, len(headers)):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    roomy_rows(table)
    table.resizeRowsToContents()
    # Show every row: the page scrolls as a whole, nested scroll bars are hard to use.
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height + 2)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


class PlanPartView(QWidget):
    """``plan`` given: the 工程表 is drawn as a small chart (the layout of the roadmap view);
    without it, listed as a table."""

    def __init__(self, ini: InitiativeView, parent: Any = None, *, plan: PlanView | None = None) -> None:
        super().__init__(parent)
        self.roadmap: QWidget | None = None
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("概要"), text_label(ini.overview, self, self.tr("概要")))
        heading = ini.status_heading or self.tr("取組状況")
        form.addRow(heading, text_label(ini.status, self, heading))
        goals = "\n".join(goal_text(g) for g in ini.goals)
        form.addRow(self.tr("目標"), text_label(goals, self, self.tr("目標")))
        if ini.kpis:
            rows = [[k.name, kpi_baseline(k), kpi_target(k), k.goal_mark or ""] for k in ini.kpis]
            form.addRow(self.tr("指標"), readonly_table(
                [self.tr("指標"), self.tr("基準値"), self.tr("目標値"), self.tr("目標")], rows, self,
                self.tr("指標の一覧")))
        if ini.steps and plan is not None:
            from planDesk.gui.roadmap.initiative_chart import InitiativeRoadmap

            self.roadmap = InitiativeRoadmap(plan, ini, self)
            form.addRow(self.tr("工程表"), self.roadmap)
        elif ini.steps:
            rows = [[s.label, step_period(s), "".join(s.goal_marks)] for s in ini.steps]
            form.addRow(self.tr("工程表"), readonly_table(
                [self.tr("工程"), self.tr("期間"), self.tr("目標")], rows, self, self.tr("工程表")))
