"""The consolidated progress table (Excel): rows, colours, KPI columns, print set-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from submission_helpers import Text, export, fill

from planDesk.cli.main import main
from planDesk.core.exports.progress_table_xlsx import COLUMNS, HEADER_ROW
from planDesk.core.persistence.store import Store
from planDesk.core.submissions.merge import merge_files

# the sample plan's two group columns (基本方針, 推進事項), then COLUMNS
COL = {key: i for i, (key, _h, _w) in enumerate(COLUMNS, start=3)}


def _merge_two_departments(store: Store, tmp_path: Path) -> None:
    city = fill(export(store, tmp_path, "市民課"), reports={
        "①－１－２": {"activities": "出張申請", "evaluation": "A", "issues": Text("=要確認"), "direction": "継続"},
        "①－１－１": {"activities": "市民課の手続", "evaluation": "C", "direction": "継続"},
    }, kpis={("①－１－２", "マイナンバーカード申請率"): 65,
             ("①－１－１", "オンライン化済の手続き数"): 209.5})
    safety = fill(export(store, tmp_path, "生活安全課"),
                  reports={"①－１－１": {"activities": "防災の手続", "evaluation": "B", "direction": "継続"},
                           "①－２－３": {"activities": "メール配信", "evaluation": "B", "direction": "継続"}},
                  kpis={("①－２－３", "安全・安心メール，Twitter，ＬＩＮＥ等の延べ登録者数"): "４９，４００"})
    assert all(o.status == "merged" for o in merge_files(store, [city, safety]))


def test_rows_colours_and_kpis(store: Store, sample_db: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    _merge_two_departments(store, tmp_path)
    out = tmp_path / "table.xlsx"
    assert main(["--db", str(sample_db), "export", "progress-table", "--fy", "R6", "--out", str(out)]) == 0
    assert "進捗状況一覧（Excel）" in capsys.readouterr().out
    ws = load_workbook(out)["進捗状況一覧"]
    assert [ws.cell(HEADER_ROW, i).value for i in (COL["code"], COL["evaluation"], COL["attainment"])] == [
        "コード", "進捗評価", "達成率"]
    rows: dict[tuple[str, str], int] = {}
    codes = set()
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        code = ws.cell(r, COL["code"]).value
        if code:
            codes.add(code)
            rows[(code, ws.cell(r, COL["department"]).value)] = r
    assert len(codes) == 34  # every initiative of the sample, reported or not
    one = rows[("①－１－１", "市民課")]
    assert rows[("①－１－１", "生活安全課")]  # 全部署: each department's part
    assert ws.cell(one, COL["evaluation"]).value == "C 遅れ"
    assert ws.cell(one, COL["evaluation"]).fill.fgColor.rgb.endswith("F8CBAD")
    assert ws.cell(rows[("①－１－１", "生活安全課")], COL["evaluation"]).fill.fgColor.rgb.endswith("FFEB9C")
    # two KPIs: one line each
    assert ws.cell(one, COL["actual"]).value == "①209.5\n②—"
    assert ws.cell(one, COL["attainment"]).value.split("\n")[0] == "①50%"  # (209.5-119)/(300-119)
    card = rows[("①－１－２", "市民課")]
    assert ws.cell(card, COL["actual"]).value == 65
    assert ws.cell(card, COL["evaluation"]).fill.fgColor.rgb.endswith("C6EFCE")
    issue = ws.cell(card, COL["issues"])
    assert issue.value == "=要確認" and issue.data_type == "s"
    assert ws.cell(rows[("①－２－４", "企画調整課")], COL["evaluation"]).value == "未報告"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 8  # A3
    assert ws.page_setup.fitToWidth == 1 and ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.freeze_panes == f"E{HEADER_ROW + 1}"


def test_attainment_is_a_percent_number_for_one_kpi(store: Store, sample_db: Path, tmp_path: Path) -> None:
    _merge_two_departments(store, tmp_path)
    out = tmp_path / "table.xlsx"
    assert main(["--db", str(sample_db), "export", "progress-table", "--cycle", "2024", "--out", str(out)]) == 0
    ws = load_workbook(out)["進捗状況一覧"]
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(r, COL["code"]).value == "①－２－３" and ws.cell(r, COL["department"]).value == "生活安全課":
            cell = ws.cell(r, COL["attainment"])
            assert cell.number_format == "0%" and cell.value == pytest.approx(0.5)  # (49400-43800)/(55000-43800)
            assert ws.cell(r, COL["actual"]).value == 49400
            assert ws.cell(r, COL["target"]).value == "55,000（令和7年度）"
            break
    else:
        raise AssertionError("row missing")


def test_pdf_and_refusals(sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "table.pdf"
    code = main(["--db", str(sample_db), "export", "progress-table", "--fy", "R6", "--out", str(pdf)])
    err = capsys.readouterr().err
    assert (code == 0 and pdf.read_bytes()[:5] == b"%PDF-") or (code == 1 and "PDF" in err)
    assert main(["--db", str(sample_db), "export", "progress-table", "--department", "市民課",
                 "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "--department" in capsys.readouterr().err
    assert main(["--db", str(sample_db), "export", "progress-table", "--out", str(tmp_path / "x.csv")]) == 2
