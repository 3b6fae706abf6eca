"""The shared page furniture: paper sizes, header/footer, n / N, bookmarks, metadata, tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pdf_helpers import check_pdf, outline_titles, pdf_pages
from pypdf import PdfReader
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Table

from planDesk.core.printing.document import DocInfo, outlined, write_pdf
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.styles import grid_style, styles

INFO = DocInfo("実績報告書", "テスト市アクションプラン", "テスト市", "令和3年度", created=date(2024, 4, 1))


def _doc(tmp_path: Path) -> Path:
    st = styles()
    out = tmp_path / "doc.pdf"
    flow = [
        JaParagraph.plain("表紙", st.title),  # the cover page: no header or footer
        PageBreak(),
        outlined(JaParagraph.plain("第１章", st.h1), "第１章", 0),
        outlined(JaParagraph.plain("第１節", st.h2), "第１節", 1),
        NextPageTemplate("A4L"), PageBreak(),
        outlined(JaParagraph.plain("横向きの頁", st.h2), "横向き", 3),  # a skipped level is clamped
        NextPageTemplate("A3L"), PageBreak(),
        outlined(JaParagraph.plain("Ａ３の頁", st.h1), "Ａ３", 0),
    ]
    pages = write_pdf(out, INFO, flow, cover=True)
    assert pages == 4
    return out


def test_paper_sizes_follow_the_page_templates(tmp_path: Path) -> None:
    reader = PdfReader(str(_doc(tmp_path)))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    assert sizes == [(595, 842), (595, 842), (842, 595), (1191, 842)]


def test_header_footer_and_page_numbers(tmp_path: Path) -> None:
    pages = pdf_pages(_doc(tmp_path))
    assert "テスト市アクションプラン" not in pages[0]  # the cover is bare
    for n, text in enumerate(pages[1:], start=2):
        assert "テスト市アクションプラン" in text
        assert "実績報告書" in text and "令和3年度" in text
        assert "作成日 令和6年4月1日" in text
        assert re.search(rf"\b{n} /\s*4\b", text), text


def test_metadata_language_and_bookmarks(tmp_path: Path) -> None:
    out = _doc(tmp_path)
    check_pdf(out, must_contain=["第１章", "横向きの頁"], pages=4)
    meta = PdfReader(str(out)).metadata
    assert meta is not None
    assert meta.title == "テスト市アクションプラン 実績報告書"
    assert meta.author == "テスト市"
    assert outline_titles(out) == ["第１章", "第１節", "横向き", "Ａ３"]
    outline = PdfReader(str(out)).outline
    assert isinstance(outline[1], list) and len(outline[1]) == 2  # 第１節 and 横向き under 第１章


def test_long_tables_split_with_the_header_row_repeated(tmp_path: Path) -> None:
    st = styles()
    rows = [[JaParagraph.plain("番号", st.header_cell), JaParagraph.plain("内容", st.header_cell)]]
    rows += [[JaParagraph.plain(str(i), st.cell), JaParagraph.plain(f"取組の内容　その{i}", st.cell)]
             for i in range(1, 201)]
    out = tmp_path / "table.pdf"
    flow = [outlined(JaParagraph.plain("一覧", st.h1), "一覧", 0),
            Table(rows, colWidths=[60, 300], repeatRows=1, style=grid_style())]
    pages = write_pdf(out, INFO, flow)
    assert pages >= 4
    texts = pdf_pages(out)
    assert all("番号" in t and "内容" in t for t in texts)
    assert "取組の内容　その200" in texts[-1] or "その200" in texts[-1]


def test_a_failed_build_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"old")

    class Boom(JaParagraph):
        def wrap(self, w: float, h: float) -> tuple[float, float]:
            raise RuntimeError("layout failed")

    with pytest.raises(RuntimeError):
        write_pdf(out, INFO, [Boom.plain("x", styles().body)])
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]


def test_a_long_story_is_made_as_layout_reaches_it(tmp_path: Path) -> None:
    """A generator story is consumed a few flowables ahead of the page being drawn (memory
    flat in a printout's length, issue 17), and every flowable still prints in order."""
    st = styles()
    made = 0
    made_when_drawn: list[int] = []

    class Seen(JaParagraph):
        def draw(self) -> None:
            made_when_drawn.append(made)
            super().draw()

    def story() -> Iterator[Flowable]:
        nonlocal made
        for i in range(1, 401):
            made += 1
            yield Seen.plain(f"段落その{i}", st.body)
            if i % 20 == 0:
                made += 1
                yield PageBreak()

    out = tmp_path / "lazy.pdf"
    pages = write_pdf(out, INFO, story())
    assert pages == 20
    assert made == 420 and len(made_when_drawn) == 400
    assert made_when_drawn[0] < 100  # the first page was drawn long before the story's end
    texts = pdf_pages(out)
    assert "段落その1" in texts[0] and "段落その20" in texts[0] and "段落その21" not in texts[0]
    assert "段落その400" in texts[-1] and "段落その380" not in texts[-1]
