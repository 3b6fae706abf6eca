"""Issue 12: wrong data must not get in with exit 0 — sorted rows, empty required fields,
percentages, implausible figures, the wrong round, a full disk, and the small ones."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from submission_helpers import counts, export, fill, ids_of, report_of, report_rows

from planDesk.core.persistence.store import Store
from planDesk.core.submissions.format import (
    FIRST_DATA_ROW,
    KPI_COLUMNS,
    REPORT_COLUMNS,
    SHEET_KPIS,
    SHEET_REPORTS,
    column_index,
)
from planDesk.core.submissions.merge import merge_files

COMPLETE = {"activities": "実施した", "evaluation": "A", "direction": "継続"}


def _messages(outcome: Any) -> str:
    return "\n".join(outcome.messages)


# 1. Sorted rows ---------------------------------------------------------------------------


def _sort_visible_columns(path: Path, sheet: str, columns: int, row_a: int, row_b: int) -> None:
    """Excel's "continue with the current selection": the visible columns of two rows swap,
    the hidden identity columns stay where they were."""
    wb = load_workbook(path)
    ws = wb[sheet]
    for col in range(1, columns + 1):
        a, b = ws.cell(row_a, col), ws.cell(row_b, col)
        a.value, b.value = b.value, a.value
    wb.save(path)


def test_rows_sorted_without_their_hidden_ids_are_refused(store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path)
    fill(path, reports={"①－１－２": {**COMPLETE, "activities": "①－１－２の実施状況"},
                        "③－１－１": {**COMPLETE, "activities": "③－１－１の実施状況"}})
    rows = report_rows(path)
    a, b = rows["①－１－２"], rows["③－１－１"]
    _sort_visible_columns(path, SHEET_REPORTS, column_index(REPORT_COLUMNS, "status"), a, b)
    before = counts(store)
    [outcome] = merge_files(store, [path])
    assert outcome.status == "refused"
    text = _messages(outcome)
    assert f"シート「{SHEET_REPORTS}」 セル A{a}" in text and f"セル A{b}" in text
    assert "並べ替え" in text
    assert counts(store) == before
    assert report_of(store, "①－１－２") is None


def test_kpi_rows_sorted_within_one_initiative_are_refused(store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path)
    wb = load_workbook(path, read_only=True)
    ws = wb[SHEET_KPIS]
    by_code: dict[str, list[int]] = {}
    for r, (code,) in enumerate(ws.iter_rows(min_row=FIRST_DATA_ROW, max_col=1, values_only=True),
                                start=FIRST_DATA_ROW):
        by_code.setdefault(str(code), []).append(r)
    wb.close()
    code, (ra, rb) = next((c, rs[:2]) for c, rs in by_code.items() if len(rs) >= 2)
    # same initiative, so the code column agrees: only the KPI name gives the sort away
    _sort_visible_columns(path, SHEET_KPIS, column_index(KPI_COLUMNS, "actual"), ra, rb)
    [outcome] = merge_files(store, [path])
    assert outcome.status == "refused", code
    assert f"シート「{SHEET_KPIS}」 セル C{ra}" in _messages(outcome)


def test_unsorted_rows_still_merge(store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path)
    fill(path, reports={"①－１－２": COMPLETE})
    [outcome] = merge_files(store, [path])
    assert outcome.status == "merged", outcome.messages


# 3. Percentages ---------------------------------------------------------------------------


def test_percent_formatted_cell_is_stored_as_the_percentage(store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path)
    fill(path, reports={"①－１－２": COMPLETE})
    wb = load_workbook(path)
    ws = wb[SHEET_KPIS]
    col = column_index(KPI_COLUMNS, "actual")
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        if ws.cell(r, 1).value == "①－１－２" and ws.cell(r, 3).value == "マイナンバーカード申請率":
            cell = ws.cell(r, col)
            cell.value = 0.764          # what Excel stores for 76.4% typed into the cell
            cell.number_format = "0.0%"
    wb.save(path)
    [outcome] = merge_files(store, [path])
    assert outcome.status == "merged", outcome.messages
    rep = report_of(store, "①－１－２")
    assert rep is not None
    assert dict(rep.kpi_actuals) == {ids_of(store, "①－１－２").kpis[0].id: 76.4}


# 7. Small ones ------------------------------------------------------------------------------


def test_exports_follow_the_umask(store: Store, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = export(store, tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_text_that_looks_like_a_formula_gets_quote_prefix(store: Store, tmp_path: Path) -> None:
    from planDesk.core.reports.ops import ReportInput, save_report

    ini = ids_of(store, "①－１－２")
    dept = next(d.id for d in ini.departments if d.name == "市民課")
    save_report(store, ReportInput(ini.id, dept, 2024, activities="=SUM(A1)", issues="+1 件",
                                   next_steps="-継続", evaluation="A"), expected_version=None)
    path = export(store, tmp_path)
    wb = load_workbook(path)
    ws = wb[SHEET_REPORTS]
    row = report_rows(path)["①－１－２"]
    for key in ("activities", "issues", "next_steps"):
        cell = ws.cell(row, column_index(REPORT_COLUMNS, key))
        assert cell.data_type == "s" and cell.quotePrefix, key
    assert not ws.cell(row, column_index(REPORT_COLUMNS, "evaluation")).quotePrefix


def test_a_merge_that_changes_nothing_writes_no_backup(store: Store, tmp_path: Path, sample_db: Path) -> None:
    path = export(store, tmp_path)
    fill(path, reports={"①－１－２": COMPLETE})
    [first] = merge_files(store, [path])
    assert first.status == "merged" and first.backup is not None
    backups = set(sample_db.parent.glob("*.bak.sqlite3"))
    [twice] = merge_files(store, [path])  # the same file again
    assert twice.status == "duplicate" and twice.backup is None
    assert set(sample_db.parent.glob("*.bak.sqlite3")) == backups
    again = export(store, tmp_path, name="again.xlsx")  # the database's own values: nothing to change
    [second] = merge_files(store, [again])
    assert second.status == "merged" and second.applied == 0 and second.conflicts == 0
    assert second.backup is None
    assert set(sample_db.parent.glob("*.bak.sqlite3")) == backups


# 2. Empty required fields -------------------------------------------------------------------


def test_rows_with_empty_required_fields_refuse_the_file(store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path)
    fill(path, reports={"①－１－２": {"activities": "実施した"}, "①－１－１": COMPLETE})
    row = report_rows(path)["①－１－２"]
    before = counts(store)
    [outcome] = merge_files(store, [path])
    assert outcome.status == "refused"
    text = _messages(outcome)
    assert f"シート「{SHEET_REPORTS}」 セル E{row}" in text and "進捗評価が空" in text
    assert f"セル G{row}" in text and "今後の方向性が空" in text
    assert f"セル D{row}" not in text
    assert "--accept-incomplete-as-draft" in text
    assert counts(store) == before


def test_required_fields_cleared_in_excel_refuse_the_file(store: Store, tmp_path: Path) -> None:
    from planDesk.core.reports.ops import ReportInput, save_report

    ini = ids_of(store, "①－１－２")
    dept = next(d.id for d in ini.departments if d.name == "市民課")
    save_report(store, ReportInput(ini.id, dept, 2024, activities="下書きの実施状況", evaluation="B",
                                   direction="継続"), expected_version=None)
    path = export(store, tmp_path)
    fill(path, reports={"①－１－２": {"activities": None, "evaluation": None, "direction": None,
                                      "issues": "課題だけ書いた"}})
    row = report_rows(path)["①－１－２"]
    [outcome] = merge_files(store, [path])
    assert outcome.status == "refused"
    for col in "DEG":
        assert f"セル {col}{row}" in _messages(outcome)
    rep = report_of(store, "①－１－２")
    assert rep is not None and rep.status == "draft" and rep.activities == "下書きの実施状況"


def test_incomplete_rows_come_in_as_drafts_when_the_division_chooses(store: Store, tmp_path: Path) -> None:
    from planDesk.core.submissions.merge import MergeOptions

    path = export(store, tmp_path)
    fill(path, reports={"①－１－２": {"activities": "途中まで"}, "①－１－１": COMPLETE})
    [outcome] = merge_files(store, [path], MergeOptions(incomplete_as_draft=True))
    assert outcome.status == "merged", outcome.messages
    assert "下書きとして取り込みます" in _messages(outcome) and "①－１－２" in _messages(outcome)
    assert outcome.drafts == 1
    part = report_of(store, "①－１－２")
    whole = report_of(store, "①－１－１")
    assert part is not None and part.status == "draft" and part.activities == "途中まで"
    assert whole is not None and whole.status == "submitted"


def test_cli_accept_incomplete_as_draft(store: Store, sample_db: Path, tmp_path: Path,
                                        capsys: Any) -> None:
    from planDesk.cli.main import main

    path = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "途中まで"}})
    assert main(["--db", str(sample_db), "merge", str(path)]) == 1
    err = capsys.readouterr().err
    assert "進捗評価が空" in err
    assert main(["--db", str(sample_db), "merge", str(path), "--accept-incomplete-as-draft"]) == 0
    out = capsys.readouterr().out
    assert "下書きとして取り込みます" in out
    rep = report_of(store, "①－１－２")
    assert rep is not None and rep.status == "draft"


# 4. Implausible figures -----------------------------------------------------------------------


def test_implausible_figures_are_flagged_not_refused(store: Store, sample_db: Path, tmp_path: Path,
                                                      capsys: Any) -> None:
    from planDesk.cli.main import main
    from planDesk.core.submissions.merge import MergeOptions

    path = fill(export(store, tmp_path), reports={"①－１－２": COMPLETE, "①－１－１": COMPLETE},
                kpis={("①－１－２", "マイナンバーカード申請率"): 46113,   # "4/1" turned into a date serial
                      ("①－１－１", "オンライン化済の手続き数"): 212})
    [preview] = merge_files(store, [path], MergeOptions(dry_run=True))
    assert preview.diff is not None
    flagged = {(c.code, c.label): c.review for c in preview.diff.flagged}
    assert list(flagged) == [("①－１－２", "指標「マイナンバーカード申請率」の実績値")]
    assert "10 倍を超えています" in flagged[("①－１－２", "指標「マイナンバーカード申請率」の実績値")]
    assert main(["--db", str(sample_db), "merge", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "【要確認：基準値・目標値の 10 倍を超えています" in out and "要確認 1 件" in out
    [outcome] = merge_files(store, [path])
    assert outcome.status == "merged" and outcome.review == 1  # nothing is refused for being large
    rep = report_of(store, "①－１－２")
    assert rep is not None and 46113.0 in dict(rep.kpi_actuals).values()


def test_review_rule() -> None:
    from planDesk.core.submissions.plausible import review_note

    assert review_note(80.0, 76.4, 100.0) == ""
    assert review_note(0.764, 76.4, 100.0) != ""          # a percentage stored as a fraction
    assert review_note(-3.0, 0.0, 10.0) != ""
    assert review_note(1e6, None, None) == ""             # nothing to compare with
    assert review_note(1000.0, 0.0, 100.0) == ""          # 10 × the target is still plausible
    assert review_note(1000.1, 0.0, 100.0) != ""


# 5. The wrong round ---------------------------------------------------------------------------


def test_a_workbook_for_another_round_is_refused_naming_both(store: Store, sample_db: Path, tmp_path: Path,
                                                             capsys: Any) -> None:
    from planDesk.cli.main import main

    path = fill(export(store, tmp_path, fy=2024), reports={"①－１－２": COMPLETE})
    assert main(["--db", str(sample_db), "round", "open", "--fy", "R7"]) == 0
    assert "令和7年度" in capsys.readouterr().out
    before = counts(store)
    assert main(["--db", str(sample_db), "merge", str(path)]) == 1
    err = capsys.readouterr().err
    assert "令和6年度" in err and "受付中の報告サイクルは令和7年度" in err and "--cycle" in err
    assert counts(store)["reports"] == before["reports"]
    # the division names last year's cycle explicitly: taken in
    assert main(["--db", str(sample_db), "merge", str(path), "--cycle", "2024"]) == 0
    assert report_of(store, "①－１－２") is not None
    # a workbook of the open round is taken in without naming it
    current = fill(export(store, tmp_path, fy=2025), reports={"①－１－２": COMPLETE})
    assert main(["--db", str(sample_db), "merge", str(current)]) == 0
    assert report_of(store, "①－１－２", fy=2025) is not None


def test_naming_a_cycle_refuses_a_file_of_another(store: Store, tmp_path: Path) -> None:
    from planDesk.core.submissions.merge import MergeOptions
    from planDesk.core.submissions.scope import CycleRef

    path = fill(export(store, tmp_path, fy=2024), reports={"①－１－２": COMPLETE})
    [outcome] = merge_files(store, [path], MergeOptions(cycle=CycleRef(2025)))
    assert outcome.status == "refused" and "令和6年度" in _messages(outcome) and "令和7年度" in _messages(outcome)


# 6. Full disk --------------------------------------------------------------------------------


def test_backup_on_a_full_disk(store: Store, sample_db: Path, tmp_path: Path, monkeypatch: Any) -> None:
    import sqlite3

    from planDesk.core.persistence import database

    real_connect = sqlite3.connect

    class FullTarget:
        """The backup's destination: half a file written, then ENOSPC."""

        def __init__(self, path: str) -> None:
            Path(path).write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)

        def close(self) -> None:
            pass

    class Source:
        def __init__(self, path: str) -> None:
            self.conn = real_connect(path)

        def backup(self, dst: Any) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        def close(self) -> None:
            self.conn.close()

    def fake_connect(path: str, *args: Any, **kwargs: Any) -> Any:
        return FullTarget(path) if ".bak." in path else Source(path)

    monkeypatch.setattr(database.sqlite3, "connect", fake_connect)
    a = fill(export(store, tmp_path, name="a.xlsx"), reports={"①－１－２": COMPLETE})
    b = fill(export(store, tmp_path, name="b.xlsx"), reports={"①－１－１": COMPLETE})
    before = counts(store)
    outcomes = merge_files(store, [a, b])
    monkeypatch.undo()
    assert [o.status for o in outcomes] == ["failed", "not_attempted"]
    assert "ディスクの空き容量" in _messages(outcomes[0])
    assert "database or disk is full" not in _messages(outcomes[0])
    assert list(sample_db.parent.glob("*.bak.sqlite3*")) == []  # no partial backup left behind
    assert counts(store) == before


