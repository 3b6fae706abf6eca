"""Fixed widths for the plan tree's short columns (区分, 進捗評価, 報告状況).

``ResizeToContents`` made Qt ask the filter proxy for every cell of the tree before the
first paint (~217,000 ``data`` calls on a 10,000-initiative plan). The texts those columns
can show are few and known from the plan (``PlanTreeModel.column_texts``), so their widths
are measured once from the font instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTreeView

from planDesk.gui.plan.tree_model import COL_EVAL, COL_FLAGS, COL_STATUS, PlanTreeModel


def fit_columns(tree: QTreeView, model: PlanTreeModel) -> None:
    """Size the short columns to the widest text they can hold (cells and header)."""
    cell = tree.fontMetrics()
    header = tree.header()
    heading = header.fontMetrics()
    # Room for the item's and the header's text margins (a few pixels a side in every style),
    # in line heights so it scales with the font.
    cell_pad = cell.height()
    head_pad = heading.height()
    for col in (COL_FLAGS, COL_EVAL, COL_STATUS):
        texts = model.column_texts(col)
        title = model.headerData(col, header.orientation())
        width = max((cell.horizontalAdvance(t) + cell_pad for t in texts if t), default=0)
        if isinstance(title, str):
            width = max(width, heading.horizontalAdvance(title) + head_pad)
        header.resizeSection(col, width)
