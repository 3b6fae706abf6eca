"""The PDF checks of tests/pdf_helpers.py catch what they should.

A PDF passes when all its fonts are embedded (a FontFile2 per font), it has an outline,
metadata and /Lang ja, its text has no U+FFFD, and every character of its text exists in
the bundled fonts (a character missing from a font prints as an empty box while the text
layer still reads correctly — the cmap check is what catches it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_helpers import check_pdf, font_embedding, missing_glyphs


def test_missing_glyph_detection_catches_characters_outside_the_fonts() -> None:
    assert missing_glyphs("日立市デジタル化推進 ①－１－１ 令和５年度") == set()
    assert missing_glyphs("𠮷野家🙂") >= {"🙂"}


def test_check_pdf_rejects_an_unembedded_font(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "plain.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "hello")
    canvas.save()
    assert font_embedding(path) == {"/Helvetica": False}
    with pytest.raises(AssertionError):
        check_pdf(path)
