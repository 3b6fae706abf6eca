"""An initiative with more steps than a page holds: its 工程表 in the booklet goes on over
pages, cut between steps, under the years' header on every page (the booklet stopped with
reportlab's LayoutError, 「予期しないエラー」, on such a plan)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pdf_helpers import pdf_pages

from planDesk.cli.main import main
from planDesk.core.domain.fiscal import format_fy
from planDesk.core.printing.booklet_roadmap import _last_cut

STEPS = 80
MARK = "鱈"  # in no other text of the Hitachinaka plan's booklet: each step's label has it once


@pytest.fixture
def many_steps(sample_db: Path) -> tuple[Path, int]:
    with sqlite3.connect(sample_db) as conn:
        ini_id, start_fy, end_fy = conn.execute(
            "select i.id, p.start_fy, p.end_fy from initiative i join plan_group g on g.id = i.group_id "
            "join plan p on p.id = g.plan_id order by i.position, i.id limit 1").fetchone()
        conn.executemany(
            "insert into roadmap_step (initiative_id, position, label, start_fy, end_fy, kind, inferred) "
            "values (?, ?, ?, ?, ?, 'one-off', 0)",
            [(ini_id, 100 + n, f"{MARK}工程{n}：窓口の手続をオンラインで受け付ける仕組みの整備",
              start_fy + n % (end_fy - start_fy + 1), end_fy) for n in range(STEPS)])
    return sample_db, start_fy


def test_a_chart_taller_than_a_page_goes_on_over_pages(many_steps: tuple[Path, int], tmp_path: Path) -> None:
    db, start_fy = many_steps
    out = tmp_path / "booklet.pdf"
    assert main(["--db", str(db), "export", "booklet", "--out", str(out)]) == 0
    pages = pdf_pages(out)
    text = "".join(pages)
    assert text.count(MARK) == STEPS  # every step once: none lost at a cut, none drawn twice
    chart_pages = [page for page in pages if MARK in page]
    assert len(chart_pages) >= 2
    for page in chart_pages:  # the years' header above each part
        assert format_fy(start_fy) in page
    assert "工程表" in chart_pages[0]  # the row's label at its top, on the chart's first page


def test_a_chart_is_cut_between_steps() -> None:
    spans = [(0.0, 10.0), (12.0, 20.0), (15.0, 30.0), (32.0, 40.0)]  # by their tops, from the row's top
    assert _last_cut(spans, 0.0, 35.0) == 31.0  # under the third step, which reaches below the second
    assert _last_cut(spans, 0.0, 25.0) == 11.0  # not through the two that overlap
    assert _last_cut(spans, 0.0, 5.0) is None  # not even the first step fits
    assert _last_cut(spans, 11.0, 35.0) == 31.0  # a later part: from its own top
    assert _last_cut(spans, 11.0, 28.0) is None
