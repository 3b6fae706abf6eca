"""Every menu, walked: access keys unique per level, every item has one, no text elided,
and no command-line words (--department) on screen — for the division and a department,
in Japanese and in English (issue 15)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import documents_folder, no_modal_dialogs, open_window  # noqa: F401  (autouse fixtures)
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from planDesk.gui import export_menu
from planDesk.gui.i18n import install_translators
from planDesk.gui.identity import Identity
from planDesk.gui.main_window import MainWindow

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


@pytest.fixture(params=["ja", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    install_translators(qapp, request.param)
    yield request.param
    install_translators(qapp, "ja")


@pytest.mark.parametrize("who", [None, "市民課"], ids=["division", "department"])
def test_every_menu_has_unique_keys_and_whole_texts(qtbot: QtBot, sample_db: Path, language: str,
                                                    who: str | None) -> None:
    window = open_window(qtbot, sample_db, Identity(who))
    with qtbot.waitExposed(window):
        window.show()
    menus = visible_menus(window)
    top = [access_key(m.title()) for m in menus]
    assert None not in top, [m.title() for m in menus]
    assert len(set(top)) == len(top), [m.title() for m in menus]
    clashes = {k: v for k, v in window_level_keys(window).items() if k in top}
    assert clashes == {}, f"Alt+key of the menu bar also on the window: {clashes}"
    seen = 0
    for menu in menus:
        open_menu(menu)
        for level in walk(menu):
            texts = [a.text() for a in level.actions() if not a.isSeparator() and a.isVisible()]
            keys = [access_key(t) for t in texts if access_key(t) or not t.startswith("（")]
            assert None not in keys, f"no access key in {texts}"
            assert len(set(keys)) == len(keys), f"access keys repeat in {level.title()}: {texts}"
            assert not [t for t in texts if "--" in t], texts  # no command-line option names
            assert elided(level) == [], level.title()
            seen += len(texts)
        menu.hide()
    assert seen >= (20 if who is None else 12)
    window.store.close()


def test_a_department_sees_only_its_exports(qtbot: QtBot, sample_db: Path) -> None:
    dept = open_window(qtbot, sample_db, Identity("市民課"))
    export_menu.fill_menu(dept.export_menu, dept)
    mine = [a.objectName() for a in dept.export_menu.actions()]
    assert mine == ["export-submission", "export-roadmap", "export-booklet"]
    dept.set_identity(Identity(None))
    export_menu.fill_menu(dept.export_menu, dept)
    all_kinds = {a.objectName() for a in dept.export_menu.actions()}
    assert {"export-progress-table", "export-summary", "export-results", "export-tracker",
            "export-plan"} <= all_kinds
    dept.store.close()
