"""An initiative reported without a grade of the plan's scale is 評価なし in the meeting
summary, not 未報告: the Hitachi plan's 2021 results carry no grades, and the summary said
「未報告 44 件」 of a year in which all 44 were reported (its appendix listed the 44 reports)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_helpers import check_pdf, squash

from planDesk.cli.main import main
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import load_plan, resolve_plan_id
from planDesk.core.printing.progress import NO_GRADE, NOT_REPORTED
from planDesk.core.printing.selection import Cycle
from planDesk.core.printing.summary import count_keys, evaluation_counts


def test_reported_without_a_grade_counts_as_no_grade(hitachi_db: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(str(hitachi_db), create=False)
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    store.close()
    counts = evaluation_counts(plan, Cycle(2021, 0))
    assert sum(c[NO_GRADE] for _, c in counts) == 44
    assert sum(c[NOT_REPORTED] for _, c in counts) == 0
    assert count_keys(plan, counts) == [*(code for code, _ in plan.evaluation_scale), NO_GRADE, NOT_REPORTED]
    assert count_keys(plan, evaluation_counts(plan, Cycle(2022, 0))) == [
        *(code for code, _ in plan.evaluation_scale), NOT_REPORTED]  # no report that year: no 評価なし column

    out = tmp_path / "summary.pdf"
    assert main(["--db", str(hitachi_db), "export", "summary", "--fy", "2021", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "評価なし 44 件、未報告 0 件" in said
    first_page = squash(check_pdf(out).split("\f")[0])
    assert "評価なし" in first_page and "無16" in first_page  # the column and the bar's letters
