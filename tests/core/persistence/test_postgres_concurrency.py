"""Concurrent clients as real processes, on SQLite and on the PostgreSQL test server: no save
is lost silently, shared rows are created once, a workbook is merged once."""

from __future__ import annotations

from pathlib import Path

import pytest
from concurrent_worker import run_at_once
from sqlalchemy import func, select
from submission_helpers import export, fill, ids_of, report_of, report_rows

from planDesk.core.domain.model import AuditEntry, Department, Initiative, PlanGroup, ReportingCycle
from planDesk.core.domain.round_records import MergeRecord
from planDesk.core.persistence.store import Store
from planDesk.core.reports.ops import ReportInput, save_report, submit_report
from planDesk.core.submissions.merge import merge_files

pytestmark = [pytest.mark.both_backends, pytest.mark.slow]

def test_20_processes_save_the_same_report(store: Store, db_target: str, tmp_path: Path) -> None:
    """Exactly one save wins; the 19 others are told of the conflict and get their text back."""
    ini = ids_of(store, "①－１－２")
    dept = next(d.id for d in ini.departments if d.name == "市民課")
    _, version = save_report(store, ReportInput(ini.id, dept, 2024, activities="最初の版"), expected_version=None)
    texts = [f"プロセス{i}の入力" for i in range(20)]
    results = run_at_once(db_target, tmp_path, [["save", str(ini.id), str(dept), "2024", str(version), t]
                                                 for t in texts])
    saved = [r for r in results if r["result"] == "saved"]
    conflicts = [r for r in results if r["result"] == "conflict"]
    assert len(saved) == 1 and len(conflicts) == 19, results
    assert saved[0]["version"] == version + 1
    # nothing silently lost: each refused process got its own text back to keep or retry
    assert sorted([saved[0]["text"]] + [c["unsaved"]["activities"] for c in conflicts]) == sorted(texts)
    assert all("上書きせずに止めました" in c["message"] for c in conflicts)
    rep = report_of(store, "①－１－２")
    assert rep is not None and rep.activities == saved[0]["text"] and rep.version == version + 1
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "report")) == 2

# a 提出済 report needs its required fields (a merged workbook obeys the on-screen 提出's rule)
COMPLETE = {"evaluation": "A", "direction": "継続"}


def _departments_with_rows(store: Store, n: int) -> list[str]:
    names: list[str] = []
    with store.read() as s:
        candidates = list(s.scalars(select(Department.name).where(Department.pseudo.is_(None))
                                    .order_by(Department.position)))
    from planDesk.core.plan.view import load_plan, resolve_plan_id

    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s), with_reports=False)
    direct = {d.name for ini in plan.initiatives() for d in ini.departments if not d.pseudo}
    for name in candidates:
        if name in direct:
            names.append(name)
        if len(names) == n:
            break
    return names


def test_20_departments_merge_into_a_new_round_at_once(store: Store, db_target: str, tmp_path: Path) -> None:
    names = _departments_with_rows(store, 20)
    assert len(names) == 20
    books = []
    for i, name in enumerate(names):
        path = export(store, tmp_path, department=name, fy=2025, name=f"book{i}.xlsx")
        code = next(iter(report_rows(path)))
        books.append(fill(path, reports={code: {"activities": f"{name}の実施状況", **COMPLETE}}))
    with store.read() as s:
        assert s.scalars(select(ReportingCycle).where(ReportingCycle.fy == 2025)).all() == []
    results = run_at_once(db_target, tmp_path, [["merge", str(b)] for b in books])
    assert [r["result"] for r in results] == ["merged"] * 20, results
    with store.read() as s:
        assert len(s.scalars(select(ReportingCycle).where(ReportingCycle.fy == 2025)).all()) == 1
        assert s.scalar(select(func.count()).select_from(MergeRecord)) == 20


