"""Every menu, walked: access keys unique per level, every item has one, no text elided,
and no command-line words (--department) on screen — for the division and a department,
in Japanese and in English (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import documents_folder, no_modal_dialogs, open_window  # noqa: F401  (autouse fixtures)
from menu_helpers import access_key, elided, open_menu, visible_menus, walk, window_level_keys
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planDesk.gui.i18n import install_translators
from planDesk.gui.identity import Identity
from planDesk.gui.window import export_menu


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
