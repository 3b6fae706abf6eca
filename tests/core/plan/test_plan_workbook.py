"""The plan workbook: export → import round trip, updates that keep drafts, the template
filled in from scratch, and refusals that name sheet and cell."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from plan_workbook_helpers import to_version_1
from sqlalchemy import func, select
from submission_helpers import ids_of, report_of

from planDesk.cli.main import main
from planDesk.core.domain.model import MAX_SLOGAN, Initiative, ProgressReport
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Store
from planDesk.core.plan.as_json import plan_to_json
from planDesk.core.plan.view import load_plan, resolve_plan_id
from planDesk.core.plan.workbook.apply import import_plan
from planDesk.core.plan.workbook.layout import PLAN_FIELDS, SHEETS, level_field
from planDesk.core.plan.workbook.write import export_plan_workbook, is_department_copy
from planDesk.core.reports.ops import ReportInput, save_report


def _json(store: Store) -> dict[str, Any]:
    with store.read() as s:
        data = plan_to_json(load_plan(s, resolve_plan_id(s, None)))
    data["plan"].pop("id")
    for ini in data["initiatives"]:
        ini["reports"] = []
    return data


@pytest.mark.parametrize("fixture", ["sample_db", "hitachi_db"])
def test_round_trip_into_an_empty_database(fixture: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    source = Store.open(str(request.getfixturevalue(fixture)), actor="課")
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(source, out)
    copy = Store.open(str(tmp_path / "copy.sqlite3"), actor="部署")
    result = import_plan(copy, out)
    assert result.created
    assert _json(copy) == _json(source)  # every field, uids included
    with copy.read() as s:
        assert is_department_copy(s, result.plan_id)
    again = import_plan(copy, out)
    assert not again.created and again.lines == [] and "変更はありません" in again.summary
    source.close()
    copy.close()


def _department_copy(store: Store, tmp_path: Path) -> tuple[Store, Path]:
    out = tmp_path / "handout.xlsx"
    export_plan_workbook(store, out)
    copy = Store.open(str(tmp_path / "dept.sqlite3"), actor="市民課職員")
    import_plan(copy, out)
    return copy, out


def _rows(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2)]


def test_update_keeps_drafts_and_lists_every_change(
    store: Store, tmp_path: Path, clock: Callable[[], datetime]
) -> None:
    copy, _handout = _department_copy(store, tmp_path)
    mynumber = ids_of(copy, "①－１－２")
    dept = next(d.id for d in mynumber.departments if d.name == "市民課")
    save_report(copy, ReportInput(mynumber.id, dept, 2024, activities="下書きの実施状況",
                                  kpi_actuals={mynumber.kpis[0].id: 40.0}), expected_version=None)
    cashless = ids_of(copy, "①－１－３")
    save_report(copy, ReportInput(cashless.id, next(d.id for d in mynumber.departments if d.name == "市民課"), 2024,
                                  activities="廃止される取組の下書き"), expected_version=None)
    revised = tmp_path / "revised.xlsx"
    export_plan_workbook(store, revised)
    wb = load_workbook(revised)
    ws = wb["取組事項"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == mynumber.uid:
            row[4].value = "マイナンバーカードの普及と利活用"      # renamed
            row[2].value = 9                                   # renumbered ①－１－２ → ①－１－９
        if row[0].value == cashless.uid:
            for c in row:
                c.value = None                                 # dropped from the revision
    ws.append([None, "①－１", 10, None, "新しい取組", "市民課", None, None, "令和6年度", "概要", None, None, None])
    for sheet in ("目標", "指標", "工程表"):
        for row in wb[sheet].iter_rows(min_row=2):
            if row[0].value == cashless.uid or (sheet == "指標" and row[0].value == mynumber.uid):
                for c in row:
                    c.value = None       # the dropped initiative's rows, and ①－１－２'s KPI (with an actual)
    wb["計画"]["B10"].value = "令和6年度見直し版"
    wb.save(revised)
    before_reports = _count(copy, ProgressReport)
    result = import_plan(copy, revised)
    text = "\n".join(result.lines)
    assert "番号の変更：①－１－２ → ①－１－９" in text
    assert "名前の変更：①－１－９「マイナンバーカードの普及促進」→「マイナンバーカードの普及と利活用」" in text
    assert ("①－１－３「キャッシュレス決済の普及促進」はファイルにないため廃止扱いにしました"
            "（報告 1 件は残っています）") in text
    assert "取組事項を追加：①－１－１０ 新しい取組" in text
    assert "指標「マイナンバーカード申請率」はファイルにありませんが、実績が 1 件入力されているため残しました" in text
    assert "計画の版：「令和5年度版」→「令和6年度見直し版」" in text
    assert _count(copy, ProgressReport) == before_reports
    draft = report_of(copy, "①－１－９")
    assert draft is not None and draft.activities == "下書きの実施状況"
    assert dict(draft.kpi_actuals) == {mynumber.kpis[0].id: 40.0}
    with copy.read() as s:
        retired = s.scalars(select(Initiative).where(Initiative.uid == cashless.uid)).one()
        assert retired.retired
    copy.close()


def _count(store: Store, model: Any) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_older_handout_is_refused(store: Store, tmp_path: Path, clock: Callable[[], datetime]) -> None:
    old = tmp_path / "old.xlsx"
    export_plan_workbook(store, old)
    copy, _newer = _department_copy(store, tmp_path)
    with pytest.raises(UserError, match="前に出力された"):
        import_plan(copy, old)
    copy.close()


def _template(path: Path, edit: dict[str, list[list[Any]]] | None = None,
              labels: tuple[str, ...] = ("基本方針", "施策")) -> Path:
    """A plan typed into the template from scratch (no IDs; goals etc. by code)."""
    wb = Workbook()
    wb.active.title = "説明"  # type: ignore[union-attr]
    ws = wb.create_sheet("計画")
    ws.append(["項目", "値"])
    values = {"key": "new-city", "name": "新市DX計画", "municipality": "新市", "vision": "", "purpose": "",
              "period_note": "", "start_fy": "令和７年度", "end_fy": 2027, "revision": "初版", "revision_fy": "R7",
              "initiative_label": "取組", "numbering": "①－１－１"}
    for key, label in PLAN_FIELDS:
        ws.append([label, values[key]])
    for depth, label in enumerate(labels, start=1):
        ws.append([level_field(depth), label])
    rows: dict[str, list[list[Any]]] = {
        "進捗評価": [["A", "順調"], ["B", "遅れ"]],
        "方向性": [["継続"], ["廃止"]],
        "部署": [["全部署", "全部署", None], ["DX推進課", None, None], ["市民課", None, None]],
        "グループ": [[None, 1, None, 1, None, "行政のDX", None, None],
                  [None, 2, "①", 1, None, "手続のオンライン化", None, None]],
        "取組事項": [[None, "①－１", 1, None, "電子申請の拡大", "DX推進課、市民課", None, "○", "令和7年度", "概要です",
                    None, None, None],
                   [None, "1-1", 2, None, "窓口の予約", "全部署", None, None, None, None, None, None]],
        "目標": [[None, "1-1-1", "①", "電子申請 100 手続", "R8", None]],
        "指標": [[None, "①－１－１", "電子申請手続数", "手続", "上昇", "１２", "2024/3/31", None, 100,
                "令和8年度", "①"]],
        "工程表": [[None, "1-1-1", "対象手続の拡大", "①", 2025, None, None, 2027, None, None, "継続", None]],
        "用語解説": [], "重点取組": [],
    }
    for sheet, extra in (edit or {}).items():
        rows[sheet] = extra
    for spec in SHEETS:
        sheet = wb.create_sheet(spec.name)
        sheet.append([h for _k, h, _w in spec.columns])
        for row in rows[spec.name]:
            sheet.append(row)
    wb.save(path)
    return path


def test_template_from_scratch(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "new.sqlite3"), actor="課")
    result = import_plan(store, _template(tmp_path / "template.xlsx"))
    assert result.created
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s, "new-city"))
    assert (plan.start_fy, plan.end_fy, plan.revision_fy) == (2025, 2027, 2025)
    [first, second] = list(plan.initiatives())
    assert first.code == "①－１－１" and first.priority and first.new_in_fy == 2025
    assert first.department_names == ("DX推進課", "市民課")
    assert first.goals[0].target_start_fy == 2026
    kpi = first.kpis[0]
    assert (kpi.baseline, kpi.target, kpi.target_fy, kpi.goal_mark, str(kpi.baseline_as_of)) == (
        12.0, 100.0, 2026, "①", "2024-03-31")
    assert first.steps[0].kind == "continuing" and first.steps[0].goal_marks == ("①",)
    assert second.department_names == ("全部署",) and len(first.uid) == 36
    with store.read() as s:
        assert not is_department_copy(s, plan.id)  # a template makes the master
    store.close()


def test_template_problems_name_sheet_and_cell(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "new.sqlite3"), actor="課")
    bad = _template(tmp_path / "bad.xlsx", {
        "取組事項": [[None, "①－１", 1, None, "電子申請の拡大", "DX推進課、存在しない課", None, "はい?", "来年度",
                    None, None, None, None],
                   [None, "①－２", 2, None, "", "全部署", None, None, None, None, None, None, None]],
        "指標": [[None, "1-1-1", "電子申請手続数", "手続", "横ばい", "たくさん", None, None, "=1+1", None, "②"]],
    })
    with pytest.raises(UserError) as err:
        import_plan(store, bad)
    text = err.value.message
    assert "bad.xlsx：シート「取組事項」 セル F2：部署「存在しない課」が「部署」シートにありません。" in text
    assert "セル H2：「はい?」は ○ か空欄にしてください" in text
    assert "シート「取組事項」 セル I2" in text
    assert "セル E3：名前を入力してください" in text
    assert "セル B3：コード「①－２」のグループが「グループ」シートにありません" in text
    assert "シート「指標」 セル I2：式は使えません" in text
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Initiative)) == 0
    store.close()


def test_cli_import_plan_dry_run(store: Store, sample_db: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.xlsx"
    assert main(["--db", str(sample_db), "export", "plan", "--out", str(out)]) == 0
    wb = load_workbook(out)
    wb["取組事項"]["E2"].value = "名前を変えた取組"
    wb.save(out)
    capsys.readouterr()
    assert main(["--db", str(sample_db), "import-plan", str(out), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert "確認のみ" in printed and "名前の変更：①－１－１「行政手続きのオンライン化」→「名前を変えた取組」" in printed
    assert ids_of(store, "①－１－１").title == "行政手続きのオンライン化"
    assert main(["--db", str(sample_db), "import-plan", str(tmp_path / "none.xlsx")]) == 1
    assert "見つかりません" in capsys.readouterr().err


def test_handout_copy_exports_submissions_without_base(store: Store, tmp_path: Path) -> None:
    copy, _ = _department_copy(store, tmp_path)
    from planDesk.core.submissions.export import export_submission
    out = tmp_path / "sub.xlsx"
    export_submission(copy, out, plan=None, department="市民課", fy=2024, cycle=None)
    meta = {r[0].value: r[1].value for r in load_workbook(out)["_planDesk"].iter_rows(max_row=30, max_col=2)}
    assert meta["base_mode"] == "empty"
    copy.close()
    assert json.dumps(meta, ensure_ascii=False)


def _slogans(store: Store) -> list[str]:
    with store.read() as s:
        return [g.slogan for g in load_plan(s, resolve_plan_id(s, None), with_reports=False).groups]


def view_of_store(store: Store) -> Any:
    with store.read() as s:
        return load_plan(s, resolve_plan_id(s, None), with_reports=False)


def _top_rows(ws: Any) -> list[int]:
    """The rows of the depth-1 groups on the グループ sheet."""
    return [r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == 1]


def test_area_slogans_go_out_and_come_back(hitachi_db: Path, tmp_path: Path) -> None:
    store = Store.open(str(hitachi_db), actor="課")
    before = _slogans(store)
    assert len(before) == 4 and all("\n" in s for s in before)  # the sample's, two lines each
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    ws = wb["グループ"]
    assert ws["G1"].value == "スローガン"
    tops = _top_rows(ws)
    assert [ws.cell(r, 7).value for r in tops] == before
    ws.cell(tops[0], 7).value = "一行目\n二行目"
    ws.cell(tops[1], 7).value = None
    wb.save(out)
    result = import_plan(store, out)
    assert "分野 1 のスローガン：「" + before[0].replace("\n", " ") + "」→「一行目 二行目」" in result.lines
    assert any(line.startswith("分野 2 のスローガン：") and line.endswith("→「」") for line in result.lines)
    assert _slogans(store) == ["一行目\n二行目", "", *before[2:]]
    # a version 1 workbook of the layout before slogans (no スローガン column) leaves them alone
    export_plan_workbook(store, out)
    with store.read() as s:
        to_version_1(out, load_plan(s, resolve_plan_id(s, None), with_reports=False))
    wb = load_workbook(out)
    wb["基本方針"].delete_cols(5)
    wb["基本方針"]["B2"].value = "名前を変えた分野"
    wb.save(out)
    result = import_plan(store, out)
    matched = [line for line in result.lines if line.startswith("ID のない行 ")]  # the groups: version 1 has no IDs
    assert len(matched) == len(list(view_of_store(store).walk_groups()))
    changed = [line for line in result.lines if line not in matched]
    assert changed == ["分野 1 の名前：「デジタル環境整備」→「名前を変えた分野」"]
    assert _slogans(store) == ["一行目\n二行目", "", *before[2:]]
    store.close()


def test_a_slogan_longer_than_the_editor_allows_is_refused_naming_its_cell(hitachi_db: Path,
                                                                          tmp_path: Path) -> None:
    store = Store.open(str(hitachi_db), actor="課")
    before = _slogans(store)
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    wb["グループ"]["G2"].value = "あ" * (MAX_SLOGAN + 1)
    wb.save(out)
    with pytest.raises(UserError) as refused:
        import_plan(store, out)
    assert "グループ" in str(refused.value) and "G2" in str(refused.value)
    assert "スローガンが長すぎます" in str(refused.value)
    assert _slogans(store) == before  # nothing changed
    store.close()
