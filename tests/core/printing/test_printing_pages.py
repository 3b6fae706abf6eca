"""Not losing one's place at a page end: every page of a long table names where it is.

The progress table and the summary's appendix are read back page by page: the column
header is printed once, at the top; under it the band of the policy the page is in, then
a row that names its initiative (「①－２－２（続き）」 when the page continues one). The
roadmap's continued pages repeat their policy and promotion-item rows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from round_helpers import full_round

from planDesk.cli.cmd_export import ExportOptions
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView
from planDesk.core.printing.progress_table_pdf import write_progress_table_pdf
from planDesk.core.printing.summary import write_summary
from planDesk.core.roadmap.measure import FontMeasurer
from planDesk.core.roadmap.pages import chart_area, tile_layout
from planDesk.core.roadmap.pdf import export_roadmap_pdf, layout_for_paper


def table_page_tops(path: Path, plan: PlanView, last_heading: str, first_page: int = 0) -> list[str]:
    """Per page of the table (from ``first_page``): the code its first row names. Checks
    that the header is printed once, at the top, followed by the policy band."""
    codes = {i.code for i in plan.initiatives()}
    band = plan.label_of(1)
    tops = []
    seen: set[str] = set()
    for n, page in enumerate(PdfReader(str(path)).pages[first_page:], start=first_page + 1):
        lines = [ln.strip() for ln in (page.extract_text() or "").split("\n")]
        assert lines.count("コード") == 1, f"page {n}: the column header is printed {lines.count('コード')} times"
        after = lines[lines.index(last_heading) + 1:]
        assert after[0].startswith(band), f"page {n} does not start with its {band}: {after[:3]}"
        rest = [ln for ln in after[1:] if ln]
        first = rest[0]
        assert first in codes, f"page {n} starts without an initiative code: {after[:4]}"
        if rest[1] == "（続き）":
            assert first in seen, f"page {n} continues {first}, which no earlier page began"
            first += "（続き）"
        seen.update(c for c in codes if c in lines)
        tops.append(first)
    return tops


def test_progress_table_names_its_initiative_and_policy_atop_every_page(store: Store, tmp_path: Path) -> None:
    plan = full_round(store)
    out = tmp_path / "pt.pdf"
    write_progress_table_pdf(store, ExportOptions(None, None, 2023, None, {}), out)
    tops = table_page_tops(out, plan, "状態")
    assert len(tops) >= 4
    assert any(t.endswith("（続き）") for t in tops)  # the round has initiatives longer than a page end


def test_summary_appendix_names_its_initiative_atop_every_page(store: Store, tmp_path: Path) -> None:
    plan = full_round(store)
    out = tmp_path / "s.pdf"
    write_summary(store, ExportOptions(None, None, 2023, None, {}), out)
    reader = PdfReader(str(out))
    start = next(n for n, p in enumerate(reader.pages) if "進捗状況一覧" in (p.extract_text() or "")
                 and "コード" in (p.extract_text() or "") and "方向性" in (p.extract_text() or ""))
    tops = table_page_tops(out, plan, "方向性", first_page=start)
    assert len(tops) >= 2


def test_roadmap_continued_pages_repeat_their_group_rows(store: Store, tmp_path: Path) -> None:
    plan = full_round(store)
    m = FontMeasurer()
    today = date(2024, 1, 10)
    layout = layout_for_paper(plan, paper="A4", today=today, cycle_fy=2023, measurer=m)
    tiles = tile_layout(layout, *chart_area(layout, m, "A4"))
    assert len(tiles) > 2
    for t in tiles[1:]:
        first = layout.row(t.rows.start)
        if first.kind == "initiative":
            kinds = [layout.row(i).kind for i in t.lead]
            assert kinds == ["group", "group"], (t.band, kinds)
    out = tmp_path / "r.pdf"
    pages = export_roadmap_pdf(out, plan, today=today, paper="A4", cycle_fy=2023)
    reader = PdfReader(str(out))
    assert len(reader.pages) == pages == len(tiles)
    l1, l2 = plan.group_labels
    for n, (t, page) in enumerate(zip(tiles, reader.pages, strict=True), start=1):
        text = page.extract_text() or ""
        policy = layout.row(t.lead[0] if t.lead else t.rows.start)
        assert (policy.kind == "group" and policy.depth == 0) or t.rows.start > 0
        if t.lead:
            for i in t.lead:
                assert layout.row(i).title.split(" ")[0] in text.replace(" ", ""), (n, layout.row(i).title)
        assert l1 in text and l2 in text, f"roadmap page {n} has no group row"


def test_printed_from_the_screen_continued_pages_repeat_their_group_rows(store: Store, qapp: object) -> None:
    """The GUI's print path (Qt painter) draws the same tiles as the PDF, lead rows included."""
    from PySide6.QtGui import QColor, QImage, QPainter

    from planDesk.core.roadmap.style import style
    from planDesk.gui.roadmap.painter import QtRowCache, QtStyles, paint_tile

    plan = full_round(store)
    m = FontMeasurer()
    layout = layout_for_paper(plan, paper="A4", today=date(2024, 1, 10), cycle_fy=2023, measurer=m)
    tiles = tile_layout(layout, *chart_area(layout, m, "A4"))
    tile = next(t for t in tiles[1:] if len(t.lead) == 2)
    styles = QtStyles(72)
    image = QImage(int(layout.label_width + tile.width) + 2,
                   int(layout.header_height + tile.lead_height + tile.height) + 2, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    paint_tile(painter, QtRowCache(layout, styles), tile)
    painter.end()
    y = layout.header_height + 2  # inside the first lead row (the policy's band), label column
    got = QColor(image.pixel(int(layout.label_width) - 3, int(y)))
    assert got.name() == QColor(style("group.1").fill).name()
    y2 = layout.header_height + layout.row(tile.lead[0]).height + 2  # the promotion item's band
    got2 = QColor(image.pixel(int(layout.label_width) - 3, int(y2)))
    assert got2.name() == QColor(style("group.2").fill).name()
