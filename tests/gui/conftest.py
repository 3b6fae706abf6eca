"""The GUI tests draw with the program's own fonts.

The program registers its bundled fonts and makes BIZ UDPGothic the UI font before any window
exists (gui/app.py); without the same here, widgets fell back to whatever the machine's
fontconfig offers ("Sans Serif" and, for Japanese, a system fallback font), so the tests
measured and painted other glyphs than a user sees — and FreeType warnings from the fallback
font's hinting failed tests at random.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from planDesk.gui.fonts import UI_FAMILY, apply_ui_font, register_fonts


@pytest.fixture(autouse=True, scope="session")
def program_fonts(qapp: QApplication) -> None:
    register_fonts()
    apply_ui_font(qapp)
    assert qapp.font().family() == UI_FAMILY
