"""Menus wide enough for their Japanese text.

Qt sizes a menu from the text's advance rounded to whole pixels and then elides at the
exact width, so a Japanese item ending in 「…」 (e.g. 「変更履歴（監査ログ）(&A)…」) came out one
or two pixels short and was drawn 「変更履歴（監…）(A)…」. Each menu is widened a little when
it opens (after whatever fills it on ``aboutToShow``); tests/test_gui_menus_walk.py checks
every menu by its pixels.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QMenuBar

SPARE_EM = 0.5  # of the font's height: more than the rounding loses, less than a character


def widen(menu: QMenu) -> None:
    menu.setMinimumWidth(0)
    spare = max(4, round(menu.fontMetrics().height() * SPARE_EM))
    menu.setMinimumWidth(menu.sizeHint().width() + spare)
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            fit_menu(sub)


def fit_menu(menu: QMenu) -> None:
    """Widen ``menu`` (and its submenus) each time it opens."""
    if menu.property("planDeskFitted"):
        return
    menu.setProperty("planDeskFitted", True)
    menu.aboutToShow.connect(lambda m=menu: widen(m))


def fit_menu_bar(bar: QMenuBar) -> None:
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            fit_menu(menu)
