"""Rows of a worksheet written as XML text instead of one openpyxl cell object per value.

openpyxl builds a ``Cell`` per value, looks its style up in the workbook's lists on every
assignment, and on saving serialises each cell as an element tree through et_xmlfile: for
a workbook of tens of thousands of plain cells most of the time (bench/README.md, issue
17). ``cell_xml`` is the text openpyxl writes for a cell holding text, a number or nothing;
tests/core/xlsx/test_sheet_xml.py compares it with openpyxl's own cell writer.

Two ways to use it:

* a write-only sheet's stream (core/exports/progress_table_xlsx.py ``_SheetRows``);
* ``RowsWorkbook``, an ordinary (not write-only) workbook whose ``RowsSheet`` sheets keep
  their bulk rows as (value, style) lists and write them as text on saving, after and
  between the sheet's ordinary cells. Everything else — columns, panes, protection, data
  validations, print set-up, defined names, the other sheets — stays openpyxl's, and a
  cell's style index is taken at saving time in the order openpyxl would take it, so the
  saved file is the one openpyxl writes for the same cells.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from planDesk.core.xlsx.cells import MAX_CELL_TEXT

Value = str | float | None  # an int is a number too
RowCells = list[tuple[Value, StyleArray | None]]


def cell_xml(ref: str, style_id: int | None, value: Value) -> str:
    """The ``<c>`` element openpyxl writes for a cell of this value with this cell format
    (``None``: an unstyled cell). Text is always text: "=…" never becomes a formula,
    "#N/A" never an error; anything but text, a number or nothing (a bool, a date) is
    refused."""
    head = f'<c r="{ref}" t=' if style_id is None else f'<c r="{ref}" s="{style_id}" t='
    if value is None:
        return head + '"n" />'
    kind = type(value)
    if kind is str:
        text: str = value[:MAX_CELL_TEXT]  # type: ignore[index]
        if not text:
            return head + '"inlineStr" />'
        if ILLEGAL_CHARACTERS_RE.search(text):
            raise IllegalCharacterError(f"{text} cannot be used in worksheets.")
        stripped = text.strip()
        space = ' xml:space="preserve"' if stripped and text != stripped else ""
        if "&" in text:
            text = text.replace("&", "&amp;")
        if "<" in text:
            text = text.replace("<", "&lt;")
        if ">" in text:
            text = text.replace(">", "&gt;")
        return f'{head}"inlineStr"><is><t{space}>{text}</t></is></c>'
    if kind is int or kind is float:
        number = value if math.isfinite(value) else None  # type: ignore[arg-type]
        return head + ('"n"><v />' if number is None else f'"n"><v>{number:.16g}</v>') + "</c>"
    raise TypeError(f"cell {ref}: {kind.__name__} is neither text nor a number")


def row_start(row: int, height: float | None) -> str:
    """``<row>`` as openpyxl writes it, with a custom height or none."""
    return f'<row r="{row}" ht="{height:.16g}" customHeight="1">' if height else f'<row r="{row}">'


class RowsSheet(Worksheet):
    """A worksheet whose bulk rows are kept as (value, style array) and written as text.

    ``add_row`` takes the rows in ascending order; a row given here holds no ordinary cell
    (``ws.cell``) and no row dimension. A style array is one from ``styles.style_of``
    (shared, never changed) or None for an unstyled cell; text is already cleaned.
    """

    def __init__(self, parent: Workbook, title: str) -> None:
        super().__init__(parent, title)
        self.text_rows: list[tuple[int, float | None, RowCells]] = []
        self._max_col = 0

    def add_row(self, row: int, cells: RowCells, height: float | None = None) -> None:
        """Row ``row``, columns 1… (a None value without style is left out, as openpyxl does)."""
        if self.text_rows and row <= self.text_rows[-1][0]:
            raise ValueError(f"row {row} after row {self.text_rows[-1][0]}")
        self.text_rows.append((row, height, cells))
        self._max_col = max(self._max_col, len(cells))

    def calculate_dimension(self) -> str:
        if not self.text_rows:
            return str(super().calculate_dimension())
        rows = {r for r, _c in self._cells}
        cols = {c for _r, c in self._cells}
        rows.update((self.text_rows[0][0], self.text_rows[-1][0]))
        cols.update((1, self._max_col))
        return f"{get_column_letter(min(cols))}{min(rows)}:{get_column_letter(max(cols))}{max(rows)}"


class _RowsWriter(WorksheetWriter):
    """openpyxl's sheet writer, with a ``RowsSheet``'s text rows merged into its rows."""

    def write_rows(self) -> None:
        ws: Any = self.ws
        xf: Any = self.xf.send(True)
        write = xf._file  # writes to the text stream et_xmlfile writes the sheet into
        styles = ws.parent._cell_styles
        ids: dict[int, int] = {}
        refs = [get_column_letter(i) for i in range(1, ws._max_col + 1)]
        ordinary: Iterator[tuple[int, list[Any]]] = iter(self.rows())
        pending = next(ordinary, None)
        with xf.element("sheetData"):
            for row, height, cells in ws.text_rows:
                while pending is not None and pending[0] < row:
                    self.write_row(xf, pending[1], pending[0])
                    pending = next(ordinary, None)
                if pending is not None and pending[0] == row:
                    raise ValueError(f"row {row} of sheet {ws.title} has ordinary cells too")
                number = str(row)
                out = [row_start(row, height)]
                for col, (value, style) in enumerate(cells):
                    if style is None:
                        if value is not None:
                            out.append(cell_xml(refs[col] + number, None, value))
                        continue
                    sid = ids.get(id(style))
                    if sid is None:  # the index openpyxl's ``cell.style_id`` would take now
                        sid = ids[id(style)] = styles.add(style)
                    out.append(cell_xml(refs[col] + number, sid, value))
                out.append("</row>")
                write("".join(out))
            while pending is not None:
                self.write_row(xf, pending[1], pending[0])
                pending = next(ordinary, None)
        self.xf.send(None)


class _Writer(ExcelWriter):
    def write_worksheet(self, ws: Any) -> None:
        if not isinstance(ws, RowsSheet):
            super().write_worksheet(ws)
            return
        # openpyxl's ExcelWriter.write_worksheet for an ordinary sheet, with _RowsWriter
        sheet: Any = ws
        sheet._drawing = SpreadsheetDrawing()
        sheet._drawing.charts = sheet._charts
        sheet._drawing.images = sheet._images
        writer: Any = _RowsWriter(sheet)
        writer.write()
        sheet._rels = writer._rels
        archive: Any = self._archive  # type: ignore[attr-defined]
        archive.write(writer.out, sheet.path[1:])
        self.manifest.append(sheet)
        writer.cleanup()


class RowsWorkbook(Workbook):
    """An ordinary workbook that can hold ``RowsSheet`` sheets (``create_rows_sheet``)."""

    def create_rows_sheet(self, title: str) -> RowsSheet:
        ws = RowsSheet(self, title)
        self._add_sheet(ws)  # type: ignore[attr-defined]
        return ws

    def save(self, filename: Any) -> None:
        """openpyxl's ``save_workbook`` with a writer that writes the text rows."""
        if self.read_only or self.write_only:
            raise TypeError("RowsWorkbook is neither read-only nor write-only")
        archive = ZipFile(filename, "w", ZIP_DEFLATED, allowZip64=True)
        self.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
        _Writer(self, archive).save()
