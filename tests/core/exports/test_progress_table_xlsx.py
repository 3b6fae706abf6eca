"""The progress table workbook is what the table means, and its rows are openpyxl's XML.

The rows are written as XML text (``_SheetRows``, for speed: bench/README.md issue 17), so
two checks: each cell's text is what openpyxl's own cell writer makes for the same value and
style; and a whole workbook of a 4-level plan whose branches end at different depths, read
back by openpyxl, has the table's values, each cell styled by what it holds (header, band,
grade colour, numbers, text), the columns' widths, row heights that fit the texts, frozen
panes, A3 print set-up and no merged cells.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from any_plan_helpers import FOUR_LEVELS_MIXED, make_store, tree_plan, view_of
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell._writer import etree_write_cell
from openpyxl.styles import NamedStyle
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import xmlfile

from planDesk.core.exports.progress_table_xlsx import (
    GRADE_FILLS,
    HEADER_ROW,
    NAVY,
    cell_xml,
    columns_for,
    table_rows,
    write_progress_table_xlsx,
)
from planDesk.core.plan.view import PlanView
from planDesk.core.printing.selection import Cycle
from planDesk.core.xlsx.styles import BASE_FONT, GRID, HEADER_FILL, row_height

VALUES: list[Any] = [
    None, "", "事業", "  leading", "trailing\n", " both ", "   ", "=SUM(A1:A2)", "#N/A", "a < b & c > d",
    "①12\n②3（令和8年度）", "\ttab", "x" * 40_000, 0, 7, -3, 12_345_678_901_234_567_890, 0.5, 1 / 3, 1e20, 1e-7,
    2.0, float("nan"), float("inf"), -float("inf"),
]


def openpyxl_cell_xml(value: Any) -> tuple[str, int]:
    """The ``<c>`` openpyxl's write-only path writes for a styled cell (text set as text),
    and the cell's style index."""
    wb = Workbook(write_only=True)
    wb.add_named_style(NamedStyle("t_style", font=BASE_FONT, border=GRID))
    ws = wb.create_sheet("s")
    cell = WriteOnlyCell(ws, value=value)
    cell.style = "t_style"
    if isinstance(value, str):
        cell.data_type = "s"
    cell.row, cell.column = 4, 28
    out = io.BytesIO()
    with xmlfile(out) as xf, xf.element("sheetData"):
        etree_write_cell(xf, ws, cell, cell.has_style)
    text = out.getvalue().decode()
    return text[len("<sheetData>"):-len("</sheetData>")], cell.style_id


@pytest.mark.parametrize("value", VALUES, ids=lambda v: repr(v)[:20])
def test_a_cell_is_what_openpyxl_writes(value: Any) -> None:
    expected, style_id = openpyxl_cell_xml(value)
    assert cell_xml("AB4", style_id, value) == expected


def test_control_characters_are_refused_as_openpyxl_refuses_them() -> None:
    with pytest.raises(IllegalCharacterError):
        openpyxl_cell_xml("a\x01b")
    with pytest.raises(IllegalCharacterError):
        cell_xml("A1", 1, "a\x01b")


def test_a_value_that_is_neither_text_nor_a_number_is_refused() -> None:
    with pytest.raises(TypeError):
        cell_xml("A1", 1, True)  # type: ignore[arg-type]


@pytest.fixture
def four_level(tmp_path: Path) -> PlanView:
    store = make_store(tmp_path / "four.sqlite3", tree_plan(FOUR_LEVELS_MIXED))
    try:
        return view_of(store)
    finally:
        store.close()


def _rgb(color: Any) -> str:
    return str(color.rgb)[-6:] if color is not None and color.rgb else ""


