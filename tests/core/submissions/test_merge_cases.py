"""Every merge case: each conflict class, a foreign department's rows, a stale revision,
a stale file, a duplicate, an Excel-edited file, a wrong department."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from submission_helpers import counts, export, fill, forge_meta, ids_of, report_of

from planDesk.core.domain.model import Plan
from planDesk.core.persistence.store import Store
from planDesk.core.reports.ops import ReportInput, save_report
from planDesk.core.submissions.format import SHEET_REPORTS
from planDesk.core.submissions.merge import MergeOptions, merge_files
from planDesk.core.submissions.undo import open_conflicts, resolve_conflict

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def _save(store: Store, code: str, **fields: Any) -> int:
    ini = ids_of(store, code)
    dept = next((d.id for d in ini.departments if d.name == "市民課"), None)
    if dept is None:
        from planDesk.core.domain.model import Department
        with store.read() as s:
            dept = s.query(Department).filter_by(name="市民課").one().id
    rep = report_of(store, code)
    _, version = save_report(store, ReportInput(ini.id, dept, 2024, **fields),
                             expected_version=rep.version if rep else None, as_division=True)
    return version


def _kinds(outcome: Any) -> dict[tuple[str, str], str]:
    return {(c.code, c.field): c.kind for c in outcome.diff.changes if c.kind != "unchanged"}


def test_each_conflict_class(store: Store, tmp_path: Path) -> None:
    _save(store, "①－１－２", activities="出力時", issues="出力時の課題", next_steps="出力時の取組",
          direction="継続")
    path = export(store, tmp_path)
    # after the export the division changes three fields in the database
    _save(store, "①－１－２", activities="課で修正", issues="同じ修正", next_steps="出力時の取組",
          direction="拡充")
    fill(path, reports={"①－１－２": {
        "activities": "部署で修正",       # both changed, differently → conflict
        "issues": "同じ修正",             # both changed to the same value → same
        "next_steps": "部署だけが変更",   # only the file changed → apply
        # direction: only the database changed → unchanged, the database keeps 拡充
        "evaluation": "B",               # new value only in the file → apply
    }})
    [outcome] = merge_files(store, [path])
    assert outcome.status == "merged"
    assert _kinds(outcome) == {
        ("①－１－２", "activities"): "conflict", ("①－１－２", "issues"): "same",
        ("①－１－２", "next_steps"): "apply", ("①－１－２", "evaluation"): "apply",
    }
    rep = report_of(store, "①－１－２")
    assert rep is not None
    assert rep.activities == "課で修正"  # never last-writer-wins
    assert (rep.issues, rep.next_steps, rep.direction, rep.evaluation) == ("同じ修正", "部署だけが変更", "拡充", "B")
    [conflict] = open_conflicts(store)
    assert (conflict.base, conflict.master, conflict.theirs) == ("出力時", "課で修正", "部署で修正")
    assert conflict.field_label == "実施状況" and conflict.sheet == SHEET_REPORTS
    resolve_conflict(store, conflict.id, "file")
    assert report_of(store, "①－１－２").activities == "部署で修正"  # type: ignore[union-attr]
    assert open_conflicts(store) == []


def test_conflict_resolved_for_the_database(store: Store, tmp_path: Path) -> None:
    _save(store, "①－１－２", activities="出力時")
    path = export(store, tmp_path)
    _save(store, "①－１－２", activities="課で修正")
    fill(path, reports={"①－１－２": {"activities": "部署で修正", "evaluation": "A", "direction": "継続"}})
    merge_files(store, [path])
    [conflict] = open_conflicts(store)
    version = report_of(store, "①－１－２").version  # type: ignore[union-attr]
    resolve_conflict(store, conflict.id, "master")
    rep = report_of(store, "①－１－２")
    assert rep is not None and rep.activities == "課で修正" and rep.version == version
    with pytest.raises(Exception, match="解決済み"):
        resolve_conflict(store, conflict.id, "file")


def test_corrected_file_from_the_same_export_applies(store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path)
    first = fill(path, reports={"①－１－２": {"activities": "第1版",
                                          "evaluation": "A", "direction": "継続"}}, out=tmp_path / "v1.xlsx")
    second = fill(path, reports={"①－１－２": {"activities": "第2版（誤字修正）",
                                               "evaluation": "A", "direction": "継続"}},
                  out=tmp_path / "v2.xlsx")
    merge_files(store, [first])
    [outcome] = merge_files(store, [second])
    assert outcome.status == "merged" and _kinds(outcome)[("①－１－２", "activities")] == "apply"
    assert report_of(store, "①－１－２").activities == "第2版（誤字修正）"  # type: ignore[union-attr]
    assert open_conflicts(store) == []


def test_same_file_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "一度だけ",
                                                            "evaluation": "A", "direction": "継続"}})
    merge_files(store, [path])
    _save(store, "①－１－２", activities="その後の課の修正")
    before = counts(store)
    [outcome] = merge_files(store, [path])
    assert outcome.status == "duplicate" and not outcome.refused
    assert "取り込み済み" in outcome.messages[0]
    assert counts(store) == before
    assert report_of(store, "①－１－２").activities == "その後の課の修正"  # type: ignore[union-attr]
    # re-saved by Excel (different bytes, same content) is the same file too
    from openpyxl import load_workbook
    wb = load_workbook(path)
    wb.properties.lastModifiedBy = "Microsoft Excel"
    resaved = tmp_path / "resaved.xlsx"
    wb.save(resaved)
    assert resaved.read_bytes() != path.read_bytes()
    [again] = merge_files(store, [resaved])
    assert again.status == "duplicate"


def test_older_file_is_flagged_not_applied(store: Store, tmp_path: Path, clock: Callable[[], datetime]) -> None:
    old = fill(export(store, tmp_path, name="old.xlsx"), reports={"①－１－２": {"activities": "古い内容",
                                                                            "evaluation": "A", "direction": "継続"}})
    new = fill(export(store, tmp_path, name="new.xlsx"), reports={"①－１－２": {"activities": "新しい内容",
                                                                            "evaluation": "A", "direction": "継続"}})
    merge_files(store, [new])
    before = counts(store)
    [outcome] = merge_files(store, [old])
    assert outcome.status == "stale" and outcome.refused
    assert "new.xlsx" in outcome.messages[0] and "古い" in outcome.messages[0]
    assert counts(store) == before
    [forced] = merge_files(store, [old], MergeOptions(allow_stale=True))
    assert forced.status == "merged"
    assert _kinds(forced)[("①－１－２", "activities")] == "conflict"  # still no overwrite
    assert report_of(store, "①－１－２").activities == "新しい内容"  # type: ignore[union-attr]


def test_older_file_later_in_the_same_run_is_flagged(
    store: Store, tmp_path: Path, clock: Callable[[], datetime]
) -> None:
    old = fill(export(store, tmp_path, name="old.xlsx"), reports={"①－１－２": {"evaluation": "C",
                                                                            "activities": "実施", "direction": "継続"}})
    new = fill(export(store, tmp_path, name="new.xlsx"), reports={"①－１－２": {
        "evaluation": "C", "activities": "追記", "direction": "継続"}})
    outcomes = merge_files(store, [new, old])
    assert [(o.name, o.status) for o in outcomes] == [("new.xlsx", "merged"), ("old.xlsx", "stale")]
    # the other way round both are merged, the newer one last: the same master either way
    store2_outcomes = merge_files(store, [old], MergeOptions(allow_stale=True))
    assert store2_outcomes[0].status == "merged"
    assert report_of(store, "①－１－２").activities == "追記"  # type: ignore[union-attr]


def test_stale_revision_is_refused(store: Store, tmp_path: Path) -> None:
    path = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "改定前の様式",
                                                            "evaluation": "A", "direction": "継続"}})
    with store.write("test") as ctx:
        ctx.session.execute(update(Plan).values(revision="令和6年度見直し版"))
    before = counts(store)
    [outcome] = merge_files(store, [path])
    assert outcome.refused
    text = "\n".join(outcome.messages)
    assert "令和5年度版" in text and "令和6年度見直し版" in text and path.name in text
    assert counts(store) == before


def test_rows_of_another_department_are_refused(store: Store, tmp_path: Path) -> None:
    """A forged file names 市民課 but carries a row of 生活安全課's initiative."""
    path = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "正当な行",
                                                            "evaluation": "A", "direction": "継続"}})
    foreign = ids_of(store, "①－２－３")  # 生活安全課 only

    def swap(rows: list[list[Any]]) -> None:
        own = ids_of(store, "①－１－２").uid
        for row in rows:
            if row[0] == SHEET_REPORTS and row[2] == own:
                row[2] = foreign.uid
    forged = forge_meta(path, tmp_path / "forged.xlsx", rows=swap)
    from openpyxl import load_workbook
    wb = load_workbook(forged)
    ws = wb[SHEET_REPORTS]
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, 10).value == ids_of(store, "①－１－２").uid:
            ws.cell(r, 10).value = foreign.uid
    wb.save(forged)
    before = counts(store)
    [outcome] = merge_files(store, [forged])
    assert outcome.refused
    text = "\n".join(outcome.messages)
    assert "担当ではありません" in text and "①－２－３" in text and "forged.xlsx" in text
    assert counts(store) == before


def test_wrong_department_named_on_the_command_line(store: Store, tmp_path: Path) -> None:
    path = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "x",
                                                                "evaluation": "A", "direction": "継続"}})
    before = counts(store)
    [outcome] = merge_files(store, [path], MergeOptions(expect_department="生活安全課"))
    assert outcome.refused and "市民課" in outcome.messages[0] and "生活安全課" in outcome.messages[0]
    assert counts(store) == before


def test_excel_edited_mark(store: Store, tmp_path: Path) -> None:
    plain = export(store, tmp_path, name="plain.xlsx")
    [as_exported] = merge_files(store, [plain], MergeOptions(dry_run=True))
    assert as_exported.diff is not None and not as_exported.diff.resolved.edited
    edited = fill(plain, reports={"①－１－２": {"issues": "手で入力", "activities": "実施",
                                            "evaluation": "A", "direction": "継続"}}, out=tmp_path / "edited.xlsx")
    [outcome] = merge_files(store, [edited])
    assert outcome.diff is not None and outcome.diff.resolved.edited
    from planDesk.core.submissions.undo import merge_history
    assert merge_history(store)[-1].edited
