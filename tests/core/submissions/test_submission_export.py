"""The submission workbook as written: sheets, protection, drop-downs, print set-up, metadata."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update
from submission_helpers import export, report_rows

from planDesk.cli.main import main
from planDesk.core.domain.model import Department, Initiative, ProgressReport
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import load_plan, resolve_plan_id
from planDesk.core.reports.assignment import reports_on
from planDesk.core.reports.ops import ReportInput, save_report
from planDesk.core.submissions.format import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    META_FIRST_CELL_ROW,
    REPORT_COLUMNS,
    SHEET_COVER,
    SHEET_KPIS,
    SHEET_LISTS,
    SHEET_META,
    SHEET_REPORTS,
    SHEET_STEPS,
    column_index,
    content_hash,
    identity_of,
    meta_checksum,
)


def _ids(store: Store, code_title: str, dept: str) -> tuple[int, int]:
    with store.read() as s:
        ini = s.scalars(select(Initiative).where(Initiative.title == code_title)).one()
        dep = s.scalars(select(Department).where(Department.name == dept)).one()
        return ini.id, dep.id


def _meta(path: Path) -> tuple[dict[str, str], list[list[object]]]:
    wb = load_workbook(path)
    ws = wb[SHEET_META]
    pairs = {}
    for row in ws.iter_rows(min_row=1, max_row=40, max_col=2, values_only=True):
        if row[0]:
            pairs[str(row[0])] = str(row[1])
    count = int(pairs["cell_count"])
    rows = [list(r) for r in ws.iter_rows(min_row=META_FIRST_CELL_ROW,
                                          max_row=META_FIRST_CELL_ROW + count - 1,
                                          max_col=6, values_only=True)]
    return pairs, rows


def test_sheets_rows_and_metadata(store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path)
    wb = load_workbook(path)
    assert wb.sheetnames == [SHEET_COVER, SHEET_LISTS, SHEET_REPORTS, SHEET_KPIS, SHEET_STEPS, SHEET_META]
    assert wb[SHEET_META].sheet_state == "veryHidden"
    assert wb[SHEET_LISTS].sheet_state == "hidden"
    assert wb.security is not None and wb.security.lockStructure
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s, None), with_reports=False)
    dept_id = next(d.id for d in plan.departments if d.name == "市民課")
    expected = [ini.code for ini in plan.initiatives() if reports_on(ini, dept_id)]
    assert "①－１－２" in expected and "①－１－１" in expected  # own and 全部署
    assert "①－２－３" not in expected  # 生活安全課 only
    assert list(report_rows(path)) == expected
    ws = wb[SHEET_REPORTS]
    assert ws.cell(HEADER_ROW, column_index(REPORT_COLUMNS, "activities")).value == "実施状況"
    pairs, rows = _meta(path)
    assert pairs["plan_key"] == "hitachinaka" and pairs["department"] == "市民課"
    assert pairs["fy"] == "2024" and pairs["half"] == "0"
    assert pairs["meta_checksum"] == meta_checksum(pairs, rows)
    values = []
    for sheet, cell, _uid, _field, _base, _version in rows:
        v = wb[str(sheet)][str(cell)].value
        values.append((str(sheet), str(cell), v))
    assert pairs["content_hash"] == content_hash(identity_of(pairs), values)
    # every initiative row has its five input cells in the metadata
    assert sum(1 for r in rows if r[0] == SHEET_REPORTS) == 5 * len(expected)


def test_input_cells_unlocked_labels_locked_and_dropdowns(store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path)
    wb = load_workbook(path)
    ws = wb[SHEET_REPORTS]
    assert ws.protection.sheet
    row = FIRST_DATA_ROW
    for key in ("activities", "evaluation", "issues", "direction", "next_steps"):
        cell = ws.cell(row, column_index(REPORT_COLUMNS, key))
        assert cell.protection.locked is False, key
        assert cell.fill.fgColor.rgb.endswith("FFF2CC")
    assert ws.cell(row, column_index(REPORT_COLUMNS, "title")).protection.locked is True
    assert ws.column_dimensions["J"].hidden  # the id column
    dvs = {str(dv.sqref).split(":")[0][0]: dv for dv in ws.data_validations.dataValidation}
    assert dvs["E"].type == "list" and dvs["E"].formula1 == "=評価一覧"
    assert dvs["G"].formula1 == "=方向性一覧"
    assert dvs["D"].imeMode == "hiragana"
    kpi_dv = wb[SHEET_KPIS].data_validations.dataValidation[0]
    assert kpi_dv.imeMode == "off" and kpi_dv.type == "decimal"
    lists = wb[SHEET_LISTS]
    assert [lists.cell(r, 1).value for r in range(2, 6)] == ["A（順調）", "B（概ね順調）", "C（遅れ）", "D（未着手）"]
    assert "評価一覧" in wb.defined_names


def test_print_setup_and_japanese_font(store: Store, tmp_path: Path) -> None:
    wb = load_workbook(export(store, tmp_path))
    ws = wb[SHEET_REPORTS]
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3"
    assert ws.oddFooter.center.text == "&P / &N"
    assert ws.cell(FIRST_DATA_ROW, 2).font.name == "游ゴシック"
    assert wb._fonts[0].name == "游ゴシック"


def _save(store: Store, title: str, dept: str, fy: int, **fields: object) -> None:
    ini_id, dept_id = _ids(store, title, dept)
    save_report(store, ReportInput(initiative_id=ini_id, department_id=dept_id, fy=fy, **fields),  # type: ignore[arg-type]
                expected_version=None)


def test_user_text_is_text_never_a_formula(store: Store, tmp_path: Path) -> None:
    _save(store, "マイナンバーカードの普及促進", "市民課", 2024,
          activities="=HYPERLINK(\"http://x\")", issues="@SUM(A1)", evaluation="B")
    path = export(store, tmp_path)
    wb = load_workbook(path)
    ws = wb[SHEET_REPORTS]
    row = report_rows(path)["①－１－２"]
    cell = ws.cell(row, column_index(REPORT_COLUMNS, "activities"))
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"
    assert ws.cell(row, column_index(REPORT_COLUMNS, "evaluation")).value == "B（概ね順調）"
    ro = load_workbook(path, read_only=True)
    cells = next(iter(ro[SHEET_REPORTS].iter_rows(min_row=row, max_row=row, max_col=10)))
    assert all(c.data_type != "f" for c in cells)
    ro.close()


def test_control_characters_removed(store: Store, tmp_path: Path) -> None:
    _save(store, "マイナンバーカードの普及促進", "市民課", 2024, activities="前\x07半\x1b後\r\n次")
    path = export(store, tmp_path)
    ws = load_workbook(path)[SHEET_REPORTS]
    value = ws.cell(report_rows(path)["①－１－２"], column_index(REPORT_COLUMNS, "activities")).value
    assert value == "前半後\n次"


def test_text_over_cell_limit_names_the_field(store: Store, tmp_path: Path) -> None:
    _save(store, "マイナンバーカードの普及促進", "市民課", 2024, activities="x")
    with store.write("test") as ctx:  # bypass validation to simulate an over-long report
        ctx.session.execute(update(ProgressReport).values(issues="あ" * 40000))
    with pytest.raises(UserError) as err:
        export(store, tmp_path)
    assert "①－１－２" in err.value.message and "課題" in err.value.message
    assert "40,000" in err.value.message
    assert not (tmp_path / "市民課_2024.xlsx").exists()


def test_cli_export_and_refusals(sample_db: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        code = main(["--db", str(sample_db), *args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    out = tmp_path / "市民課.xlsx"
    ok = run("export", "submission", "--department", "市民課", "--fy", "令和６年度", "--out", str(out))
    assert ok.returncode == 0, ok.stderr
    assert out.exists() and "市民課" in ok.stdout
    pseudo = run("export", "submission", "--department", "全部署", "--fy", "R6", "--out", str(out))
    assert pseudo.returncode == 2 and "個別の部署ではありません" in pseudo.stderr
    unknown = run("export", "submission", "--department", "存在しない課", "--out", str(out))
    assert unknown.returncode == 1 and "存在しない課" in unknown.stderr
    outside = run("export", "submission", "--department", "市民課", "--fy", "2030", "--out", str(out))
    assert outside.returncode == 2 and "期間外" in outside.stderr
    assert "Traceback" not in pseudo.stderr + unknown.stderr + outside.stderr
    pdf = tmp_path / "市民課.pdf"
    res = run("export", "submission", "--department", "市民課", "--fy", "R6", "--out", str(pdf))
    # Either the printing module has landed and writes the PDF, or the refusal is explained.
    assert (res.returncode == 0 and pdf.read_bytes()[:5] == b"%PDF-") or (
        res.returncode == 1 and "PDF" in res.stderr and not pdf.exists())


def test_data_rows_look_as_before(store: Store, tmp_path: Path) -> None:
    """The data rows are written as XML text (core/xlsx/sheet_xml.py): every cell keeps its
    style, every row its height, every sheet its dimension, the quotePrefix of formula-like text."""
    _save(store, "マイナンバーカードの普及促進", "市民課", 2024, activities="=1+1\n二行目", evaluation="B")
    path = export(store, tmp_path)
    wb = load_workbook(path)
    ws = wb[SHEET_REPORTS]
    row = report_rows(path)["①－１－２"]
    label = ws.cell(row, column_index(REPORT_COLUMNS, "title"))
    assert label.border.left.style == "thin" and label.alignment.wrap_text and label.protection.locked
    typed = ws.cell(row, column_index(REPORT_COLUMNS, "activities"))
    assert typed.quotePrefix and typed.number_format == "@" and typed.value == "=1+1\n二行目"
    assert ws.row_dimensions[row].height is not None and ws.row_dimensions[row].height >= 34
    assert ws.max_row == FIRST_DATA_ROW + len(report_rows(path)) - 1 and ws.max_column == len(REPORT_COLUMNS)
    kpis = wb[SHEET_KPIS]
    actual = kpis.cell(FIRST_DATA_ROW, 9)
    assert actual.protection.locked is False and actual.fill.fgColor.rgb.endswith("FFF2CC")
    assert kpis.row_dimensions[FIRST_DATA_ROW].height is not None
    meta = wb[SHEET_META]
    first = meta.cell(META_FIRST_CELL_ROW, 1)
    assert first.value in (SHEET_REPORTS, SHEET_KPIS, SHEET_STEPS, SHEET_COVER) and not first.has_style