def test_the_workbook_is_the_table(four_level: PlanView, tmp_path: Path) -> None:
    plan, cycle = four_level, Cycle(2025, 0)
    out = tmp_path / "table.xlsx"
    count = write_progress_table_xlsx(plan, cycle, out)
    columns = columns_for(plan)
    rows = list(table_rows(plan, cycle))
    assert count == len(rows) and plan.depth == 4

    wb = load_workbook(out)
    assert wb.sheetnames == ["進捗状況一覧"]
    ws: Worksheet = wb["進捗状況一覧"]
    assert ws.max_row == HEADER_ROW + len(rows) and ws.max_column == len(columns)
    assert not ws.merged_cells.ranges
    # columns: one per group depth headed by its label, then the rest, each as wide as said
    assert [c.value for c in ws[HEADER_ROW]] == [h for _k, h, _w in columns]
    assert [h for _k, h, _w in columns[:4]] == list(plan.group_labels)
    for i, (_key, _h, width) in enumerate(columns, start=1):
        assert ws.column_dimensions[get_column_letter(i)].width == width
    for cell in ws[HEADER_ROW]:
        assert cell.font.b and _rgb(cell.fill.fgColor) == _rgb(HEADER_FILL.fgColor)
        assert cell.alignment.horizontal == "center" and cell.border.left.style == "thin"
    assert ws["A1"].value.startswith("進捗状況一覧（令和7年度）") and ws["A1"].font.sz == 14

    # each initiative row: its groups from the top (title) down (code and title), blank
    # where its branch ends early
    leaves = {ini.code: ini for ini in plan.initiatives()}
    grades = {code: GRADE_FILLS[min(i, len(GRADE_FILLS) - 1)] for i, (code, _l) in enumerate(plan.evaluation_scale)}
    depths, styles = set(), set()
    for r, (kind, cells) in enumerate(rows, start=HEADER_ROW + 1):
        got = [c.value for c in ws[r]]
        assert got == [None if v == "" else v for v, _s in cells], r
        if kind == "band":
            assert ws.row_dimensions[r].height is None
            assert all(_rgb(c.fill.fgColor) == NAVY and c.font.b and _rgb(c.font.color) == "FFFFFF" for c in ws[r])
            continue
        ini = leaves[got[len(plan.group_labels)]]
        depths.add(ini.depth)
        want = [g.title if g.depth == 1 else f"{g.code} {g.title}" for g in ini.path]
        assert got[:4] == want + [None] * (4 - len(want))
        texts = [(v, w) for v, (key, _h, w) in zip(got, columns, strict=True)
                 if isinstance(v, str) and (key.startswith("group:") or key in (
                     "title", "department", "activities", "kpi", "target", "issues", "next_steps"))]
        assert ws.row_dimensions[r].height == row_height(texts)
        for cell, (key, _h, _w), (_v, style) in zip(ws[r], columns, cells, strict=True):
            where = (r, key)
            assert cell.border.top.style == "thin" and cell.alignment.vertical == "top", where
            assert cell.font.name == BASE_FONT.name and not cell.font.b, where
            styles.add(style)
            if style.startswith("grade:"):
                assert _rgb(cell.fill.fgColor) == grades[style.removeprefix("grade:")], where
                assert cell.alignment.horizontal == "center", where
            else:
                assert cell.fill.fill_type is None, where
            if style in ("number", "percent"):
                assert cell.number_format == ("0%" if style == "percent" else "#,##0.##"), where
            else:
                assert cell.number_format == "General", where
            assert cell.alignment.horizontal == {"text": None, "center": "center", "number": "right",
                                                 "percent": "right", "multi": "right"}.get(style, "center"), where
            assert cell.alignment.wrap_text, where
    assert depths == {1, 2, 3, 4}  # branches end at every depth (FOUR_LEVELS_MIXED)
    # every kind of cell was seen: text, centred, numbers, percentages, several KPIs, grades
    assert {"text", "center", "number", "percent", "multi"} <= styles and any(s.startswith("grade:") for s in styles)

    # groups, code and title stay on screen; A3 landscape, one page wide, header row repeated
    assert ws.freeze_panes == f"{get_column_letter(plan.depth + 3)}{HEADER_ROW + 1}"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A3
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert plan.name in ws.oddHeader.left.text and "令和7年度" in ws.oddHeader.right.text
