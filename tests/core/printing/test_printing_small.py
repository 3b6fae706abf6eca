"""Small things on paper (issue 16, item 8): roadmap PDF language and bookmarks, --paper
for the roadmap PNG, the plan workbook printed from a spreadsheet program, the results
report's 目次 on one page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pdf_helpers import outline_titles, pdf_pages, squash
from pypdf import PdfReader
from PySide6.QtGui import QImage

from planDesk.cli.main import main
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import load_plan, resolve_plan_id
from planDesk.core.roadmap.pdf import export_roadmap_pdf


def test_roadmap_pdf_has_its_language_and_a_bookmark_per_group(store: Store, tmp_path: Path) -> None:
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    out = tmp_path / "r.pdf"
    export_roadmap_pdf(out, plan, today=date(2024, 1, 10), paper="A4")
    assert PdfReader(str(out)).trailer["/Root"]["/Lang"] == "ja"
    titles = outline_titles(out)
    for group in plan.walk_groups():
        assert f"{plan.label_of(group.depth)}{group.code} {group.title}" in titles


def test_roadmap_png_honours_the_paper(sample_db: Path, tmp_path: Path, qapp: object) -> None:
    widths = {}
    for paper in ("A3", "A4"):
        out = tmp_path / f"{paper}.png"
        assert main(["--db", str(sample_db), "export", "roadmap", "--paper", paper, "--out", str(out)]) == 0
        widths[paper] = QImage(str(out)).width()
    # at 2 px per point: the sheet is the paper's landscape width (420 mm, 297 mm)
    assert abs(widths["A3"] - 420 / 25.4 * 72 * 2) < 4
    assert abs(widths["A4"] - 297 / 25.4 * 72 * 2) < 4


def test_plan_workbook_prints_readably(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    assert main(["--db", str(sample_db), "export", "plan", "--out", str(out)]) == 0
    wb = load_workbook(out)
    notes = wb["説明"]
    assert notes.page_setup.orientation == "landscape" and notes.page_setup.fitToWidth == 1
    assert notes.oddFooter.center.text == "&P / &N"
    ws = wb["取組事項"]
    head = [c.value for c in ws[1]]
    for name in ("概要", "取組状況"):
        col = head.index(name) + 1
        cells = [ws.cell(r, col) for r in range(2, ws.max_row + 1) if ws.cell(r, col).value]
        assert cells and all(c.alignment.wrap_text for c in cells), name
        long = max(cells, key=lambda c: len(str(c.value)))
        assert (ws.row_dimensions[long.row].height or 0) > 45, "a long 概要 needs a tall row"


def test_results_contents_fit_one_page(hitachi_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    assert main(["--db", str(hitachi_db), "export", "results", "--fy", "2021", "--out", str(out)]) == 0
    pages = pdf_pages(out)
    n = next(i for i, t in enumerate(pages) if "目次" in t)
    assert "44" in pages[n] and squash("オンラインを活用した妊産婦への個別の保健指導") in squash(pages[n])
    assert "目次" not in pages[n + 1]
