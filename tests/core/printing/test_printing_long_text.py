"""A report may hold as much text as its submission workbook's cell does (32,767 characters):
the printouts that show report text print it whole, across as many pages as it takes,
instead of failing (reportlab refused a row taller than a page when only the header and the
repeated band row fitted above it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pdf_helpers import pdf_pages

from planDesk.cli.main import main
from planDesk.core.reports.rules import MAX_TEXT

# Each with a character no other text of the Hitachi plan's printouts has (鱈, 鰯), to count by.
ACTIVITY = "鱈の実施状況。"
ISSUE = "鰯の課題。"


@pytest.fixture
def long_report(hitachi_db: Path) -> Path:
    with sqlite3.connect(hitachi_db) as conn:
        texts = (ACTIVITY * (MAX_TEXT // len(ACTIVITY)), ISSUE * (MAX_TEXT // len(ISSUE)))
        conn.execute("update progress_report set activities = ?, issues = ? where id = (select min(id) "
                     "from progress_report)", texts)
    return hitachi_db


@pytest.mark.parametrize(("kind", "texts"), [("progress-table", (ACTIVITY, ISSUE)), ("summary", (ACTIVITY,)),
                                             ("results", (ACTIVITY,))])
def test_the_longest_report_text_is_printed_whole(long_report: Path, tmp_path: Path, kind: str,
                                                  texts: tuple[str, ...]) -> None:
    out = tmp_path / f"{kind}.pdf"
    assert main(["--db", str(long_report), "export", kind, "--out", str(out), "--fy", "2021"]) == 0
    text = "".join(pdf_pages(out))
    for written in texts:
        # counted by its own character (the text of side-by-side columns comes out with their
        # lines interleaved, so whole sentences cannot be counted)
        assert text.count(written[0]) == MAX_TEXT // len(written), (kind, written)
