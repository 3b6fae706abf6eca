"""``put`` finds a style combination once per workbook and gives later fresh cells a copy
of it: the saved workbook is byte for byte the one openpyxl's own assignments make."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection

from planDesk.core.xlsx.styles import BOLD, CENTER, GRID, HEADER_FILL, INPUT_FILL, UNLOCKED, WRAP_TOP, put

CASES: list[dict[str, Any]] = [
    {},
    {"font": BOLD, "fill": HEADER_FILL, "align": CENTER},
    {"fill": INPUT_FILL, "number_format": "@", "protection": UNLOCKED},
    {"fill": INPUT_FILL, "number_format": "#,##0.##", "protection": UNLOCKED},
    {"border": None, "align": None, "font": BOLD},
]


def _direct(cell: Any, value: Any, *, font: Any = None, fill: Any = None, border: Any = GRID,
            align: Any = WRAP_TOP, number_format: Any = None, protection: Any = None) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith("="):
            cell.quotePrefix = True
    for name, style in (("font", font), ("fill", fill), ("border", border), ("alignment", align),
                        ("number_format", number_format), ("protection", protection)):
        if style is not None:
            setattr(cell, name, style)


def test_cells_look_as_openpyxl_makes_them(tmp_path: Path) -> None:
    ours, theirs = Workbook(), Workbook()
    a, b = ours.active, theirs.active
    assert a is not None and b is not None
    values = ["text", 12.5, None, "=not a formula", "again"]
    for row in range(1, 4):  # the second and third rows come from the cache
        for col, (case, value) in enumerate(zip(CASES, values, strict=True), start=1):
            put(a.cell(row, col), value, **case)
            _direct(b.cell(row, col), value, **case)
    # a cell styled before keeps what it had and gets what put adds
    a["A9"].font = Font(italic=True)
    b["A9"].font = Font(italic=True)
    put(a["A9"], "x", fill=PatternFill("solid", start_color="FF0000"))
    _direct(b["A9"], "x", fill=PatternFill("solid", start_color="FF0000"))
    put(a["B9"], "y", align=Alignment(horizontal="right"), protection=Protection(locked=False, hidden=True))
    _direct(b["B9"], "y", align=Alignment(horizontal="right"), protection=Protection(locked=False, hidden=True))
    ours.save(tmp_path / "ours.xlsx")
    theirs.save(tmp_path / "theirs.xlsx")
    with zipfile.ZipFile(tmp_path / "ours.xlsx") as za, zipfile.ZipFile(tmp_path / "theirs.xlsx") as zb:
        for part in ("xl/styles.xml", "xl/worksheets/sheet1.xml"):
            assert za.read(part) == zb.read(part), part
    read = load_workbook(tmp_path / "ours.xlsx").active
    assert read is not None
    assert read["D2"].quotePrefix and read["D2"].data_type == "s" and read["D2"].value == "=not a formula"
    assert read["C3"].protection.locked is False and read["C3"].number_format == "@"
    assert read["B2"].font.b and read["B2"].fill.fgColor.rgb.endswith("D9E1F2")
    assert read["A9"].font.i and read["A9"].fill.fgColor.rgb.endswith("FF0000")
