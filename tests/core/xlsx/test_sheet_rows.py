"""``sheet_rows`` (core/xlsx/rows.py) reads exactly what openpyxl's read-only ``iter_rows`` reads.

Every kind of cell a submission can hold — inline and shared strings, rich text with
phonetic runs, numbers, percentages, dates, booleans, formulas (plain, shared, array),
errors, empty and missing rows, cells without a reference — is compared cell by cell
(value, type, number format, position); a sheet whose prolog declares a DTD goes through
openpyxl's defused parser and is refused as before.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from planDesk.core.xlsx.rows import FormulaFound, plain_prolog, sheet_rows, sheet_values


def _workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "s"
    ws["A1"] = "plain text"
    ws["B1"] = 12
    ws["C1"] = 3.25
    ws["D1"] = 0.764
    ws["D1"].number_format = "0.0%"
    ws["E1"] = datetime(2025, 4, 1)
    ws["F1"] = True
    ws["A2"] = "=1+1"
    ws["B2"] = "  spaced\nlines  "
    ws["C2"] = "_x0007_bell"
    ws["A5"] = "after a gap"
    ws["C5"] = -1e-9
    ws["B7"] = ""
    wb.save(path)
    return path


def _rewrite(path: Path, sheet: str, change: Any) -> Path:
    with zipfile.ZipFile(path) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    entries[sheet] = change(entries[sheet])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path


EXTRA_ROWS = (
    b'<row r="9"><c r="A9" t="inlineStr"><is><r><t>run one</t></r><r><rPr><b/></rPr><t>two</t></r>'
    b'<rPh sb="0" eb="1"><t>\xe3\x82\xa2</t></rPh></is></c>'
    b'<c r="B9" t="inlineStr"><is><t>plain</t><rPh sb="0" eb="1"><t>\xe3\x83\x97</t></rPh></is></c>'
    b'<c r="C9" t="inlineStr"><is><t></t></is></c><c r="D9" t="inlineStr"><is/></c>'
    b'<c r="E9" t="inlineStr"><f>"x"</f><is><t>x</t></is></c></row>'
    b'<row r="10"><c r="A10"><f t="shared" ref="A10:B10" si="0">1+1</f><v>2</v></c>'
    b'<c r="B10"><f t="shared" si="0"/><v>2</v></c><c r="C10" t="e"><v>#N/A</v></c>'
    b'<c r="D10" t="str"><f>"A"</f><v>A</v></c><c r="E10" t="b"><v>0</v></c></row>'
    b'<row r="11"><c t="inlineStr"><is><t>no ref</t></is></c><c><v>7</v></c></row>'
    b'<row><c r="A12" t="n"><v>1.5E3</v></c></row>'
    # cells without a reference after a formula, an error, a boolean
    b'<row r="13"><c t="e"><v>#DIV/0!</v></c><c><f>2*2</f><v>4</v></c><c t="b"><v>1</v></c>'
    b'<c t="inlineStr"><is><t>after</t></is></c><c><v>-0.5</v></c></row>'
    # a reference naming another row, a cell beyond every window, explicit types, no value
    b'<row r="14"><c r="A14" t="n"><v>7</v></c><c r="B15" t="inlineStr"><is><t>elsewhere</t></is></c>'
    b'<c r="C14" t="str"><v>plain str</v></c><c r="D14" t="s"/><c r="E14" t="n"/><c r="F14"><v></v></c>'
    b'<c r="H14"><v>8</v></c></row>'
)


def _rows(ws: Any, rows: Any) -> list[list[tuple[Any, ...]]]:
    out = []
    for row in rows:
        out.append([(getattr(c, "row", None), getattr(c, "column", None), str(c.value), c.data_type,
                     getattr(c, "number_format", None)) for c in row])
    return out


def _extended(tmp_path: Path) -> Path:
    """The test workbook with EXTRA_ROWS (every cell form) after its own rows."""
    return _rewrite(_workbook(tmp_path / "wb.xlsx"), "xl/worksheets/sheet1.xml",
                    lambda x: x.replace(b"</sheetData>", EXTRA_ROWS + b"</sheetData>"))


@pytest.mark.parametrize("window", [(1, 12, 5), (1, 20, 6), (2, 4, 2), (5, 5, 3), (9, 11, 5), (30, 31, 2),
                                    (13, 14, 6), (14, 14, 8)])
def test_same_rows_as_openpyxl(tmp_path: Path, window: tuple[int, int, int]) -> None:
    path = _extended(tmp_path)
    lo, hi, width = window
    wb = load_workbook(path, read_only=True)
    try:
        ws = wb["s"]
        expected = _rows(ws, ws.iter_rows(min_row=lo, max_row=hi, min_col=1, max_col=width))
        got = _rows(ws, sheet_rows(ws, lo, hi, width))
    finally:
        wb.close()
    assert got == expected


@pytest.mark.parametrize("only", [(1, 3), (2,), (), (1, 2, 3, 4, 5, 6)])
def test_only_the_columns_asked_for(tmp_path: Path, only: tuple[int, ...]) -> None:
    path = _extended(tmp_path)
    wb = load_workbook(path, read_only=True)
    try:
        ws = wb["s"]
        expected = _rows(ws, ws.iter_rows(min_row=1, max_row=14, min_col=1, max_col=6))
        got = _rows(ws, sheet_rows(ws, 1, 14, 6, only=only))
    finally:
        wb.close()
    assert len(got) == len(expected)
    for want, have in zip(expected, got, strict=True):
        for col, (a, b) in enumerate(zip(want, have, strict=True), start=1):
            assert b == a if col in only else b in (a, (None, None, "None", "n", None))


WINDOWS = [(1, 12, 5), (1, 1, 6), (3, 8, 3), (5, 5, 3), (9, 9, 5), (10, 10, 2), (11, 12, 3), (13, 13, 1),
           (13, 13, 2), (14, 14, 8), (30, 31, 2)]


@pytest.mark.parametrize("window", WINDOWS)
def test_values_as_openpyxl_or_the_first_formula(tmp_path: Path, window: tuple[int, int, int]) -> None:
    path = _extended(tmp_path)
    lo, hi, width = window
    wb = load_workbook(path, read_only=True)
    try:
        ws = wb["s"]
        expected: list[Any] = []
        for row in ws.iter_rows(min_row=lo, max_row=hi, min_col=1, max_col=width):
            formulas = [(c.row, c.column) for c in row if c.data_type == "f"]
            if formulas:
                expected.append(formulas[0])
                break
            expected.append(tuple(c.value for c in row))
        got: list[Any] = []
        try:
            got.extend(sheet_values(ws, lo, hi, width))
        except FormulaFound as exc:
            got.append((exc.row, exc.column))
    finally:
        wb.close()
    assert got == expected


def test_shared_strings_as_excel_saves_them(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "wb.xlsx")
    # What a re-save by Excel looks like: the strings in xl/sharedStrings.xml, cells t="s".
    with zipfile.ZipFile(path) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    texts: list[bytes] = []

    def to_shared(m: re.Match[bytes]) -> bytes:
        texts.append(m.group(2))
        return m.group(1) + b' t="s"><v>' + str(len(texts) - 1).encode() + b"</v></c>"

    sheet = re.sub(rb'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', to_shared,
                   entries["xl/worksheets/sheet1.xml"])
    entries["xl/worksheets/sheet1.xml"] = sheet
    entries["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"".join(b"<si><t>" + t + b"</t></si>" for t in texts) + b"</sst>")
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    entries["xl/_rels/workbook.xml.rels"] = entries["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    assert texts
    wb = load_workbook(path, read_only=True)
    try:
        ws = wb["s"]
        expected = _rows(ws, ws.iter_rows(min_row=1, max_row=7, min_col=1, max_col=6))
        got = _rows(ws, sheet_rows(ws, 1, 7, 6))
    finally:
        wb.close()
    assert got == expected
    assert got[0][0][2] == "plain text"


def test_a_long_prolog_goes_through_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (A DTD never gets here: openpyxl's defused parser refuses it when the workbook is opened.)
    path = _rewrite(_workbook(tmp_path / "wb.xlsx"), "xl/worksheets/sheet1.xml", lambda x: x.replace(
        b"<worksheet", b"<!--" + b"x" * 70_000 + b"--><worksheet", 1))
    from planDesk.core.xlsx import rows

    def no_fast_path(*_args: Any) -> Any:
        raise AssertionError("the fast path was taken")

    monkeypatch.setattr(rows, "_fast_rows", no_fast_path)
    wb = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    try:
        ws = wb["s"]
        expected = _rows(ws, ws.iter_rows(min_row=1, max_row=5, min_col=1, max_col=3))
        got = _rows(ws, sheet_rows(ws, 1, 5, 3))
    finally:
        wb.close()
    assert got == expected
    assert got[0][0][2] == "plain text"


@pytest.mark.parametrize(("head", "plain"), [
    (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="x">', True),
    (b"\xef\xbb\xbf<worksheet>", True),
    (b"<!-- a - comment --><?mso-app x?>\r\n\t<worksheet>", True),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "a">]><r>', False),
    (b'<?xml version="1.0"?><!-- never closed <worksheet>', False),
    (b"<?xml version='1.0'?><?xml version='1.0'?><worksheet>", False),
    (b"\xff\xfe<\x00w\x00", False),  # UTF-16: read by the defused parser
    (b"", False),
])
def test_plain_prolog(head: bytes, plain: bool) -> None:
    assert plain_prolog(head) is plain
