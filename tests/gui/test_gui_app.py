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
                          env=gui_env(_data_dir, PLANDESK_EXIT_AFTER_FIRST_PAINT="plan"), timeout=120)
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


def test_the_window_paints_before_the_database_is_opened(tmp_path: Path, _data_dir: Path) -> None:
    """The bench hook "1" quits at the first paint: the database is not even opened by then."""
    db = tmp_path / "never.sqlite3"
    proc = subprocess.run([sys.executable, "-m", "planDesk", "--db", str(db)], capture_output=True, text=True,
                          env=gui_env(_data_dir, PLANDESK_EXIT_AFTER_FIRST_PAINT="1"), timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not db.exists()


def test_building_the_window_imports_no_database_layer(_data_dir: Path) -> None:
    code = (
        "import sys\n"
        "from planDesk.gui.app import make_application\n"
        "app = make_application()\n"
        "from planDesk.gui.window.main_window import MainWindow\n"
        "w = MainWindow(None)\n"
        "print(w.match_label.text(), w.placeholder.text())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'openpyxl', 'reportlab')\n"
        "             or m in ('planDesk.core.domain.model', 'planDesk.core.persistence.store')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=gui_env(_data_dir),
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    loading, imported = proc.stdout.splitlines()
    assert loading == "読み込み中… 読み込み中…"
    assert imported == "[]"


def test_the_plan_read_off_the_gui_thread_is_shown(sample_db: Path, _data_dir: Path) -> None:
    # In a process of its own: run() quits the application and freezes the garbage collector.
    code = (
        "import sys\n"
        "from planDesk.gui import app\n"
        "from planDesk.gui.window.main_window import MainWindow\n"
        "original = MainWindow.show_plans\n"
        "def spy(self, plans, plan):\n"
        "    original(self, plans, plan)\n"
        "    print(self.plan.key, len(self.model.initiatives()), self.placeholder.text(), self.match_label.text())\n"
        "MainWindow.show_plans = spy\n"
        f"sys.exit(app.run({str(sample_db)!r}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=gui_env(_data_dir, PLANDESK_EXIT_AFTER_FIRST_PAINT="plan"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["hitachinaka", "34", "左の一覧から取組事項を選んでください。", "全34件"]


# Run in a process of its own (run() quits the application): records the window when it
# first paints (its shell) and when the plan is shown, then prints both as JSON.
_SAME_WINDOW_SCRIPT = """
import json, sys
from PySide6.QtCore import QByteArray, QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from planDesk.gui import app, settings
from planDesk.gui.window.main_window import MainWindow

qapp = app.make_application()
if sys.argv[2] == "en":
    settings.set_language("en")
    app.install_translators(qapp, "en")
before = QMainWindow()
before.setGeometry(40, 60, 640, 420)  # where the user left it (inside the 800×600 offscreen screen)
settings.save_window_state(before.saveGeometry(), QByteArray(), QByteArray())
before.deleteLater()
seen = {}

def snapshot(window):
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    return {"id": id(window), "win": int(window.winId()), "rect": list(window.geometry().getRect()),
            "visible": [type(w).__name__ for w in visible], "paints": seen.get("paints", 0),
            "labels": sorted(l.text() for l in window.findChildren(QLabel) if l.isVisibleTo(window) and l.text()),
            "menus": [a.text() for a in window.menuBar().actions() if a.isVisible()]}

class CountPaints(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            seen["paints"] = seen.get("paints", 0) + 1
        return False

counter = CountPaints()
original_init, original_build, original_show = MainWindow.__init__, MainWindow.build, MainWindow.show_plans

def init(self, *args, **kwargs):
    original_init(self, *args, **kwargs)
    self.installEventFilter(counter)
    seen["built_at_init"] = self.built

def build(self):
    seen["first_paint"] = snapshot(self)
    original_build(self)

def show_plans(self, plans, plan):
    original_show(self, plans, plan)
    seen["plan"] = snapshot(self)
    index = self.tree.model().index(0, 0)
    seen["expanded"] = self.tree.isExpanded(index)
    self.view_menu.actions()[1].trigger()  # すべて折りたたむ, from the menu built after the paint
    seen["collapsed"] = not self.tree.isExpanded(index)

MainWindow.__init__, MainWindow.build, MainWindow.show_plans = init, build, show_plans
status = app.run(sys.argv[1])
print(json.dumps(seen, ensure_ascii=False))
sys.exit(status)
"""


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_window_first_painted_is_the_one_that_shows_the_plan(sample_db: Path, _data_dir: Path,
                                                                  language: str) -> None:
    """The shell (title, saved geometry, 読み込み中…) paints first; the menus, tree and panes
    are built into that same window: same object and native window, same geometry, one window."""
    import json

    proc = subprocess.run([sys.executable, "-c", _SAME_WINDOW_SCRIPT, str(sample_db), language],
                          capture_output=True, text=True, timeout=120,
                          env=gui_env(_data_dir, PLANDESK_EXIT_AFTER_FIRST_PAINT="plan"))
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.splitlines()[-1])
    first, shown = seen["first_paint"], seen["plan"]
    loading = "Loading…" if language == "en" else "読み込み中…"
    assert seen["built_at_init"] is False
    assert first["paints"] >= 1
    assert first["labels"] == [loading]  # the shell: nothing but 読み込み中… …
    assert first["menus"] == []
    assert first["visible"] == ["MainWindow"]
    assert first["rect"] == [40, 60, 640, 420]  # … where the user left the window
    assert (shown["id"], shown["win"], shown["rect"]) == (first["id"], first["win"], first["rect"])
    assert shown["visible"] == ["MainWindow"]  # no second window, before or after
    assert shown["menus"][0] == ("&File" if language == "en" else "ファイル(&F)")
    choose = ("Choose from the list on the left (取組事項)." if language == "en"
              else "左の一覧から取組事項を選んでください。")  # the plan's word for its items
    assert choose in shown["labels"]
    assert seen["expanded"] and seen["collapsed"]  # a menu action works on the plan shown


def test_the_shell_imports_nothing_of_the_windows_content(_data_dir: Path) -> None:
    """What paints first (gui/window/shell.py) leaves the tree, the filter, the page, the
    menus' modules — and the database layer — to ``build()``."""
    code = (
        "import sys\n"
        "from planDesk.gui.app import make_application\n"
        "app = make_application()\n"
        "from planDesk.gui.window.main_window import MainWindow\n"
        "w = MainWindow(None, build=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('planDesk.gui.plan', 'planDesk.gui.report',\n"
        "             'planDesk.core.domain', 'sqlalchemy')) or m in ('planDesk.gui.window.export_menu',\n"
        "             'planDesk.gui.window.hosted_tools', 'planDesk.gui.change_hub')))\n"
        "w.build()\n"
        "print(w.match_label.text(), len(w.menuBar().actions()) > 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=gui_env(_data_dir),
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    imported, built = proc.stdout.splitlines()
    assert imported == "[]"
    assert built == "読み込み中… True"


def test_the_log_file_is_opened_after_the_first_paint_with_what_came_before(sample_db: Path,
                                                                           _data_dir: Path) -> None:
    """``plandesk`` holds log records until the window has painted (the rotating handler's
    imports cost ~15 ms), then writes them to the log file with the rest."""
    code = (
        "import logging, sys\n"
        "from planDesk import logsetup\n"
        "from planDesk.cli.main import main\n"
        "from planDesk.gui import app\n"
        "make, setup = app.make_application, logsetup.setup_logging\n"
        "def make_application():\n"
        "    logging.getLogger('planDesk.test').warning('logged before the first paint')\n"
        "    return make()\n"
        "def setup_logging(*args):\n"
        "    print('logging.handlers' in sys.modules, app.QApplication.instance().topLevelWidgets()[0].isVisible())\n"
        "    return setup(*args)\n"
        "app.make_application, logsetup.setup_logging = make_application, setup_logging\n"
        f"sys.exit(main(['--db', {str(sample_db)!r}]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=gui_env(_data_dir, PLANDESK_EXIT_AFTER_FIRST_PAINT="plan"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]  # opened after the paint, imported only then
    log_text = (_data_dir / "logs" / "planDesk.log").read_text(encoding="utf-8")
    assert "WARNING planDesk.test: logged before the first paint" in log_text
