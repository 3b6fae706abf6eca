"""Fixed widths for the plan tree's short columns (区分, 進捗評価, 報告状況), and its indentation.

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


# A plan's levels share the indentation a two-level plan (three rows deep) gets from the
# style: a four-level plan's initiatives would otherwise start 100 px in, and their names
# elide to nothing in the name column of a 1366-pixel screen.
_INDENTED_LEVELS = 3
_MIN_INDENT = 10


def fit_indentation(tree: QTreeView, depth: int, style_indent: int) -> None:
    """Indent each level of a plan of ``depth`` group levels so that all of them together
    take no more than a two-level plan's (``style_indent`` per level, the style's own)."""
    levels = depth + 1  # the groups' and the initiatives'
    if levels <= _INDENTED_LEVELS:
        tree.setIndentation(style_indent)
    else:
        tree.setIndentation(max(_MIN_INDENT, style_indent * _INDENTED_LEVELS // levels))
