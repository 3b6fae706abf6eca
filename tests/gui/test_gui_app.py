"""Starting the application: first start, the bench hook, a database that cannot be opened."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from planDesk.core.persistence.store import Store
from planDesk.gui import app as app_module
from planDesk.gui import data_access


@pytest.fixture(autouse=True)
def _app_font_restored(qapp: QApplication) -> Iterator[None]:
    """make_application (also inside app.run) sets the UI font on the tests' shared
    application: put the font back, later tests measure widths in the default one."""
    before = QApplication.font()
    yield
    QApplication.setFont(before)


def gui_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLANDESK_DATA_DIR=str(data_dir), **extra)
    env.pop("PLANDESK_DB", None)
    return env


def test_first_start_loads_the_sample_and_paints_the_window(tmp_path: Path, _data_dir: Path) -> None:
    db = tmp_path / "fresh.sqlite3"
    proc = subprocess.run([sys.executable, "-m", "planDesk", "--db", str(db)], capture_output=True, text=True,
                          env=gui_env(_data_dir, PLANDESK_EXIT_AFTER_FIRST_PAINT="1"), timeout=120)
    assert proc.returncode == 0, proc.stderr
    store = Store.open(str(db))
    try:
        assert [p.key for p in data_access.plans(store)] == ["hitachinaka"]
    finally:
        store.close()


def test_unopenable_database_is_a_japanese_message_and_exit_1(tmp_path: Path, qapp: QApplication,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "broken.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text() + self.informativeText()) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    try:
        assert app_module.run(str(bad)) == 1
    finally:
        qInstallMessageHandler(None)
    assert shown and shown[0].startswith("データベースを開けませんでした。")
    assert "broken.sqlite3" in shown[0]


def test_bundled_font_is_the_ui_font(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    try:
        app = app_module.make_application()
    finally:
        qInstallMessageHandler(None)
    assert "BIZ UDPGothic" in QFontDatabase.families()
    assert app.font().family() == "BIZ UDPGothic"


def test_qt_warnings_go_to_the_log(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from PySide6.QtCore import qWarning

    from planDesk.gui.error_handling import install_qt_message_handler

    try:
        install_qt_message_handler()
        with caplog.at_level(logging.WARNING, logger="qt"):
            qWarning("テスト用の警告")
    finally:
        qInstallMessageHandler(None)
    assert any(r.name == "qt" and "テスト用の警告" in r.getMessage() for r in caplog.records)
