"""Printouts read on a black-and-white printer: every state must differ in grey.

Pages are rendered with poppler (``pdftoppm -gray``, as an office printer's driver would
turn colour into grey) and the screen/PNG painter into a greyscale QImage; the swatch of
every state in a legend is cut out and compared with every other pixel by pixel.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from needs import strict
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Group, Rect

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id
from planDesk.core.printing.progress import NO_GRADE, NOT_REPORTED
from planDesk.core.printing.selection import Cycle
from planDesk.core.printing.summary import _chart, evaluation_counts
from planDesk.core.roadmap.measure import FontMeasurer
from planDesk.core.roadmap.pages import PAPERS, page_furniture
from planDesk.core.roadmap.pdf import export_roadmap_pdf, layout_for_paper
from planDesk.core.roadmap.primitives import Primitive

DPI = 150
# Two swatches can be told apart in grey when their insides differ in tone (mean grey) or in
# texture (hatching: spread of the greys), or their outlines differ (dashed / solid).
MIN_TONE = 30.0
MIN_TEXTURE = 15.0
MIN_OUTLINE = 60.0

# skipped without poppler on a developer's machine; on CI (strict) the test runs and fails without it
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None and not strict(),
                                   reason="poppler-utils (pdftoppm) missing")


@dataclass(frozen=True)
class Grey:
    """A greyscale image: width, height, one byte per pixel (0 black … 255 white)."""

    width: int
    height: int
    pixels: bytes

    def crop(self, x: int, y: int, w: int, h: int) -> list[int]:
        return [self.pixels[(y + j) * self.width + x + i] for j in range(h) for i in range(w)]


def render_grey(pdf: Path, page: int = 1, dpi: int = DPI) -> Grey:
    """One page of a PDF rendered to grey by poppler (PGM read back by hand: no imaging library)."""
    data = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
                          check=True, capture_output=True).stdout
    return parse_pgm(data)


def parse_pgm(data: bytes) -> Grey:
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5" and fields[3] == b"255"
    w, h = int(fields[1]), int(fields[2])
    return Grey(w, h, data[pos + 1:pos + 1 + w * h])


@dataclass(frozen=True)
class Swatch:
    """A swatch's pixels: the inside (inset from the outline) and the ring around it."""

    inside: list[int]
    ring: list[int]

    @property
    def tone(self) -> float:
        return sum(self.inside) / len(self.inside)

    @property
    def texture(self) -> float:
        t = self.tone
        return (sum((v - t) ** 2 for v in self.inside) / len(self.inside)) ** 0.5


def swatch(img: Grey, x: float, y: float, w: float, h: float, scale: float = DPI / 72) -> Swatch:
    """The swatch whose box is x, y, w, h in points (y down), 1 pt of outline around it."""
    px, py = int((x - 1) * scale), int((y - 1) * scale)
    pw, ph = round((w + 2) * scale), round((h + 2) * scale)
    inset = round(2.5 * scale)
    inside = img.crop(px + inset, py + inset, pw - 2 * inset, ph - 2 * inset)
    ring = [v for j in range(ph) for i, v in enumerate(img.crop(px, py + j, pw, 1))
            if j < inset or j >= ph - inset or i < inset or i >= pw - inset]
    return Swatch(inside, ring)


def alike(a: Swatch, b: Swatch) -> tuple[float, float, float] | None:
    """None when a and b can be told apart in grey, else (tone, texture, outline) differences."""
    tone, texture = abs(a.tone - b.tone), abs(a.texture - b.texture)
    outline = sum(abs(x - y) for x, y in zip(a.ring, b.ring, strict=False)) / max(1, min(len(a.ring), len(b.ring)))
    if tone >= MIN_TONE or texture >= MIN_TEXTURE or outline >= MIN_OUTLINE:
        return None
    return round(tone, 1), round(texture, 1), round(outline, 1)


def assert_all_differ(swatches: dict[str, Swatch]) -> None:
    same = [(a, b, got) for a, b in itertools.combinations(swatches, 2)
            if (got := alike(swatches[a], swatches[b])) is not None]
    assert not same, f"these legend entries look alike in grey (tone, texture, outline): {same}"


def swatch_boxes(legend: list[Primitive]) -> dict[str, Primitive]:
    """label → the shape drawn before it (the legend alternates shape, label)."""
    out = {}
    for shape, label in itertools.pairwise(legend):
        if shape.kind in ("bar", "arrow", "diamond") and label.kind == "text" and label.text:
            out[label.text] = shape
    return out


