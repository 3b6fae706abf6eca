"""RoadmapView driven like a user: zoom, collapse, filter, double-click, keys, tooltips."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from roadmap_plans import item_group_id, tiny_plan

from bench.roadmap_synthetic import synthetic_plan
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id
from planDesk.core.roadmap.layout import group_ref
from planDesk.core.roadmap.style import group_style, style
from planDesk.gui.roadmap.view import RoadmapView


@pytest.fixture
def hitachinaka(sample_db: Path) -> PlanView:
    store = Store.open(str(sample_db))
    try:
        with store.read() as session:
            return load_plan(session, resolve_plan_id(session, "hitachinaka"))
    finally:
        store.close()


TOP, ITEM = group_ref(1), group_ref(item_group_id(1))  # tiny_plan's two groups


def make_view(qtbot: QtBot, plan: PlanView, size: tuple[int, int] = (1200, 700)) -> RoadmapView:
    view = RoadmapView(plan, today=date(2024, 10, 16))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def refs(view: RoadmapView) -> list[tuple[str, int]]:
    layout = view.roadmap_layout()
    layout.finish()
    return [r.ref for r in layout.rows]


def test_zoom_buttons_keys_and_api(qtbot: QtBot) -> None:
    view = make_view(qtbot, tiny_plan())
    assert view.zoom == "year" and view.roadmap_layout().header_height == 18
    qtbot.mouseClick(view.findChild(object, "zoom-quarter"), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    assert view.zoom == "quarter"
    texts = [p.text for p in view.roadmap_layout().header if p.kind == "text"]
    assert "第1四半期" in texts and "令和6年度" in texts
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Plus)
    assert view.zoom == "month"
    assert "4月" in [p.text for p in view.roadmap_layout().header]
    qtbot.keyClick(view.canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Minus)
    assert view.zoom == "year"
    with pytest.raises(ValueError, match="zoom"):
        view.set_zoom("week")  # type: ignore[arg-type]


def test_collapse_by_double_click_triangle_and_keys(qtbot: QtBot) -> None:
    view = make_view(qtbot, tiny_plan())
    assert refs(view) == [TOP, ITEM, ("initiative", 10), ("initiative", 20)]
    item_pos = view.canvas.pos_of_ref(ITEM)
    assert item_pos is not None
    qtbot.mouseDClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=item_pos)
    assert refs(view) == [TOP, ITEM]
    assert view.collapsed() == {ITEM}
    qtbot.mouseDClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=item_pos)
    assert len(refs(view)) == 4
    # a single click on the ▼ of the top group's row collapses it
    policy_pos = view.canvas.pos_of_ref(TOP)
    assert policy_pos is not None
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(8, policy_pos.y()))
    assert refs(view) == [TOP]
    # keys: → expands the current collapsed group, ← collapses it again
    view.canvas.setFocus()
    assert view.canvas.current == TOP
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)
    assert len(refs(view)) == 4
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)
    assert refs(view) == [TOP]
    view.expand_all()
    view.collapse_all()  # the deepest level: one line per group of depth 2
    assert refs(view) == [TOP, ITEM]
    view.collapse_to(1)
    assert refs(view) == [TOP]


def test_filter_by_predicate_or_ids(qtbot: QtBot, hitachinaka: PlanView) -> None:
    view = make_view(qtbot, hitachinaka)
    view.set_filter(lambda ini: "市民課" in ini.department_names)
    shown = [ref[1] for ref in refs(view) if ref[0] == "initiative"]
    expected = [i.id for i in hitachinaka.initiatives() if "市民課" in i.department_names]
    assert shown == expected and 0 < len(shown) < 34
    view.set_filter({expected[0]})
    assert [r for r in refs(view) if r[0] == "initiative"] == [("initiative", expected[0])]
    view.set_filter(None)
    assert sum(1 for r in refs(view) if r[0] == "initiative") == 34


def test_double_click_and_enter_open_the_initiative(qtbot: QtBot) -> None:
    view = make_view(qtbot, tiny_plan())
    pos = view.canvas.pos_of_ref(("initiative", 20))
    assert pos is not None
    with qtbot.waitSignal(view.initiativeActivated) as blocker:
        qtbot.mouseDClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [20]
    # on a step bar in the chart too
    bar = view.canvas.pos_of_ref(("step", 1))
    assert bar is not None and bar.x() > view.roadmap_layout().label_width
    with qtbot.waitSignal(view.initiativeActivated) as blocker:
        qtbot.mouseDClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=bar)
    assert blocker.args == [10]
    # keyboard: Home, ↓ ↓ reaches the first initiative, Enter opens it
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Home)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Down)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Down)
    assert view.current_initiative() == 10
    with qtbot.waitSignal(view.initiativeActivated) as blocker:
        qtbot.keyClick(view.canvas, Qt.Key.Key_Return)
    assert blocker.args == [10]
    qtbot.keyClick(view.canvas, Qt.Key.Key_End)
    assert view.current_initiative() == 20
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)  # to the enclosing group
    assert view.canvas.current == ITEM


def test_tooltips_name_the_step_goal_target_and_state(qtbot: QtBot) -> None:
    view = make_view(qtbot, tiny_plan())
    pos = view.canvas.pos_of_ref(("step", 2))
    assert pos is not None
    text = view.canvas.tooltip_at(pos)
    assert text.splitlines()[0] == "C"
    assert "状況：遅れ（令和6年度の報告）" in text
    assert "目標①：手続きを増やします（目標年度 令和5年度）" in text
    assert "指標 オンライン手続き数：目標値 300手続き（令和5年度）" in text
    row = view.canvas.pos_of_ref(("initiative", 20))
    assert row is not None
    assert "①－１－２ えお" in view.canvas.tooltip_at(row)


def test_cycle_choice_recolours_the_steps(qtbot: QtBot) -> None:
    view = make_view(qtbot, tiny_plan())
    assert view.cycle_fy == 2024
    bar = next(p for p in view.roadmap_layout().row_primitives(2).body if p.ref == ("step", 1) and p.kind == "bar")
    assert bar.style == "step.done"
    view.cycle_box.setCurrentIndex(view.cycle_box.findData(2023))
    assert view.cycle_fy == 2023
    bar = next(p for p in view.roadmap_layout().row_primitives(2).body if p.ref == ("step", 1) and p.kind == "bar")
    assert bar.style == "step.in_progress"
    view.cycle_box.setCurrentIndex(view.cycle_box.count() - 1)  # 色分けなし
    bar = next(p for p in view.roadmap_layout().row_primitives(2).body if p.ref == ("step", 1) and p.kind == "bar")
    assert bar.style == "step.none"


def _pixel(img: QImage, x: float, y: float) -> str:
    return QColor(img.pixel(round(x), round(y))).name()


def test_label_column_and_chart_scroll_together(qtbot: QtBot, hitachinaka: PlanView) -> None:
    view = make_view(qtbot, hitachinaka, (900, 500))
    canvas = view.canvas
    layout = view.roadmap_layout()
    policy2 = next(r for r in layout.finish().rows if r.kind == "group" and r.depth == 0 and r.index > 0)
    canvas.verticalScrollBar().setValue(round((policy2.y - layout.header_height - 50) * canvas.k))
    canvas.horizontalScrollBar().setValue(canvas.horizontalScrollBar().maximum())
    img = canvas.viewport().grab().toImage()
    y = (50 + layout.header_height + policy2.height / 2) * canvas.k
    band = style(group_style(1)).fill
    assert _pixel(img, 2, y) == band  # in the label column
    assert _pixel(img, canvas.viewport().width() - 20, y) == band  # and in the chart, same height
    header = style("header.cell").fill
    assert _pixel(img, canvas.viewport().width() - 20, 3) == header  # the header stays on top


def test_a_large_plan_opens_lazily_and_paints_only_visible_rows(qtbot: QtBot) -> None:
    plan = synthetic_plan(3000, 3)
    view = make_view(qtbot, plan, (1000, 700))
    layout = view.roadmap_layout()
    assert not layout.complete  # the first screen is painted before every row is laid out
    qtbot.waitUntil(lambda: view.canvas.last_paint_count > 0)
    assert view.canvas.last_paint_count < 400
    qtbot.waitUntil(lambda: layout.complete, timeout=20000)
    assert layout.row_count > 3000
    assert len(layout._built) < 100  # rows never painted were never turned into primitives
    canvas = view.canvas
    canvas.verticalScrollBar().setValue(canvas.verticalScrollBar().maximum())
    img = canvas.viewport().grab().toImage()
    assert not img.isNull()
    assert 0 < canvas.last_paint_count < 400


def test_set_plan_keeps_zoom_collapse_and_filter(qtbot: QtBot) -> None:
    view = make_view(qtbot, tiny_plan())
    view.set_zoom("month")
    view.set_filter({20})
    view.set_plan(tiny_plan())
    assert view.zoom == "month"
    assert [r for r in refs(view) if r[0] == "initiative"] == [("initiative", 20)]
    view.set_collapsed({TOP})
    view.set_plan(tiny_plan())
    assert refs(view) == [TOP]
    view.select_initiative(20)  # expands what hides it
    assert ("initiative", 20) in refs(view)
    assert view.current_initiative() == 20


def test_the_view_fits_the_period_to_its_width(qtbot: QtBot) -> None:
    view = make_view(qtbot, tiny_plan(), (1600, 600))
    layout = view.roadmap_layout()
    width_pt = view.canvas.viewport().width() / view.canvas.k
    assert layout.chart_x1 == pytest.approx(width_pt - 1, abs=0.5)
    view.set_zoom("month")
    assert view.roadmap_layout().chart_x1 - view.roadmap_layout().chart_x0 == 36 * 40


def test_print_and_export_from_the_view(qtbot: QtBot, hitachinaka: PlanView, tmp_path: Path) -> None:
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    view = make_view(qtbot, hitachinaka)
    view.set_filter(lambda ini: "市民課" in ini.department_names)
    pdf = tmp_path / "view.pdf"
    pages = view.export_pdf(pdf, "A4")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == pages
    text = "".join(p.extract_text() for p in reader.pages)
    assert "絞り込み：取組事項" in text and "マイナンバーカードの普及促進" in text
    assert "キャッシュレス決済の普及促進" not in text
    # printing paints the same pages with the screen painter (here into a PDF printer)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert view.print_to(printer, "A4") == pages
    printed_reader = PdfReader(str(printed))
    assert len(printed_reader.pages) == pages
    assert round(float(printed_reader.pages[0].mediabox[2])) == 842  # A4 landscape
    png = tmp_path / "view.png"
    view.export_png(png)
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 1000
