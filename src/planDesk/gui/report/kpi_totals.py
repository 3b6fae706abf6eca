"""The division's view of a multi-department initiative: each KPI's actuals summed over parts."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planDesk.core.domain.numbers import format_number
from planDesk.core.plan.view import InitiativeView, ReportView
from planDesk.core.reports.attainment import attainment, format_attainment
from planDesk.core.reports.totals import kpi_total
from planDesk.gui.plan.part_view import readonly_table
from planDesk.gui.plan_text import kpi_baseline, kpi_target


def kpi_totals(ini: InitiativeView, parts: list[ReportView]) -> list[tuple[float | None, int]]:
    """Per KPI (plan order): the city total (core.reports.totals: none for a rate) and how
    many parts reported one."""
    out: list[tuple[float | None, int]] = []
    for kpi in ini.kpis:
        t = kpi_total(kpi, parts)
        out.append((t.total, len(t.parts)))
    return out


class KpiTotalsView(QWidget):
    def __init__(self, ini: InitiativeView, parts: list[ReportView], parent: Any = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("各部署が報告した実績の合計です（{0}部署が報告）。").format(len(parts)), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        rows = []
        for kpi, (total, count) in zip(ini.kpis, kpi_totals(ini, parts), strict=True):
            rows.append([kpi.name, kpi_baseline(kpi), kpi_target(kpi),
                         (format_number(total) + f" {kpi.unit}").strip() if total is not None else "—",
                         str(count), format_attainment(attainment(total, kpi.baseline, kpi.target, kpi.direction))])
        self.table = readonly_table([self.tr("指標"), self.tr("基準値"), self.tr("目標値"), self.tr("実績の合計"),
                                     self.tr("報告部署数"), self.tr("達成率")], rows, self, self.tr("指標の合計"))
        layout.addWidget(self.table)
        layout.addStretch(1)
