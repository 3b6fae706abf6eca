"""Fixed widths for the plan tree's short columns (区分, 進捗評価, 報告状況).

``ResizeToContents`` made Qt ask the filter proxy for every cell of the tree before the
first paint (~217,000 ``data`` calls on a 10,000-initiative plan). The texts those columns
can show are few and known from the plan (``PlanTreeModel.column_texts``), so their widths
are measured once from the font instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QTreeView

from planDesk.gui.plan.tree_model import COL_EVAL, COL_FLAGS, COL_STATUS, PlanTreeModel


def fit_columns(tree: QTreeView, model: PlanTreeModel) -> None:
    """Size the short columns to the widest text they can hold (cells and header).

    The margins are the style's own: a cell's text is inset by the focus frame's margin plus
    one pixel on each side (as ``QCommonStyle`` lays out an item view's text), and the header
    measures its own section (text, margins, sort indicator) with ``sectionSizeHint``.
    """
    cell = tree.fontMetrics()
    header = tree.header()
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    for col in (COL_FLAGS, COL_EVAL, COL_STATUS):
        width = max((cell.horizontalAdvance(t) + 2 * margin for t in model.column_texts(col) if t),
                    default=0)
        header.resizeSection(col, max(width, header.sectionSizeHint(col)))
