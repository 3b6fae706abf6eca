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

