"""Every window opens inside the screen's available area (issue 15: 1366×768 office PCs,
1920×1080 at 150 %), and its buttons are reachable.

Two levels: in this process on the offscreen screen (800×600, smaller than any office PC),
and — the real check — the program on Xvfb with a window manager (openbox), whose title
bars count, at 1366×768 and at 1920×1080 with QT_SCALE_FACTOR=1.5, through
tests/screen_tour.py (which also opens every menu there: Qt's elision of Japanese menu
texts shows on a real display, not offscreen).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from gui_helpers import documents_folder, no_modal_dialogs, open_window  # noqa: F401  (autouse fixtures)
from PySide6.QtCore import QByteArray, QRect
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from planDesk.gui import settings
from planDesk.gui.identity import Identity
from planDesk.gui.window.identity_dialog import IdentityDialog
from planDesk.gui.window.tool_windows import ToolWindow

ROOT = Path(__file__).resolve().parents[2]


def frame_fits(window: QWidget) -> tuple[bool, QRect, QRect]:
    screen = window.screen()
    avail = screen.availableGeometry()
    frame = window.frameGeometry()
    return avail.contains(frame), frame, avail


def test_every_window_fits_the_offscreen_screen(qtbot: QtBot, sample_db: Path) -> None:
    window = open_window(qtbot, sample_db, Identity(None))
    with qtbot.waitExposed(window):
        window.show()
    opened: list[QWidget] = [window]
    for open_tool in (window.open_plan_editor, window.open_audit_log, window.open_roadmap, window.open_merge,
                      window.open_tracker):
        tool = open_tool()
        assert tool is not None
        qtbot.waitExposed(tool)
        opened.append(tool)
    assert window.plan is not None
    dialog = IdentityDialog(window.plan, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    opened.append(dialog)
    for w in opened:
        fits, frame, avail = frame_fits(w)
        assert fits, f"{w.objectName()} {frame} not inside {avail}"
    window.store.close()


def test_a_geometry_remembered_on_a_larger_screen_is_pulled_back(qtbot: QtBot, sample_db: Path) -> None:
    big = ToolWindow("merge", "x", QWidget())
    qtbot.addWidget(big)
    big.setGeometry(50, 40, 1920, 1199)  # as a 150 % screen once remembered it
    settings.app_settings().setValue("tools/merge", big.saveGeometry())
    again = ToolWindow("merge", "x", QWidget())
    qtbot.addWidget(again)
    assert isinstance(settings.app_settings().value("tools/merge"), QByteArray)
    again.show()
    qtbot.waitUntil(lambda: frame_fits(again)[0], timeout=2000)
    big.close()


def test_the_report_forms_buttons_are_reachable(qtbot: QtBot, sample_db: Path) -> None:
    from gui_helpers import initiative_by_code

    window = open_window(qtbot, sample_db, Identity("市民課"))
    with qtbot.waitExposed(window):
        window.show()
    window.select_initiative(initiative_by_code(window, "①－１－１"))
    assert window.page is not None
    form = window.page.forms[0]
    window.page_scroll.ensureWidgetVisible(form.submit_button)
    top_left = form.submit_button.mapTo(window, form.submit_button.rect().topLeft())
    bottom = top_left.y() + form.submit_button.height()
    assert top_left.y() >= 0 and bottom <= window.height()
    assert window.frameGeometry().bottom() <= window.screen().availableGeometry().bottom()
    window.store.close()


def _screenshots_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["screenshots"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("config", ["ja-1366x768", "en-1920x1080-150"])
def test_every_window_fits_a_real_screen_with_a_window_manager(config: str, tmp_path: Path) -> None:
    shots = _screenshots_module()
    cfg = next(c for c in shots.CONFIGS if c.name == config)
    result = shots.run_tour(cfg, tmp_path)
    windows = result["windows"]
    names = {w["name"] for w in windows}
    assert {"first-start", "main-window", "08-merge", "11-tracker", "12-roadmap", "14-plan-editor",
            "15-audit-log", "03-submit-question", "05-files-created"} <= names
    for w in windows:
        assert w["fits"], f"{w['name']}: frame {w['frame']} not inside {w['available']}"
        _x, _y, width, height = w["frame"]
        assert height > 100 and width > 200, w  # a real frame, not a collapsed window
    scale = cfg.scale
    main = next(w for w in windows if w["name"] == "main-window")
    assert main["dpr"] == pytest.approx(scale)
    assert result["elided"] == []  # every menu item drawn whole on this display
