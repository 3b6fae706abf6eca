"""Fixed widths for the plan tree's short columns (区分, 進捗評価, 報告状況), and its indentation.

``ResizeToContents`` made Qt ask the filter proxy for every cell of the tree before the
first paint (~217,000 ``data`` calls on a 10,000-initiative plan). The texts those columns
can show are few and known from the plan (``PlanTreeModel.column_texts``), so their widths
are measured once from the font instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QStyle, QTreeView

from planDesk.gui.plan.tree_model import COL_DEPTS, COL_EVAL, COL_FLAGS, COL_STATUS, PlanTreeModel


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


# The name column's least width, in full-width characters after the deepest indentation: the
# code and the first words of a title (「①－１－２　マイナンバー…」).
NAME_MIN_CHARS = 12


class NameRoom(QObject):
    """Keeps the name column readable in a narrow tree (a small screen, 150 % scaling, the
    splitter dragged left): when the name column would get less than ``NAME_MIN_CHARS``
    characters after the indentation, the departments column steps aside (the initiative's
    page and the name's tooltip still name them); it comes back when the tree is wide enough.
    """

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree
        self.depth = 0  # the plan's group levels: the initiatives' indentation
        self.depts_width = tree.header().sectionSize(COL_DEPTS)
        tree.viewport().installEventFilter(self)
        tree.header().sectionResized.connect(self._section_resized)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _section_resized(self, section: int, _old: int, _new: int) -> None:
        if section != 0:  # the name column is the one that stretches
            self.fit()

    def name_minimum(self) -> int:
        """Pixels the name column needs: the deepest indentation and ``NAME_MIN_CHARS``."""
        return (self.tree.indentation() * (self.depth + 1)
                + self.tree.fontMetrics().horizontalAdvance("あ" * NAME_MIN_CHARS))

    def fit(self) -> None:
        header = self.tree.header()
        room = self.tree.viewport().width() - sum(header.sectionSize(c) for c in (COL_FLAGS, COL_EVAL, COL_STATUS))
        if not header.isSectionHidden(COL_DEPTS):
            self.depts_width = header.sectionSize(COL_DEPTS)  # a hidden section's size reads 0
        hide = room - self.depts_width < self.name_minimum()
        if hide != header.isSectionHidden(COL_DEPTS):
            header.setSectionHidden(COL_DEPTS, hide)
