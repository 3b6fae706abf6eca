"""Issue 12: the tracker tells the truth — n of m initiatives, parts of 全部署 items, 一部提出,
提出日 from the workbook beside 取込日, who filled it in — on screen, in the CLI and in Excel."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from submission_helpers import export, fill, report_rows

from planDesk.cli.main import main
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import resolve_plan_id
from planDesk.core.submissions.merge import merge_files
from planDesk.core.submissions.scope import CycleRef
from planDesk.core.submissions.tracker import TrackerRow, load_tracker

R6 = CycleRef(2024, 0)
COMPLETE = {"activities": "実施した", "evaluation": "A", "direction": "継続"}
SAVED = datetime(2025, 5, 20, 0, 30, tzinfo=UTC)


def _rows(store: Store) -> dict[str, TrackerRow]:
    with store.read() as s:
        plan_id = resolve_plan_id(s, None)
    return {r.department: r for r in load_tracker(store, plan_id, R6)}


def _set_saved_time(path: Path, when: datetime) -> None:
    """What Excel writes on save: docProps/core.xml dcterms:modified."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    core = parts["docProps/core.xml"].decode()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{stamp}\g<2>", core)
    parts["docProps/core.xml"] = core.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _fill_all(store: Store, tmp_path: Path, department: str, skip: int = 0, name: str | None = None) -> Path:
    path = export(store, tmp_path, department, name=name)
    codes = list(report_rows(path))
    return fill(path, reports={c: COMPLETE for c in codes[:len(codes) - skip]},
                raw={("表紙", "B13"): "山田　花子"})


def test_partial_and_complete_submissions(store: Store, tmp_path: Path) -> None:
    partial = _fill_all(store, tmp_path, "市民課", skip=3, name="part.xlsx")
    _set_saved_time(partial, SAVED)
    [outcome] = merge_files(store, [partial])
    assert outcome.status == "merged", outcome.messages
    row = _rows(store)["市民課"]
    m = row.initiatives
    assert m >= 5
    assert (row.state, row.state_label, row.complete) == ("partial", "一部提出", m - 3)
    assert row.completeness.startswith(f"{m - 3} / {m}")
    assert row.filled_by == "山田　花子"
    assert row.submitted_at == SAVED            # the department's own time, from the workbook
    assert row.merged_at is not None and row.merged_at > SAVED
    # shared items (全部署 / 関係部署) are counted as parts
    assert 0 < row.shared <= m and row.shared_complete <= row.shared
    assert f"全部署等 {row.shared_complete} / {row.shared}" in row.completeness
    whole = _fill_all(store, tmp_path, "市民課", name="whole.xlsx")
    merge_files(store, [whole])
    row = _rows(store)["市民課"]
    assert (row.state, row.complete, row.shared_complete) == ("merged", m, row.shared)


def test_cli_and_excel_show_completeness(store: Store, sample_db: Path, tmp_path: Path, capsys: Any) -> None:
    path = _fill_all(store, tmp_path, "市民課", skip=2)
    _set_saved_time(path, SAVED)
    merge_files(store, [path])
    m = _rows(store)["市民課"].initiatives
    assert main(["--db", str(sample_db), "tracker", "--fy", "R6"]) == 0
    out = capsys.readouterr().out
    assert f"一部提出　市民課（提出済 {m - 2} / {m}" in out and "記入者 山田　花子" in out
    assert "提出 2025-05-20" in out or "提出 2025-05-19" in out  # local time of 00:30 UTC
    xlsx = tmp_path / "tracker.xlsx"
    assert main(["--db", str(sample_db), "tracker", "--fy", "R6", "--out", str(xlsx)]) == 0
    ws = load_workbook(xlsx)["提出状況"]
    headers = [c.value for c in ws[3]]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "市民課")
    cell = {h: ws.cell(row, i).value for i, h in enumerate(headers, start=1)}
    assert cell["状態"] == "一部提出"
    # headed with the plan's word for its items (取組事項 in this plan)
    assert (cell["提出済の取組事項"], cell["担当する取組事項"]) == (m - 2, m)
    assert cell["全部署等の取組事項"] and "/" in cell["全部署等の取組事項"]
    assert cell["記入者"] == "山田　花子"
    assert cell["提出日"] and cell["取込日"] and cell["提出日"] != cell["取込日"]


def test_tracker_screen_shows_completeness_and_opens_a_round(qtbot: Any, store: Store, tmp_path: Path) -> None:
    from planDesk.core.submissions.rounds import load_round
    from planDesk.gui.division.tracker_view import COL_INIS, COL_STATE, TrackerView

    merge_files(store, [_fill_all(store, tmp_path, "市民課", skip=1)])
    with store.read() as s:
        plan_id = resolve_plan_id(s, None)
    view = TrackerView(store, plan_id)
    qtbot.addWidget(view)
    view.cycle_box.setCurrentIndex(view.cycle_box.findText("令和6年度"))
    names = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    city = names.index("市民課")
    m = _rows(store)["市民課"].initiatives
    assert view.model.index(city, COL_STATE).data() == "一部提出"
    assert view.model.index(city, COL_INIS).data().startswith(f"{m - 1} / {m}")
    assert "受付中のサイクルなし" in view.round_label.text()
    view.round_button.click()
    assert load_round(store, plan_id) == CycleRef(2024, 0)
    assert "令和6年度" in view.round_label.text() and not view.round_button.isEnabled()


def test_parts_and_total_of_shared_items(store: Store, sample_db: Path, tmp_path: Path, capsys: Any) -> None:
    from planDesk.core.submissions.tracker_shared import shared_items

    merge_files(store, [_fill_all(store, tmp_path, "市民課")])
    with store.read() as s:
        plan_id = resolve_plan_id(s, None)
        items = shared_items(s, plan_id, R6)
    rows = _rows(store)
    real = len(rows)
    assert items and all(i.total <= real for i in items)
    everyone = [i for i in items if "全部署" in i.assigned_to]
    assert everyone and all(i.total == real and i.done == 1 for i in everyone)  # 市民課's part only
    xlsx = tmp_path / "tracker.xlsx"
    assert main(["--db", str(sample_db), "tracker", "--fy", "R6", "--out", str(xlsx)]) == 0
    ws = load_workbook(xlsx)["全部署等の取組事項"]
    first = everyone[0]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == first.code)
    assert (ws.cell(row, 4).value, ws.cell(row, 5).value) == (1, real)
    assert main(["--db", str(sample_db), "tracker", "--fy", "R6"]) == 0
    assert f"{first.code} {first.title}（{first.assigned_to}）　1 / {real}" in capsys.readouterr().out
