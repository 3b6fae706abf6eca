"""The bundled Japanese fonts, registered with Qt so the UI renders without system fonts."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from planDesk import paths

log = logging.getLogger(__name__)

UI_FAMILY = "BIZ UDPGothic"
UI_POINT_SIZE = 10


def register_fonts() -> list[str]:
    """Add every ``resources/fonts/*.ttf`` to Qt; return the families that were added."""
    families: list[str] = []
    for file in sorted(paths.fonts_dir().glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(file))
        if font_id < 0:
            log.warning("font not loaded: %s", file)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def apply_ui_font(app: QApplication) -> None:
    if UI_FAMILY in QFontDatabase.families():
        font = QFont(UI_FAMILY, UI_POINT_SIZE)
        app.setFont(font)
    else:  # the UI still works with whatever Qt finds; boxes are possible
        log.warning("bundled font %s not available", UI_FAMILY)
