"""The roadmap's font widths: fontTools' reading, the tables kept beside the fonts, and
an independent parser (reportlab's) all agree."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from planDesk.core import fonts
from planDesk.core.roadmap.fontfile import TABLE_SUFFIX, FontFile, read_advances

MEASURED = (fonts.GOTHIC, fonts.GOTHIC_BOLD)  # the fonts the roadmap measures with


@pytest.mark.parametrize("name", MEASURED)
def test_the_kept_table_is_what_fonttools_reads(name: str) -> None:
    font = Path(fonts.font_file(name))
    table = font.with_name(font.stem + TABLE_SUFFIX)
    assert table.is_file(), f"run: python -m planDesk.core.roadmap.fontfile {font}"
    assert json.loads(table.read_text(encoding="utf-8")) == read_advances(font)


@pytest.mark.parametrize("name", MEASURED)
def test_widths_equal_an_independent_parser(name: str) -> None:
    path = fonts.font_file(name)
    ours = FontFile(path)
    theirs = TTFontFile(str(path))  # reportlab: widths in 1/1000 em
    assert len(theirs.charWidths) > 10_000
    for code, width in theirs.charWidths.items():
        assert ours.widths[chr(code)] * 1000 == pytest.approx(width, abs=0.5), hex(code)
    assert ours.widths["\U0010fffd"] == ours.default  # not in the font: .notdef's advance
    assert 0.8 < ours.ascent < 1 and -0.2 < ours.descent < 0


def test_a_font_without_a_table_is_read_with_fonttools(tmp_path: Path) -> None:
    copy = tmp_path / "Other.ttf"
    shutil.copyfile(fonts.font_file(fonts.GOTHIC), copy)
    kept = FontFile(fonts.font_file(fonts.GOTHIC))
    direct = FontFile(copy)
    for ch in "令和５年度 ①－１－１ DX推進":
        assert direct.widths[ch] == kept.widths[ch]