def swatch_of(img: Grey, p: Primitive, scale: float = DPI / 72) -> Swatch:
    return swatch(img, p.x, p.y, p.w, p.h, scale)


@needs_poppler
def test_roadmap_legend_states_differ_in_grey_on_paper(store: Store, tmp_path: Path) -> None:
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    out = tmp_path / "r.pdf"
    today = date(2024, 1, 10)
    export_roadmap_pdf(out, plan, today=today, paper="A4", cycle_fy=2023)
    m = FontMeasurer()
    layout = layout_for_paper(plan, paper="A4", today=today, cycle_fy=2023, measurer=m)
    furniture, _, _ = page_furniture(layout, m, page_w=PAPERS["A4"][0], page_h=PAPERS["A4"][1], number=1, count=1)
    boxes = swatch_boxes(furniture)
    labels = ["未着手", "実施中", "完了", "遅れ", "報告なし（令和5年度）", "実施期間"]
    assert set(labels) <= set(boxes)
    img = render_grey(out)
    swatches = {k: swatch_of(img, boxes[k]) for k in labels}
    assert all(min(v.ring) < 128 for v in swatches.values()), "a swatch was not found where the layout put it"
    assert_all_differ(swatches)


def test_roadmap_legend_states_differ_in_grey_on_screen_and_png(qapp: object) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    from planDesk.core.roadmap.legend import layout_legend
    from planDesk.gui.roadmap.painter import QtStyles, paint_primitives

    m = FontMeasurer()
    legend, w, h = layout_legend(m, today=date(2024, 1, 10), today_in_period=True, cycle_fy=2023, max_width=2000)
    scale = DPI / 72
    image = QImage(int((w + 4) * scale), int((h + 4) * scale), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_primitives(painter, legend, QtStyles(DPI))
    painter.end()
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = bytes(grey.constBits())[: grey.bytesPerLine() * grey.height()]
    img = Grey(grey.bytesPerLine(), grey.height(), pixels)
    boxes = swatch_boxes(legend)
    labels = ["未着手", "実施中", "完了", "遅れ", "報告なし（令和5年度）", "実施期間"]
    assert_all_differ({k: swatch_of(img, boxes[k]) for k in labels})


def _legend_rects(group: Group, dx: float = 0.0, dy: float = 0.0) -> list[Rect]:
    out = []
    for shape in group.contents:
        if isinstance(shape, Group):
            t = shape.transform
            out += _legend_rects(shape, dx + t[4], dy + t[5])
        elif isinstance(shape, Rect) and shape.fillColor is not None and shape.width < 20:
            out.append(Rect(shape.x + dx, shape.y + dy, shape.width, shape.height))
    return out


def assert_chart_swatches_differ(plan: PlanView, counts: Any, swatches: int, tmp_path: Path) -> None:
    """The summary chart's legend has ``swatches`` entries, each told from the others in grey."""
    drawing = _chart(plan, counts, 400)
    legend = next(c for c in drawing.contents if type(c).__name__ == "Legend")
    rects = _legend_rects(legend.draw())
    assert len(rects) == swatches
    out = tmp_path / "chart.pdf"
    renderPDF.drawToFile(drawing, str(out))
    img = render_grey(out)
    # drawing y grows upwards
    assert_all_differ({str(n): swatch(img, r.x, drawing.height - r.y - r.height, r.width, r.height)
                       for n, r in enumerate(rects)})


@needs_poppler
def test_summary_chart_grades_differ_in_grey(store: Store, tmp_path: Path) -> None:
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    assert_chart_swatches_differ(plan, evaluation_counts(plan, Cycle(2023, 0)), len(plan.evaluation_scale) + 1,
                                 tmp_path)


@needs_poppler
def test_summary_chart_tells_no_grade_from_the_grades_and_from_not_reported(hitachi_db: Path,
                                                                            tmp_path: Path) -> None:
    """The Hitachi plan's 2021 reports carry no grade: they count as 評価なし, a swatch of
    its own beside the grades' and 未報告's."""
    store = Store.open(str(hitachi_db), create=False)
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    store.close()
    counts = evaluation_counts(plan, Cycle(2021, 0))
    counts = [*counts[:-1], (counts[-1][0], {**counts[-1][1], NO_GRADE: 0, NOT_REPORTED: 3})]  # and some 未報告
    assert_chart_swatches_differ(plan, counts, len(plan.evaluation_scale) + 2, tmp_path)
