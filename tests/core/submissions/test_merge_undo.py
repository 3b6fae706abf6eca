"""Undo of a whole merge: back to the state before it, refused when something later changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from submission_helpers import counts, export, fill, ids_of, report_of

from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Store
from planDesk.core.reports.ops import ReportInput, save_report
from planDesk.core.submissions.merge import merge_files
from planDesk.core.submissions.undo import merge_history, open_conflicts, resolve_conflict, undo_merge

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def _dept(store: Store) -> int:
    return next(d.id for d in ids_of(store, "①－１－２").departments if d.name == "市民課")


def test_undo_restores_and_removes(store: Store, tmp_path: Path) -> None:
    ini = ids_of(store, "①－１－２")
    save_report(store, ReportInput(ini.id, _dept(store), 2024, activities="元の内容", evaluation="C",
                                   kpi_actuals={ini.kpis[0].id: 10.0}), expected_version=None)
    path = fill(export(store, tmp_path), reports={
        "①－１－２": {"activities": "取込の内容", "evaluation": "A", "direction": "継続"},
        "①－１－１": {"activities": "新しい報告", "evaluation": "A", "direction": "継続"},
    }, kpis={("①－１－２", "マイナンバーカード申請率"): 20})
    before = counts(store)
    [outcome] = merge_files(store, [path])
    assert outcome.merge_id is not None
    assert report_of(store, "①－１－２").status == "submitted"  # type: ignore[union-attr]
    change = undo_merge(store, outcome.merge_id)
    assert "取り消しました" in change.summary
    rep = report_of(store, "①－１－２")
    assert rep is not None
    assert (rep.activities, rep.evaluation, rep.status) == ("元の内容", "C", "draft")
    assert dict(rep.kpi_actuals) == {ini.kpis[0].id: 10.0}
    assert report_of(store, "①－１－１") is None  # created by the merge, removed by the undo
    assert counts(store)["reports"] == before["reports"]
    assert merge_history(store)[-1].undone_at is not None
    with pytest.raises(UserError, match="既に取り消されています"):
        undo_merge(store, outcome.merge_id)
    # once undone, the same file can be merged again
    [again] = merge_files(store, [path])
    assert again.status == "merged"


def test_undo_refused_when_a_later_merge_changed_the_report(store: Store, tmp_path: Path) -> None:
    base = export(store, tmp_path, name="base.xlsx")
    first = fill(base, reports={"①－１－２": {"activities": "1回目",
                                          "evaluation": "A", "direction": "継続"}}, out=tmp_path / "1.xlsx")
    second = fill(base, reports={"①－１－２": {"activities": "2回目",
                                           "evaluation": "A", "direction": "継続"}}, out=tmp_path / "2.xlsx")
    [m1] = merge_files(store, [first])
    [m2] = merge_files(store, [second])
    assert m1.merge_id and m2.merge_id
    before = counts(store)
    with pytest.raises(UserError) as err:
        undo_merge(store, m1.merge_id)
    assert f"取込 #{m2.merge_id}" in err.value.message and "何も変更していません" in err.value.message
    assert counts(store) == before
    undo_merge(store, m2.merge_id)
    assert report_of(store, "①－１－２").activities == "1回目"  # type: ignore[union-attr]
    undo_merge(store, f"#{m1.merge_id}")
    assert report_of(store, "①－１－２") is None


def test_undo_refused_after_an_edit_on_screen(store: Store, tmp_path: Path) -> None:
    path = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "取込",
                                                                "evaluation": "A", "direction": "継続"}})
    [m] = merge_files(store, [path])
    rep = report_of(store, "①－１－２")
    assert rep is not None and m.merge_id
    save_report(store, ReportInput(rep.initiative_id, _dept(store), 2024, activities="画面で修正"),
                expected_version=rep.version, as_division=True)
    with pytest.raises(UserError, match="取込の後に変更されています"):
        undo_merge(store, m.merge_id)
    assert report_of(store, "①－１－２").activities == "画面で修正"  # type: ignore[union-attr]


def test_undo_includes_conflict_resolutions(store: Store, tmp_path: Path) -> None:
    ini = ids_of(store, "①－１－２")
    save_report(store, ReportInput(ini.id, _dept(store), 2024, activities="出力時"), expected_version=None)
    path = export(store, tmp_path)
    rep = report_of(store, "①－１－２")
    assert rep is not None
    save_report(store, ReportInput(ini.id, _dept(store), 2024, activities="課の修正"),
                expected_version=rep.version)
    fill(path, reports={"①－１－２": {"activities": "部署の修正", "issues": "課題あり",
                                      "evaluation": "A", "direction": "継続"}})
    [m] = merge_files(store, [path])
    [conflict] = open_conflicts(store)
    resolve_conflict(store, conflict.id, "file")
    assert report_of(store, "①－１－２").activities == "部署の修正"  # type: ignore[union-attr]
    assert m.merge_id
    undo_merge(store, m.merge_id)
    rep = report_of(store, "①－１－２")
    assert rep is not None and (rep.activities, rep.issues, rep.status) == ("課の修正", "", "draft")


def test_unknown_merge_number(store: Store) -> None:
    with pytest.raises(UserError, match="記録にありません"):
        undo_merge(store, 999)
