"""A tour of every window, as a clerk and then the division would open them.

Run inside a display (Xvfb with a window manager: ``scripts/screenshots.py`` starts both),
it opens the first start, the report form scrolled to its buttons, 提出 and the files it
writes, the merge, the tracker, the 工程表 and the plan editor; for each window it records
the frame (with the window manager's title bar) against the screen's available area, and
optionally saves a screenshot of the whole screen. Used by tests/test_gui_screen_fit.py
(frames only) and scripts/screenshots.py (the pictures in docs/screens/).

    python tests/screen_tour.py --db FILE --report OUT.json [--shots DIR] [--lang en]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

SETTLE_MS = 700  # the window manager maps and decorates a new window


def wait(ms: int = SETTLE_MS) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def small(path: Path, colors: int = 96) -> None:
    """A screenshot in a few colours without dithering: a quarter of the bytes, text as sharp.
    (Pillow comes with reportlab: no dependency of its own.)"""
    from PIL import Image

    with Image.open(path) as im:
        quantized = im.convert("RGB").quantize(colors=colors, method=Image.Quantize.FASTOCTREE,
                                               dither=Image.Dither.NONE)
    quantized.save(path, optimize=True)


def settle(window: QWidget, timeout_ms: int = 5000) -> None:
    """Wait until the window manager has mapped and decorated the window (a busy machine
    takes longer than SETTLE_MS)."""
    wait()
    waited = 0
    while waited < timeout_ms and not (window.isVisible() and window.height() > 20
                                       and window.frameGeometry().height() > window.height()):
        wait(100)
        waited += 100


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


class Tour:
    def __init__(self, shots: Path | None, prefix: str) -> None:
        self.shots = shots
        self.prefix = prefix
        self.windows: list[dict[str, Any]] = []
        self.images: list[str] = []
        self.elided: list[str] = []  # menu items drawn elided
        self.next_dialog = ""  # the name of the next modal dialog's picture
        self.then_dialog = ""  # … and of the one after it

    def record(self, name: str, window: QWidget) -> None:
        screen = window.screen() or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry()
        frame = window.frameGeometry()
        self.windows.append({"name": name, "frame": rect(frame), "available": rect(avail),
                             "fits": avail.contains(frame), "title": window.windowTitle(),
                             "dpr": window.devicePixelRatioF()})

    def shoot(self, name: str) -> None:
        if self.shots is None:
            return
        wait(150)
        screen = QGuiApplication.primaryScreen()
        image = screen.grabWindow(0).toImage()
        if image.width() > 1400:  # 1920×1080 at 150 %: half the pixels, still legible
            image = image.scaledToWidth(1366, Qt.TransformationMode.SmoothTransformation)
        path = self.shots / f"{self.prefix}-{name}.png"
        image.save(str(path), "PNG")
        small(path)
        self.images.append(path.name)

    def check_menus(self, who: str, window: Any) -> None:
        """Open every menu on this real display; note items drawn elided."""
        from menu_helpers import elided, open_menu, visible_menus, walk

        for menu in visible_menus(window):
            open_menu(menu)
            for level in walk(menu):
                self.elided.extend(f"{who}: {t}" for t in elided(level))
            menu.hide()

    def window(self, name: str, window: QWidget) -> None:
        window.show()
        window.raise_()
        window.activateWindow()
        settle(window)
        self.record(name, window)
        self.shoot(name)

    def catch_dialogs(self) -> None:
        """Modal dialogs are shown, recorded, photographed and answered with their default."""
        tour = self

        def exec_(dialog: QDialog, *args: object) -> int:
            dialog.show()
            settle(dialog)
            name = tour.next_dialog or (dialog.objectName() or "dialog")
            tour.next_dialog, tour.then_dialog = tour.then_dialog, ""
            tour.record(name, dialog)
            tour.shoot(name)
            dialog.hide()
            if isinstance(dialog, QFileDialog):
                dialog.reject()
                return int(QDialog.DialogCode.Rejected.value)
            if isinstance(dialog, QMessageBox):
                default = dialog.defaultButton()
                button = default if default is not None else (dialog.buttons() or [None])[0]
                return int(dialog.standardButton(button).value) if button is not None else 0
            dialog.accept()
            return int(QDialog.DialogCode.Accepted.value)

        QDialog.exec = exec_  # type: ignore[method-assign]
        QMessageBox.exec = exec_  # type: ignore[method-assign]


def run(args: argparse.Namespace) -> int:
    from planDesk.core.persistence.store import Store
    from planDesk.core.plan.workbook.apply import import_plan
    from planDesk.core.plan.workbook.write import export_plan_workbook
    from planDesk.gui import settings
    from planDesk.gui.app import make_application, open_store
    from planDesk.gui.identity import DIVISION, Identity
    from planDesk.gui.window import export_menu
    from planDesk.gui.window.identity_dialog import IdentityDialog
    from planDesk.gui.window.main_window import MainWindow

    settings.set_language(args.lang)
    app = make_application()
    tour = Tour(Path(args.shots) if args.shots else None, args.prefix)
    tour.catch_dialogs()
    # The division's first start: the bundled sample plan, nothing to configure.
    division_db = Path(args.db).with_name("division.sqlite3")
    store = open_store(str(division_db))
    window = MainWindow(store)
    window.load_plans(None)
    window.show()
    settle(window)
    plan = window.plan
    assert plan is not None
    dialog = IdentityDialog(plan, None, window)
    dialog.show()
    settle(dialog)
    tour.record("first-start", dialog)
    tour.record("main-window", window)
    tour.shoot("01-first-start")
    dialog.close()
    tour.check_menus("division", window)
    # The plan is handed out as a plan workbook; the department's planDesk takes it in.
    handout = Path(args.db).with_name("計画ブック.xlsx")
    export_plan_workbook(store, handout)
    window.close()
    store.close()
    store = Store.open(args.db, create=True)
    import_plan(store, handout)
    settings.set_identity_value(plan.key, Identity(args.department).to_setting())
    window = MainWindow(store)
    window.load_plans(None)
    window.show()
    settle(window)
    plan = window.plan
    assert plan is not None
    tour.check_menus("department", window)

    ini = next(i for i in window.model.initiatives() if i.code == args.initiative)
    window.select_initiative(ini.id)
    wait(200)
    page = window.page
    assert page is not None and page.forms
    form = page.forms[0]
    form.apply_value("activities", args.activities)
    form.widgets["evaluation"].set_value(plan.evaluation_scale[1][0])
    form._edited("evaluation", plan.evaluation_scale[1][0], mergeable=False)
    form.widgets["direction"].set_value(plan.directions[1])
    form._edited("direction", plan.directions[1], mergeable=False)
    form.save()
    window.page_scroll.ensureWidgetVisible(form.submit_button, 50, 200)
    wait(300)
    tour.shoot("02-report-form-buttons")

    tour.next_dialog = "03-submit-question"  # answered Yes by the dialog catcher
    form.submit()
    tour.next_dialog = ""
    wait(600)
    tour.record("main-window-submitted", window)
    tour.shoot("04-submitted")
    tour.next_dialog = "05-files-created"
    files = export_menu.submission_files(window)
    for _ in range(600):  # written in the background; the message box follows
        if not window.busy:
            break
        wait(100)
    tour.next_dialog = ""
    pdf = next((p for p in files if p.suffix == ".pdf"), None)
    if pdf is not None and tour.shots is not None:
        out = tour.shots / f"{tour.prefix}-06-submission-pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out)],
                       check=False)
        if out.with_suffix(".png").exists():
            small(out.with_suffix(".png"))
            tour.images.append(out.with_suffix(".png").name)

    # Back at the division: the department's files come by mail.
    window.close()
    store.close()
    settings.set_identity_value(plan.key, DIVISION.to_setting())
    store = open_store(str(division_db))
    window = MainWindow(store)
    window.load_plans(None)
    window.show()
    settle(window)
    ini = next(i for i in window.model.initiatives() if i.code == args.initiative)
    merge = window.open_merge()
    assert merge is not None
    view: Any = merge.tool()
    xlsx = [p for p in files if p.suffix == ".xlsx"]
    tour.next_dialog = "07-file-dialog"
    view.choose_files()  # the dialog's picture; cancelled
    tour.next_dialog = ""
    view.add_files(xlsx)
    tour.window("08-merge", merge)
    tour.next_dialog = "09-merge-confirm"
    tour.then_dialog = "10-merged"
    view.merge()
    for _ in range(600):  # merged in the background; the report follows
        if not view.busy:
            break
        wait(100)
    tour.next_dialog = ""
    wait(300)
    merge.close()
    tracker = window.open_tracker()
    assert tracker is not None
    tour.window("11-tracker", tracker)
    tracker.close()
    roadmap = window.open_roadmap()
    assert roadmap is not None
    tour.window("12-roadmap", roadmap)
    roadmap_view: Any = roadmap.tool()
    roadmap_view.set_zoom("month")
    wait(300)
    tour.shoot("13-roadmap-month")
    roadmap.close()
    editor = window.open_plan_editor()
    assert editor is not None
    tour.window("14-plan-editor", editor)
    editor.close()
    audit = window.open_audit_log()
    assert audit is not None
    tour.window("15-audit-log", audit)
    audit.close()
    window.select_initiative(ini.id)
    wait(300)
    tour.window("16-division-page", window)

    Path(args.report).write_text(json.dumps({"windows": tour.windows, "images": tour.images,
                                             "elided": tour.elided},
                                            ensure_ascii=False, indent=1), encoding="utf-8")
    window.close()
    store.close()
    app.quit()
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--db", required=True)
    p.add_argument("--report", required=True)
    p.add_argument("--shots")
    p.add_argument("--prefix", default="ja-1366x768")
    p.add_argument("--lang", default="ja")
    p.add_argument("--department", default="市民課")
    p.add_argument("--initiative", default="①－１－２")
    p.add_argument("--activities", default="マイナンバーカードの出張申請受付を市内12か所で実施した。")
    args = p.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
