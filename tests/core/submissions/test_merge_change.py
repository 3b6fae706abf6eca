"""What a merge tells the screens (its Change), and a merge in one transaction that a
cancel leaves without a trace."""

from __future__ import annotations

from pathlib import Path

import pytest
from submission_helpers import counts, export, fill, ids_of, report_of

from planDesk.core.persistence.store import Store
from planDesk.core.submissions.merge import MergeCancelled, MergeOptions, merge_changes, merge_files
from planDesk.core.submissions.scope import CycleRef
from planDesk.core.submissions.tracker import return_submission
from planDesk.core.submissions.undo import merge_history, undo_merge

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def _two_files(store: Store, tmp_path: Path) -> list[Path]:
    citizen = fill(export(store, tmp_path, "市民課"), reports={
        "①－１－２": {"activities": "市民課の取込", "evaluation": "A", "direction": "継続"}})
    return [citizen]


def test_merge_change_names_exactly_the_merged_initiatives(store: Store, tmp_path: Path) -> None:
    paths = _two_files(store, tmp_path)
    outcomes = merge_files(store, paths)
    change = merge_changes(outcomes)
    assert change.initiatives == {ids_of(store, "①－１－２").id}
    assert not change.structural
    assert change.touches("report") and change.touches("merge")
    undone = undo_merge(store, outcomes[0].merge_id or 0)
    assert undone.initiatives == {ids_of(store, "①－１－２").id}


def test_one_transaction_merge_is_like_separate_ones(store: Store, tmp_path: Path) -> None:
    first = _two_files(store, tmp_path)[0]
    second = fill(export(store, tmp_path, "市民課", name="second.xlsx"), reports={
        "①－１－１": {"activities": "二つ目", "evaluation": "A", "direction": "継続"}})
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a workbook")
    outcomes = merge_files(store, [first, bad, second], MergeOptions(one_transaction=True))
    assert [o.status for o in outcomes] == ["merged", "refused", "merged"]
    assert report_of(store, "①－１－２").activities == "市民課の取込"  # type: ignore[union-attr]
    assert report_of(store, "①－１－１").activities == "二つ目"  # type: ignore[union-attr]
    assert merge_changes(outcomes).initiatives == {ids_of(store, "①－１－２").id, ids_of(store, "①－１－１").id}
    # each file keeps its own merge record (and batch), so each can be undone alone
    history = merge_history(store)
    assert len(history) == 2
    undo_merge(store, history[-1].id)
    assert report_of(store, "①－１－１") is None
    assert report_of(store, "①－１－２").activities == "市民課の取込"  # type: ignore[union-attr]


def test_cancelled_merge_changes_nothing(store: Store, tmp_path: Path) -> None:
    first = _two_files(store, tmp_path)[0]
    second = fill(export(store, tmp_path, "市民課", name="second.xlsx"), reports={
        "①－１－１": {"activities": "二つ目", "evaluation": "A", "direction": "継続"}})
    before = counts(store)
    asked: list[int] = []

    def cancelled() -> bool:  # yes once the first file is in
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(MergeCancelled, match="何も取り込んでいません"):
        merge_files(store, [first, second], MergeOptions(one_transaction=True), cancelled=cancelled)
    assert counts(store) == before
    assert merge_history(store) == []
    assert report_of(store, "①－１－２") is None


def test_return_submission_names_the_returned_initiatives(store: Store, tmp_path: Path) -> None:
    [outcome] = merge_files(store, _two_files(store, tmp_path))
    assert outcome.status == "merged"
    plan = ids_of(store, "①－１－２")
    dept = next(d.id for d in plan.departments if d.name == "市民課")
    with store.read() as s:
        from planDesk.core.plan.view import resolve_plan_id

        plan_id = resolve_plan_id(s)
    change = return_submission(store, plan_id, dept, CycleRef(2024, 0), "数値を確認してください")
    assert change.initiatives == {plan.id}
