"""Look and safety of the workbooks planDesk writes (submission, progress table, plan).

Japanese Office's default font, text that is always stored as text (never a formula),
column widths and row heights that fit Japanese text, and the print set-up every
workbook shares. No Qt here.
"""

from __future__ import annotations

import math
from copy import copy
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from planDesk.core.errors import UserError
from planDesk.core.xlsx.cells import MAX_CELL_TEXT, clean_text

FONT_NAME = "游ゴシック"  # Japanese Office's default body font since 2016
FONT_SIZE = 11
BASE_FONT = Font(name=FONT_NAME, size=FONT_SIZE, family=3, charset=128)
BOLD = Font(name=FONT_NAME, size=FONT_SIZE, family=3, charset=128, bold=True)
TITLE = Font(name=FONT_NAME, size=14, family=3, charset=128, bold=True)
SMALL = Font(name=FONT_NAME, size=9, family=3, charset=128, color="595959")

INPUT_FILL = PatternFill("solid", start_color="FFF2CC")   # pale yellow: "type here"
HEADER_FILL = PatternFill("solid", start_color="D9E1F2")
LABEL_FILL = PatternFill("solid", start_color="F2F2F2")
_THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
UNLOCKED = Protection(locked=False)

LINE_HEIGHT = 15.0  # points per line of 11-pt text
MAX_ROW_HEIGHT = 409.0  # Excel's maximum row height


def japanese_workbook(*, write_only: bool = False, kind: type[Workbook] = Workbook) -> Workbook:
    """A workbook (of ``kind``) whose default (Normal) font is Japanese Office's, not Calibri."""
    wb = kind(write_only=write_only)
    # openpyxl has no public API for the workbook's default font: style 0 uses font 0.
    wb._fonts = IndexedList([copy(BASE_FONT)])  # type: ignore[attr-defined]
    for style in wb._named_styles:  # type: ignore[attr-defined]
        if style.name == "Normal":
            style.font = copy(BASE_FONT)
    wb.properties.creator = "planDesk"
    return wb


def checked_text(text: str, where: str) -> str:
    """Text cleaned of control characters; over Excel's cell limit is an error naming ``where``."""
    cleaned = clean_text(text)
    if len(cleaned) > MAX_CELL_TEXT:
        raise UserError(
            f"{where}が {len(cleaned):,} 文字あります。Excel のセルには {MAX_CELL_TEXT:,} 文字までしか入りません。",
            hint="短くしてから出力し直してください。",
        )
    return cleaned


FORMULA_STARTS = ("=", "+", "-", "@")


def put_text(cell: Any, text: str | None, where: str = "文字列") -> None:
    """Write user text as a string: text that starts with '=' never becomes a formula.

    Such text also gets Excel's quotePrefix (the leading apostrophe), so that F2+Enter in
    Excel or LibreOffice keeps it as text instead of turning it into a formula.
    """
    cell.value = checked_text(text, where) if text else None
    if text:
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


# Per workbook: the style array a fresh cell ends up with for one combination of style
# objects, and those objects (kept so that their ids, part of the key, stay theirs).
_STYLE_ARRAYS: WeakKeyDictionary[Any, dict[tuple[Any, ...], tuple[StyleArray, tuple[Any, ...]]]] = \
    WeakKeyDictionary()


def put(cell: Any, value: Any, *, font: Font | None = None, fill: PatternFill | None = None,
        border: Border | None = GRID, align: Alignment | None = WRAP_TOP,
        number_format: str | None = None, protection: Protection | None = None,
        where: str = "文字列") -> Any:
    """Write a value with a style in one call; strings go through ``put_text``.

    openpyxl finds a cell's font, fill, border … in the workbook's lists by hashing them
    on every assignment (most of the time of a large export). A fresh cell given the same
    style objects as an earlier one gets a copy of that cell's style array instead: the
    same style indices, found once per workbook.
    """
    if isinstance(value, str):
        put_text(cell, value, where)
    else:
        cell.value = value
    if cell.has_style:  # styled before (or quotePrefix): openpyxl's own assignment
        _style(cell, font, fill, border, align, number_format, protection)
        return cell
    objects = (font, fill, border, align, protection)
    key = (*map(id, objects), number_format)
    arrays = _STYLE_ARRAYS.setdefault(cell.parent.parent, {})
    known = arrays.get(key)
    if known is None:
        _style(cell, font, fill, border, align, number_format, protection)
        arrays[key] = (copy(cell._style), objects)
    else:
        cell._style = copy(known[0])
    return cell


