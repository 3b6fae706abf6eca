"""The plan tree's short columns have fixed widths that fit every text they can show."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import no_modal_dialogs, open_window  # noqa: F401  (autouse fixture)
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from planDesk.gui.identity import Identity
from planDesk.gui.plan.tree_model import COL_EVAL, COL_FLAGS, COL_STATUS


def test_short_columns_are_fixed_and_fit_their_texts(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db, Identity(None))
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    header = window.tree.header()
    metrics = window.tree.fontMetrics()
    texts = {col: window.model.column_texts(col) for col in (COL_FLAGS, COL_EVAL, COL_STATUS)}
    assert "重点" in texts[COL_FLAGS] and any(t.endswith("新規") for t in texts[COL_FLAGS])
    assert {"未作成", "下書き", "提出済", "確認済"} <= texts[COL_STATUS]
    assert window.plan is not None
    assert {f"{code} {label}" for code, label in window.plan.evaluation_scale} <= texts[COL_EVAL]
    for col, col_texts in texts.items():
        assert header.sectionResizeMode(col) == QHeaderView.ResizeMode.Fixed
        assert header.sectionSize(col) > max(metrics.horizontalAdvance(t) for t in col_texts)
        # Never narrower than Qt's own measure of the texts shown and of the header (what
        # ResizeToContents would give), and no wider than the widest possible text needs.
        shown = max(window.tree.sizeHintForColumn(col), header.sectionSizeHint(col))
        widest = max(metrics.horizontalAdvance(t) for t in col_texts)
        assert shown <= header.sectionSize(col) <= max(widest + 8, header.sectionSizeHint(col))



def test_a_narrow_tree_keeps_names_readable(qtbot: QtBot, sample_db: Path) -> None:
    """At 150 % on a 1366-pixel screen the tree got 131 pixels for its names: the code and one
    character. Narrow, the departments column steps aside (the tooltip names them); wide
    again, it comes back at the width it had."""
    from PySide6.QtCore import Qt

    from planDesk.gui.plan.tree_columns import NAME_MIN_CHARS
    from planDesk.gui.plan.tree_model import COL_DEPTS, COL_NAME

    window = open_window(qtbot, sample_db, Identity(None))
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    header = window.tree.header()
    wide = window.width() // 2
    window.splitter.setSizes([wide, window.width() - wide])
    qtbot.waitUntil(lambda: not header.isSectionHidden(COL_DEPTS))
    depts = header.sectionSize(COL_DEPTS)
    others = depts + sum(header.sectionSize(c) for c in (COL_FLAGS, COL_EVAL, COL_STATUS))
    # Just too narrow for the names beside every column, wide enough without the departments.
    needed = window.name_room.name_minimum()
    assert needed > window.tree.fontMetrics().horizontalAdvance("あ" * NAME_MIN_CHARS)
    narrow = others + needed - 20 + (window.splitter.sizes()[0] - window.tree.viewport().width())
    window.splitter.setSizes([narrow, window.width() - narrow])
    qtbot.waitUntil(lambda: header.isSectionHidden(COL_DEPTS))
    assert header.sectionSize(COL_NAME) >= needed - 20
    ini = next(i for i in window.model.initiatives() if len(i.department_names) > 1)
    index = window.model.index_of_initiative(ini.id)
    tip = window.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert ini.title in tip and all(name in tip for name in ini.department_names)
    window.splitter.setSizes([wide, window.width() - wide])
    qtbot.waitUntil(lambda: not header.isSectionHidden(COL_DEPTS))
    assert header.sectionSize(COL_DEPTS) == depts
    assert header.sectionSize(COL_NAME) >= needed
