"""Printouts of a tree of groups with retired branches and slogans below the top level
(issue 14 item 1): what is retired is printed nowhere, a group of any depth prints its
slogan under its heading in the results report, counts are per top-level group."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from any_plan_helpers import FOUR_LEVEL_LABELS, FOUR_LEVELS_MIXED, make_store, tree_plan, view_of
from openpyxl import load_workbook
from pdf_helpers import check_pdf, pdf_pages, squash
from pypdf import PdfReader

from planDesk.cli.main import main
from planDesk.core.persistence.store import Store
from planDesk.core.printing.selection import Cycle
from planDesk.core.printing.summary import evaluation_counts

RETIRED = ("細目1-2-1-2の部", "事業1-2-1-2-1のデジタル化", "事業1-2-1-2-2のデジタル化", "柱3の部",
           "事業3-1-1-1のデジタル化")
KEPT = ("事業1-2-1-1-1のデジタル化", "事業1-2-2のデジタル化", "事業2-2のデジタル化")
OUTPUTS = (("booklet", "pdf", []), ("results", "pdf", ["--fy", "2025"]), ("summary", "pdf", ["--fy", "2025"]),
           ("progress-table", "pdf", ["--fy", "2025"]), ("progress-table", "xlsx", ["--fy", "2025"]),
           ("roadmap", "pdf", []))


def _render(db: Path, tmp: Path, kind: str, suffix: str, extra: list[str]) -> Path:
    out = tmp / f"{kind}.{suffix}"
    assert main(["--db", str(db), "export", kind, "--out", str(out), *extra]) == 0, kind
    return out


def _cells(path: Path) -> str:
    return "".join(str(c) for ws in load_workbook(path).worksheets for row in ws.iter_rows(values_only=True)
                   for c in row if c is not None)


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    data = tree_plan(FOUR_LEVELS_MIXED, labels=FOUR_LEVEL_LABELS)
    top = data["groups"][0]
    top["slogan"] = "上の階層の\n合言葉"
    deep = top["groups"][1]["groups"][0]  # 系統1-2-1 (depth 3)
    deep["slogan"] = "深い階層の合言葉"
    deep["groups"][1]["retired"] = True  # 細目1-2-1-2 and its two initiatives
    data["groups"][2]["retired"] = True  # 柱3 and everything under it
    tmp = tmp_path_factory.mktemp("town")
    db = tmp / "town.sqlite3"
    make_store(db, data).close()
    return db, {f"{kind}.{suffix}": _render(db, tmp, kind, suffix, extra) for kind, suffix, extra in OUTPUTS}


def test_retired_branches_are_printed_nowhere(town: tuple[Path, dict[str, Path]]) -> None:
    _db, outputs = town
    for name, path in outputs.items():
        text = squash(check_pdf(path) if path.suffix == ".pdf" else _cells(path))
        assert [t for t in RETIRED if t in text] == [], name
        assert [t for t in KEPT if t not in text] == [], name


def test_a_slogan_at_any_depth_is_printed_under_its_heading(town: tuple[Path, dict[str, Path]]) -> None:
    _db, outputs = town
    lines = [ln.strip() for ln in _text_lines(outputs["results.pdf"]) if ln.strip()]
    band = lines.index("上の階層の") - 1  # the band's page (the contents name the group too)
    assert lines[band] == "柱1の部"
    assert lines[band + 1: band + 3] == ["上の階層の", "合言葉"]
    heading = lines.index("◇系統1-2-1の部")  # a depth-3 group's heading, its slogan under it
    assert lines[heading + 1] == "深い階層の合言葉"
    assert "○方策1-2の部" in lines[:heading]


def test_counts_leave_out_retired_branches(town: tuple[Path, dict[str, Path]], capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    db, _outputs = town
    tmp = db.parent / "again"
    tmp.mkdir(exist_ok=True)
    capsys.readouterr()
    _render(db, tmp, "booklet", "pdf", [])
    _render(db, tmp, "results", "pdf", ["--fy", "2025"])
    out = capsys.readouterr().out
    assert "事業 6 件、" in out and "事業 6 件中 6 件に報告" in out


def _text_lines(path: Path) -> list[str]:
    return [ln for page in PdfReader(str(path)).pages for ln in (page.extract_text() or "").split("\n")]


def test_counts_are_per_top_level_group(town: tuple[Path, dict[str, Path]]) -> None:
    db, _outputs = town
    store = Store.open(str(db), create=False)
    plan = view_of(store)
    store.close()
    counts = evaluation_counts(plan, Cycle(2025, 0))
    # 柱1: 1-1-1, 1-1-2, 1-2-1-1-1, 1-2-2 (1-2-1-2 retired); 柱2: 2-1, 2-2; 柱3 retired
    assert [(top.title, sum(c.values())) for top, c in counts] == [("柱1の部", 4), ("柱2の部", 2)]


def test_a_group_longer_than_a_page_prints_in_the_results_report(tmp_path: Path) -> None:
    """A top-level group with more measures than a page holds: the results report's contents
    and the group's list run over pages instead of failing (reportlab refused a cell or a
    span taller than a page: a 2,000-initiative plan could not be printed), every measure
    is listed in both, in order."""
    db = tmp_path / "big.sqlite3"
    make_store(db, tree_plan([["i"] * 90, [["i"] * 70]], labels=FOUR_LEVEL_LABELS)).close()
    pdf = _render(db, tmp_path, "results", "pdf", ["--fy", "2025"])
    pages = [squash(page) for page in pdf_pages(pdf)]
    codes = [f"1-{n}" for n in range(1, 91)] + [f"2-1-{n}" for n in range(1, 71)]
    first = next(n for n, page in enumerate(pages) if "目次" in page)
    last = first  # the contents' pages repeat its header row: the level labels
    while "".join(FOUR_LEVEL_LABELS) in pages[last + 1]:
        last += 1
    contents, body = "".join(pages[first:last + 1]), "".join(pages[last + 1:])
    for part in (contents, body):
        at = [part.index(f"{code}事業{code}のデジタル化") for code in codes]
        assert at == sorted(at)
    assert len(pages) > 6
    # a page of the contents that goes on inside a group names it again
    assert "柱1の部（続き）" in contents and "柱2の部（続き）" in contents


def test_the_booklets_tree_names_its_groups_again_on_a_continued_page(tmp_path: Path) -> None:
    """The 体系図 of a plan longer than a page: a page that goes on inside a group starts with
    the group's name and 「（続き）」 (before, its column was blank there)."""
    db = tmp_path / "big.sqlite3"
    make_store(db, tree_plan([["i"] * 90, [["i"] * 70]], labels=FOUR_LEVEL_LABELS)).close()
    pages = [squash(page) for page in pdf_pages(_render(db, tmp_path, "booklet", "pdf", []))]
    start = next(n for n, page in enumerate(pages) if "体系図" in page and "1-1事業1-1" in page)
    assert "（続き）" not in pages[start]
    assert "1柱1の部（続き）" in pages[start + 1]