def test_database_full_half_way_through_a_multi_file_merge(store: Store, sample_db: Path, tmp_path: Path,
                                                            capsys: Any) -> None:
    from sqlalchemy import event

    from planDesk.cli.cmd_merge import print_summary

    long = "長い実施状況。" * 3000
    files = []
    for name, code in (("a.xlsx", "①－１－２"), ("b.xlsx", "①－１－１"), ("c.xlsx", "③－１－１")):
        files.append(fill(export(store, tmp_path, name=name), reports={code: {**COMPLETE, "activities": long}}))

    pages: list[int] = []

    def full(dbapi: Any, _record: Any) -> None:
        dbapi.execute(f"PRAGMA max_page_count = {pages[0]}")

    def limit(outcome: Any) -> None:
        if outcome.name == "a.xlsx":  # after the first file the disk is full
            with store.engine.connect() as conn:
                pages.append(int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0))
            store.engine.dispose()
            event.listen(store.engine, "connect", full)

    outcomes = merge_files(store, files, on_outcome=limit)
    assert [o.status for o in outcomes] == ["merged", "failed", "not_attempted"]
    assert "ディスクの空き容量" in _messages(outcomes[1])
    event.remove(store.engine, "connect", full)
    store.engine.dispose()
    assert report_of(store, "①－１－２") is not None
    assert report_of(store, "①－１－１") is None and report_of(store, "③－１－１") is None
    print_summary(outcomes)
    out = capsys.readouterr().out
    assert "取り込んだファイル（1）：a.xlsx" in out
    assert "空き容量不足で取り込めなかったファイル（1）：b.xlsx" in out and "未処理（中断）ファイル（1）：c.xlsx" in out


