"""MeasuredTable draws what reportlab's Table draws; LazyRows makes rows on demand."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table

from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.long_table import LazyRows
from planDesk.core.printing.measured_table import MeasuredTable
from planDesk.core.printing.styles import GRID, grid_style, styles


def _rows() -> list[list[Any]]:
    st = styles()
    long = "デジタル技術を活用した行政手続のオンライン化を全庁的に推進し、窓口の待ち時間を短縮する。" * 3
    overview = [JaParagraph.plain(long, st.cell), JaParagraph.plain("・二行目", st.cell)]
    return [[JaParagraph.plain("概要", st.label), overview],
            [JaParagraph.plain("目標", st.label), JaParagraph.plain("①手続きのオンライン化（令和7年度）", st.cell)],
            ["", "文字列のセル"]]


def _stream(cls: type[Table], *, twice: bool) -> tuple[tuple[float, float], bytes]:
    buf = BytesIO()
    canvas = Canvas(buf, pagesize=A4, initialFontName=styles().gothic, pageCompression=0)
    table = cls(_rows(), colWidths=[50, 300], style=grid_style(0))
    size = table.wrapOn(canvas, 350, 800)
    if twice:  # as KeepTogether then the frame do: the second answer must be the same
        assert table.wrapOn(canvas, 350, 500) == size
    table.drawOn(canvas, 40, 400)
    canvas.showPage()
    canvas.save()
    data = buf.getvalue()
    return size, data[data.index(b"stream"):data.index(b"endstream")]


def test_measured_table_draws_what_table_draws() -> None:
    size, stream = _stream(Table, twice=False)
    assert _stream(MeasuredTable, twice=True) == (size, stream)
    assert size[1] > 40  # the long paragraph wrapped onto several lines


def test_lazy_rows_make_rows_on_demand_and_keep_the_last_ones() -> None:
    made: list[int] = []

    def make(i: int) -> list[Any]:
        made.append(i)
        return [f"row {i}"]

    rows = LazyRows(10_000, make, keep=8)
    assert len(rows) == 10_000 and made == []
    assert rows[3] == ["row 3"] and rows[-1] == ["row 9999"]
    assert rows[3] is rows[3]  # kept: made once
    assert [r[0] for r in rows[5:8]] == ["row 5", "row 6", "row 7"]
    for i in range(100):
        rows[i]
    assert made.count(3) == 1
    assert len(rows._made) <= 16  # rows far behind are let go
    rows[3]
    assert made.count(3) == 2  # made again, the same
    with pytest.raises(IndexError):
        rows[10_000]


def test_a_keyed_style_is_applied_once_per_shape_and_draws_the_same() -> None:
    """``style_key``: tables of one key take the cell styles and commands made for the first
    table of their shape; every one draws what a table styled the ordinary way draws."""
    st = styles()
    cmds = [*grid_style(), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 0.8, GRID)]

    def stream(rows: int, key: str | None) -> bytes:
        buf = BytesIO()
        canvas = Canvas(buf, pagesize=A4, initialFontName=st.gothic, pageCompression=0)
        data = [[JaParagraph.plain(f"行{i}", st.cell), f"値{i}"] for i in range(rows)]
        table = MeasuredTable(data, colWidths=[80, 120], style=list(cmds), style_key=key)
        table.wrapOn(canvas, 200, 800)
        table.drawOn(canvas, 40, 400)
        canvas.showPage()
        canvas.save()
        pdf = buf.getvalue()
        return pdf[pdf.index(b"stream"):pdf.index(b"endstream")]

    for rows in (1, 3, 1, 3, 2):
        assert stream(rows, "test_keyed") == stream(rows, None)


def _long_table_pdf(monkeypatch: pytest.MonkeyPatch, *, shared: bool) -> bytes:
    from reportlab import rl_config
    from reportlab.platypus import SimpleDocTemplate

    from planDesk.core.printing import long_table
    from planDesk.core.printing.long_table import LongTable

    monkeypatch.setattr(rl_config, "invariant", 1)
    if not shared:  # every piece styled by reportlab's setStyle
        monkeypatch.setattr(long_table._PieceStyles, "_uniform", lambda self, cmd: False)
    st = styles()
    header = [[JaParagraph.plain(h, st.header_cell) for h in ("コード", "取組", "状況")]]
    body = LazyRows(300, lambda i: [JaParagraph.plain(f"①－{i}", st.cell),
                                    JaParagraph.plain("取組の名前" * (1 + i % 4), st.cell),
                                    JaParagraph.plain("実施状況の説明です。" * (1 + i % 7), st.cell)])
    cmds = [*grid_style(), ("LEFTPADDING", (0, 0), (-1, -1), 3), ("TEXTCOLOR", (0, 0), (-1, 0), GRID)]

    def row_cmds(i: int, r: int) -> list[tuple[Any, ...]]:
        return [("BACKGROUND", (0, r), (-1, r), GRID), ("VALIGN", (0, r), (-1, r), "MIDDLE")] if i % 9 == 0 else []

    buf = BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([LongTable(header, body, [60, 160, 250], cmds, row_cmds,
                                                         split_in_row=True)])
    return buf.getvalue()


def test_long_table_pieces_styled_once_print_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole-table commands are applied to the first piece and copied to the others
    (long_table._PieceStyles): the file is byte for byte the one reportlab's way makes."""
    shared = _long_table_pdf(monkeypatch, shared=True)
    monkeypatch.undo()
    assert shared.count(b"/Type /Page\n") > 3
    assert shared == _long_table_pdf(monkeypatch, shared=False)