def _line_tops(pdf: Path, page: int) -> dict[str, float]:
    """Each text run of one page by its text: the y at which it is drawn."""
    tops: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip():  # the text matrix is inside the current transformation
            tops.setdefault(text.strip(), round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1))

    PdfReader(str(pdf)).pages[page].extract_text(visitor_text=visit)
    return tops


def test_a_long_group_name_runs_down_its_rows_in_the_long_contents(tmp_path: Path) -> None:
    """In contents longer than a page a group's name that takes two lines sat on its first
    row, making it two lines tall: a gap under the group's first measure. The name now runs
    down the group's rows a line each, and the measures are evenly spaced."""
    data = tree_plan([["i"] * 90, [["i"] * 70]], labels=FOUR_LEVEL_LABELS)
    long_name = "市民サービスと行政手続きのデジタル化による利便性の向上"
    data["groups"][0]["title"] = long_name
    db = tmp_path / "big.sqlite3"
    make_store(db, data).close()
    pdf = _render(db, tmp_path, "results", "pdf", ["--fy", "2025"])
    pages = pdf_pages(pdf)
    first = next(n for n, page in enumerate(pages) if "目次" in page)
    tops = _line_tops(pdf, first)
    rows = [tops[f"1-{n}　事業1-{n}のデジタル化"] for n in range(1, 6)]
    steps = {round(a - b, 1) for a, b in pairwise(rows)}
    assert len(steps) == 1, steps  # no gap under the first measure
    parts = [text for text, _y in sorted(tops.items(), key=lambda kv: -kv[1])
             if text in long_name and len(text) > 1]
    assert len(parts) >= 2 and "".join(parts) == long_name  # the whole name, a line per row
    assert tops[parts[0]] == rows[0] and tops[parts[1]] == rows[1]
