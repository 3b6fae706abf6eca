"""Rows tall enough for Japanese: the default ~13 px rows clipped 12–13 px glyphs.

``roomy_rows(view)`` gives an item view rows of 1.6 line heights (at any scaling, from the
view's own font), through the delegate's size hint for trees and the vertical header's
default size for tables, so uniform-row-height trees stay as fast as before.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

LINE_FACTOR = 1.6


def row_height(widget: QWidget) -> int:
    return round(widget.fontMetrics().height() * LINE_FACTOR)


class RoomyDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), round(option.fontMetrics.height() * LINE_FACTOR)))


def roomy_rows(view: QAbstractItemView) -> None:
    if isinstance(view, QTableView):
        header = view.verticalHeader()
        header.setMinimumSectionSize(row_height(view))
        header.setDefaultSectionSize(row_height(view))
    else:
        view.setItemDelegate(RoomyDelegate(view))
