"""The direct painter writes exactly the operators reportlab's Paragraph.drawOn writes."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.painter import paint_plain
from planDesk.core.printing.styles import styles, variant
from planDesk.core.roadmap.pdf_text import split_subsets

# more distinct characters than one font subset holds (256): lines change subset midway
_MANY = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 700, 2))


def _texts() -> list[str]:
    return [
        "概要",
        "デジタル技術を活用した行政手続のオンライン化を全庁的に推進し、窓口の待ち時間を短縮する。" * 2,
        "括弧(と)バックスラッシュ\\と<山括弧>&アンド",
        "令和7年度　76.4%（R5比 +3.2pt）、手続き　119 → 180",
        "句読点がぶら下がる。。。。。。。。。。。。。。。。。。。。。。。。。。。。。。。",
        _MANY,
        "",
    ]


def _canvas() -> Canvas:
    return Canvas(BytesIO(), initialFontName=styles().gothic, initialFontSize=9, pageCompression=0)


def _both(make: Any, width: float) -> tuple[list[str], list[str], bool]:
    """The canvas code of reportlab's drawing and of the painter's, for the same paragraphs
    (drawn twice each: the second time every character already has its code)."""
    ordinary, direct = _canvas(), _canvas()
    painted = True
    for canvas, fast in ((ordinary, False), (direct, True)):
        for _ in range(2):
            for i, text in enumerate(_texts()):
                par = make(text)
                par.wrapOn(canvas, width, 1000)
                if fast:
                    painted = paint_plain(par, canvas, 30 + i, 500.5 - i) and painted
                    if not painted:
                        Paragraph.drawOn(par, canvas, 30 + i, 500.5 - i)
                else:
                    Paragraph.drawOn(par, canvas, 30 + i, 500.5 - i)
    return ordinary._code, direct._code, painted


@pytest.mark.parametrize("name", ["cell", "cell_center", "cell_right", "body_indent", "bullet", "label", "h2"])
@pytest.mark.parametrize("width", [40.0, 160.0, 600.0])
def test_painter_writes_what_reportlab_writes(name: str, width: float) -> None:
    style = getattr(styles(), name)
    ordinary, direct, painted = _both(lambda t: JaParagraph.plain(t, style), width)
    assert painted
    assert direct == ordinary
    assert any("Tj" in op for op in direct)


def test_a_split_paragraph_is_painted_the_same() -> None:
    style = styles().body
    ordinary, direct = _canvas(), _canvas()
    for canvas, fast in ((ordinary, False), (direct, True)):
        par = JaParagraph.plain(_texts()[1] * 3, style)
        par.wrapOn(canvas, 120, 1000)
        for part in par.split(120, 60):
            part.wrapOn(canvas, 120, 1000)
            if not (fast and paint_plain(part, canvas, 20, 300)):
                Paragraph.drawOn(part, canvas, 20, 300)
    assert direct._code == ordinary._code


def test_what_the_painter_does_not_know_is_left_to_reportlab() -> None:
    st = styles()
    canvas = _canvas()
    boxed = variant(st.cell, "test_painter_boxed", backColor=Color(0.9, 0.9, 0.9))
    justified = variant(st.cell, "test_painter_justified", alignment=TA_JUSTIFY)
    for par in (JaParagraph.plain("背景つき", boxed), JaParagraph.plain("両端揃え", justified),
                JaParagraph("<u>下線</u>つき", st.cell)):
        par.wrapOn(canvas, 100, 100)
        before = list(canvas._code)
        assert not paint_plain(par, canvas, 10, 10)
        assert canvas._code == before
    # JaParagraph.drawOn still draws them (reportlab's way)
    par = JaParagraph.plain("背景つき", boxed)
    par.wrapOn(canvas, 100, 100)
    par.drawOn(canvas, 10, 10)
    assert " re f" in "\n".join(canvas._code)


def test_split_subsets_matches_the_fonts_own_split() -> None:
    font = getFont(styles().gothic)
    canvas = _canvas()
    doc = canvas._doc
    texts = [*_texts(), "ノーブレーク\xa0スペース", "\u0001制御文字"]
    for text in texts:  # the first time through the font itself (codes are assigned)
        assert split_subsets(font, text, doc) == font.splitString(text, doc)
    for text in texts:  # then without its loop, the same answer
        assert split_subsets(font, text, doc) == font.splitString(text, doc)
