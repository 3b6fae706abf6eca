"""Walking the menus of a window as a person would: open each, read its items and keys.

Shared by tests/gui/test_gui_menus_walk.py and tests/screen_tour.py (on a real display).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QWidget

from planDesk.gui.window.main_window import MainWindow

MNEMONIC = re.compile(r"&(?!&)(.)")


def access_key(text: str) -> str | None:
    found = MNEMONIC.search(text)
    return found.group(1).upper() if found else None


def visible_menus(window: MainWindow) -> list[QMenu]:
    menus = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.isVisible():
            menus.append(menu)
    return menus


def open_menu(menu: QMenu) -> QImage:
    """Show the menu as a user opens it (its aboutToShow fills and widens it); its picture."""
    menu.popup(QPoint(300, 300))
    QApplication.processEvents()
    image = menu.grab().toImage()
    return image


def walk(menu: QMenu) -> Iterator[QMenu]:
    yield menu
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            open_menu(sub)
            yield from walk(sub)
            sub.hide()


def window_level_keys(window: MainWindow) -> dict[str, str]:
    """Access keys of labels and buttons in the main window itself (Alt+key there competes
    with the menu bar's)."""
    keys: dict[str, str] = {}
    for w in window.findChildren(QWidget):
        if w.window() is not window or not w.isVisibleTo(window):
            continue
        text = w.text() if isinstance(w, QLabel | QAbstractButton) else ""
        key = access_key(text)
        if key:
            keys.setdefault(key, text)
    return keys


def elided(menu: QMenu) -> list[str]:
    """Items whose text is drawn differently at the menu's own width than with room to
    spare: elided (「変更履歴（監…）」) or overdrawn."""
    narrow = open_menu(menu)
    width = menu.width()
    menu.hide()
    # The same items with room to spare: a long last item widens the menu (Qt lays items
    # out when a menu opens, not on resize).
    roomy = QMenu(menu.parentWidget())
    roomy.addActions(menu.actions())
    roomy.addAction("W" * 80)
    wide = open_menu(roomy)
    roomy.hide()
    roomy.deleteLater()
    assert wide.width() >= width + 300
    bad = []
    dpr = narrow.devicePixelRatio()  # the pictures are in device pixels (150 %: 1.5 per pixel)
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        r = menu.actionGeometry(action)
        ys = range(round((r.top() + 1) * dpr), round(r.bottom() * dpr))
        background = wide.pixel(round((width + 100) * dpr), round(r.center().y() * dpr))  # beside the text
        # The text ends where the wide picture's ink ends left of the narrow menu's edge.
        ink = [x for x in range(0, round((width - 8) * dpr)) if any(wide.pixel(x, y) != background for y in ys)]
        end = max(ink) + 1 if ink else 0
        if any(narrow.pixel(x, y) != wide.pixel(x, y) for x in range(0, end) for y in ys):
            bad.append(action.text())
    return bad
