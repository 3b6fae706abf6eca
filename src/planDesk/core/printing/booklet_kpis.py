"""The 指標 block of a booklet initiative: each KPI with 現状値 → 目標値.

For many plans the KPIs are the heart of an initiative's page, so the booklet shows them
whenever an initiative has any: the name (with its goal's mark), the baseline with the
date or fiscal year it was measured, and the target with its fiscal year. A value the
plan does not give prints as —, never as 0.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from planDesk.core.domain.fiscal import format_date_wareki, format_fy
from planDesk.core.plan.view import InitiativeView, KpiView
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.measured_table import MeasuredTable
from planDesk.core.printing.progress import kpi_value
from planDesk.core.printing.styles import PALE, grid_style, styles

HEADERS = ("", "現状値", "", "目標値")  # the row is labelled 指標 already
ARROW = "→"


def _as_of(kpi: KpiView) -> str:
    if kpi.baseline_as_of is not None:
        return f"（{format_date_wareki(kpi.baseline_as_of)}）"
    if kpi.baseline_as_of_fy is not None:
        return f"（{format_fy(kpi.baseline_as_of_fy)}）"
    return ""


def kpi_lines(kpi: KpiView) -> tuple[str, str, str]:
    """(name, baseline, target) as printed: ``("①オンライン化済の手続き数", "119手続き（令和4年12月31日）",
    "300手続き（令和7年度）")``."""
    name = f"{kpi.goal_mark}{kpi.name}" if kpi.goal_mark else kpi.name
    baseline = kpi_value(kpi.baseline, kpi.unit) + (_as_of(kpi) if kpi.baseline is not None else "")
    target = kpi_value(kpi.target, kpi.unit)
    if kpi.target is not None and kpi.target_fy is not None:
        target += f"（{format_fy(kpi.target_fy)}）"
    return name, baseline, target


def _value_cell(text: str, style: ParagraphStyle, width: float) -> list[Flowable]:
    """A value with its date or year: on one line when it fits, else the value over its
    （date） — never a date broken in the middle (「76.4%（令和5年3月31」 over 「日）」)."""
    cut = text.find("（")
    if cut <= 0 or stringWidth(text, style.fontName, style.fontSize) <= width - _PADDING:
        return [JaParagraph.plain(text, style)]
    return [JaParagraph.plain(text[:cut], style), JaParagraph.plain(text[cut:], style)]


_PADDING = 9.0  # a grid_style cell's left and right padding (4 + 4), and a little air


def kpi_table(ini: InitiativeView, width: float) -> MeasuredTable | None:
    """The KPIs of ``ini`` as a small table ``width`` wide; None when it has none."""
    if not ini.kpis:
        return None
    st = styles()
    rows: list[list[object]] = [[JaParagraph.shared(h, st.header_cell) for h in HEADERS]]
    arrow_w = 14.0
    value_w = (width - arrow_w) * 0.27
    for kpi in ini.kpis:
        name, baseline, target = kpi_lines(kpi)
        rows.append([JaParagraph.plain(name, st.cell_small), _value_cell(baseline, st.cell_right, value_w),
                     JaParagraph.shared(ARROW, st.cell_center), _value_cell(target, st.cell_right, value_w)])
    return MeasuredTable(rows, colWidths=[width - arrow_w - 2 * value_w, value_w, arrow_w, value_w], repeatRows=1,
                 style_key="bk_kpis",
                 style=[*grid_style(), ("BACKGROUND", (0, 0), (-1, 0), PALE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
