"""The booklet as the seed prints it (issue 16, item 6), read back from the PDF and rendered.

The 体系図 fits one page, a policy's name is not broken with one character alone, the
target years keep their 「末」, the glossary's index column has its header, and each
工程表 is framed (its bottom rule printed) and carries its step labels on white.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from needs import strict
from pdf_helpers import squash
from reportlab.pdfgen.canvas import Canvas
from test_printing_booklet import _export
from test_printing_grey import parse_pgm

from planDesk.core.plan.view import PlanView
from planDesk.core.printing.booklet import roadmap_width
from planDesk.core.printing.booklet_roadmap import InitiativeRoadmap, booklet_layout


@pytest.fixture(scope="module")
def booklet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PlanView, list[str]]:
    return _export(tmp_path_factory.mktemp("booklet16"), "hitachinaka")


def test_structure_chart_fits_one_page(booklet: tuple[Path, PlanView, list[str]]) -> None:
    _, plan, pages = booklet
    n = next(i for i, t in enumerate(pages) if "体系図" in t and plan.initiative_label in t)
    flat = squash(pages[n])
    assert all(squash(f"{i.code}{i.title}") in flat for i in plan.initiatives()), "the 体系図 runs onto a second page"
    assert plan.label_of(1) not in pages[n + 1].split("\n")[:8]  # no continued tree header
    lines = [ln.strip() for ln in pages[n].split("\n")]
    assert not [ln for ln in lines if len(ln) == 1 and not ln.isdigit()], "a character alone on a line"


def test_target_years_keep_their_end_of_year_and_glossary_has_its_index_header(
        booklet: tuple[Path, PlanView, list[str]]) -> None:
    _, _, pages = booklet
    flat = squash("".join(pages))
    assert "（令和７年度末）。" in flat and "（令和６年度末）。" in flat
    assert "令和７年度末）（令和7年度）" not in flat  # not the year twice
    glossary = next(t for t in pages if "用語解説" in t)
    assert "索引" in glossary.split("用語解説", 1)[1]


def test_kpi_values_keep_their_date_on_one_line(booklet: tuple[Path, PlanView, list[str]]) -> None:
    """A baseline too long for its cell goes value over （date）: the date is never cut
    (「76.4%（令和5年3月31」 over 「日）」)."""
    from planDesk.core.printing.booklet_kpis import kpi_lines

    _, plan, pages = booklet
    lines = [ln.strip() for t in pages for ln in t.split("\n")]
    dated = [kpi_lines(k)[1] for i in plan.initiatives() for k in i.kpis if k.baseline is not None
             and (k.baseline_as_of or k.baseline_as_of_fy)]
    assert len(dated) >= 5
    for baseline in dated:
        date = baseline[baseline.index("（"):]
        assert any(ln.endswith(date) for ln in lines), f"{baseline}: its date is cut"


@pytest.mark.skipif(shutil.which("pdftoppm") is None and not strict(), reason="poppler-utils missing")
def test_each_roadmap_box_has_its_bottom_rule(booklet: tuple[Path, PlanView, list[str]], tmp_path: Path) -> None:
    """One initiative's 工程表 drawn alone on a page of its size: the bottom edge is ruled."""
    _, plan, _ = booklet
    layout = booklet_layout(plan, roadmap_width())
    ini = next(i for i in plan.initiatives() if i.steps)
    chart = InitiativeRoadmap(layout, ini.id)
    pdf = tmp_path / "one.pdf"
    c = Canvas(str(pdf), pagesize=(chart.width + 20, chart.height + 20))
    chart.drawOn(c, 10, 10)
    c.save()
    data = subprocess.run(["pdftoppm", "-gray", "-r", "144", str(pdf)], check=True, capture_output=True).stdout
    img = parse_pgm(data)
    scale = 2.0
    x0, x1 = int(12 * scale), int((10 + chart.width - 2) * scale)
    bottom = round((10 + chart.height) * scale)  # the chart's bottom edge, in pixels from the top
    darkest = min(sum(img.crop(x0, y, x1 - x0, 1)) / (x1 - x0) for y in range(bottom - 2, bottom + 2))
    assert darkest < 200, f"no rule along the bottom of the 工程表 (mean grey {darkest:.0f})"


def test_step_labels_wrap_inside_their_span(booklet: tuple[Path, PlanView, list[str]]) -> None:
    """As the seed prints its 工程表: a label does not run on past its bar into the next year."""
    _, plan, _ = booklet
    layout = booklet_layout(plan, roadmap_width())
    wrapped = 0
    for i in range(layout.row_count):
        body = layout.row_primitives(i).body
        shapes = {p.ref: p for p in body if p.kind in ("bar", "arrow")}
        labels = [p for p in body if p.kind == "text" and p.style == "step.label" and p.ref in shapes]
        for p in labels:
            bar = shapes[p.ref]
            if bar.w >= 40:  # room for a few characters
                assert p.x + p.w <= bar.x + bar.w + 0.5, (p.text, p.x + p.w, bar.x + bar.w)
        by_step: dict[object, int] = {}
        for p in labels:
            by_step[p.ref] = by_step.get(p.ref, 0) + 1
        wrapped += sum(1 for n in by_step.values() if n > 1)
    assert wrapped >= 3  # the sample has long labels over one-year spans
    # no words lost: a step's lines put together are its label (or, cut at 3 lines, its start and …)
    steps = {st.id: st.label for ini in plan.initiatives() for st in ini.steps}
    texts: dict[int, str] = {}
    for i in range(layout.row_count):
        for p in layout.row_primitives(i).body:
            if p.style == "step.label" and p.ref is not None:
                texts[p.ref[1]] = texts.get(p.ref[1], "") + (p.text or "")
    for sid, label in steps.items():
        got = texts[sid]
        assert got == label or (got.endswith("…") and label.startswith(got[:-1])), (label, got)