def test_the_same_workbook_merged_by_3_processes(store: Store, db_target: str, tmp_path: Path) -> None:
    book = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "一度だけ取り込む", **COMPLETE}})
    results = run_at_once(db_target, tmp_path, [["merge", str(book)]] * 3)
    assert sorted(r["result"] for r in results) == ["duplicate", "duplicate", "merged"], results
    assert all("取り込み済み" in r["messages"][0] for r in results if r["result"] == "duplicate")
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(MergeRecord)) == 1
    rep = report_of(store, "①－１－２")
    assert rep is not None and rep.activities == "一度だけ取り込む" and rep.version == 1


def test_10_processes_confirm_the_same_report(store: Store, db_target: str, tmp_path: Path) -> None:
    """submit/confirm/return check the version in the database too: one confirmation, nine refusals."""
    ini = ids_of(store, "①－１－２")
    dept = next(d.id for d in ini.departments if d.name == "市民課")
    save_report(store, ReportInput(ini.id, dept, 2024, activities="実施", evaluation="A", direction="継続"),
                expected_version=None)
    rid = report_of(store, "①－１－２").id  # type: ignore[union-attr]
    submit_report(store, rid)
    results = run_at_once(db_target, tmp_path, [["confirm", str(rid)]] * 10)
    outcomes = sorted(r["result"] for r in results)
    assert outcomes.count("confirmed") == 1 and len(outcomes) == 10, results
    assert set(outcomes) <= {"confirmed", "conflict", "refused"}, results
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.operation == "confirm-report")) == 1
    rep = report_of(store, "①－１－２")
    assert rep is not None and rep.status == "confirmed" and rep.version == 3


def test_3_processes_undo_the_same_merge(store: Store, db_target: str, tmp_path: Path) -> None:
    book = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "取り消される", **COMPLETE}})
    [outcome] = merge_files(store, [book])
    results = run_at_once(db_target, tmp_path, [["undo", str(outcome.merge_id)]] * 3)
    assert sorted(r["result"] for r in results) == ["refused", "refused", "undone"], results
    assert all("既に取り消されています" in r["message"] for r in results if r["result"] == "refused")
    assert report_of(store, "①－１－２") is None


def test_10_processes_edit_the_same_initiative(store: Store, db_target: str, tmp_path: Path) -> None:
    """A plan edit names the initiative's version; the database refuses the nine that lost."""
    ini = ids_of(store, "①－１－２")
    with store.read() as s:
        version = s.scalar(select(Initiative.version).where(Initiative.id == ini.id))
    depts = ",".join(str(d.id) for d in ini.departments)
    titles = [f"取組名{i}" for i in range(10)]
    results = run_at_once(db_target, tmp_path, [["edit", str(ini.id), str(version), t, depts] for t in titles])
    assert sorted(r["result"] for r in results) == ["conflict"] * 9 + ["saved"], results
    winner = next(r["text"] for r in results if r["result"] == "saved")
    assert ids_of(store, "①－１－２").title == winner
    with store.read() as s:
        assert s.scalar(select(Initiative.version).where(Initiative.id == ini.id)) == version + 1


def test_10_processes_rename_the_same_group(store: Store, db_target: str, tmp_path: Path) -> None:
    """Renaming a group names the group's version too: one wins, nine are refused."""
    with store.read() as s:
        group_id, version = s.execute(select(PlanGroup.id, PlanGroup.version)
                                      .where(PlanGroup.depth == 2).order_by(PlanGroup.id).limit(1)).one()
    titles = [f"推進の名前{i}" for i in range(10)]
    results = run_at_once(db_target, tmp_path, [["rename-group", str(group_id), str(version), t] for t in titles])
    assert sorted(r["result"] for r in results) == ["conflict"] * 9 + ["saved"], results
    assert all("先に変更しています" in r["message"] for r in results if r["result"] == "conflict")
    winner = next(r["text"] for r in results if r["result"] == "saved")
    with store.read() as s:
        assert s.execute(select(PlanGroup.title, PlanGroup.version)
                         .where(PlanGroup.id == group_id)).one() == (winner, version + 1)
