"""``plandesk merge``: the printed diff, exit status, history, conflicts, resolve, undo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from submission_helpers import counts, export, fill, ids_of, report_of

from planDesk.cli.main import main
from planDesk.core.persistence.store import Store
from planDesk.core.reports.ops import ReportInput, save_report


def _run(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_prints_the_diff_and_changes_nothing(store: Store, sample_db: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "出張申請を実施",
                                                            "evaluation": "A", "direction": "継続"}},
                kpis={("①－１－２", "マイナンバーカード申請率"): "６５．２"})
    before = counts(store)
    code, out, err = _run(sample_db, capsys, "merge", str(path), "--dry-run")
    assert code == 0, err
    assert "確認のみ" in out and "市民課／令和6年度" in out
    assert "新規" in out and "①－１－２" in out and "実施状況：（空） → 「出張申請を実施」" in out
    assert "指標「マイナンバーカード申請率」の実績値：（空） → 65.2" in out
    assert "［進捗報告!D5］" in out
    assert "Excel で編集済み" in out
    assert counts(store) == before


def test_merge_refused_file_gives_status_1(store: Store, sample_db: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    good = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "取り込む",
                                                            "evaluation": "A", "direction": "継続"}})
    bad = tmp_path / "壊れた.xlsx"
    bad.write_bytes(good.read_bytes()[:3000])
    code, out, err = _run(sample_db, capsys, "merge", str(good), str(bad))
    assert code == 1
    assert "取り込みました（取込 #1）" in out and "取り込めません" in out
    assert "壊れた.xlsx" in err and "途中で切れている" in err
    assert "Traceback" not in err
    assert report_of(store, "①－１－２").activities == "取り込む"  # type: ignore[union-attr]


def test_conflicts_resolve_history_undo(store: Store, sample_db: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    ini = ids_of(store, "①－１－２")
    dept = next(d.id for d in ini.departments if d.name == "市民課")
    save_report(store, ReportInput(ini.id, dept, 2024, activities="出力時"), expected_version=None)
    path = export(store, tmp_path)
    rep = report_of(store, "①－１－２")
    assert rep is not None
    save_report(store, ReportInput(ini.id, dept, 2024, activities="課の修正"), expected_version=rep.version)
    fill(path, reports={"①－１－２": {"activities": "部署の修正", "evaluation": "A", "direction": "継続"}})
    code, out, _ = _run(sample_db, capsys, "merge", str(path))
    assert code == 0 and "競合" in out and "出力時 「出力時」／データベース 「課の修正」／提出 「部署の修正」" in out
    code, out, _ = _run(sample_db, capsys, "merge", "--conflicts")
    assert code == 0 and "競合 1" in out and "実施状況" in out
    code, _, err = _run(sample_db, capsys, "merge", "--resolve", "1")
    assert code == 2 and "--take" in err
    code, out, _ = _run(sample_db, capsys, "merge", "--resolve", "1", "--take", "file")
    assert code == 0 and "提出ブックの値で解決" in out
    code, out, _ = _run(sample_db, capsys, "merge", "--history")
    assert code == 0 and "#1" in out and "有効" in out
    code, out, _ = _run(sample_db, capsys, "merge", "--undo", "1")
    assert code == 0 and "取り消しました" in out
    assert report_of(store, "①－１－２").activities == "課の修正"  # type: ignore[union-attr]
    code, _, err = _run(sample_db, capsys, "merge", "--undo", "1")
    assert code == 1 and "既に取り消されています" in err


def test_usage_errors(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(sample_db, capsys, "merge")
    assert code == 2 and "提出ブック" in err
    code, _, err = _run(sample_db, capsys, "merge", "x.xlsx", "--history")
    assert code == 2


def test_end_to_end_in_a_real_process(store: Store, sample_db: Path, tmp_path: Path) -> None:
    path = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "別プロセスで取込",
                                                            "evaluation": "A", "direction": "継続"}})
    store.close()
    res = subprocess.run([sys.executable, "-m", "planDesk", "--db", str(sample_db), "merge", str(path)],
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr
    assert "取り込みました" in res.stdout
    again = Store.open(str(sample_db))
    try:
        assert report_of(again, "①－１－２").activities == "別プロセスで取込"  # type: ignore[union-attr]
    finally:
        again.close()
