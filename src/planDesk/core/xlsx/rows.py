"""Rows of a read-only openpyxl worksheet, tokenised by the C XML parser where that is safe.

openpyxl parses every sheet with defusedxml's ``iterparse``, which is the pure-Python
ElementTree parser (defusedxml needs its hooks): on a submission workbook about half of
the reading time is that tokeniser, not openpyxl's cell handling. ``sheet_rows`` gives the
same rows as ``ws.iter_rows(min_row, max_row, min_col=1, max_col)`` — openpyxl's own
``WorkSheetParser.parse_row`` and read-only cells, so values, types (formulas, errors,
dates, shared and inline strings) and number formats are openpyxl's — but tokenises with
the standard library's C parser, and hands openpyxl a plain inline string as the plain
string it is (``_flatten_inline``).

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
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import XMLPullParser

from openpyxl.worksheet._reader import ROW_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

CHUNK = 64 * 1024
INLINE_TAG = f"{{{SHEET_MAIN_NS}}}is"
TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
# Optional UTF-8 byte order mark and XML declaration, then only white space, comments and
# processing instructions, then the root element's name: no <!DOCTYPE anywhere before it.
_PLAIN_PROLOG = re.compile(
    rb"\A(?:\xef\xbb\xbf)?(?:<\?xml[^>]*\?>)?"
    rb"(?:[ \t\r\n]+|<!--(?:[^-]|-(?!-))*-->|<\?(?!xml[ \t\r\n?])[A-Za-z_][^>]*\?>)*<[A-Za-z_]")


def plain_prolog(head: bytes) -> bool:
    """``head`` (a document's first bytes) reaches its root element without a DTD."""
    return _PLAIN_PROLOG.match(head) is not None


def sheet_rows(ws: Any, min_row: int, max_row: int, max_col: int) -> Iterator[tuple[Any, ...]]:
    """Rows ``min_row``…``max_row`` (every one, empty ones as empty cells), columns 1…``max_col``.

    ``ws`` is a worksheet of a workbook opened with ``load_workbook(read_only=True)``.
    """
    with ws._get_source() as src:
        head = src.read(CHUNK)
        if not plain_prolog(head):
            yield from ws.iter_rows(min_row=min_row, max_row=max_row, min_col=1, max_col=max_col)
            return
        yield from _fast_rows(ws, src, head, min_row, max_row, max_col)


def _fast_rows(ws: Any, src: Any, head: bytes, min_row: int, max_row: int,
               max_col: int) -> Iterator[tuple[Any, ...]]:
    wb = ws.parent
    parser = WorkSheetParser(src, ws._shared_strings, data_only=wb.data_only, epoch=wb.epoch,
                             date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
    empty = ws._get_row([], 1, max_col)
    pull: XMLPullParser[Any] = XMLPullParser(events=("end",))
    counter = min_row
    chunk = head
    while chunk:
        pull.feed(chunk)
        events: Iterator[Any] = pull.read_events()
        for _event, element in events:
            if element.tag != ROW_TAG:
                continue
            for cell in element:
                if cell.get("t") == "inlineStr":
                    _flatten_inline(cell)
            idx, cells = parser.parse_row(element)
            element.clear()
            while counter < idx and counter <= max_row:  # rows the file leaves out are empty
                counter += 1
                yield empty
            if idx > max_row:
                return
            if counter == idx:
                counter += 1
                yield ws._get_row(cells, 1, max_col)
        chunk = src.read(CHUNK)
    pull.close()  # as openpyxl: no empty rows after the sheet's last row


def _flatten_inline(cell: Any) -> None:
    """``<c t="inlineStr"><is><t>text</t></is></c>`` as ``<c t="str"><v>text</v></c>``.

    openpyxl reads both as the string ``text`` (data type "s"), but builds a rich-text
    object for the first (about a third of reading an exported workbook). Only that plain
    form is rewritten; runs, phonetic text, formulas and empty text go through openpyxl.
    """
    if len(cell) != 1:
        return
    box = cell[0]
    if box.tag != INLINE_TAG or len(box) != 1:
        return
    text = box[0]
    if text.tag != TEXT_TAG or len(text) or not text.text:
        return
    cell.set("t", "str")
    box.tag = VALUE_TAG
    box.text = text.text
    box.remove(text)
