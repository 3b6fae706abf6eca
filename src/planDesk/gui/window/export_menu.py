"""The 出力 menu and the department's 「提出用ファイルを作成（Excel・PDF）」.

The exporters are the core's registry (``core.exports.registry``), shared with the command line: each writes its file
atomically. The menu names them in the screen's words, with access keys, and shows a
department only what a department makes (its submission, the 工程表, the plan booklet);
the division sees every kind. The menu is filled each time it opens, so reportlab and
openpyxl are not loaded at start-up and the items follow the user's identity.

A department's hand-in is two files with one clear name, 部署_年度_進捗報告.xlsx / .pdf,
written to the user's Documents folder (``submission_files``), and a message that says
where they are and what to do with them. Every export runs on a worker thread with a
progress dialog and 中止 (``_write``); the window keeps painting meanwhile.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from planDesk.core.errors import UserError
from planDesk.core.reports.assignment import reporting_departments
from planDesk.core.reports.rules import cycle_label
from planDesk.gui.error_handling import show_user_error
from planDesk.gui.widgets import file_dialogs
from planDesk.gui.widgets.file_dialogs import documents_folder
from planDesk.gui.widgets.message_box import roomy

translate = QCoreApplication.translate  # lupdate finds translate("context", "…") calls

if TYPE_CHECKING:
    from planDesk.gui.window.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MenuItem:
    kind: str
    label: str  # translated, with its access key
    department: bool  # shown to a department user too (the division sees everything)


def menu_items() -> list[MenuItem]:
    """The 出力 menu in order. Access keys are unique within the menu (tests check)."""
    return [
        MenuItem("submission", translate("export", "提出用ファイルを作成（Excel・PDF）(&S)…"), True),
        MenuItem("roadmap", translate("export", "工程表（PDF・画像）(&R)…"), True),
        MenuItem("booklet", translate("export", "計画の冊子（PDF）(&B)…"), True),
        MenuItem("progress-table", translate("export", "進捗状況一覧（Excel・PDF）(&P)…"), False),
        MenuItem("summary", translate("export", "会議用の概要（PDF）(&M)…"), False),
        MenuItem("results", translate("export", "実績報告書（PDF）(&J)…"), False),
        MenuItem("tracker", translate("export", "提出状況一覧（Excel）(&T)…"), False),
        MenuItem("plan", translate("export", "計画ブック（配布用・取込様式）(&W)…"), False),
    ]


def _division_label(item: MenuItem) -> str:
    """The division makes a submission for a department it chooses."""
    if item.kind == "submission":
        return translate("export", "部署の提出用ファイル（Excel・PDF）(&S)…")
    return item.label


def fill_menu(menu: QMenu, window: MainWindow) -> None:
    """(Re)fill the menu with the exports this user may make."""
    from planDesk.core.exports.kinds import load_kinds
    from planDesk.gui.roadmap import image  # noqa: F401  (registers the .png writer)

    exporters = load_kinds()
    menu.clear()
    division = window.identity is not None and window.identity.is_division
    known = set()
    for item in menu_items():
        known.add(item.kind)
        if item.kind not in exporters or not (division or item.department):
            continue
        action = menu.addAction(_division_label(item) if division else item.label)
        action.setObjectName(f"export-{item.kind}")
        action.triggered.connect(lambda _c=False, k=item.kind: export(window, k))
    if division:  # a kind added to the command line later still appears for the division
        for kind in sorted(set(exporters) - known):
            action = menu.addAction(f"{exporters[kind].help}…")
            action.setObjectName(f"export-{kind}")
            action.triggered.connect(lambda _c=False, k=kind: export(window, k))
    if not menu.actions():
        menu.addAction(translate("export", "（出力できる帳票がありません）")).setEnabled(False)


def item_title(kind: str) -> str:
    """The menu item's words without the access key and 「…」, for dialog titles."""
    label = next((i.label for i in menu_items() if i.kind == kind), kind)
    return re.sub(r"\(&.\)|&", "", label).rstrip("…")


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def submission_stem(department: str, fy: int, half: int) -> str:
    """部署_年度_進捗報告, e.g. 市民課_令和7年度_進捗報告 (characters Windows refuses replaced)."""
    report = translate("export", "進捗報告")
    stem = f"{department}_{cycle_label(fy, half)}_{report}"
    return _UNSAFE.sub("_", stem).strip("._")


def _filter(suffix: str) -> str:
    return {".xlsx": translate("export", "Excel ブック (*.xlsx)"), ".pdf": "PDF (*.pdf)",
            ".png": translate("export", "PNG 画像 (*.png)")}.get(suffix, f"*{suffix}")


def choose_path(window: QWidget, title: str, suggested: Path, suffixes: tuple[str, ...]) -> Path | None:
    """Ask where to write; tests replace this function."""
    return file_dialogs.save_path(window, title, suggested, ";;".join(_filter(s) for s in suffixes), suffixes)


def open_file(path: Path) -> bool:
    """Open a written file in its program; False when there is none to open it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def tell(window: QWidget, title: str, text: str, details: str, folder: Path | None) -> None:
    """Say what was written and where; offer to open the folder. Tests replace this."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, window)
    box.setInformativeText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    open_button = box.addButton(translate("export", "フォルダを開く(&O)"), QMessageBox.ButtonRole.ActionRole) \
        if folder is not None else None
    roomy(box).exec()
    if open_button is not None and box.clickedButton() is open_button and folder is not None \
            and not open_file(folder):
        QMessageBox.information(window, title,
                                translate("export", "フォルダを開けませんでした。場所：{0}").format(folder))


class ExportCancelled(UserError):
    """中止 was pressed: no file was written (or replaced)."""


Written = list[tuple[Path, str]]  # each file written and the exporter's summary


