"""The roadmap as a PNG image: the whole chart on one sheet, drawn by the screen painter.

Needs a QGuiApplication (the command line makes an offscreen one). Importing this module
registers the painter as the ``.png`` writer of the core's export registry. The image has the
page title on top and the legend below, like a PDF page, at ``scale`` pixels per point
(2 = 144 dpi); a chart too large for one image is refused with a hint.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from planDesk.core.atomic import write_atomically
from planDesk.core.errors import UserError
from planDesk.core.exports.registry import register_image_writer
from planDesk.core.roadmap.layout import RoadmapLayout
from planDesk.core.roadmap.measure import FontMeasurer
from planDesk.core.roadmap.pages import MARGIN, image_frame
from planDesk.gui.roadmap.painter import QtRowCache, QtStyles, paint_primitives, paint_viewport

MAX_SIDE = 30_000  # pixels; larger images fail to open in common viewers
MAX_PIXELS = 250_000_000
MIN_SCALE = 0.75


def ensure_gui_app() -> QCoreApplication:
    """An application object for drawing text (offscreen when there is no display). A
    QApplication, not a bare QGuiApplication, so that widgets can follow in the same
    process (the GUI, tests)."""
    app = QCoreApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") \
                and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["plandesk"])
    return app


def render_image(layout: RoadmapLayout, *, scale: float = 2.0, scope: str = "") -> QImage:
    """The chart with its title and legend as an image."""
    m = FontMeasurer()
    prims, page_w, page_h, top = image_frame(layout, m, scope)
    scale = min(scale, MAX_SIDE / page_w, MAX_SIDE / page_h, (MAX_PIXELS / (page_w * page_h)) ** 0.5)
    if scale < MIN_SCALE:
        raise UserError(
            f"工程表が大きすぎて 1 枚の画像にできません（{page_w / 72 * 25.4:,.0f} × {page_h / 72 * 25.4:,.0f} mm）。",
            hint="--department で部署を絞り込むか、ページに分けて印刷できる PDF（--out 工程表.pdf）にしてください。")
    image = QImage(round(page_w * scale), round(page_h * scale), QImage.Format.Format_ARGB32_Premultiplied)
    dpm = round(72 * scale / 0.0254)  # so that viewers show the sheet at its size in points
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(QColor("#ffffff"))
    styles = QtStyles(image.logicalDpiY())  # a font size in points = that many units before scaling
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    paint_primitives(painter, prims, styles)
    painter.translate(MARGIN, top)
    paint_viewport(painter, QtRowCache(layout, styles), 0, 0, layout.width, layout.height)
    painter.end()
    return image


def write_roadmap_png(path: Path, layout: RoadmapLayout, *, scale: float = 2.0, scope: str = "") -> QImage:
    ensure_gui_app()
    image = render_image(layout, scale=scale, scope=scope)

    def write(tmp: Path) -> None:
        if not image.save(str(tmp), "PNG"):  # type: ignore[call-overload]  # the stub wants bytes; Qt takes str
            raise UserError(f"画像「{path}」を書き出せませんでした。")

    write_atomically(path, write)
    return image


def _write_png(path: Path, layout: RoadmapLayout, scope: str) -> tuple[int, int]:
    image = write_roadmap_png(path, layout, scope=scope)
    return image.width(), image.height()


register_image_writer(".png", _write_png)
