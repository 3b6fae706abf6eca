"""Reading printouts back: the PDF checks every test_printing_* module uses.

A PDF passes when all its fonts are embedded (a FontFile2 per font), it has an outline,
metadata and /Lang ja, its text has no U+FFFD, and every character of its text exists in
the bundled fonts (a character missing from a font prints as an empty box while the text
layer still reads correctly — the cmap check is what catches it).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import getFont

from planDesk.core.fonts import register_fonts


def squash(text: str) -> str:
    """Text without whitespace: extracted lines break wherever the layout wrapped."""
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


@cache
def _font_chars() -> frozenset[int]:
    faces = [getFont(name).face.charToGlyph for name in register_fonts()]
    common = set(faces[0])
    for face in faces[1:]:
        common &= set(face)
    return frozenset(common)


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` that some bundled font cannot draw."""
    chars = _font_chars()
    return {ch for ch in text if not ch.isspace() and ord(ch) not in chars}


def font_embedding(path: Path) -> dict[str, bool]:
    """Base font name → whether the font program is embedded (FontFile2/FontFile3)."""
    out: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            out[str(font["/BaseFont"])] = "/FontFile2" in desc or "/FontFile3" in desc
    return out


def outline_titles(path: Path) -> list[str]:
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item["/Title"]))  # type: ignore[index]

    walk(PdfReader(str(path)).outline)
    return titles


def check_pdf(path: Path, *, must_contain: list[str] = (), pages: int | None = None) -> str:  # type: ignore[assignment]
    """Assert the house rules for a printout; return its text (pages joined)."""
    reader = PdfReader(str(path))
    if pages is not None:
        assert len(reader.pages) == pages
    embedding = font_embedding(path)
    assert embedding and all(embedding.values()), embedding
    assert all("BIZUD" in name for name in embedding), embedding
    assert outline_titles(path), "no bookmarks"
    assert reader.trailer["/Root"].get("/Lang") == "ja"
    assert reader.metadata and reader.metadata.title and reader.metadata.author
    text = "\n".join(pdf_pages(path))
    assert "\ufffd" not in text
    assert not missing_glyphs(text), missing_glyphs(text)
    flat = squash(text)
    absent = [s for s in must_contain if squash(s) not in flat]
    assert not absent, absent[:5]
    return text
