"""The meeting summary is a summary, and a KPI reported in parts shows its city total.

With a full round of reports on the Hitachinaka sample (34 initiatives, the 全部署 ones
reported by eight departments): the summary proper takes at most four A4 pages, the full
table follows as an appendix; 課題 are labelled by department with identical texts merged;
「オンライン化済の手続き数」 (119 → 300) shows the city total beside its parts in the summary,
the progress table PDF and the progress table workbook.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pdf_helpers import outline_titles, squash
from pypdf import PdfReader
from round_helpers import SHARED_ISSUE, full_round

from planDesk.cli.cmd_export import ExportOptions
from planDesk.core.exports.progress_table_xlsx import write_progress_table_xlsx
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import InitiativeView, KpiView, PlanView
from planDesk.core.printing.progress import attention_codes, kpi_path, kpi_value
from planDesk.core.printing.progress_table_pdf import write_progress_table_pdf
from planDesk.core.printing.selection import Cycle
from planDesk.core.printing.summary import APPENDIX, write_summary
from planDesk.core.reports.totals import actual_of

OPTS = ExportOptions(None, None, 2023, None, {})


@pytest.fixture
def round_plan(store: Store) -> PlanView:
    return full_round(store)


def online_kpi(plan: PlanView) -> tuple[InitiativeView, KpiView, float]:
    """「オンライン化済の手続き数」, its initiative and the sum of its departments' actuals."""
    ini, kpi = next((i, k) for i in plan.initiatives() for k in i.kpis if k.name == "オンライン化済の手続き数")
    parts = [v for r in ini.reports if (v := actual_of(r, kpi)) is not None]
    assert len(parts) == 8
    return ini, kpi, sum(parts)


def test_summary_is_at_most_four_pages_plus_the_appendix(round_plan: PlanView, store: Store, tmp_path: Path) -> None:
    out = tmp_path / "s.pdf"
    write_summary(store, OPTS, out)
    pages = [p.extract_text() or "" for p in PdfReader(str(out)).pages]
    appendix = next(n for n, t in enumerate(pages) if APPENDIX in t)
    assert 2 <= appendix <= 4, f"the summary proper takes {appendix} pages"
    assert APPENDIX in outline_titles(out)
    summary = squash("".join(pages[:appendix]))
    # the delays, each once, with the departments that gave the grade and their 課題
    late = [i for i in round_plan.initiatives()
            if any(r.evaluation in attention_codes(round_plan) for r in i.reports)]
    assert late
    for ini in late:
        assert summary.count(squash(ini.title)) >= 1
    # a 課題 written alike by several departments is printed once per initiative, labelled
    shared = [i for i in late if sum(r.issues == SHARED_ISSUE for r in i.reports) > 1]
    assert shared
    assert summary.count(squash(SHARED_ISSUE)) == len([i for i in late if any(
        r.issues == SHARED_ISSUE for r in i.reports)])
    ini = shared[0]
    depts = [r.department for r in ini.reports if r.issues == SHARED_ISSUE]
    assert squash(f"【{'・'.join(depts)}】{SHARED_ISSUE}") in summary
    # the KPI reported in parts: the city total
    _, kpi, total = online_kpi(round_plan)
    assert squash(f"{kpi_value(total, kpi.unit)}（合計）") in summary


def test_progress_table_pdf_prints_the_city_total_under_the_parts(round_plan: PlanView, store: Store,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "pt.pdf"
    write_progress_table_pdf(store, OPTS, out)
    flat = squash("".join(p.extract_text() or "" for p in PdfReader(str(out)).pages))
    _, kpi, total = online_kpi(round_plan)
    assert "市全体（合計）" in flat
    assert squash(f"{kpi.name}：{kpi_path(kpi, total)}") in flat
    assert squash("8部署の合計") in flat


def test_progress_table_workbook_has_a_city_total_row(round_plan: PlanView, tmp_path: Path) -> None:
    out = tmp_path / "pt.xlsx"
    write_progress_table_xlsx(round_plan, Cycle(2023, 0), out)
    ws = load_workbook(out)["進捗状況一覧"]
    head = [c.value for c in ws[3]]
    col = {h: n for n, h in enumerate(head)}
    ini, kpi, total = online_kpi(round_plan)
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4) if r[col["コード"]].value == ini.code]
    assert len(rows) == 9
    parts, city = rows[:8], rows[8]
    assert city[col["報告部署"]] == "市全体（8部署の合計）"
    mark = "①②③④⑤⑥⑦⑧⑨"[ini.kpis.index(kpi)]
    rate = (total - kpi.baseline) / (kpi.target - kpi.baseline)  # type: ignore[operator]
    assert f"{mark}{total:,.0f}" in city[col["実績値"]].split("\n")
    assert f"{mark}{rate * 100:.0f}%" in city[col["達成率"]].split("\n")
    # a part has no 達成率 of its own
    assert all(set(r[col["達成率"]].split("\n")) <= {"①—", "②—", "③—"} for r in parts)


def test_no_figure_is_split_at_its_decimal_point(round_plan: PlanView, store: Store, tmp_path: Path) -> None:
    """「マイナンバーカード申請率：76.」 over 「4％」 misreads: a number stays on one line."""
    import re

    summary, table = tmp_path / "s.pdf", tmp_path / "t.pdf"
    write_summary(store, OPTS, summary)
    write_progress_table_pdf(store, OPTS, table)
    for out in (summary, table):
        text = "\n".join(p.extract_text() or "" for p in PdfReader(str(out)).pages)
        assert "76.4" in text.replace("．", ".")
        assert re.findall(r".{0,12}\d[.,．，]\n\d", text) == []


def test_chart_names_each_policy_in_full_when_there_is_room(round_plan: PlanView, store: Store,
                                                             tmp_path: Path) -> None:
    """The chart's names take the room they need (「① 市民サービスのデジタ…」 was cut with
    space to spare); only a name longer than 40 % of the chart is cut, with its mark."""
    out = tmp_path / "s.pdf"
    write_summary(store, OPTS, out)
    first = PdfReader(str(out)).pages[0].extract_text() or ""
    assert "…" not in first
    for top in round_plan.groups:
        assert first.count(f"{top.code} {top.title}") >= 2  # the chart's name and the table's
    from planDesk.core.printing.selection import select_cycle
    from planDesk.core.printing.summary import _chart, evaluation_counts

    long = round_plan.groups[0]
    cycle = select_cycle(round_plan, OPTS)
    counts = [(type(long)(**{**{f: getattr(long, f) for f in long.__slots__}, "title": "長い" * 40}), c)
              for _p, c in evaluation_counts(round_plan, cycle)[:1]]
    chart = _chart(round_plan, counts, 380.0)
    names = chart.contents[0].categoryAxis.categoryNames
    assert names[0].endswith("…") and len(names[0]) < 40


def test_appendix_headings_break_between_words(round_plan: PlanView, store: Store, tmp_path: Path) -> None:
    """The appendix's narrow KPI column: 「指標（基準値→実績→目標）・」 over 「達成率」, not 「…・達」 over 「成率」."""
    out = tmp_path / "s.pdf"
    write_summary(store, OPTS, out)
    pages = [p.extract_text() or "" for p in PdfReader(str(out)).pages]
    appendix = next(t for t in pages if APPENDIX in t)
    lines = [ln.strip() for ln in appendix.split("\n")]
    assert "達成率" in lines and "成率" not in lines
