"""The roadmap on paper: tiling, repeated headers and labels, fonts, and the PDF and the
screen painter drawing the same primitives."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from reportlab.pdfgen.canvas import Canvas
from roadmap_plans import FakeMeasurer, plan, tiny_plan

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id
from planDesk.core.roadmap.layout import RoadmapLayout, layout_roadmap
from planDesk.core.roadmap.measure import FontMeasurer
from planDesk.core.roadmap.pages import tile_layout, x_slices, y_bands
from planDesk.core.roadmap.pdf import draw_layout_on_canvas, export_roadmap_pdf
from planDesk.core.roadmap.style import style
from planDesk.gui.roadmap.painter import QtRowCache, QtStyles, paint_viewport

TODAY = date(2024, 10, 16)


@pytest.fixture
def hitachinaka(sample_db: Path) -> PlanView:
    store = Store.open(str(sample_db))
    try:
        with store.read() as session:
            return load_plan(session, resolve_plan_id(session, "hitachinaka"))
    finally:
        store.close()


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_time_axis_is_cut_at_fiscal_years_then_quarters() -> None:
    layout = layout_roadmap(tiny_plan(), measurer=FakeMeasurer(), today=TODAY, zoom="quarter")  # 384 pt a year
    assert x_slices(layout, 2000) == [(200, 200 + 3 * 384)]
    assert x_slices(layout, 800) == [(200, 968), (968, 1352)]  # two years, then one
    assert x_slices(layout, 300) == [(200 + 96 * 3 * i, 200 + 96 * 3 * (i + 1)) for i in range(4)]
    assert len(x_slices(layout, 20)) == 58  # narrower than a month: plain cuts


def test_rows_are_banded_without_orphan_group_rows() -> None:
    layout = layout_roadmap(tiny_plan(), measurer=FakeMeasurer(), today=TODAY)
    # rows: policy 20, item 18, initiative 77, initiative 32
    assert y_bands(layout, 1000) == [range(0, 4)]
    assert y_bands(layout, 120) == [range(0, 3), range(3, 4)]
    # an initiative taller than the page gets a page of its own
    assert y_bands(layout, 60) == [range(0, 2), range(2, 3), range(3, 4)]
    a, b = tiny_plan().groups[0].groups[0].initiatives
    two_items = layout_roadmap(plan({1: (a,), 2: (b,)}), measurer=FakeMeasurer(), today=TODAY)
    # rows: policy 20, item 18, initiative 77, item 18, initiative 32: 140 pt would end the
    # first page with the second item's heading; it moves to the next page
    assert [(r.kind, r.depth) for r in two_items.rows] == [
        ("group", 0), ("group", 1), ("initiative", 2), ("group", 1), ("initiative", 2)]
    assert y_bands(two_items, 140) == [range(0, 3), range(3, 5)]
    tiles = tile_layout(layout, 200 + 500, 18 + 120)
    assert [(t.column, t.band, t.rows) for t in tiles] == [
        (0, 0, range(0, 3)), (0, 1, range(3, 4)), (1, 0, range(0, 3)), (1, 1, range(3, 4))]
    assert (tiles[0].y0, tiles[0].y1) == (18, 133)


def test_a3_pdf_of_the_sample_repeats_header_labels_and_legend(hitachinaka: PlanView, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    pages = export_roadmap_pdf(out, hitachinaka, today=TODAY)
    texts = pages_text(out)
    assert pages == len(texts) == 3
    codes = [f"{ini.code} " for ini in hitachinaka.initiatives()]  # as the label starts
    for n, text in enumerate(texts, start=1):
        for fy in ("令和5年度", "令和6年度", "令和7年度"):
            assert fy in text
        assert "取組事項" in text and "凡例" in text and "報告なし" in text
        assert f"{n} / 3" in text
        assert "ひたちなか市デジタル化推進アクションプラン" in text
    # every initiative on exactly one page, in plan order
    found = [next(i for i, t in enumerate(texts) if code in t) for code in codes]
    assert found == sorted(found) and set(found) == {0, 1, 2}
    for code in codes:
        assert sum(code in t for t in texts) == 1, code
    fonts = set()
    for page in PdfReader(str(out)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in font["/FontDescriptor"]  # embedded (a subset)
            fonts.add(str(font["/BaseFont"]))
    assert fonts and all("BIZUDPGothic" in f for f in fonts)


def test_a4_by_quarters_tiles_across_years_with_labels_on_every_page(hitachinaka: PlanView,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "q.pdf"
    pages = export_roadmap_pdf(out, hitachinaka, today=TODAY, paper="A4", zoom="quarter")
    texts = pages_text(out)
    assert pages == len(texts) and pages % 3 == 0  # one fiscal year per page, same bands
    bands = pages // 3
    for n, text in enumerate(texts):
        year = ("令和5年度", "令和6年度", "令和7年度")[n // bands]
        assert year in text and "第1四半期" in text and "第4四半期" in text
        header = "\n".join(line for line in text.splitlines() if "計画期間" not in line)  # not the subtitle
        assert [y for y in ("令和5年度", "令和6年度", "令和7年度") if y in header] == [year]
        assert f"{n + 1} / {pages}" in text
    # the same rows (labels) on the pages of the same band in every year
    for band in range(bands):
        first = texts[band]
        for col in (1, 2):
            other = texts[col * bands + band]
            for ini in hitachinaka.initiatives():
                assert (f"{ini.code} " in first) == (f"{ini.code} " in other)


def _screen_image(layout: RoadmapLayout, scale: float) -> QImage:
    assert QGuiApplication.instance() is not None
    image = QImage(round(layout.width * scale), round(layout.height * scale),
                   QImage.Format.Format_ARGB32_Premultiplied)
    dpm = round(72 * scale / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(QColor("#ffffff"))
    styles = QtStyles(image.logicalDpiY())
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_viewport(painter, QtRowCache(layout, styles), 0, 0, layout.width, layout.height)
    painter.end()
    return image


def _mean_colour(image: QImage, x: float, y: float, r: int = 6) -> tuple[float, float, float]:
    px = [QColor(image.pixel(round(x) + i, round(y) + j)) for i in range(-r, r) for j in range(-r // 2, r // 2)]
    return (sum(c.red() for c in px) / len(px), sum(c.green() for c in px) / len(px),
            sum(c.blue() for c in px) / len(px))


def test_screen_and_pdf_draw_the_same_primitives(qapp: QGuiApplication, tmp_path: Path) -> None:
    """Both painters draw one layout; at the centre of every step shape both images show
    the shape's colour, and the PDF carries every text primitive."""
    layout = layout_roadmap(tiny_plan(), measurer=FontMeasurer(), today=TODAY, zoom="quarter")
    pdf = tmp_path / "same.pdf"
    c = Canvas(str(pdf), pagesize=(layout.width, layout.height))
    draw_layout_on_canvas(c, layout, 0, layout.height)
    c.save()
    subprocess.run(["pdftoppm", "-r", "144", "-png", "-singlefile", str(pdf), str(tmp_path / "pdf")], check=True)
    paper = QImage(str(tmp_path / "pdf.png"))
    screen = _screen_image(layout, 2.0)
    assert (paper.width(), paper.height()) == (screen.width(), screen.height())
    shapes = [p for p in layout.primitives if p.kind in ("bar", "arrow", "diamond")]
    assert {p.style for p in shapes} == {"step.done", "step.delayed", "step.not_started", "step.none"}
    for p in shapes:
        x, y = (p.x + min(p.w, 20) / 2) * 2, (p.y + p.h / 2) * 2  # inside the shape (left of an arrow's head)
        if style(p.style).pattern:  # hatched (grey-distinguishable states): both show the same mix
            a, b = _mean_colour(screen, x, y), _mean_colour(paper, x, y)
            assert max(abs(u - v) for u, v in zip(a, b, strict=True)) <= 30, (p, a, b)
            continue
        want = QColor(style(p.style).fill)
        for image in (screen, paper):
            got = QColor(image.pixel(round(x), round(y)))
            assert max(abs(got.red() - want.red()), abs(got.green() - want.green()),
                       abs(got.blue() - want.blue())) <= 6, (p, image is paper, got.name(), want.name())
    text = PdfReader(str(pdf)).pages[0].extract_text()
    for p in layout.primitives:
        if p.kind == "text" and p.text:
            assert p.text in text