def style_of(ws: Any, *, font: Font | None = None, fill: PatternFill | None = None,
             border: Border | None = GRID, align: Alignment | None = WRAP_TOP,
             number_format: str | None = None, protection: Protection | None = None,
             quote: bool = False) -> StyleArray | None:
    """The style array ``put`` gives a fresh cell of ``ws`` with this style (None: no style),
    shared and never to be changed; ``quote`` adds the quotePrefix ``put_text`` sets for
    text that starts like a formula. The workbook's fonts, fills … are registered in the
    order ``put`` would register them."""
    objects = (font, fill, border, align, protection)
    key = (*map(id, objects), number_format)
    arrays = _STYLE_ARRAYS.setdefault(ws.parent, {})
    known = arrays.get(key)
    if known is None:
        cell: Any = Cell(ws, row=1, column=1)  # a scratch cell, not in the sheet
        _style(cell, font, fill, border, align, number_format, protection)
        known = arrays[key] = (copy(cell._style), objects)
    array: StyleArray | None = known[0]  # None: a cell given no style keeps none
    if quote:
        quoted = _QUOTED.setdefault(ws.parent, {})
        found = quoted.get(id(array))
        if found is None:
            found = quoted[id(array)] = StyleArray() if array is None else copy(array)
            found.quotePrefix = 1
        return found
    return array if array is not None and any(array) else None


# Per workbook: the quotePrefix variant of a style array of ``_STYLE_ARRAYS`` (by its id).
_QUOTED: WeakKeyDictionary[Any, dict[int, StyleArray]] = WeakKeyDictionary()


def _style(cell: Any, font: Font | None, fill: PatternFill | None, border: Border | None,
           align: Alignment | None, number_format: str | None, protection: Protection | None) -> None:
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if border is not None:
        cell.border = border
    if align is not None:
        cell.alignment = align
    if number_format is not None:
        cell.number_format = number_format
    if protection is not None:
        cell.protection = protection


def display_width(text: str) -> int:
    """Width in half-width character units: ASCII counts 1, a Japanese character 2.

    Computed from the UTF-8 length (1 byte ASCII, 3 bytes kana/kanji) so that a table of
    ten thousand rows is measured at C speed.
    """
    return (len(text.encode("utf-8")) + len(text)) // 2


def lines_needed(text: str, width: float) -> int:
    """Wrapped lines ``text`` needs in a column ``width`` characters wide."""
    usable = max(1.0, width - 1.0)
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))


def row_height(texts_and_widths: list[tuple[str, float]], minimum: int = 1) -> float:
    """A row height that shows every wrapped text of the row (Excel does not auto-fit
    rows of a generated file until someone edits them)."""
    lines = max([minimum, *(lines_needed(t, w) for t, w in texts_and_widths if t)])
    return min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines + 4)


def fitted_width(texts: list[str], minimum: float, maximum: float) -> float:
    widest = max((display_width(line) for t in texts for line in t.split("\n")), default=0)
    return max(minimum, min(maximum, widest + 2))


def print_setup(ws: Any, *, paper: str = "A4", title_rows: str | None = None,
                header_left: str = "", header_right: str = "") -> None:
    """Landscape, fitted to the page width, repeated title rows and an "n / N" footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A3 if paper == "A3" else Worksheet.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    footer, header = ws.oddFooter, ws.oddHeader
    assert footer is not None and header is not None
    footer.center.text = "&P / &N"
    if header_left:
        header.left.text = header_left.replace("&", "&&")
    if header_right:
        header.right.text = header_right.replace("&", "&&")
