"""Printouts are written object by object, their page streams spooled to a temporary file
(issue 17: the 30,000-initiative booklet's memory): the file must be the one reportlab
would have written, with a valid cross-reference table."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pdf_helpers import check_pdf, outline_titles, pdf_pages
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from planDesk.core.printing import document
from planDesk.core.printing.document import DocInfo, outlined, write_pdf
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.styles import styles

INFO = DocInfo("実績報告書", "テスト市アクションプラン", "テスト市", "令和3年度", created=date(2024, 4, 1))
PAGES = 30


def _story() -> Iterator[Flowable]:
    st = styles()
    yield JaParagraph.plain("表紙", st.title)
    yield PageBreak()
    for page in range(2, PAGES + 1):
        if page == PAGES:
            yield NextPageTemplate("A3L")
        yield outlined(JaParagraph.plain(f"第{page}頁の見出し", st.h1), f"見出し{page}", 0)
        yield from (JaParagraph.plain(f"本文その{page}の{i}：進捗状況を確認する", st.body) for i in range(12))
        if page < PAGES:
            yield PageBreak()


def _write(out: Path) -> int:
    return write_pdf(out, INFO, _story(), cover=True)


def _xref_points_at_every_object(data: bytes) -> int:
    """Every in-use entry of the (single) cross-reference table gives the offset of
    ``n 0 obj``; returns the number of objects."""
    start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    assert data[start:start + 4] == b"xref"
    head = re.match(rb"xref\s+0 (\d+)\s+", data[start:])
    assert head is not None
    count = int(head.group(1))
    table = data[start + head.end():].split(b"\n", count)[:count]
    for number, entry in enumerate(table):
        offset, _gen, kind = entry.split()[:3]
        if kind == b"n":
            assert data[int(offset):].startswith(b"%d 0 obj" % number), (number, int(offset))
    return count - 1


def test_the_streamed_file_has_reportlabs_own_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no time stamps or random ids
    streamed = tmp_path / "streamed.pdf"
    assert _write(streamed) == PAGES
    # reportlab's ordinary path: pages kept in memory, the whole file joined at save
    monkeypatch.setattr(document, "StreamingCanvas", Canvas)
    monkeypatch.setattr(document, "SpooledStream", lambda spool, content: PDFStream(content=content))
    plain = tmp_path / "plain.pdf"
    assert _write(plain) == PAGES
    assert streamed.read_bytes() == plain.read_bytes()


def test_the_streamed_file_reads_back_whole(tmp_path: Path) -> None:
    out = tmp_path / "doc.pdf"
    assert _write(out) == PAGES
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert _xref_points_at_every_object(data) > PAGES
    reader = PdfReader(str(out), strict=True)
    assert len(reader.pages) == PAGES
    check_pdf(out, must_contain=["第2頁の見出し", f"本文その{PAGES}の11"], pages=PAGES)
    texts = pdf_pages(out)
    assert "本文その2の0" in texts[1] and re.search(rf"\b2 /\s*{PAGES}\b", texts[1])
    assert f"第{PAGES}頁の見出し" in texts[-1] and "本文その29" not in texts[-1]
    assert outline_titles(out)[-1] == f"見出し{PAGES}"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]  # no temporary file left beside it
