"""Round trips: export → fill in as a person would → merge → the database holds exactly that."""

from __future__ import annotations

from pathlib import Path

import pytest
from submission_helpers import Text, counts, export, fill, ids_of, report_of

from planDesk.core.persistence.store import Store
from planDesk.core.reports.ops import ReportInput, save_report
from planDesk.core.submissions.export import export_submission
from planDesk.core.submissions.merge import MergeOptions, merge_files

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def test_filled_by_hand_in_excel(store: Store, tmp_path: Path, backend: str) -> None:
    path = export(store, tmp_path)
    fill(path, reports={
        "①－１－２": {"activities": "出張申請を１２回実施し、\n申請率が向上した。", "evaluation": "A（順調）",
                      "issues": Text("=目標の見直しが必要"), "direction": "継続", "next_steps": "休日窓口を開設"},
        "①－１－１": {"activities": "手続のオンライン化", "evaluation": "ｂ", "direction": "拡充"},
    }, kpis={("①－１－２", "マイナンバーカード申請率"): "７６．４％",
             ("①－１－１", "オンライン化済の手続き数"): 212},
       steps={("①－１－２", "普及促進（安全性や利便性の周知）"): "実施中"},
       raw={("表紙", "B13"): "山田　花子"})
    before = counts(store)
    [outcome] = merge_files(store, [path])
    assert outcome.status == "merged", outcome.messages
    assert outcome.diff is not None and outcome.diff.resolved.edited
    rep = report_of(store, "①－１－２")
    assert rep is not None
    assert rep.activities == "出張申請を１２回実施し、\n申請率が向上した。"
    assert rep.evaluation == "A" and rep.direction == "継続"
    assert rep.issues == "=目標の見直しが必要" and rep.next_steps == "休日窓口を開設"
    assert rep.status == "submitted"
    kpi = ids_of(store, "①－１－２").kpis[0]
    step = ids_of(store, "①－１－２").steps[0]
    assert dict(rep.kpi_actuals) == {kpi.id: 76.4}
    assert dict(rep.step_states) == {step.id: "in_progress"}
    other = report_of(store, "①－１－１")
    assert other is not None and other.evaluation == "B" and other.direction == "拡充"
    assert dict(other.kpi_actuals) == {ids_of(store, "①－１－１").kpis[0].id: 212.0}
    after = counts(store)
    assert after["reports"] == before["reports"] + 2  # only the two rows that were filled in
    if backend == "sqlite":  # a file is copied first; a server is the administrator's to back up
        assert outcome.backup is not None and outcome.backup.exists()
    else:
        assert outcome.backup is None


def test_unchanged_own_export_changes_nothing(store: Store, tmp_path: Path) -> None:
    ini = ids_of(store, "①－１－２")
    dept = next(d.id for d in ini.departments if d.name == "市民課")
    save_report(store, ReportInput(ini.id, dept, 2024, activities="入力済みの実施状況", evaluation="B",
                                   kpi_actuals={ini.kpis[0].id: 50.0}), expected_version=None)
    path = export(store, tmp_path)
    before = counts(store)
    [outcome] = merge_files(store, [path])
    assert outcome.status == "merged"
    assert outcome.diff is not None and not outcome.diff.resolved.edited
    assert outcome.diff.to_apply == [] and outcome.diff.conflicts == []
    after = counts(store)
    assert after["reports"] == before["reports"] and after["versions"] == before["versions"]
    rep = report_of(store, "①－１－２")
    assert rep is not None and rep.activities == "入力済みの実施状況" and rep.status == "draft"


def test_department_copy_export_applies_its_values(store: Store, db_twin: str, tmp_path: Path) -> None:
    """A department types in its own copy (same plan, same uids) and exports; the file's
    base is empty, so everything it carries is the department's change."""
    dept_store = Store.open(db_twin, actor="市民課職員")
    ini = ids_of(dept_store, "①－１－２")
    dept = next(d.id for d in ini.departments if d.name == "市民課")
    save_report(dept_store, ReportInput(ini.id, dept, 2024, activities="部署の端末で入力", evaluation="C",
                                        direction="見直し"), expected_version=None)
    out = tmp_path / "from_copy.xlsx"
    export_submission(dept_store, out, plan=None, department="市民課", fy=2024, cycle=None, base_mode="empty")
    dept_store.close()
    [outcome] = merge_files(store, [out])
    assert outcome.status == "merged", outcome.messages
    assert outcome.diff is not None and not outcome.diff.resolved.edited  # planDesk wrote it as is
    rep = report_of(store, "①－１－２")
    assert rep is not None and (rep.activities, rep.evaluation, rep.direction) == ("部署の端末で入力", "C", "見直し")


def test_dry_run_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "確認だけ",
                                                            "evaluation": "A", "direction": "継続"}})
    before = counts(store)
    [outcome] = merge_files(store, [path], MergeOptions(dry_run=True))
    assert outcome.status == "preview"
    assert outcome.diff is not None and [c.kind for c in outcome.diff.to_apply] == ["new"] * 3
    assert counts(store) == before
    assert report_of(store, "①－１－２") is None
