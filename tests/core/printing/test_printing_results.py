"""The annual results report (seed 002 layout) from the Hitachi sample, read back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pdf_helpers import check_pdf, outline_titles, pdf_pages, squash

from planDesk.cli.main import main
from planDesk.core.persistence.store import Store
from planDesk.core.plan.setup import init_sample
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id
from planDesk.core.printing.figures import format_value, result_line
from planDesk.core.reports.ops import ReportInput, save_report, submit_report


def _plan(db: Path, key: str | None = None) -> PlanView:
    store = Store.open(str(db))
    try:
        with store.read() as s:
            return load_plan(s, resolve_plan_id(s, key))
    finally:
        store.close()


@pytest.fixture(scope="module")
def hitachi_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PlanView, str]:
    """One export of the Hitachi sample, shared by the read-back tests of this module."""
    folder = tmp_path_factory.mktemp("results")
    db = folder / "h.sqlite3"
    store = Store.open(str(db), actor="テスト")
    init_sample(store, "hitachi")
    store.close()
    out = folder / "r.pdf"
    assert main(["--db", str(db), "export", "results", "--fy", "2021", "--out", str(out)]) == 0
    return out, _plan(db), check_pdf(out)


def test_every_measure_department_and_figure_is_printed(hitachi_report: tuple[Path, PlanView, str]) -> None:
    _, plan, text = hitachi_report
    inis = list(plan.initiatives())
    assert len(inis) == 44
    # each figure as written in its line (its label may stand elsewhere in the line)
    figures = [f"{format_value(f.value)}{f.unit}" for i in inis for r in i.reports for res in r.results
               for f in res.figures]
    lines = [result_line(res) for i in inis for r in i.reports for res in r.results]
    headings = [f"【{res.heading}】" for i in inis for r in i.reports for res in r.results if res.heading]
    activities = [r.activities for i in inis for r in i.reports]
    flat = squash(text)
    absent = [s for s in [i.title for i in inis] + figures + lines + headings + activities if squash(s) not in flat]
    assert not absent
    assert len(figures) >= 70
    for literal in ("6,051件", "458件", "7,211件", "51,413,639円", "20万円", "約63万人", "43.8%", "1,235回"):
        assert literal in flat, literal


def test_measures_come_in_plan_order_under_their_areas(hitachi_report: tuple[Path, PlanView, str]) -> None:
    out, plan, text = hitachi_report
    text = squash(text)
    body = text[text.index(squash(plan.groups[0].title + plan.groups[0].groups[0].title), 1):]
    positions = [body.find(squash(f"{i.code}.{i.title}")) for i in plan.initiatives()]
    assert -1 not in positions
    assert positions == sorted(positions)
    titles = outline_titles(out)
    assert [g.title for g in plan.groups] == [t for t in titles if t in {g.title for g in plan.groups}]
    assert "01. 日立市デジタル化推進計画 2022 の策定" in titles


def test_departments_with_more_are_printed_with_nado(hitachi_report: tuple[Path, PlanView, str]) -> None:
    _, plan, text = hitachi_report
    text = squash(text)
    more = [i for i in plan.initiatives() if i.departments_more]
    assert more
    for ini in more:
        assert squash("/".join(ini.department_names) + "など") in text


def test_without_plan_the_plan_with_reports_that_year_is_chosen(hitachi_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "both.sqlite3"
    shutil.copyfile(hitachi_db, db)
    store = Store.open(str(db), actor="テスト")
    init_sample(store, "hitachinaka")  # both plans side by side
    store.close()
    out = tmp_path / "r.pdf"
    assert main(["--db", str(db), "export", "results", "--fy", "令和3年度", "--out", str(out)]) == 0
    assert "日立市デジタル化推進計画2022の策定" in squash("".join(pdf_pages(out)[:2]))


def test_refusals_name_the_problem(sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.pdf"
    assert main(["--db", str(sample_db), "export", "results", "--fy", "2024", "--out", str(out)]) == 1
    assert "令和6年度の提出済・確認済の報告がありません" in capsys.readouterr().err
    assert main(["--db", str(sample_db), "export", "results", "--fy", "2021", "--out", str(out)]) == 1
    assert "期間（令和5年度〜令和7年度）の外" in capsys.readouterr().err
    assert main(["--db", str(sample_db), "export", "results", "--out", str(tmp_path / "r.txt")]) == 2
    assert not out.exists()


def test_drafts_are_left_out_until_submitted(store: Store, tmp_path: Path) -> None:
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    ini = next(plan.initiatives())
    dept = next(d for d in plan.departments if not d.pseudo)
    text = "庁内のオンライン化方針を策定し、１８０手続きをオンライン化した"
    data = ReportInput(ini.id, dept.id, 2024, activities=text, evaluation="B", direction="継続")
    save_report(store, data, expected_version=None)
    out = tmp_path / "r.pdf"
    db = store.location
    assert main(["--db", db, "export", "results", "--fy", "2024", "--out", str(out)]) == 1
    with store.read() as s:
        report_id = load_plan(s, plan.id).groups[0].groups[0].initiatives[0].reports[0].id
    submit_report(store, report_id)
    assert main(["--db", db, "export", "results", "--fy", "2024", "--out", str(out)]) == 0
    printed = squash(check_pdf(out, must_contain=[text, ini.title]))
    assert "（報告なし）" in printed  # the other initiatives are listed without a report
