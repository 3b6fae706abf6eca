"""Choosing files: Qt's dialog in the UI's language, starting in the user's Documents.

The static ``QFileDialog.get…`` helpers started in the working folder (wherever planDesk
was started from) and, where no desktop dialog is available, showed Qt's dialog in
English bits. Both helpers here build the dialog themselves: start folder Documents,
Qt's own dialog except on Windows (whose dialog already speaks the system's language).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from planDesk.gui.widgets.screen_fit import place

translate = QCoreApplication.translate  # lupdate finds translate("context", "…") calls

DOCUMENTS_ENV = "PLANDESK_DOCUMENTS_DIR"  # tests and the screenshot script write elsewhere


def documents_folder() -> Path:
    """The user's Documents folder (Windows: ドキュメント), created when missing."""
    loc = os.environ.get(DOCUMENTS_ENV) or \
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(loc) if loc else Path.home()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _dialog(parent: QWidget | None, title: str, start: Path, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start), filters)
    dialog.setObjectName("fileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, sys.platform != "win32")
    # Qt 6 added access keys to two labels (「&Look in:」「Files of &type:」) that its own
    # Japanese catalogue (qtbase_ja) does not have yet: they showed in English.
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, translate("file_dialogs", "場所(&L):"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, translate("file_dialogs", "ファイルの種類(&T):"))
    place(dialog, QSize(860, 540))  # room for the file names (and never beyond the screen)
    return dialog


def save_path(parent: QWidget | None, title: str, suggested: Path | str, filters: str,
              suffixes: tuple[str, ...]) -> Path | None:
    """Where to save; ``suggested`` is a name (put in Documents) or a full path."""
    suggested = Path(suggested)
    if not suggested.is_absolute():
        suggested = documents_folder() / suggested
    dialog = _dialog(parent, title, suggested.parent, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(suggested.name)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    if suffixes and path.suffix.lower() not in suffixes:
        chosen = dialog.selectedNameFilter()
        path = path.with_name(path.name + next((s for s in suffixes if s in chosen), suffixes[0]))
    return path


def open_paths(parent: QWidget | None, title: str, filters: str) -> list[Path]:
    """Existing files to open (several may be chosen)."""
    dialog = _dialog(parent, title, documents_folder(), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    if not dialog.exec():
        return []
    return [Path(n) for n in dialog.selectedFiles()]
