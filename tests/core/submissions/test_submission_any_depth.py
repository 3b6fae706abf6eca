"""The submission workbook of a plan whose initiatives sit at different depths (issue 14
item 1): exported, filled in as a person would, read back and merged, for an initiative
right under a top-level group and one under a group of depth 4."""

from __future__ import annotations

from pathlib import Path

from any_plan_helpers import FOUR_LEVELS_MIXED, TWO_LEVEL_LABELS, TWO_LEVELS, make_store, tree_plan, view_of
from openpyxl import load_workbook
from submission_helpers import export, fill, ids_of, report_of, report_rows

from planDesk.core.submissions.format import HEADER_ROW, REPORT_COLUMNS, SHEET_COVER, SHEET_REPORTS, column_index
from planDesk.core.submissions.merge import merge_files
from planDesk.core.submissions.read import read_submission

DEPT = "電算室"
FY = 2026  # no report yet: every value merged is new


def answers(activities: str, evaluation: str, direction: str) -> dict[str, str]:
    """A report row filled in as it must be to be submitted."""
    return {"activities": activities, "evaluation": evaluation, "issues": "特になし", "direction": direction,
            "next_steps": "続けます"}


def test_initiatives_at_depth_1_and_4_round_trip(tmp_path: Path) -> None:
    store = make_store(tmp_path / "tree.sqlite3", tree_plan(FOUR_LEVELS_MIXED))
    plan = view_of(store)
    shallow, deep = ids_of(store, "2-1"), ids_of(store, "1-2-1-1-1")
    assert (shallow.depth, deep.depth) == (1, 4)
    path = export(store, tmp_path, department=DEPT, fy=FY)

    rows = report_rows(path)
    mine = [i.code for i in plan.initiatives() if DEPT in i.department_names]
    assert list(rows) == mine  # every depth, in the plan's order
    wb = load_workbook(path)
    header = wb[SHEET_REPORTS].cell(HEADER_ROW, column_index(REPORT_COLUMNS, "title")).value
    assert header == plan.initiative_label == "事業"
    assert wb[SHEET_COVER]["A9"].value == "事業"
    wb.close()

    fill(path, reports={"2-1": answers("浅い事業の実施状況", "◎（計画以上）", "伸ばす"),
                        "1-2-1-1-1": answers("深い事業の実施状況", "○（計画どおり）", "続ける")},
         kpis={("2-1", "利用件数2-1"): 7, ("1-2-1-1-1", "利用件数1-2-1-1-1"): 9},
         steps={("1-2-1-1-1", "段取り1-2-1-1-1"): "完了"})
    read = read_submission(path)
    assert read.problems == []
    assert {v.uid for v in read.values if v.raw is not None} == {shallow.uid, deep.uid}

    [outcome] = merge_files(store, [path])
    assert outcome.status == "merged", outcome.messages
    top = report_of(store, "2-1", department=DEPT, fy=FY)
    bottom = report_of(store, "1-2-1-1-1", department=DEPT, fy=FY)
    assert top is not None and bottom is not None
    assert (top.activities, top.evaluation, top.direction) == ("浅い事業の実施状況", "◎", "伸ばす")
    assert (bottom.activities, bottom.evaluation, bottom.direction) == ("深い事業の実施状況", "○", "続ける")
    assert dict(top.kpi_actuals) == {shallow.kpis[0].id: 7.0}
    assert dict(bottom.kpi_actuals) == {deep.kpis[0].id: 9.0}
    assert dict(bottom.step_states) == {deep.steps[0].id: "done"}
    # nothing else was written
    others = [i for i in view_of(store).initiatives() if i.code not in ("2-1", "1-2-1-1-1")]
    assert all(r.fy != FY for i in others for r in i.reports)
    store.close()


def test_a_two_level_plan_numbered_1_1(tmp_path: Path) -> None:
    store = make_store(tmp_path / "two.sqlite3", tree_plan(TWO_LEVELS, labels=TWO_LEVEL_LABELS))
    path = export(store, tmp_path, department=DEPT, fy=FY)
    assert list(report_rows(path)) == ["1-1", "1-2", "2-1", "2-2", "2-3"]
    fill(path, reports={"2-3": answers("実施しました", "△（計画未満）", "やめる")})
    [outcome] = merge_files(store, [path])
    assert outcome.status == "merged", outcome.messages
    report = report_of(store, "2-3", department=DEPT, fy=FY)
    assert report is not None and (report.activities, report.evaluation) == ("実施しました", "△")
    store.close()
