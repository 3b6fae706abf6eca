"""Rows written as XML text (core/xlsx/sheet_xml.py) are what openpyxl writes for the same cells.

``cell_xml`` is compared with openpyxl's own cell writer, styled and unstyled; a
``RowsWorkbook`` whose bulk rows are text rows is compared, part by part, with the ordinary
workbook that ``put`` and ``put_text`` make for the same cells (styles, their indices,
quotePrefix, row heights, the sheet's dimension, ordinary rows before, between and after).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell._writer import etree_write_cell
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.xml.functions import xmlfile

from planDesk.core.xlsx.sheet_xml import RowCells, RowsSheet, RowsWorkbook, cell_xml
from planDesk.core.xlsx.styles import (
    BOLD,
    FORMULA_STARTS,
    INPUT_FILL,
    TITLE,
    UNLOCKED,
    checked_text,
    japanese_workbook,
    put,
    put_text,
    style_of,
)

VALUES: list[Any] = [
    None, "", "事業", "  leading", "trailing\n", " both ", "   ", "=SUM(A1:A2)", "#N/A", "a < b & c > d",
    "\ttab", "x" * 40_000, 0, 7, -3, 12_345_678_901_234_567_890, 0.5, 1 / 3, 1e20, 1e-7, 2.0,
    float("nan"), float("inf"),
]


def openpyxl_cell_xml(value: Any, styled: bool) -> tuple[str, int | None]:
    """The ``<c>`` openpyxl writes for an ordinary cell (text set as text) and its style index."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    cell = ws.cell(4, 28)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    if styled:
        cell.font = BOLD
    out = io.BytesIO()
    with xmlfile(out) as xf, xf.element("sheetData"):
        etree_write_cell(xf, ws, cell, cell.has_style)
    text = out.getvalue().decode()
    return text[len("<sheetData>"):-len("</sheetData>")], cell.style_id if styled else None


@pytest.mark.parametrize("styled", [True, False], ids=["styled", "unstyled"])
@pytest.mark.parametrize("value", VALUES, ids=lambda v: repr(v)[:20])
def test_a_cell_is_what_openpyxl_writes(value: Any, styled: bool) -> None:
    expected, style_id = openpyxl_cell_xml(value, styled)
    assert cell_xml("AB4", style_id, value) == expected


def test_anything_but_text_or_a_number_is_refused() -> None:
    with pytest.raises(TypeError):
        cell_xml("A1", 1, True)  # type: ignore[arg-type]


def test_style_of_is_the_array_put_leaves() -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for i, (value, style) in enumerate([("a", {}), ("=b", {"font": BOLD}), ("c", {"border": None, "align": None}),
                                        ("=d", {"border": None, "align": None})], start=1):
        cell = put(ws.cell(i, 1), value, **style)
        array = style_of(ws, quote=value.startswith(FORMULA_STARTS), **style)
        if array is None:
            assert not cell.has_style
        else:
            assert tuple(array) == tuple(cell._style)
    assert style_of(ws, border=None, align=None) is None


# (value, style) of the rows below; a style of None is a cell put_text leaves unstyled.
STYLES: list[dict[str, Any] | None] = [
    {}, {"font": BOLD}, {"fill": INPUT_FILL, "number_format": "@", "protection": UNLOCKED},
    {"fill": INPUT_FILL, "number_format": "#,##0.##", "protection": UNLOCKED}, None,
]
ROW_VALUES: list[list[Any]] = [
    ["コード", "取組", None, 12.5, "meta"],
    ["=1+2", "  lead", "", 0, None],
    ["a & b", "-5", "@x", None, "=quoted meta"],
    ["x\ny", "ok", "#N/A", 1e20, 7],
]


def _ordinary(wb: Workbook, title: str, rows: range) -> None:
    ws = wb.create_sheet(title)
    put(ws.cell(1, 1), "表題", font=TITLE, border=None, align=None)
    for r in rows:
        values = ROW_VALUES[r % len(ROW_VALUES)]
        for c, (value, style) in enumerate(zip(values, STYLES, strict=True), start=1):
            if style is None:
                if isinstance(value, str):
                    put_text(ws.cell(r, c), value)
                elif value is not None:
                    ws.cell(r, c).value = value
            else:
                put(ws.cell(r, c), value, **style)
        ws.row_dimensions[r].height = 15.0 * (r % 3) + 19 if r % 2 else None
    put(ws.cell(40, 2), "after", font=BOLD)
    _finish(ws)


def _text_rows(wb: RowsWorkbook, title: str, rows: range) -> None:
    ws = wb.create_rows_sheet(title)
    put(ws.cell(1, 1), "表題", font=TITLE, border=None, align=None)
    for r in rows:
        values = ROW_VALUES[r % len(ROW_VALUES)]
        cells: RowCells = []
        for value, style in zip(values, STYLES, strict=True):
            given = style if style is not None else {"border": None, "align": None}
            quote = isinstance(value, str) and value.startswith(FORMULA_STARTS)
            shown = checked_text(value, "x") if isinstance(value, str) and value else (None if value == "" else value)
            cells.append((shown, style_of(ws, quote=quote, **given)))
        ws.add_row(r, cells, 15.0 * (r % 3) + 19 if r % 2 else None)
    put(ws.cell(40, 2), "after", font=BOLD)
    _finish(ws)


def _finish(ws: Any) -> None:
    dv = DataValidation(type="list", formula1="=一覧", allow_blank=True)
    dv.add("C4:C30")
    ws.add_data_validation(dv)
    ws.freeze_panes = "C4"
    ws.protection.sheet = True


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)[^<]*</dcterms:\1>", b"",
                                        parts["docProps/core.xml"])
    return parts


def test_a_rows_workbook_is_the_ordinary_workbook(tmp_path: Path) -> None:
    ordinary = japanese_workbook()
    rows_wb = japanese_workbook(kind=RowsWorkbook)
    assert isinstance(rows_wb, RowsWorkbook)
    for wb in (ordinary, rows_wb):
        cover = wb.active
        assert cover is not None
        put(cover["A1"], "表紙", font=BOLD)
        for title, rows in (("一", range(4, 30)), ("二", range(6, 9))):
            if isinstance(wb, RowsWorkbook):
                _text_rows(wb, title, rows)
            else:
                _ordinary(wb, title, rows)
        put(cover["B2"], "後で", font=TITLE)
    ordinary.save(tmp_path / "ordinary.xlsx")
    rows_wb.save(tmp_path / "rows.xlsx")
    assert _parts(tmp_path / "rows.xlsx") == _parts(tmp_path / "ordinary.xlsx")
    back = load_workbook(tmp_path / "rows.xlsx")
    ws = back["一"]
    assert ws.dimensions == "A1:E40"
    assert ws["A5"].value == "=1+2" and ws["A5"].quotePrefix and ws["A5"].data_type == "s"
    assert ws["E6"].value == "=quoted meta" and ws["E6"].quotePrefix
    assert ws["C6"].protection.locked is False and ws["C6"].number_format == "@"
    assert ws.row_dimensions[5].height == 49.0 and ws.row_dimensions[6].height is None


def test_rows_go_in_ascending_order_and_not_over_ordinary_cells(tmp_path: Path) -> None:
    wb = RowsWorkbook()
    ws = wb.create_rows_sheet("s")
    ws.add_row(5, [("a", None)])
    with pytest.raises(ValueError, match="after row 5"):
        ws.add_row(5, [("b", None)])
    ws.cell(5, 2).value = "ordinary"
    with pytest.raises(ValueError, match="ordinary cells"):
        wb.save(tmp_path / "clash.xlsx")
    assert isinstance(ws, RowsSheet)
