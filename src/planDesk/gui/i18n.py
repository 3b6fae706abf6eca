"""Loading translations: planDesk's own (.qm from resources/translations) and Qt's.

The source strings in the code are Japanese, so Japanese needs no planDesk catalogue;
English comes from ``planDesk_en.qm``. Qt's own ``qtbase_<lang>.qm`` translates the
standard dialogs' buttons (はい／いいえ, キャンセル …).
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QProcess, QTranslator
from PySide6.QtWidgets import QApplication

from planDesk import paths

log = logging.getLogger(__name__)

LANGUAGES = ("ja", "en")

_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> None:
    """Replace the installed translators with those for ``language`` ("ja" or "en")."""
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    if language not in LANGUAGES:
        language = "ja"
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if language == "ja" else QLocale.Language.English,
                               QLocale.Country.Japan))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_tr = QTranslator(app)
    if qt_tr.load(f"qtbase_{language}", qt_dir):
        _installed.append(qt_tr)
    elif language != "en":
        log.warning("Qt translation qtbase_%s not found in %s", language, qt_dir)
    if language != "ja":
        own = QTranslator(app)
        if own.load(f"planDesk_{language}", str(paths.translations_dir())):
            _installed.append(own)
        else:
            log.warning("translation planDesk_%s not found in %s", language, paths.translations_dir())
    for tr in _installed:
        app.installTranslator(tr)


def restart() -> None:
    """Start planDesk again with the same arguments (after a language change) and quit."""
    if getattr(sys, "frozen", False):
        QProcess.startDetached(sys.executable, sys.argv[1:])
    else:
        QProcess.startDetached(sys.executable, ["-m", "planDesk", *sys.argv[1:]])
    QApplication.quit()