def _write(window: MainWindow, title: str, files: list[tuple[str, Path, str | None]],
           then: Callable[[Written], None]) -> None:
    """Write each (kind, path, department) of the plan and cycle shown, on a worker thread
    with a progress dialog (gui/widgets/background.py); ``then`` gets what was written on
    the GUI thread. Each file is written under a temporary name beside its target and moved
    into place only when all are written, so 中止 leaves every target as it was. A PNG is
    painted by Qt's painter and stays on the GUI thread."""
    from planDesk.core.exports.kinds import load_kinds
    from planDesk.core.exports.registry import ExportOptions
    from planDesk.gui.widgets import background

    exporters = load_kinds()
    plan, cycle, store = window.plan, window.cycle, window.store
    assert plan is not None
    specs = [(kind, path, ExportOptions(plan=str(plan.id), department=department, fy=cycle.fy,
                                        cycle=cycle.option() if cycle.half else None, extra={}))
             for kind, path, department in files]

    def work(progress: background.Progress, cancelled: Callable[[], bool]) -> Written:
        parts: list[tuple[Path, Path, str]] = []
        try:
            for i, (kind, path, options) in enumerate(specs):
                if cancelled():
                    raise ExportCancelled(translate("export", "出力を中止しました。ファイルは作成していません。"))
                progress(i, len(specs), path.name)
                partial = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.partial{path.suffix}")
                summary = exporters[kind].run(store, options, partial)
                parts.append((partial, path, summary.replace(str(partial), str(path)).replace(partial.name, path.name)))
            if cancelled():
                raise ExportCancelled(translate("export", "出力を中止しました。ファイルは作成していません。"))
            for partial, path, _summary in parts:
                os.replace(partial, path)
        except BaseException:
            for partial, _path, _summary in parts:
                partial.unlink(missing_ok=True)
            raise
        progress(len(specs), len(specs), "")
        return [(path, summary) for _partial, path, summary in parts]

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ExportCancelled):
            window.statusBar().showMessage(exc.message, 8000)
        elif isinstance(exc, UserError):
            show_user_error(window, exc)
        else:
            raise exc

    if any(path.suffix.lower() == ".png" for _k, path, _d in files):
        try:
            result = work(lambda *_a: None, lambda: False)
        except BaseException as exc:
            failed(exc)
            return
        then(result)
        return
    window.job = background.start(window, title, work, then, failed)


def submission_files(window: MainWindow, department: str | None = None) -> list[Path]:
    """Write the department's submission as Excel and PDF into Documents and say so.

    The department is the user's own, or (for the division) the one given. The files are
    written in the background (``window.job``); returns the paths they go to."""
    plan = window.plan
    if plan is None:
        return []
    department = department or (window.identity.department if window.identity is not None else None)
    if department is None:
        return []
    window.save()  # what is typed goes into the files too
    folder = documents_folder()
    stem = submission_stem(department, window.cycle.fy, window.cycle.half)
    paths = [folder / f"{stem}{suffix}" for suffix in (".xlsx", ".pdf")]

    def written(files: Written) -> None:
        for path, summary in files:
            log.info("exported submission to %s: %s", path, summary)
        names = "\n".join("・" + p.name for p, _s in files)
        text = translate("export", "提出用ファイルを作成しました。")
        details = translate(
            "export",
            "保存先：{0}\n{1}\n\n"
            "Excel ファイル（.xlsx）を、メールまたは共有フォルダで情報政策課に送ってください。"
            "このファイルを Excel で開いて直接入力しても取り込めます。\n"
            "PDF は部署内の決裁（担当・係長・課長）に使ってください。").format(folder, names)
        window.statusBar().showMessage(translate("export", "提出用ファイルを作成しました：{0}").format(folder), 15000)
        tell(window, translate("export", "提出用ファイル"), text, details, folder)

    _write(window, translate("export", "提出用ファイルを作成しています"),
           [("submission", path, department) for path in paths], written)
    return paths


def export(window: MainWindow, kind: str) -> Path | None:
    """Ask where, then write in the background (``window.job``); the path it goes to."""
    from planDesk.core.exports.registry import EXPORTERS

    plan = window.plan
    if plan is None:
        return None
    exp = EXPORTERS[kind]
    title = item_title(kind)
    department = window.identity.department if window.identity is not None else None
    if kind == "submission":
        if department is None:
            names = [d.name for d in reporting_departments(plan)]
            question = translate("export", "どの部署の提出用ファイルを作成しますか。")
            name, ok = QInputDialog.getItem(window, title, question, names, 0, False)
            if not ok:
                return None
            department = name
        paths = submission_files(window, department)
        return paths[0] if paths else None
    window.save()  # what is typed goes into the output too
    cycle = window.cycle
    stem = f"{plan.name}_{title}_{cycle_label(cycle.fy, cycle.half)}"
    stem = _UNSAFE.sub("_", re.sub(r"（.*?）", "", stem))
    path = choose_path(window, title, documents_folder() / f"{stem}{exp.suffixes[0]}", exp.suffixes)
    if path is None:
        return None

    def written(files: Written) -> None:
        [(out, summary)] = files
        log.info("exported %s to %s: %s", kind, out, summary)
        window.statusBar().showMessage(summary, 8000)
        if open_file(out):
            opened = translate("export", "{0} を開きました（保存先：{1}）").format(out.name, out.parent)
            window.statusBar().showMessage(opened, 15000)
        else:
            tell(window, title, translate("export", "ファイルを出力しました。"),
                 translate("export", "保存先：{0}\nこのファイルを開くプログラムが見つからないため、開いていません。")
                 .format(out), out.parent)

    _write(window, translate("export", "{0}を出力しています").format(title), [(kind, path, None)], written)
    return path
