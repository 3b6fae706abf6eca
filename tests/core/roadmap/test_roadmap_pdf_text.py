"""pdf_text.paint_string writes what reportlab's drawString writes."""

from __future__ import annotations

from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from planDesk.core import fonts as pdf_fonts
from planDesk.core.roadmap.pdf_text import paint_string

_LABELS = ["設計", "システム構築・試行運用", "(括弧)と\\", "", "令和7年度 → 8年度",
           "".join(chr(c) for c in range(0x4E00, 0x4E00 + 600, 2))]  # more than one font subset


def _code(direct: bool) -> list[str]:
    pdf_fonts.register_fonts()
    canvas = Canvas(BytesIO(), initialFontName=pdf_fonts.GOTHIC, pageCompression=0)
    for round_ in range(2):  # the second time every character has its code already
        for i, text in enumerate(_LABELS):
            canvas.setFont(pdf_fonts.GOTHIC_BOLD if i % 2 else pdf_fonts.GOTHIC, 7 + round_)
            if not (direct and paint_string(canvas, 10.25 + i, 700 - 12.5 * i, text)):
                canvas.drawString(10.25 + i, 700 - 12.5 * i, text)
    return list(canvas._code)


def test_paint_string_writes_what_draw_string_writes() -> None:
    assert _code(direct=True) == _code(direct=False)


def test_a_font_it_does_not_know_goes_reportlabs_way() -> None:
    canvas = Canvas(BytesIO(), pageCompression=0)
    canvas.setFont("Helvetica", 9)
    before = list(canvas._code)
    assert not paint_string(canvas, 0, 0, "abc")
    assert canvas._code == before