def test_serial_codes_agree_with_their_rows(hitachi_db: Path, tmp_path: Path) -> None:
    """The visible-code check on a plan numbered 01, 02 … (no false refusal)."""
    from planDesk.core.plan.view import load_plan, resolve_plan_id

    store = Store.open(str(hitachi_db), actor="テスト")
    try:
        with store.read() as s:
            plan = load_plan(s, resolve_plan_id(s, None), with_reports=False)
        ini = next(i for i in plan.initiatives() if any(not d.pseudo for d in i.departments))
        dept = next(d.name for d in ini.departments if not d.pseudo)
        assert ini.code.isdigit()
        path = export(store, tmp_path, dept, fy=plan.end_fy)
        fill(path, reports={ini.code: COMPLETE})
        [outcome] = merge_files(store, [path])
        assert outcome.status == "merged", outcome.messages
    finally:
        store.close()


def test_round_show_close_and_usage(store: Store, sample_db: Path, tmp_path: Path, capsys: Any) -> None:
    from planDesk.cli.main import main

    assert main(["--db", str(sample_db), "round", "show"]) == 0
    assert "受付中の報告サイクルはありません" in capsys.readouterr().out
    assert main(["--db", str(sample_db), "round", "open"]) == 2  # which cycle?
    assert main(["--db", str(sample_db), "round", "open", "--cycle", "2025H1"]) == 0
    assert main(["--db", str(sample_db), "round", "show"]) == 0
    assert "受付中の報告サイクル：令和7年度上半期" in capsys.readouterr().out
    path = fill(export(store, tmp_path, fy=2025), reports={"①－１－２": COMPLETE})
    [outcome] = merge_files(store, [path])
    assert outcome.status == "refused" and "令和7年度上半期" in _messages(outcome)  # the whole year ≠ H1
    assert main(["--db", str(sample_db), "round", "close"]) == 0
    [outcome] = merge_files(store, [path])
    assert outcome.status == "merged", outcome.messages  # no round: every cycle of the plan period
