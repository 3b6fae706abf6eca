"""Submission PDF, consolidated progress table PDF and meeting summary, read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_helpers import check_pdf, squash

from planDesk.cli.main import main
from planDesk.core.errors import UserError
from planDesk.core.exports.registry import ExportOptions
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id
from planDesk.core.printing.progress import attention_codes, kpi_path
from planDesk.core.printing.progress_table_pdf import write_progress_table_pdf
from planDesk.core.printing.selection import Cycle
from planDesk.core.printing.submission_pdf import SIGN_OFF, write_submission_pdf
from planDesk.core.printing.summary import evaluation_counts
from planDesk.core.reports.attainment import kpi_attainment as attainment
from planDesk.core.reports.ops import ReportInput, save_report

GRADES = "ABCDB"


@pytest.fixture
def reported(store: Store) -> tuple[Store, PlanView]:
    """The Hitachinaka sample with FY2023 reports from the first department of each initiative."""
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    fallback = next(d for d in plan.departments if d.name == "市民課")
    for n, ini in enumerate(plan.initiatives()):
        dept = next((d for d in ini.departments if not d.pseudo), fallback)
        save_report(store, ReportInput(
            ini.id, dept.id, 2023, activities=f"{ini.title}の実施状況（その{n}）", evaluation=GRADES[n % 5],
            issues=f"課題その{n}", direction="継続", next_steps=f"今後の取組その{n}",
            kpi_actuals={k.id: (k.baseline or 0) + 5 for k in ini.kpis},
            step_states={s.id: "in_progress" for s in ini.steps}), expected_version=None)
    with store.read() as s:
        return store, load_plan(s, plan.id)


def test_submission_pdf_has_every_row_and_the_sign_off_box(reported: tuple[Store, PlanView], tmp_path: Path) -> None:
    store, plan = reported
    out = tmp_path / "sub.pdf"
    summary = write_submission_pdf(store, ExportOptions(None, "市民課", 2023, None, {}), out)
    assert "市民課" in summary and "令和5年度" in summary
    mine = [i for i in plan.initiatives()
            if any(d.name == "市民課" or d.pseudo in ("all", "relevant") for d in i.departments)]
    reports = [r for i in mine for r in i.reports if r.department == "市民課"]
    assert mine and reports
    text = check_pdf(out, must_contain=[*SIGN_OFF, "進捗状況報告書", "報告部署：市民課",
                                        *(i.title for i in mine), *(r.activities for r in reports),
                                        *(r.issues for r in reports), *(r.next_steps for r in reports)])
    flat = squash(text)
    assert flat.count("（未入力）") >= 1  # 全部署 initiatives that 市民課 has not reported yet
    assert "A順調" in flat and "実施中" in flat
    other = next(i for i in plan.initiatives() if i not in mine)
    assert squash(other.title) not in flat


def test_submission_pdf_refusals(reported: tuple[Store, PlanView], tmp_path: Path) -> None:
    store, _ = reported
    out = tmp_path / "sub.pdf"
    with pytest.raises(UserError, match="部署「存在しない課」はこの計画にありません"):
        write_submission_pdf(store, ExportOptions(None, "存在しない課", 2023, None, {}), out)
    with pytest.raises(UserError, match="--department"):
        write_submission_pdf(store, ExportOptions(None, None, 2023, None, {}), out)
    with pytest.raises(UserError, match="期間"):
        write_submission_pdf(store, ExportOptions(None, "市民課", 2030, None, {}), out)
    with pytest.raises(UserError, match="個別の部署ではありません"):
        write_submission_pdf(store, ExportOptions(None, "全部署", 2023, None, {}), out)
    assert not out.exists()


def test_progress_table_pdf_lists_every_report(reported: tuple[Store, PlanView], tmp_path: Path) -> None:
    store, plan = reported
    out = tmp_path / "pt.pdf"
    write_progress_table_pdf(store, ExportOptions(None, None, 2023, None, {}), out)
    inis = list(plan.initiatives())
    reps = [r for i in inis for r in i.reports]
    text = check_pdf(out, must_contain=[*(i.title for i in inis), *(r.activities for r in reps),
                                        *(g.title for g in plan.groups)])
    assert "進捗状況一覧（令和5年度）" in squash(text)
    out2 = tmp_path / "pt_dept.pdf"
    write_progress_table_pdf(store, ExportOptions(None, "市民課", 2023, None, {}), out2)
    flat = squash(check_pdf(out2))
    assert all(squash(r.activities) in flat for r in reps if r.department == "市民課")
    assert not any(squash(r.activities) in flat for r in reps if r.department != "市民課")


def test_summary_counts_chart_attention_and_kpis(reported: tuple[Store, PlanView], tmp_path: Path) -> None:
    store, plan = reported
    out = tmp_path / "summary.pdf"
    assert main(["--db", store.location, "export", "summary", "--fy", "2023", "--out", str(out)]) == 0
    counts = evaluation_counts(plan, Cycle(2023, 0))
    assert sum(sum(c.values()) for _, c in counts) == 34
    assert sum(c["C"] for _, c in counts) == sum(1 for n in range(34) if GRADES[n % 5] == "C")
    late = [i for n, i in enumerate(plan.initiatives()) if GRADES[n % 5] in attention_codes(plan)]
    kpis = [(i, k) for i in plan.initiatives() for k in i.kpis]
    text = check_pdf(out, must_contain=["進捗状況の概要（令和5年度）", *(i.title for i in late),
                                        *(k.name for _, k in kpis[:10]), "C 遅れ", "D 未着手"])
    flat = squash(text)
    assert "進捗状況一覧" in flat
    _, kpi = next((i, k) for i, k in kpis if k.target is not None and k.baseline is not None)
    actual = (kpi.baseline or 0) + 5
    assert f"{attainment(kpi, actual) * 100:.0f}%" in flat  # type: ignore[operator]
    assert squash(kpi_path(kpi, actual)).split("→")[0] in flat


def test_attention_is_the_worse_half_of_any_scale(store: Store) -> None:
    from dataclasses import replace

    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    assert attention_codes(plan) == ("C", "D")
    five = (("S", "大変順調"), ("A", "順調"), ("B", "やや遅れ"), ("C", "遅れ"), ("D", "未着手"))
    assert attention_codes(replace(plan, evaluation_scale=five)) == ("B", "C", "D")[1:]
    assert attention_codes(replace(plan, evaluation_scale=(("A", "順調"), ("B", "遅れ")))) == ("B",)
