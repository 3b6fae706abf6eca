"""The tracker: 未提出 / 提出済 / 取込済 / 差戻し per department with dates, and its workbook."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from submission_helpers import export, fill, ids_of, report_of

from planDesk.cli.main import main
from planDesk.core.domain.model import Department
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import resolve_plan_id
from planDesk.core.reports.ops import ReportInput, save_report, submit_report
from planDesk.core.submissions.merge import merge_files
from planDesk.core.submissions.scope import CycleRef
from planDesk.core.submissions.tracker import TrackerRow, load_tracker, record_received, return_submission
from planDesk.core.submissions.undo import undo_merge

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)

R6 = CycleRef(2024, 0)


def _rows(store: Store) -> dict[str, TrackerRow]:
    with store.read() as s:
        plan_id = resolve_plan_id(s, None)
    return {r.department: r for r in load_tracker(store, plan_id, R6)}


def _ids(store: Store, name: str) -> tuple[int, int]:
    """(plan id, department id) of a department of the sample plan."""
    with store.read() as s:
        plan_id = resolve_plan_id(s, None)
        dept = s.scalars(select(Department).where(Department.name == name, Department.plan_id == plan_id)).one()
        return plan_id, dept.id


def test_states_follow_merges_returns_and_undo(store: Store, tmp_path: Path) -> None:
    rows = _rows(store)
    assert "全部署" not in rows and "関係部署" not in rows  # only real departments
    assert {r.state for r in rows.values()} == {"not_submitted"}
    assert rows["市民課"].initiatives >= 2
    path = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "実施",
                                                                "evaluation": "A", "direction": "継続"}},
                raw={("表紙", "B13"): "山田"})
    [m] = merge_files(store, [path])
    row = _rows(store)["市民課"]
    # one of its initiatives is in: never shown as done (issue 12)
    assert (row.state_label, row.last_file, row.filled_by, row.reported) == ("一部提出", path.name, "山田", 1)
    assert row.merged_at is not None
    plan_id, dept = _ids(store, "市民課")
    change = return_submission(store, plan_id, dept, R6, "実績値を確認してください")
    assert "1 件を下書きに戻しました" in change.summary
    row = _rows(store)["市民課"]
    assert row.state == "returned" and row.note == "実績値を確認してください" and row.returned_at is not None
    assert report_of(store, "①－１－２").status == "draft"  # type: ignore[union-attr]
    second = fill(export(store, tmp_path, name="again.xlsx"), reports={
        "①－１－２": {"activities": "確認済み", "evaluation": "A", "direction": "継続"}})
    [m2] = merge_files(store, [second])
    assert _rows(store)["市民課"].state == "partial"
    assert m2.merge_id and m.merge_id
    undo_merge(store, m2.merge_id)
    assert _rows(store)["市民課"].state == "returned"  # back to what it was before that merge
    with pytest.raises(UserError, match="理由"):
        return_submission(store, plan_id, dept, R6, "  ")


def test_submitted_in_the_database_and_received_files(store: Store) -> None:
    ini = ids_of(store, "①－２－３")
    plan_id, dept = _ids(store, "生活安全課")
    _change, _v = save_report(store, ReportInput(ini.id, dept, 2024, activities="実施", evaluation="B",
                                                 direction="継続"), expected_version=None)
    rep = report_of(store, "①－２－３", "生活安全課")
    assert rep is not None
    submit_report(store, rep.id)
    row = _rows(store)["生活安全課"]  # one of its initiatives submitted on screen
    assert row.state == "partial" and row.complete == 1 and row.submitted_at is not None
    _p, city = _ids(store, "市民課")
    record_received(store, plan_id, city, R6, "市民課_R6.xlsx")
    row = _rows(store)["市民課"]
    assert row.state == "submitted" and "市民課_R6.xlsx" in row.note


def test_tracker_workbook_and_cli(store: Store, db_target: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    merge_files(store, [fill(export(store, tmp_path), reports={"①－１－２": {"activities": "実施",
                                                                         "evaluation": "A", "direction": "継続"}})])
    out = tmp_path / "tracker.xlsx"
    assert main(["--db", db_target, "tracker", "--fy", "R6", "--out", str(out)]) == 0
    ws = load_workbook(out)["提出状況"]
    states = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(4, ws.max_row + 1)}
    assert states["市民課"].value == "一部提出" and states["市民課"].fill.fgColor.rgb.endswith("FCE4D6")
    assert states["生活安全課"].value == "未提出"
    assert ws.page_setup.orientation == "landscape"
    capsys.readouterr()
    assert main(["--db", db_target, "tracker", "--fy", "R6"]) == 0
    printed = capsys.readouterr().out
    assert "提出状況（令和6年度）" in printed and "一部提出　市民課" in printed and "未提出　生活安全課" in printed
    assert main(["--db", db_target, "tracker", "--fy", "R6", "--return", "市民課"]) == 2
    assert main(["--db", db_target, "tracker", "--fy", "R6", "--return", "市民課", "--reason", "再提出"]) == 0
    assert "差戻し　市民課" in capsys.readouterr().out
    assert main(["--db", db_target, "export", "tracker", "--fy", "R6", "--out", str(tmp_path / "t2.xlsx")]) == 0
