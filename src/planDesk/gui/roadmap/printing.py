"""Printing and exporting the roadmap from the GUI: the same pages as the PDF export.

``print_roadmap`` paints each page (the tiles of core.roadmap.pages, with title, legend
and "n / N") on a QPrinter with the screen painter; ``export_pdf`` and ``export_png``
write the same files as ``plandesk export roadmap``.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from planDesk.core.errors import UserError
from planDesk.core.plan.view import PlanView
from planDesk.core.roadmap.layout import Ref, RoadmapLayout, Zoom
from planDesk.core.roadmap.measure import FontMeasurer
from planDesk.core.roadmap.pages import MARGIN, PAPERS, chart_area, page_furniture, tile_layout
from planDesk.core.roadmap.pdf import layout_for_paper, write_roadmap_pdf
from planDesk.gui.roadmap.image import write_roadmap_png
from planDesk.gui.roadmap.painter import QtRowCache, QtStyles, paint_primitives, paint_tile


def paper_layout(plan: PlanView, *, paper: str, today: date, zoom: Zoom, initiative_ids: Collection[int] | None,
                 cycle_fy: int | None, collapsed: Collection[Ref]) -> RoadmapLayout:
    """What the view shows, laid out for ``paper`` (as ``plandesk export roadmap``)."""
    states: dict[int, str] | None = None if cycle_fy is not None else {}
    return layout_for_paper(plan, paper=paper, today=today, zoom=zoom, initiative_ids=initiative_ids,
                            cycle_fy=cycle_fy, states=states, collapsed=collapsed)


def print_roadmap(layout: RoadmapLayout, printer: QPrinter, *, paper: str = "A3", scope: str = "") -> int:
    """Print the pages of ``layout`` (laid out for ``paper``); returns the page count."""
    m = FontMeasurer()
    page_w, page_h = PAPERS[paper]
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A3 if paper == "A3" else QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    avail_w, avail_h = chart_area(layout, m, paper)
    tiles = tile_layout(layout, avail_w, avail_h)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("プリンターを開けませんでした。プリンターの設定を確認してください。")
    try:
        scale = printer.resolution() / 72.0
        styles = QtStyles(printer.logicalDpiY())  # font sizes in points = units before scaling
        cache = QtRowCache(layout, styles)
        for n, tile in enumerate(tiles, start=1):
            if n > 1:
                printer.newPage()
            painter.save()
            painter.scale(scale, scale)
            furniture, top, _ = page_furniture(layout, m, page_w=page_w, page_h=page_h, number=n,
                                               count=len(tiles), scope=scope)
            paint_primitives(painter, furniture, styles)
            painter.translate(MARGIN, top)
            paint_tile(painter, cache, tile)  # continued pages repeat their group rows
            painter.restore()
    finally:
        painter.end()
    return len(tiles)


def export_pdf(path: Path, layout: RoadmapLayout, *, paper: str = "A3", scope: str = "") -> int:
    return write_roadmap_pdf(path, layout, paper=paper, scope=scope)


def export_png(path: Path, layout: RoadmapLayout, *, scope: str = "") -> None:
    layout.finish()
    write_roadmap_png(path, layout, scope=scope)
