"""``plandesk export roadmap``: PDF and PNG, filtered by department, coloured by a year's reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage

from planDesk.cli.main import main
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import load_plan, resolve_plan_id
from planDesk.core.reports.ops import ReportInput, save_report
from planDesk.core.roadmap.style import style


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), "export", "roadmap", *args])


def test_whole_plan_on_a3(sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "工程表.pdf"
    assert run(sample_db, "--out", str(out)) == 0
    said = capsys.readouterr().out
    assert "取組事項 34 件" in said  # the plan's own word and "A3 横 3 ページ" in said
    reader = PdfReader(str(out))
    assert len(reader.pages) == 3
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (1191, 842)  # A3 landscape
    assert all("取組事項" in p.extract_text() for p in reader.pages)


def test_department_filter_and_a4(sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "shimin.pdf"
    assert run(sample_db, "--out", str(out), "--department", "市民課", "--paper", "A4") == 0
    said = capsys.readouterr().out
    text = "".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "部署：市民課" in text
    assert "マイナンバーカードの普及促進" in text  # 市民課's own
    assert "行政手続きのオンライン化" in text  # 全部署: every department reports on it
    assert "キャッシュレス決済の普及促進" in text  # 料金徴収実施部署: the relevant departments report
    store = Store.open(str(sample_db))
    with store.read() as session:
        plan = load_plan(session, resolve_plan_id(session, None))
    store.close()
    expected = [i for i in plan.initiatives()
                if any(d.name == "市民課" or d.pseudo in ("all", "relevant") for d in i.departments)]
    assert f"取組事項 {len(expected)} 件" in said
    others = [i for i in plan.initiatives() if i not in expected]
    assert others and all(f"{i.code} " not in text for i in others)  # e.g. 生活安全課's own
    width = float(PdfReader(str(out)).pages[0].mediabox[2])
    assert round(width) == 842


def test_png_coloured_by_the_reports_of_a_year(sample_db: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(str(sample_db), actor="テスト")
    with store.read() as session:
        plan = load_plan(session, resolve_plan_id(session, None))
    ini = next(i for i in plan.initiatives() if i.code == "①－１－２")  # 市民課, one step
    dept = next(d for d in ini.departments if d.name == "市民課")
    save_report(store, ReportInput(ini.id, dept.id, 2024, step_states={ini.steps[0].id: "delayed"}),
                expected_version=None)
    store.close()
    out = tmp_path / "r.png"
    assert run(sample_db, "--out", str(out), "--department", "市民課", "--fy", "令和6年度") == 0
    assert "令和6年度の報告で色分け" in capsys.readouterr().out
    image = QImage(str(out))
    assert not image.isNull() and image.width() > 1000
    # the same year without that report: only the legend's swatch is red
    out2 = tmp_path / "r5.png"
    assert run(sample_db, "--out", str(out2), "--department", "市民課", "--fy", "2023") == 0
    assert "令和5年度の報告はまだないため色分けなし" in capsys.readouterr().out
    image2 = QImage(str(out2))
    assert (image2.width(), image2.height()) == (image.width(), image.height())
    red = QColor(style("step.delayed").fill)

    def reds(img: QImage) -> int:
        return sum(1 for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)
                   if QColor(img.pixel(x, y)) == red)

    legend_swatch = reds(image2)
    assert 0 < legend_swatch < 300
    # the 遅れ arrow across the whole period: 672 pt long, ~4 pt of solid shaft at 2 px/pt
    assert reds(image) - legend_swatch > 672 * 2 * 4 / 4 * 0.8


def test_mistakes_are_explained(sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(sample_db, "--out", str(tmp_path / "x.pdf"), "--department", "市民") == 1
    err = capsys.readouterr().err
    assert "部署「市民」はこの計画にありません" in err and "市民課" in err
    assert run(sample_db, "--out", str(tmp_path / "x.svg")) == 2
    assert ".pdf" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(SystemExit) as exc:
        run(sample_db, "--out", str(tmp_path / "x.pdf"), "--zoom", "week")
    assert exc.value.code == 2


def test_a_chart_too_large_for_one_image_is_refused_with_a_hint(qapp: object, tmp_path: Path) -> None:
    from datetime import date

    from bench.roadmap_synthetic import synthetic_plan
    from planDesk.core.errors import UserError
    from planDesk.core.roadmap.layout import layout_roadmap
    from planDesk.core.roadmap.measure import FontMeasurer
    from planDesk.gui.roadmap.image import write_roadmap_png

    layout = layout_roadmap(synthetic_plan(1500, 3), measurer=FontMeasurer(), today=date(2025, 6, 1))
    out = tmp_path / "big.png"
    with pytest.raises(UserError, match="大きすぎて") as exc:
        write_roadmap_png(out, layout)
    assert "--department" in exc.value.hint and "PDF" in exc.value.hint
    assert not out.exists()
