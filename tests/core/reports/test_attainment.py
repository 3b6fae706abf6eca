"""KPI attainment (達成率): one rule (core/reports/attainment.py), and the same figure for
every KPI of both sample plans on the report page, in the progress table (xlsx and PDF) and
in the meeting summary — including baseline = target and "down is good" KPIs."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import initiative_by_code, open_window
from openpyxl import load_workbook
from pdf_helpers import pdf_pages, squash
from pytestqt.qtbot import QtBot

from planDesk.cli.main import main
from planDesk.core.domain import codes
from planDesk.core.domain.model import Kpi
from planDesk.core.persistence.store import Store
from planDesk.core.plan.edit.details import KpiFields, add_detail
from planDesk.core.plan.view import InitiativeView, KpiView, PlanView, load_plan, resolve_plan_id
from planDesk.core.printing.progress import kpi_path, kpi_value
from planDesk.core.reports.assignment import reporting_departments
from planDesk.core.reports.attainment import attainment, format_attainment, kpi_attainment
from planDesk.core.reports.ops import ReportInput, save_report
from planDesk.gui.identity import Identity
from planDesk.gui.plan.report_index import Cycle
from planDesk.gui.report.values import kpi_key


@pytest.mark.parametrize(("actual", "baseline", "target", "direction", "expected"), [
    (209.5, 119, 300, "up", 0.5),         # (209.5 − 119) ÷ (300 − 119)
    (80, 100, 60, "down", 0.5),           # down is good: 100 → 60, at 80 half way
    (60, 100, 60, "down", 1.0),
    (110, 100, 60, "down", -0.25),        # went the wrong way
    (300, 300, 300, "up", 1.0),           # keep the level: met
    (310, 300, 300, "up", 1.0),           # better than the level kept
    (150, 300, 300, "up", 0.5),           # half the level kept
    (90, 100, 100, "down", 1.0),          # at or below a level to keep low
    (125, 100, 100, "down", 0.8),
    (5, 0, 0, "up", 1.0),
    (-1, 0, 0, "up", None),               # share of a zero level: not computable
    (76.4, 60.0, 80.0, "up", 0.82),       # ％ KPIs: percentage points like any unit
    (6, None, 12, "up", None),            # no baseline: never counted as 0
    (6, 3, None, "up", None),             # no target
    (None, 3, 12, "up", None),            # nothing reported
])
def test_the_rule(actual: float | None, baseline: float | None, target: float | None, direction: str,
                  expected: float | None) -> None:
    got = attainment(actual, baseline, target, direction)
    assert got == (None if expected is None else pytest.approx(expected))


def test_format() -> None:
    assert format_attainment(None) == "—"
    assert format_attainment(0.5) == "50%"
    assert format_attainment(1.234) == "123%"


def _actual(kpi: KpiView) -> float:
    """A reported value that gives every KPI a different, non-trivial attainment."""
    if kpi.baseline is not None and kpi.target is not None and kpi.target != kpi.baseline:
        return round(kpi.baseline + 0.37 * (kpi.target - kpi.baseline), 1)
    if kpi.target is not None:
        return kpi.target + (1 if kpi.direction == "up" else -1)
    return 7.0


def _reporter(plan: PlanView, ini: InitiativeView) -> int:
    real = [d for d in ini.departments if not d.pseudo]
    return (real or reporting_departments(plan))[0].id


def _special_kpis(store: Store, plan: PlanView) -> tuple[int, int]:
    """Turn one KPI into "keep the level" (baseline = target) and one into "down is good"
    (a plan without KPIs, like the Hitachi results report, gets them added)."""
    kpis = [k for i in plan.initiatives() for k in i.kpis if k.baseline is not None and k.target is not None]
    if len(kpis) < 2:
        first, second = list(plan.initiatives())[:2]
        add_detail(store, first.id, KpiFields("窓口の待ち時間", "分", baseline=20.0, target=10.0))
        add_detail(store, second.id, KpiFields("利用件数", "件", baseline=1000.0, target=2000.0))
        with store.read() as s:
            plan = load_plan(s, plan.id)
        kpis = [k for i in plan.initiatives() for k in i.kpis]
    level, down = kpis[0].id, kpis[1].id
    with store.write("test-setup") as ctx:
        a = ctx.session.get(Kpi, level)
        b = ctx.session.get(Kpi, down)
        assert a is not None and b is not None
        a.target = a.baseline
        b.baseline, b.target, b.direction = 100.0, 60.0, "down"
    return level, down


@pytest.fixture(params=["hitachinaka", "hitachi"])
def reported(request: pytest.FixtureRequest, sample_db: Path, hitachi_db: Path
             ) -> tuple[Path, str, PlanView, int, dict[tuple[str, str, int], str]]:
    """A sample plan with a report (every KPI filled in) for each initiative with KPIs, and
    the expected attainment text of each (initiative code, department, KPI id)."""
    key = request.param
    db = sample_db if key == "hitachinaka" else hitachi_db
    store = Store.open(str(db), actor="テスト")
    try:
        with store.read() as s:
            plan = load_plan(s, resolve_plan_id(s))
        level, down = _special_kpis(store, plan)
        fy = plan.start_fy
        with store.read() as s:
            plan = load_plan(s, plan.id)
        for ini in plan.initiatives():
            if ini.kpis:
                save_report(store, ReportInput(ini.id, _reporter(plan, ini), fy, activities="実施",
                                               kpi_actuals={k.id: _actual(k) for k in ini.kpis}),
                            expected_version=None, as_division=True)
        with store.read() as s:
            plan = load_plan(s, plan.id)
    finally:
        store.close()
    expected: dict[tuple[str, str, int], str] = {}
    for ini in plan.initiatives():
        for rep in ini.reports:
            actuals = dict(rep.kpi_actuals)
            for k in ini.kpis:
                expected[(ini.code, rep.department, k.id)] = format_attainment(kpi_attainment(k, actuals.get(k.id)))
    by_id = {k.id: (ini, k) for ini in plan.initiatives() for k in ini.kpis}
    ini_l = by_id[level][0]
    ini_d = by_id[down][0]
    dept = {ini.id: ini.reports[0].department for ini in plan.initiatives() if ini.reports}
    assert expected[(ini_l.code, dept[ini_l.id], level)] == "100%"  # level kept (actual = target + 1)
    assert expected[(ini_d.code, dept[ini_d.id], down)] == "37%"  # 100 → 60, at 85.2
    assert len(expected) >= (20 if key == "hitachinaka" else 2)
    return db, key, plan, fy, expected


def _kpi_rows(plan: PlanView) -> dict[str, InitiativeView]:
    return {ini.code: ini for ini in plan.initiatives()}


def test_progress_table_xlsx_gives_the_same_attainment(
        reported: tuple[Path, str, PlanView, int, dict[tuple[str, str, int], str]], tmp_path: Path) -> None:
    db, key, plan, fy, expected = reported
    out = tmp_path / "table.xlsx"
    assert main(["--db", str(db), "export", "progress-table", "--plan", key, "--fy", str(fy), "--out", str(out)]) == 0
    ws = load_workbook(out).worksheets[0]
    header = next(r for r in range(1, 12) if any(c.value == "達成率" for c in ws[r]))
    col = {c.value: c.column for c in ws[header] if c.value}
    code_col = next(c.column for c in ws[header] if c.value and str(c.value) in ("コード", "番号"))
    dept_col = next(c.column for c in ws[header] if c.value and "部署" in str(c.value))
    inis = _kpi_rows(plan)
    seen = 0
    for r in range(header + 1, ws.max_row + 1):
        code, dept = ws.cell(r, code_col).value, ws.cell(r, dept_col).value
        if code not in inis or not inis[code].kpis or (code, dept, inis[code].kpis[0].id) not in expected:
            continue
        cell = ws.cell(r, col["達成率"])
        kpis = inis[code].kpis
        if len(kpis) == 1:
            want = expected[(code, dept, kpis[0].id)]
            got = "—" if cell.value in (None, "—") else format_attainment(float(cell.value))
            assert got == want, (code, dept)
        else:
            lines = str(cell.value).split("\n")
            assert lines == [codes.circled(i) + expected[(code, dept, k.id)] for i, k in enumerate(kpis, start=1)]
        seen += 1
    assert seen == len({(c, d) for c, d, _ in expected})


def test_progress_table_pdf_and_summary_give_the_same_attainment(
        reported: tuple[Path, str, PlanView, int, dict[tuple[str, str, int], str]], tmp_path: Path) -> None:
    db, key, plan, fy, expected = reported
    table, summary = tmp_path / "table.pdf", tmp_path / "summary.pdf"
    assert main(["--db", str(db), "export", "progress-table", "--plan", key, "--fy", str(fy),
                 "--out", str(table)]) == 0
    assert main(["--db", str(db), "export", "summary", "--plan", key, "--fy", str(fy), "--out", str(summary)]) == 0
    table_text = squash("".join(pdf_pages(table)))
    summary_text = squash("".join(pdf_pages(summary)))
    for ini in plan.initiatives():
        for rep in ini.reports:
            actuals = dict(rep.kpi_actuals)
            for k in ini.kpis:
                rate = expected[(ini.code, rep.department, k.id)]
                actual = actuals.get(k.id)
                assert squash(f"{k.name}：{kpi_path(k, actual)}（{rate}）") in table_text, (ini.code, k.name)
                # the summary's KPI table, one row: code, KPI, 基準値, 実績, 目標, 達成率, 報告部署
                row = (f"{ini.code}{k.name}{kpi_value(k.baseline, k.unit)}{kpi_value(actual, k.unit)}"
                       f"{kpi_value(k.target, k.unit)}{rate}{rep.department}")
                assert squash(row) in summary_text, row


def test_report_page_gives_the_same_attainment(
        reported: tuple[Path, str, PlanView, int, dict[tuple[str, str, int], str]], qtbot: QtBot) -> None:
    """Every reported KPI, on the report form of its department (the department's own window)."""
    db, key, plan, fy, expected = reported
    checked = 0
    for dept in sorted({d for _c, d, _k in expected}):
        window = open_window(qtbot, db, Identity(dept), plan_key=key)
        try:
            window.set_cycle(Cycle(fy, 0))
            for ini in plan.initiatives():
                if not ini.kpis or not any(r.department == dept for r in ini.reports):
                    continue
                assert window.select_initiative(initiative_by_code(window, ini.code))
                assert window.page is not None
                form = next(f for f in window.page.forms if f.ctx.department.name == dept)
                for k in ini.kpis:
                    assert form._attainment[kpi_key(k.id)].text() == expected[(ini.code, dept, k.id)], (ini.code, k)
                    checked += 1
        finally:
            window.store.close()
    assert checked == len(expected)
