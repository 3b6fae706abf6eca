"""The booklet adapts (issue 14 item 5, first half): an initiative with KPIs shows them
as 現状値 → 目標値; a plan without KPIs prints no KPI block."""

from __future__ import annotations

from pathlib import Path

from any_plan_helpers import city_plan, make_store
from pdf_helpers import check_pdf, squash

from planDesk.cli.main import main


def _booklet(tmp_path: Path, **options: bool) -> str:
    db = tmp_path / "city.sqlite3"
    make_store(db, city_plan(**options)).close()  # type: ignore[arg-type]
    out = tmp_path / "booklet.pdf"
    assert main(["--db", str(db), "export", "booklet", "--out", str(out)]) == 0
    return squash(check_pdf(out))


def test_kpis_show_baseline_and_target(tmp_path: Path) -> None:
    text = _booklet(tmp_path)
    assert "指標現状値目標値(1)利用件数111" in text
    # KPI with a baseline, then one without: — rather than 0.
    assert squash("(1)利用件数111 6件 → 12件（令和9年度）") in text
    assert squash("(1)利用件数112 — → 12件（令和9年度）") in text
    assert text.count("現状値") == 8  # one KPI block per initiative


def test_no_kpis_no_block(tmp_path: Path) -> None:
    text = _booklet(tmp_path, kpis=False)
    assert "現状値" not in text and "利用件数" not in text
    assert "事業111のデジタル化" in text


def test_sample_booklet_prints_its_kpis(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "booklet.pdf"
    assert main(["--db", str(sample_db), "export", "booklet", "--out", str(out)]) == 0
    text = squash(check_pdf(out))
    assert "現状値" in text and "目標値" in text
