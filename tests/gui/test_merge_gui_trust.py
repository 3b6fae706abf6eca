"""Issue 12 on the merge screen: incomplete rows as drafts by choice, 要確認 figures, the open
round and a cycle named explicitly, and the per-file summary."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import answered, settled  # noqa: F401  (autouse: the merge's questions are answered)
from pytestqt.qtbot import QtBot
from submission_helpers import export, fill, report_of

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import resolve_plan_id
from planDesk.core.submissions.rounds import open_round
from planDesk.core.submissions.scope import CycleRef
from planDesk.gui.division.merge_view import MergeView

COMPLETE = {"activities": "実施した", "evaluation": "A", "direction": "継続"}
FILES = {"state": 1, "review": 7, "drafts": 8}


def _cell(view: MergeView, row: int, col: int) -> str:
    item = view.files.item(row, col)
    return item.text() if item is not None else ""


def _view(qtbot: QtBot, store: Store) -> MergeView:
    with store.read() as s:
        plan_id = resolve_plan_id(s, None)
    view = MergeView(store, plan_id)
    qtbot.addWidget(view)
    return view


def test_drafts_review_and_summary(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    incomplete = fill(export(store, tmp_path, name="incomplete.xlsx"), reports={"①－１－２": {"activities": "途中"}})
    odd = fill(export(store, tmp_path, "生活安全課", name="odd.xlsx"), reports={"①－２－３": COMPLETE},
               kpis={("①－２－３", "安全・安心メール，Twitter，ＬＩＮＥ等の延べ登録者数"): 46113000})
    view = _view(qtbot, store)
    view.add_files([incomplete, odd])
    settled(qtbot, view)
    assert _cell(view, 0, FILES["state"]) == "取り込めません"
    view.files.selectRow(0)
    assert "進捗評価が空" in view.messages.toPlainText()
    assert _cell(view, 1, FILES["state"]) == "取込可" and _cell(view, 1, FILES["review"]) == "1"
    view.files.selectRow(1)
    flagged = [view.changes.item(r, 7).text() for r in range(view.changes.rowCount())
               if view.changes.item(r, 7).text()]
    assert len(flagged) == 1 and flagged[0].startswith("要確認：")
    view.draft_box.setChecked(True)  # the division's explicit choice: the preview is recomputed
    settled(qtbot, view)
    assert _cell(view, 0, FILES["state"]) == "取込可" and _cell(view, 0, FILES["drafts"]) == "1"
    view.merge()
    settled(qtbot, view)
    assert [_cell(view, r, FILES["state"]) for r in range(2)] == ["取込済", "取込済"]
    assert "取り込んだファイル（2）：incomplete.xlsx、odd.xlsx" in view.summary.text()
    rep = report_of(store, "①－１－２")
    assert rep is not None and rep.status == "draft"


def test_open_round_and_a_cycle_named_on_screen(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    with store.read() as s:
        plan_id = resolve_plan_id(s, None)
    open_round(store, plan_id, CycleRef(2025))
    last_year = fill(export(store, tmp_path, fy=2024), reports={"①－１－２": COMPLETE})
    view = _view(qtbot, store)
    assert "令和7年度" in view.round_label.text()
    view.add_files([last_year])
    settled(qtbot, view)
    assert _cell(view, 0, FILES["state"]) == "取り込めません"
    view.files.selectRow(0)
    assert "受付中の報告サイクルは令和7年度" in view.messages.toPlainText()
    view.cycle_box.setCurrentIndex(view.cycle_box.findText("令和6年度"))
    settled(qtbot, view)
    assert view.named_cycle == CycleRef(2024)
    assert _cell(view, 0, FILES["state"]) == "取込可"
    view.merge()
    settled(qtbot, view)
    assert report_of(store, "①－１－２") is not None
