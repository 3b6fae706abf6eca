"""Rows of a read-only openpyxl worksheet, tokenised by the C XML parser where that is safe.

openpyxl parses every sheet with defusedxml's ``iterparse``, which is the pure-Python
ElementTree parser (defusedxml needs its hooks): on a submission workbook about half of
the reading time is that tokeniser, not openpyxl's cell handling. ``sheet_rows`` gives the
same rows as ``ws.iter_rows(min_row, max_row, min_col=1, max_col)`` — openpyxl's
read-only cells, with openpyxl's values, types (formulas, errors, dates, shared and inline
strings) and number formats — but tokenises with the standard library's C parser.

The cells that make up nearly all of a submission — a number, a shared string, a
formula-free ``t="str"`` value, an inline string of one plain text run — are decoded
here the way openpyxl's ``WorkSheetParser.parse_cell`` decodes them, without its
per-cell dictionary and reference parsing (most of the remaining reading time,
bench/README.md, issue 17); every other form (formulas, errors, booleans, dates, rich
text, phonetic runs, a reference that does not match its row) goes through
``parse_cell`` itself. ``sheet_values`` gives plain values for a sheet that may hold no
formula at all (the submission's metadata), raising ``FormulaFound`` at the first.

The danger defusedxml guards against lives in a document type declaration (entity
expansion, external entities), and XML allows one only in the prolog, before the root
element. The fast path is taken only when the sheet's first bytes show a plain prolog
(an XML declaration, comments, processing instructions, white space) reaching the root
element: such a document has no DTD, so it can declare no entity. Anything else — a DTD,
a prolog longer than the first chunk, another encoding — goes to openpyxl's own defused
path unchanged, which refuses or reads it as before.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any
from xml.etree.ElementTree import XMLPullParser

from openpyxl.cell.read_only import EMPTY_CELL, ReadOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import FORMULA_TAG, ROW_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

CHUNK = 64 * 1024
CELL_TAG = f"{{{SHEET_MAIN_NS}}}c"
INLINE_TAG = f"{{{SHEET_MAIN_NS}}}is"
TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
# Optional UTF-8 byte order mark and XML declaration, then only white space, comments and
# processing instructions, then the root element's name: no <!DOCTYPE anywhere before it.
_PLAIN_PROLOG = re.compile(
    rb"\A(?:\xef\xbb\xbf)?(?:<\?xml[^>]*\?>)?"
    rb"(?:[ \t\r\n]+|<!--(?:[^-]|-(?!-))*-->|<\?(?!xml[ \t\r\n?])[A-Za-z_][^>]*\?>)*<[A-Za-z_]")
_OTHER = object()  # a cell form left to openpyxl's parse_cell


class FormulaFound(ValueError):
    """``sheet_values`` met a formula at ``row``, ``column`` (1-based)."""

    def __init__(self, row: int, column: int) -> None:
        super().__init__(f"formula at {get_column_letter(column)}{row}")
        self.row = row
        self.column = column

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


def plain_prolog(head: bytes) -> bool:
    """``head`` (a document's first bytes) reaches its root element without a DTD."""
    return _PLAIN_PROLOG.match(head) is not None


def sheet_rows(ws: Any, min_row: int, max_row: int, max_col: int,
               only: Collection[int] | None = None) -> Iterator[tuple[Any, ...]]:
    """Rows ``min_row``…``max_row`` (every one, empty ones as empty cells), columns 1…``max_col``.

    ``ws`` is a worksheet of a workbook opened with ``load_workbook(read_only=True)``.
    ``only``: the columns the caller looks at; the others may be left empty (not decoded).
    """
    with ws._get_source() as src:
        head = src.read(CHUNK)
        if not plain_prolog(head):
            yield from ws.iter_rows(min_row=min_row, max_row=max_row, min_col=1, max_col=max_col)
            return
        yield from _fast_rows(ws, src, head, min_row, max_row, max_col, cells=True, only=only)


def sheet_values(ws: Any, min_row: int, max_row: int, max_col: int) -> Iterator[tuple[Any, ...]]:
    """The values of ``sheet_rows`` (empty cells None); raises ``FormulaFound`` when a row it
    gives holds a formula in columns 1…``max_col``."""
    with ws._get_source() as src:
        head = src.read(CHUNK)
        if not plain_prolog(head):
            for row in ws.iter_rows(min_row=min_row, max_row=max_row, min_col=1, max_col=max_col):
                for cell in row:
                    if cell.data_type == "f":
                        raise FormulaFound(cell.row, cell.column)
                yield tuple(cell.value for cell in row)
            return
        yield from _fast_rows(ws, src, head, min_row, max_row, max_col, cells=False)


def _fast_rows(ws: Any, src: Any, head: bytes, min_row: int, max_row: int, max_col: int,
               *, cells: bool, only: Collection[int] | None = None) -> Iterator[tuple[Any, ...]]:
    wb = ws.parent
    parser = WorkSheetParser(src, ws._shared_strings, data_only=wb.data_only, epoch=wb.epoch,
                             date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
    decode = _Decoder(ws, parser, max_col, cells, only)
    empty = (EMPTY_CELL if cells else None,) * max_col
    pull: XMLPullParser[Any] = XMLPullParser(events=("end",))
    counter = min_row
    row_no = 0
    chunk = head
    while chunk:
        pull.feed(chunk)
        events: Iterator[Any] = pull.read_events()
        for _event, element in events:
            if element.tag != ROW_TAG:
                continue
            row_no = _row_number(element.get("r"), row_no)
            if row_no <= max_row:
                row = decode.row(element, row_no)  # earlier rows too: a shared formula may start there
            element.clear()
            while counter < row_no and counter <= max_row:  # rows the file leaves out are empty
                counter += 1
                yield empty
            if row_no > max_row:
                return
            if counter == row_no:
                counter += 1
                if decode.formula is not None:
                    raise FormulaFound(*decode.formula)
                yield row
        chunk = src.read(CHUNK)
    pull.close()  # as openpyxl: no empty rows after the sheet's last row


def _row_number(attr: str | None, previous: int) -> int:
    """A row's number as openpyxl's ``parse_row`` reads it."""
    if attr is None:
        return previous + 1
    try:
        return int(attr)
    except ValueError:
        value = float(attr)
        if value.is_integer():
            return int(value)
        raise ValueError(f"{attr} is not a valid row number") from None


class _Decoder:
    """One sheet's cells decoded into ``ReadOnlyCell`` (``cells``) or plain values."""

    def __init__(self, ws: Any, parser: WorkSheetParser, max_col: int, cells: bool,
                 only: Collection[int] | None = None) -> None:
        self.ws = ws
        self.parser = parser
        self.max_col = max_col
        self.cells = cells
        self.strings = ws._shared_strings
        self.dates = parser.date_formats
        self.columns = {get_column_letter(i): i for i in range(1, max_col + 1)}
        self.skip = frozenset(range(1, max_col + 1)) - frozenset(only) if only is not None else frozenset()
        self.formula: tuple[int, int] | None = None  # values: the row's first formula (row, column)

    def row(self, element: Any, row_no: int) -> tuple[Any, ...]:
        """The row's cells; the plain forms decoded here, the others by ``parse_cell``."""
        max_col, cells, ws, columns, strings, dates = (self.max_col, self.cells, self.ws, self.columns, self.strings,
                                                       self.dates)
        skip = self.skip
        self.formula = None
        out: list[Any] = [EMPTY_CELL if cells else None] * max_col
        number = str(row_no)
        cut = -len(number)
        col = 0
        for c in element:
            ref = c.get("r")
            if ref is None:
                at = col + 1 if col < max_col else 0
            elif ref.endswith(number):
                at = columns.get(ref[:cut], 0)  # 0: beyond max_col, or not a plain reference
            else:
                at = 0  # another row's reference: openpyxl's row and column
            if at in skip and c.tag == CELL_TAG and c.find(FORMULA_TAG) is None:
                col = at  # a column the caller does not look at: left empty (a shared formula may start here)
                continue
            value: Any = _OTHER
            data_type = "s"
            style_id: Any = 0
            if at and c.tag == CELL_TAG:
                kind = c.get("t")
                n = len(c)
                if n == 0:
                    if kind is None or kind == "n":
                        value, data_type = None, "n"
                elif n == 1:
                    child = c[0]
                    if kind == "inlineStr":
                        if child.tag == INLINE_TAG and len(child) == 1:
                            text = child[0]
                            if text.tag == TEXT_TAG and not len(text) and text.text:
                                value = text.text
                    elif child.tag == VALUE_TAG and child.text:
                        if kind == "s":
                            value = strings[int(child.text)]
                        elif kind == "str":
                            value = child.text
                        elif kind is None or kind == "n":
                            style_id = c.get("s", 0)
                            if style_id:
                                style_id = int(style_id)
                            if style_id not in dates:  # a date style: openpyxl makes it a date
                                text = child.text
                                value = float(text) if "." in text or "E" in text or "e" in text else int(text)
                                data_type = "n"
            if value is _OTHER:
                # formulas, errors, booleans, dates, rich text, unusual references: openpyxl's way
                col = self._other(c, row_no, col, out)
                continue
            col = at
            if cells:
                if data_type == "s" or value is None:
                    style_id = c.get("s", 0)
                    if style_id:
                        style_id = int(style_id)
                out[at - 1] = ReadOnlyCell(ws, row_no, at, value, data_type, style_id)
            else:
                out[at - 1] = value
        return tuple(out)

    def _other(self, c: Any, row_no: int, col: int, out: list[Any]) -> int:
        """A cell decoded by openpyxl's own ``parse_cell``; returns its column."""
        parser = self.parser
        parser.row_counter, parser.col_counter = row_no, col
        cell = parser.parse_cell(c)
        at, data_type = cell["column"], cell["data_type"]
        if 1 <= at <= self.max_col:
            if self.cells:
                out[at - 1] = ReadOnlyCell(self.ws, cell["row"], at, cell["value"], data_type, cell["style_id"])
            else:
                out[at - 1] = cell["value"]
                if data_type == "f" and self.formula is None:
                    self.formula = (cell["row"], at)
        return int(at)
